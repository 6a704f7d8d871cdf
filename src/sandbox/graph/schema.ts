import type { SynchronizationSchema } from '../types';
import { Router } from 'express';
import type { Request } from 'express';
import type { SandboxContext } from '../context';
import { GraphError, notFound } from '../http/graphError';
import { FILTER_OPERATORS } from '../schema/operators';
import { bumpVersion } from '../sync/jobFactory';
import { requestBaseUrl } from './collection';
import { checkSchema } from '../schema/validation';
import { findApplication, findServicePrincipal, visibleServicePrincipals } from './servicePrincipals';
import { findJob, templateSchema } from './synchronization';

/** Extra handlers for schema sub-resources (functions, parseExpression) provided by the caller. */
export interface SchemaExtensions {
  functions(): unknown[];
  parseExpression(body: unknown): unknown;
}

/**
 * Rewrites the OData-function form `schema/functions()` and `schema/filterOperators()` to the plain
 * form, since SDKs call them either way.
 */
export function functionCallAlias(req: Request, _res: unknown, next: () => void): void {
  if (/\/schema\/(functions|filterOperators)\(\)/.test(req.url)) req.url = req.url.replace(/\/schema\/(functions|filterOperators)\(\)/, '/schema/$1');
  next();
}

/** Job and template schema endpoints. */
export function schemaRouter(ctx: SandboxContext, ext: SchemaExtensions): Router {
  const r = Router();
  const { store } = ctx;
  const meta = (req: Request, what: string) => `${requestBaseUrl(req)}${req.baseUrl}/$metadata#${what}`;
  const JOB = '/servicePrincipals/:id/synchronization/jobs/:jobId/schema';
  const SP_TEMPLATE = '/servicePrincipals/:id/synchronization/templates/:templateId/schema';
  const APP_TEMPLATE = '/applications/:appObjectId/synchronization/templates/:templateId/schema';
  const schemaPaths = new Map([JOB, SP_TEMPLATE, APP_TEMPLATE].map((p) => [p, new RegExp(`^${p.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`, 'i')]));

  /** The schema a sub-resource request is about (job or template), read-only. */
  const schemaFor = (req: Request) => {
    const params = req.params as Record<string, string>;
    if (params.appObjectId) {
      const app = findApplication(ctx, params.appObjectId);
      const sp = visibleServicePrincipals(ctx).find((s) => s.appId === app.appId);
      if (!sp) throw notFound(`Resource '${params.appObjectId}' does not exist.`);
      return templateSchema(ctx, sp.id, params.templateId);
    }
    const sp = findServicePrincipal(ctx, params.id);
    if (params.jobId) return findJob(ctx, sp.id, params.jobId).schema;
    if (!store.sync(sp.id).templateIds.includes(params.templateId)) throw notFound(`The template '${params.templateId}' was not found.`, 'itemNotFound');
    return templateSchema(ctx, sp.id, params.templateId);
  };

  // A PATCH of a schema is not supported (the documented update is PUT). Graph relays the provisioning
  // service's Web API answer: 404 with its `{"Message":...}` document as the message, whatever the ids
  // (msgraph-sdk-python issue 820, github.com/microsoftgraph/msgraph-sdk-python/issues/820). Not a
  // route, so the 405 answer's list of methods a schema takes does not offer PATCH.
  r.use((req, _res, next) => {
    if (req.method === 'PATCH' && [JOB, SP_TEMPLATE, APP_TEMPLATE].some((p) => schemaPaths.get(p)!.test(req.path))) {
      const uri = `${requestBaseUrl(req)}${req.baseUrl}${req.path}`;
      throw new GraphError(404, 'UnknownError', JSON.stringify({ Message: `No HTTP resource was found that matches the request URI '${uri}'.` }));
    }
    next();
  });

  r.get(JOB, (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    res.json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/synchronization/jobs('${job.id}')/schema/$entity`), ...job.schema });
  });
  /** Puts a new schema on a job (PUT or reset): it keeps the job's id and gets the next version. */
  const replaceJobSchema = (job: ReturnType<typeof findJob>, schema: SynchronizationSchema): void => {
    schema.id = job.id;
    schema.version = bumpVersion(job.schema.version);
    job.schema = schema;
    // A mapping change re-evaluates every object on the next cycle, as Entra does.
    job.runtime.watermark = 0;
    store.changed();
  };
  r.put(JOB, (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    replaceJobSchema(job, checkSchema(req.body, job.schema.directories));
    res.status(204).end();
  });
  r.delete(JOB, (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    replaceJobSchema(job, structuredClone(templateSchema(ctx, sp.id, job.templateId)));
    res.status(204).end();
  });

  for (const base of [JOB, SP_TEMPLATE, APP_TEMPLATE]) {
    r.get(`${base}/filterOperators`, (req, res) => {
      schemaFor(req);
      res.json({ '@odata.context': meta(req, 'Collection(microsoft.graph.filterOperatorSchema)'), value: FILTER_OPERATORS });
    });
    r.get(`${base}/functions`, (req, res) => {
      schemaFor(req);
      res.json({ '@odata.context': meta(req, 'Collection(microsoft.graph.attributeMappingFunctionSchema)'), value: ext.functions() });
    });
    r.post(`${base}/parseExpression`, (req, res) => {
      schemaFor(req);
      res.json({ '@odata.context': meta(req, 'microsoft.graph.parseExpressionResponse'), ...(ext.parseExpression(req.body) as object) });
    });
  }
  r.post(`${JOB}/directories/:directoryId/discover`, (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    const dir = job.schema.directories.find((d) => d.id === req.params.directoryId);
    if (!dir) throw notFound(`Directory '${req.params.directoryId}' is not part of this schema.`, 'itemNotFound');
    dir.discoveryDateTime = new Date().toISOString();
    dir.version = bumpVersion(dir.version ?? undefined);
    store.changed();
    res.json({ '@odata.context': meta(req, 'microsoft.graph.directoryDefinition'), ...dir });
  });
  return r;
}
