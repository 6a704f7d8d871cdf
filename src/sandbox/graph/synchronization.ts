import { Router } from 'express';
import type { Request } from 'express';
import type { SandboxContext } from '../context';
import { badRequest, GraphError, notFound } from '../http/graphError';
import { requireObject } from '../http/validate';
import { CONNECTORS, defaultSchema, syncTemplateFor } from '../schema/syncTemplates';
import { checkSchema } from '../schema/validation';
import { applySecretsPut, maskSecrets, SECRET_KEYS, secretValue } from '../sync/secrets';
import { newJob } from '../sync/jobFactory';
import type { OnDemandSubject } from '../engine/api';
import type { JobRecord, KeyStringValue, ServicePrincipal, SynchronizationSchema } from '../types';
import { requestBaseUrl } from './collection';
import { directoryObjectNotFound } from './replication';
import { findApplication, findServicePrincipal, visibleServicePrincipals } from './servicePrincipals';

/** Graph's documented provisionOnDemand limit: 5 requests per 10 seconds. */
const ON_DEMAND_LIMIT = 5;
const ON_DEMAND_WINDOW_MS = 10_000;

/** Restart scopes Graph documents. */
const RESET_SCOPES = new Set(['None', 'ConnectorDataStore', 'Escrows', 'Watermark', 'QuarantineState', 'Full', 'ForceDeletes']);

/** Parses a list of `{key, value}` string pairs (secrets or credentials). */
export function parseKeyValues(list: unknown, what: string): KeyStringValue[] {
  if (!Array.isArray(list)) throw badRequest(`'${what}' must be an array of {key, value} pairs.`);
  return list.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw badRequest(`${what}[${i}] must be an object with 'key' and 'value'.`);
    const { key, value } = item as Record<string, unknown>;
    if (typeof key !== 'string' || !SECRET_KEYS.has(key)) throw badRequest(`${what}[${i}].key '${String(key)}' is not a valid synchronizationSecret.`);
    if (typeof value !== 'string') throw badRequest(`${what}[${i}].value must be a string.`);
    return { key, value };
  });
}

/** Public view of a stored job (runtime state stays internal). */
export function jobView(job: JobRecord): Omit<JobRecord, 'runtime' | 'schema'> {
  const { runtime: _runtime, schema: _schema, ...rest } = job;
  return rest;
}

/** Finds a job or throws 404. */
export function findJob(ctx: SandboxContext, spId: string, jobId: string): JobRecord {
  const job = ctx.store.sync(spId).jobs.find((j) => j.id === jobId);
  if (!job) throw notFound(`The job '${jobId}' was not found on service principal '${spId}'.`, 'itemNotFound');
  return job;
}

/** The template schema, honouring an application's override. */
export function templateSchema(ctx: SandboxContext, spId: string, templateId: string): SynchronizationSchema {
  return ctx.store.sync(spId).templateSchemas[templateId] ?? defaultSchema(templateId);
}

