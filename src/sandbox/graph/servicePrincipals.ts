import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Request } from 'express';
import type { SandboxContext } from '../context';
import { badRequest } from '../http/graphError';
import { checkFields, requireObject } from '../http/validate';
import type { Application, AppRoleAssignment, ServicePrincipal } from '../types';
import { DEFAULT_ACCESS_ROLE_ID } from '../types';
import { requestBaseUrl, sendCollection, sendEntity } from './collection';
import { directoryObjectNotFound } from './replication';
import { applicationView, servicePrincipalView } from './views';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks up a service principal other requests can see (replicated), or throws Graph's 404. */
export function findServicePrincipal(ctx: SandboxContext, id: string): ServicePrincipal {
  const sp = ctx.store.servicePrincipals.get(id);
  if (!sp || !ctx.replication.visible(sp.id)) throw directoryObjectNotFound(id);
  return sp;
}

/** The service principals other requests can see. */
export function visibleServicePrincipals(ctx: SandboxContext): ServicePrincipal[] {
  return [...ctx.store.servicePrincipals.values()].filter((sp) => ctx.replication.visible(sp.id));
}

/** An application other requests can see (replicated), or Graph's 404. */
export function findApplication(ctx: SandboxContext, id: string): Application {
  const app = ctx.store.applications.get(id);
  if (!app || !ctx.replication.visible(app.id)) throw directoryObjectNotFound(id);
  return app;
}

/**
 * Rewrites the alternate-key form `/servicePrincipals(appId='...')/...` to the id form so every
 * route below serves both.
 */
export function appIdAlias(ctx: SandboxContext) {
  return (req: Request, _res: unknown, next: () => void): void => {
    const m = /^\/servicePrincipals\(appId='([^']*)'\)(.*)$/.exec(decodeURIComponent(req.path));
    if (m) {
      const sp = visibleServicePrincipals(ctx).find((s) => s.appId === m[1]);
      if (!sp) throw directoryObjectNotFound(m[1]);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      req.url = `/servicePrincipals/${sp.id}${m[2]}${query}`;
    }
    next();
  };
}

/** `/servicePrincipals`, `/applications` and `appRoleAssignedTo`. */
export function servicePrincipalsRouter(ctx: SandboxContext): Router {
  const r = Router();
  const { store } = ctx;
  const meta = (req: Request, what: string) => `${requestBaseUrl(req)}${req.baseUrl}/$metadata#${what}`;

  r.get(/^\/servicePrincipals\/\$count$/, (req, res) => {
    if ((req.get('consistencylevel') ?? '').toLowerCase() !== 'eventual') throw badRequest('$count is not currently supported.');
    res.type('text/plain').send(String(visibleServicePrincipals(ctx).length));
  });
  r.get('/servicePrincipals', (req, res) => {
    sendCollection(req, res, visibleServicePrincipals(ctx), { context: meta(req, 'servicePrincipals'), directoryObject: true, searchable: true, view: servicePrincipalView });
  });
  r.get('/servicePrincipals/:id', (req, res) => {
    sendEntity(req, res, findServicePrincipal(ctx, req.params.id), meta(req, 'servicePrincipals/$entity'), servicePrincipalView);
  });
  r.patch('/servicePrincipals/:id', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const body = requireObject(req.body);
    checkFields(body, { displayName: 'string', notes: 'string?', appRoleAssignmentRequired: 'boolean', accountEnabled: 'boolean', tags: 'string[]', preferredSingleSignOnMode: 'string?', homepage: 'string?' });
    Object.assign(sp, body);
    store.changed();
    res.status(204).end();
  });
  r.delete('/servicePrincipals/:id', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    store.servicePrincipals.delete(sp.id);
    for (const a of store.assignmentsFor(sp.id)) store.assignments.delete(a.id);
    delete store.data.synchronization[sp.id];
    store.changed();
    res.status(204).end();
  });

  r.get('/servicePrincipals/:id/appRoleAssignedTo', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const assignments = store.assignmentsFor(sp.id).filter((a) => ctx.replication.visible(a.id));
    sendCollection(req, res, assignments, { context: meta(req, `servicePrincipals('${sp.id}')/appRoleAssignedTo`), directoryObject: true });
  });
  r.post('/servicePrincipals/:id/appRoleAssignedTo', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const body = requireObject(req.body);
    checkFields(body, { principalId: 'string', resourceId: 'string', appRoleId: 'string' });
    const { principalId, resourceId, appRoleId } = body as Record<string, string | undefined>;
    if (!principalId || !GUID_RE.test(principalId)) throw badRequest("Property 'principalId' is required and must be a GUID.");
    if (!appRoleId || !GUID_RE.test(appRoleId)) throw badRequest("Property 'appRoleId' is required and must be a GUID.");
    if (resourceId !== undefined && resourceId !== sp.id) throw badRequest("Property 'resourceId' must be the id of the service principal in the URL.");
    if (appRoleId !== DEFAULT_ACCESS_ROLE_ID && !sp.appRoles.some((role) => role.id === appRoleId && role.isEnabled)) {
      throw badRequest(`Permission being assigned was not found on application '${sp.appId}'.`, 'Request_BadRequest');
    }
    const user = store.users.get(principalId);
    const group = store.groups.get(principalId);
    const client = store.servicePrincipals.get(principalId);
    const principal = user && !user.deletedDateTime ? user : group ?? client;
    if (!principal || (principal === client && !ctx.replication.visible(client.id))) throw directoryObjectNotFound(principalId);
    if (store.assignmentsFor(sp.id).some((a) => a.principalId === principalId && a.appRoleId === appRoleId)) {
      throw badRequest('Permission being assigned already exists on the object.', 'Request_BadRequest');
    }
    const assignment: AppRoleAssignment = {
      id: randomBytes(32).toString('base64url').slice(0, 43),
      appRoleId,
      principalId,
      principalType: principal === user ? 'User' : principal === group ? 'Group' : 'ServicePrincipal',
      principalDisplayName: principal.displayName,
      resourceId: sp.id,
      resourceDisplayName: sp.displayName,
      createdDateTime: new Date().toISOString(),
      deletedDateTime: null,
    };
    store.addAssignment(assignment);
    ctx.replication.written(assignment.id);
    res.status(201).json({ '@odata.context': meta(req, `servicePrincipals('${sp.id}')/appRoleAssignedTo/$entity`), ...assignment });
  });
  r.delete('/servicePrincipals/:id/appRoleAssignedTo/:assignmentId', (req, res) => {
    const sp = findServicePrincipal(ctx, req.params.id);
    const a = store.assignments.get(req.params.assignmentId);
    if (!a || a.resourceId !== sp.id || !ctx.replication.visible(a.id)) throw directoryObjectNotFound(req.params.assignmentId);
    store.removeAssignment(a.id);
    res.status(204).end();
  });

  r.get('/applications', (req, res) => {
    const apps = [...store.applications.values()].filter((a) => ctx.replication.visible(a.id));
    sendCollection(req, res, apps, { context: meta(req, 'applications'), directoryObject: true, searchable: true, view: applicationView });
  });
  r.get('/applications/:id', (req, res) => {
    sendEntity(req, res, findApplication(ctx, req.params.id), meta(req, 'applications/$entity'), applicationView);
  });
  return r;
}
