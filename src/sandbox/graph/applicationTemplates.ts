import { Router } from 'express';
import type { Request } from 'express';
import { instantiateTemplate, runtimeIds } from '../apps';
import type { SandboxContext } from '../context';
import { badRequest, notFound } from '../http/graphError';
import { checkFields, requireObject } from '../http/validate';
import { requestBaseUrl, sendCollection, sendEntity } from './collection';
import { applicationView, present, servicePrincipalView } from './views';

/** `/applicationTemplates` (the gallery) and instantiate. */
export function applicationTemplatesRouter(ctx: SandboxContext): Router {
  const r = Router();
  const meta = (req: Request, what: string) => `${requestBaseUrl(req)}${req.baseUrl}/$metadata#${what}`;
  const find = (id: string) => {
    const t = ctx.store.templates.get(id);
    if (!t) throw notFound(`Application template '${id}' was not found.`, 'itemNotFound');
    return t;
  };

  r.get('/applicationTemplates', (req, res) => {
    sendCollection(req, res, [...ctx.store.templates.values()], { context: meta(req, 'applicationTemplates'), directoryObject: true, maxTop: 999 });
  });
  r.get('/applicationTemplates/:id', (req, res) => {
    sendEntity(req, res, find(req.params.id), meta(req, 'applicationTemplates/$entity'));
  });
  r.post('/applicationTemplates/:id/instantiate', (req, res) => {
    const template = find(req.params.id);
    const body = requireObject(req.body);
    checkFields(body, { displayName: 'string' });
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || !displayName.trim()) throw badRequest("Property 'displayName' is required.");
    const { application, servicePrincipal } = instantiateTemplate(ctx.store, template, displayName.trim(), runtimeIds);
    // The answer comes from the replica that took the write; other requests wait for replication.
    ctx.replication.written(application.id, servicePrincipal.id);
    res.status(201).json({
      '@odata.context': meta(req, 'microsoft.graph.applicationServicePrincipal'),
      application: present(applicationView, application, undefined),
      servicePrincipal: present(servicePrincipalView, servicePrincipal, undefined),
    });
  });
  return r;
}
