import { Router } from 'express';
import type { SandboxContext } from '../context';
import { notFound } from '../http/graphError';
import { queryParam, requestBaseUrl, sendCollection } from './collection';

/**
 * `/auditLogs/provisioning`: provisioning log entries, newest first, case-sensitive filters. An
 * entry shows up only once ingested (see ProvisioningLogIngestion), like Entra's.
 */
export function auditLogsRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/auditLogs/provisioning', (req, res) => {
    const entries = ctx.logs.visible(ctx.store.data.audit);
    // Without $orderby, newest first, which is what log viewers want to page through.
    const items = queryParam(req, '$orderby') === undefined ? [...entries].reverse() : entries;
    sendCollection(req, res, items, {
      context: `${requestBaseUrl(req)}${req.baseUrl}/$metadata#auditLogs/provisioning`,
      directoryObject: false,
      defaultTop: 100,
      maxTop: 1000,
    });
  });
  r.get('/auditLogs/provisioning/:id', (req, res) => {
    const entry = ctx.store.data.audit.find((e) => e.id === req.params.id);
    if (!entry || !ctx.logs.isVisible(entry)) throw notFound(`Provisioning log entry '${req.params.id}' was not found.`, 'itemNotFound');
    res.json({ '@odata.context': `${requestBaseUrl(req)}${req.baseUrl}/$metadata#auditLogs/provisioning/$entity`, ...entry });
  });
  return r;
}