/** `/servicePrincipals/{id}/synchronization` (templates, jobs, secrets) and application templates. */
export function synchronizationRouter(ctx: SandboxContext): Router {
  const r = Router();
  const { store } = ctx;
  const meta = (req: Request, what: string) => `${requestBaseUrl(req)}${req.baseUrl}/$metadata#${what}`;
  const templatesOf = (sp: ServicePrincipal) => store.sync(sp.id).templateIds.map((id) => syncTemplateFor(CONNECTORS[id], sp.appId));
  const findTemplate = (sp: ServicePrincipal, templateId: string) => {
    const t = templatesOf(sp).find((x) => x.id === templateId);
    if (!t) throw notFound(`The template '${templateId}' was not found on service principal '${sp.id}'.`, 'itemNotFound');
    return t;
  };
  const spForApplication = (appObjectId: string): ServicePrincipal => {
    const app = findApplication(ctx, appObjectId);
    const sp = visibleServicePrincipals(ctx).find((s) => s.appId === app.appId);
    if (!sp) throw directoryObjectNotFound(appObjectId);
    return sp;
  };

  const spFrom = (req: Request): ServicePrincipal => {
    const p = req.params as Record<string, string>;
    return p.id ? findServicePrincipal(ctx, p.id) : spForApplication(p.appObjectId);
  };
  const tid = (req: Request): string => (req.params as Record<string, string>).templateId;

  r.get('/servicePrincipals/:id/synchronization', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    res.json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/synchronization/$entity`), id: sp.id, secrets: maskSecrets(store.sync(sp.id).secrets) });
  });

  // Templates, reachable from the service principal and from the application.
  r.get(['/servicePrincipals/:id/synchronization/templates', '/applications/:appObjectId/synchronization/templates'], (req, res) => {
    const sp = spFrom(req);
    res.json({ '@odata.context': meta(req, 'synchronizationTemplates'), value: templatesOf(sp) });
  });
  r.get(['/servicePrincipals/:id/synchronization/templates/:templateId', '/applications/:appObjectId/synchronization/templates/:templateId'], (req, res) => {
    const sp = spFrom(req);
    res.json({ '@odata.context': meta(req, 'synchronizationTemplates/$entity'), ...findTemplate(sp, tid(req)) });
  });
  r.get(['/servicePrincipals/:id/synchronization/templates/:templateId/schema', '/applications/:appObjectId/synchronization/templates/:templateId/schema'], (req, res) => {
    const sp = spFrom(req);
    findTemplate(sp, tid(req));
    res.json({ '@odata.context': meta(req, 'synchronizationSchema/$entity'), ...templateSchema(ctx, sp.id, tid(req)) });
  });
  r.put('/applications/:appObjectId/synchronization/templates/:templateId/schema', (req, res) => {
    const sp = spForApplication(req.params.appObjectId);
    findTemplate(sp, tid(req));
    const schema = checkSchema(req.body, templateSchema(ctx, sp.id, tid(req)).directories);
    schema.id = req.params.templateId;
    store.sync(sp.id).templateSchemas[req.params.templateId] = schema;
    store.changed();
    res.status(204).end();
  });
  r.delete('/applications/:appObjectId/synchronization/templates/:templateId/schema', (req, res) => {
    const sp = spForApplication(req.params.appObjectId);
    findTemplate(sp, tid(req));
    delete store.sync(sp.id).templateSchemas[req.params.templateId];
    store.changed();
    res.status(204).end();
  });

  // Secrets: PUT replaces the whole list; GET (a sandbox convenience) never shows credential values.
  r.put('/servicePrincipals/:id/synchronization/secrets', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const body = requireObject(req.body);
    const list = body.value ?? body.credentials;
    const sync = store.sync(sp.id);
    const secrets = applySecretsPut(sync.secrets, parseKeyValues(list, 'value'));
    // Changing the scope (SyncAll) makes the next cycle re-evaluate every object, as Entra does.
    if (secretValue(sync.secrets, 'SyncAll') !== secretValue(secrets, 'SyncAll')) for (const job of sync.jobs) job.runtime.watermark = 0;
    sync.secrets = secrets;
    // A job that was waiting for credentials becomes ready to run.
    for (const job of sync.jobs) if (job.status.code === 'NotConfigured' && hasCredentials(secrets, job.templateId)) job.status.code = 'NotRun';
    store.changed();
    res.status(204).end();
  });
  r.get('/servicePrincipals/:id/synchronization/secrets', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    res.json({ '@odata.context': meta(req, 'synchronizationSecretKeyStringValuePair'), value: maskSecrets(store.sync(sp.id).secrets) });
  });

  // Jobs.
  r.get('/servicePrincipals/:id/synchronization/jobs', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    res.json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/synchronization/jobs`), value: store.sync(sp.id).jobs.map(jobView) });
  });
  r.post('/servicePrincipals/:id/synchronization/jobs', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const body = requireObject(req.body);
    const templateId = body.templateId;
    if (typeof templateId !== 'string' || !templateId) throw badRequest("Property 'templateId' is required and must be a string.");
    const sync = store.sync(sp.id);
    if (!sync.templateIds.includes(templateId)) throw badRequest(`The template '${templateId}' is not available for this service principal.`, 'invalidRequest');
    const job = newJob(templateId, sync.templateSchemas[templateId], hasCredentials(sync.secrets, templateId));
    sync.jobs.push(job);
    store.changed();
    res.status(201).json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/synchronization/jobs/$entity`), ...jobView(job) });
  });
  r.get('/servicePrincipals/:id/synchronization/jobs/:jobId', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    res.json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/synchronization/jobs/$entity`), ...jobView(job) });
  });
  r.delete('/servicePrincipals/:id/synchronization/jobs/:jobId', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    ctx.engine.removeJob(job.id);
    const sync = store.sync(sp.id);
    sync.jobs = sync.jobs.filter((j) => j !== job);
    store.changed();
    res.status(204).end();
  });
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/start', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    // Graph accepts a start without credentials (204, as documented); the cycle then cannot
    // connect and quarantines the job, as it does for wrong credentials.
    ctx.engine.start(sp.id, job);
    res.status(204).end();
  });
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/pause', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    ctx.engine.pause(sp.id, findJob(ctx, sp.id, req.params.jobId));
    res.status(204).end();
  });
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/restart', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    const body = req.body === undefined || (typeof req.body === 'object' && req.body !== null && Object.keys(req.body as object).length === 0) ? {} : requireObject(req.body);
    const criteria = body.criteria;
    let scopes = ['QuarantineState', 'Watermark', 'Escrows'];
    if (criteria !== undefined && criteria !== null) {
      if (typeof criteria !== 'object' || Array.isArray(criteria)) throw badRequest("'criteria' must be an object with a 'resetScope' string.");
      const resetScope = (criteria as Record<string, unknown>).resetScope;
      if (resetScope !== undefined && resetScope !== null) {
        if (typeof resetScope !== 'string') throw badRequest("'criteria.resetScope' must be a comma-separated string.");
        const parts = resetScope.split(',').map((s) => s.trim()).filter(Boolean);
        for (const p of parts) if (!RESET_SCOPES.has(p)) throw badRequest(`'${p}' is not a valid resetScope value.`);
        if (parts.length > 0) scopes = parts;
      }
    }
    if (scopes.includes('Full')) scopes = ['ConnectorDataStore', 'Escrows', 'Watermark', 'QuarantineState', 'ForceDeletes'];
    ctx.engine.restart(sp.id, job, scopes);
    res.status(204).end();
  });
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/validateCredentials', async (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    const body = requireObject(req.body ?? {});
    const useSaved = body.useSavedCredentials;
    if (useSaved !== undefined && typeof useSaved !== 'boolean') throw badRequest("'useSavedCredentials' must be a boolean.");
    const credentials = useSaved === true ? store.sync(sp.id).secrets : parseKeyValues(body.credentials ?? [], 'credentials');
    const error = await ctx.engine.validateCredentials(sp.id, job, credentials);
    if (error) throw new GraphError(400, error.code, error.message);
    res.status(204).end();
  });
  const onDemandCalls = new Map<string, number[]>();
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/provisionOnDemand', async (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const job = findJob(ctx, sp.id, req.params.jobId);
    const now = Date.now();
    const recent = (onDemandCalls.get(job.id) ?? []).filter((t) => now - t < ON_DEMAND_WINDOW_MS);
    if (recent.length >= ON_DEMAND_LIMIT) {
      const wait = Math.max(1, Math.ceil((recent[0] + ON_DEMAND_WINDOW_MS - now) / 1000));
      throw new GraphError(429, 'TooManyRequests', `Provision on demand is limited to ${ON_DEMAND_LIMIT} requests per ${ON_DEMAND_WINDOW_MS / 1000} seconds for a job.`, { 'Retry-After': String(wait) });
    }
    recent.push(now);
    onDemandCalls.set(job.id, recent);
    const body = requireObject(req.body);
    const params = body.parameters;
    if (!Array.isArray(params) || params.length !== 1) throw badRequest("'parameters' must be an array with one synchronizationJobApplicationParameters.");
    const p = requireObject(params[0], 'parameters[0]');
    if (typeof p.ruleId !== 'string') throw badRequest("'parameters[0].ruleId' must be a string.");
    if (!Array.isArray(p.subjects) || p.subjects.length === 0) throw badRequest("'parameters[0].subjects' must be a non-empty array.");
    const subjects = p.subjects.map((s, i) => parseSubject(s, `subjects[${i}]`, true));
    if (!job.schema.synchronizationRules.some((rule) => rule.id === p.ruleId)) throw badRequest(`Rule '${p.ruleId}' is not part of this job's schema.`);
    const result = await ctx.engine.provisionOnDemand(sp.id, job, p.ruleId, subjects, (id) => ctx.replication.visible(id));
    res.status(200).json({ '@odata.context': meta(req, 'microsoft.graph.stringKeyStringValuePair'), ...result });
  });
  r.post('/servicePrincipals/:id/synchronization/jobs/:jobId/bulkUpload', (req) => {
    findJob(ctx, findServicePrincipal(ctx, req.params.id).id, req.params.jobId);
    throw badRequest('bulkUpload is only available for API-driven inbound provisioning jobs.', 'invalidRequest');
  });
  return r;
}

