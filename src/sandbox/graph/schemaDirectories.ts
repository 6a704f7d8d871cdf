import { Router } from 'express';
import type { Request } from 'express';
import type { SandboxContext } from '../context';
import { notFound } from '../http/graphError';
import type { SynchronizationSchema } from '../types';
import { requestBaseUrl } from './collection';
import { directoryObjectNotFound } from './replication';
import { findApplication, findServicePrincipal, visibleServicePrincipals } from './servicePrincipals';
import { findJob, templateSchema } from './synchronization';

/**
 * `.../schema/directories` and `.../schema/directories/{id}`: the `directories` navigation property
 * of synchronizationSchema (contained, per the v1.0 metadata), read on its own. SDKs generate these
 * requests (`schema.directories.get()`), so they must answer as the schema's inline copy does.
 */
export function schemaDirectoriesRouter(ctx: SandboxContext): Router {
  const r = Router();
  const meta = (req: Request, what: string) => `${requestBaseUrl(req)}${req.baseUrl}/$metadata#${what}`;
  const JOB = '/servicePrincipals/:id/synchronization/jobs/:jobId/schema/directories';
  const SP_TEMPLATE = '/servicePrincipals/:id/synchronization/templates/:templateId/schema/directories';
  const APP_TEMPLATE = '/applications/:appObjectId/synchronization/templates/:templateId/schema/directories';

  /** The schema the request names and the context path of its directories. */
  const schemaOf = (req: Request): { schema: SynchronizationSchema; path: string } => {
    const p = req.params as Record<string, string>;
    if (p.appObjectId) {
      const app = findApplication(ctx, p.appObjectId);
      const sp = visibleServicePrincipals(ctx).find((s) => s.appId === app.appId);
      if (!sp) throw directoryObjectNotFound(p.appObjectId);
      if (!ctx.store.sync(sp.id).templateIds.includes(p.templateId)) throw notFound(`The template '${p.templateId}' was not found.`, 'itemNotFound');
      return { schema: templateSchema(ctx, sp.id, p.templateId), path: `applications('${app.id}')/synchronization/templates('${p.templateId}')/schema/directories` };
    }
    const sp = findServicePrincipal(ctx, p.id);
    if (p.jobId) {
      const job = findJob(ctx, sp.id, p.jobId);
      return { schema: job.schema, path: `servicePrincipals('${sp.id}')/synchronization/jobs('${job.id}')/schema/directories` };
    }
    if (!ctx.store.sync(sp.id).templateIds.includes(p.templateId)) throw notFound(`The template '${p.templateId}' was not found.`, 'itemNotFound');
    return { schema: templateSchema(ctx, sp.id, p.templateId), path: `servicePrincipals('${sp.id}')/synchronization/templates('${p.templateId}')/schema/directories` };
  };

  r.get([JOB, SP_TEMPLATE, APP_TEMPLATE], (req, res) => {
    const { schema, path } = schemaOf(req);
    res.json({ '@odata.context': meta(req, path), value: schema.directories });
  });
  r.get([`${JOB}/:directoryId`, `${SP_TEMPLATE}/:directoryId`, `${APP_TEMPLATE}/:directoryId`], (req, res) => {
    const { schema, path } = schemaOf(req);
    const directory = schema.directories.find((d) => d.id === req.params.directoryId);
    if (!directory) throw notFound(`Directory '${req.params.directoryId}' is not part of this schema.`, 'itemNotFound');
    res.json({ '@odata.context': meta(req, `${path}/$entity`), ...directory });
  });
  return r;
}