/** A synchronizationJobSubject of provisionOnDemand; only a top-level subject may carry `links.members`. */
function parseSubject(value: unknown, where: string, linksAllowed: boolean): OnDemandSubject {
  const o = requireObject(value, where);
  if (typeof o.objectId !== 'string' || typeof o.objectTypeName !== 'string') throw badRequest(`${where} needs string 'objectId' and 'objectTypeName'.`);
  const subject: OnDemandSubject = { objectId: o.objectId, objectTypeName: o.objectTypeName };
  if (o.links === undefined || o.links === null) return subject;
  if (!linksAllowed) throw badRequest(`${where}.links is not allowed on a linked object.`);
  const links = requireObject(o.links, `${where}.links`);
  if (links.members !== undefined && links.members !== null) {
    if (!Array.isArray(links.members)) throw badRequest(`${where}.links.members must be an array of synchronizationJobSubject.`);
    subject.links = { members: links.members.map((m, j) => parseSubject(m, `${where}.links.members[${j}]`, false)) };
  }
  return subject;
}

/** True when the secrets hold what the template's connector needs. */
export function hasCredentials(secrets: KeyStringValue[], templateId: string): boolean {
  const connector = CONNECTORS[templateId];
  if (!connector) return false;
  return connector.configurationFields.every((f) => !f.required || !!secretValue(secrets, f.name));
}
