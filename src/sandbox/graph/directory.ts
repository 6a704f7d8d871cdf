import { Router } from 'express';
import type { SandboxContext } from '../context';
import { badRequest, notFound } from '../http/graphError';
import { checkFields, requireObject, requireString } from '../http/validate';
import type { FieldType } from '../http/validate';
import { newGuid } from '../random';
import { TENANT_DOMAIN } from '../seed/seed';
import type { DirectoryGroup, DirectoryUser } from '../types';
import { requestBaseUrl, sendCollection, sendEntity } from './collection';
import { groupView, present, userView } from './views';
import type { ResourceView } from './views';

const USER_FIELDS: Record<string, FieldType> = {
  displayName: 'string', givenName: 'string?', surname: 'string?', userPrincipalName: 'string', mail: 'string?', mailNickname: 'string',
  department: 'string?', jobTitle: 'string?', country: 'string?', city: 'string?', employeeId: 'string?', preferredLanguage: 'string?',
  mobilePhone: 'string?', accountEnabled: 'boolean', onPremisesExtensionAttributes: 'object?', passwordProfile: 'object?', usageLocation: 'string?',
};

const GROUP_FIELDS: Record<string, FieldType> = {
  displayName: 'string', description: 'string?', mailNickname: 'string', mailEnabled: 'boolean', securityEnabled: 'boolean', groupTypes: 'string[]',
};

/** A created or restored object in a write's answer: Graph returns the type's default set there. */
const asCreated = <T>(view: ResourceView<T>, item: T) => present(view, item, undefined);

function countRequest(ctxHeader: string | undefined, n: number): string {
  if ((ctxHeader ?? '').toLowerCase() !== 'eventual') throw badRequest('$count is not currently supported.', 'Request_BadRequest');
  return String(n);
}

/** `/users`, `/groups` and their members, `/directory/deletedItems`. */
export function directoryRouter(ctx: SandboxContext): Router {
  const r = Router();
  const { store } = ctx;
  const base = (req: { baseUrl: string }) => req.baseUrl;

  const findUser = (idOrUpn: string): DirectoryUser => {
    const byId = store.users.get(idOrUpn);
    if (byId && !byId.deletedDateTime) return byId;
    const lower = idOrUpn.toLowerCase();
    for (const u of store.users.values()) if (!u.deletedDateTime && u.userPrincipalName.toLowerCase() === lower) return u;
    throw notFound(`Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
  };
  const findGroup = (id: string): DirectoryGroup => {
    const g = store.groups.get(id);
    if (!g) throw notFound(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    return g;
  };

  // The tenant itself: clients read it to show the tenant name and id. Graph returns the whole
  // organization, so the properties its metadata makes non-nullable are there, empty.
  const organization = () => ({
    id: store.data.tenantId,
    displayName: store.data.tenantDisplayName,
    tenantType: 'AAD',
    verifiedDomains: [{ name: TENANT_DOMAIN, type: 'Managed', isDefault: true, isInitial: true, capabilities: 'Email, OfficeCommunicationsOnline' }],
    assignedPlans: [],
    businessPhones: [],
    marketingNotificationEmails: [],
    mobileDeviceManagementAuthority: 'unknown',
    provisionedPlans: [],
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    technicalNotificationMails: [],
  });
  r.get('/organization', (req, res) => {
    sendCollection(req, res, [organization()], { context: `${requestBaseUrl(req)}${base(req)}/$metadata#organization`, directoryObject: true });
  });
  r.get('/organization/:id', (req, res) => {
    if (req.params.id !== store.data.tenantId) throw notFound(`Resource '${req.params.id}' does not exist or one of its queried reference-property objects are not present.`);
    sendEntity(req, res, organization(), `${requestBaseUrl(req)}${base(req)}/$metadata#organization/$entity`);
  });

  r.get(/^\/users\/\$count$/, (req, res) => {
    res.type('text/plain').send(countRequest(req.get('consistencylevel'), store.activeUsers().length));
  });
  r.get('/users', (req, res) => {
    sendCollection(req, res, store.activeUsers(), { context: `${requestBaseUrl(req)}${base(req)}/$metadata#users`, directoryObject: true, searchable: true, view: userView });
  });
  r.post('/users', (req, res) => {
    const body = requireObject(req.body);
    checkFields(body, USER_FIELDS);
    const upn = requireString(body, 'userPrincipalName');
    requireString(body, 'displayName');
    const nick = requireString(body, 'mailNickname');
    if (typeof body.accountEnabled !== 'boolean') throw badRequest("Property 'accountEnabled' is required and must be a boolean.");
    if ([...store.users.values()].some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
      throw badRequest(`Another object with the same value for property userPrincipalName already exists.`, 'Request_BadRequest');
    }
    const ext: Record<string, string | null> = {};
    for (let k = 1; k <= 15; k++) ext[`extensionAttribute${k}`] = null;
    const user: DirectoryUser = {
      id: newGuid(), displayName: body.displayName as string, givenName: null, surname: null, userPrincipalName: upn, mail: null,
      mailNickname: nick, department: null, jobTitle: null, country: null, city: null, employeeId: null, preferredLanguage: null,
      mobilePhone: null, accountEnabled: body.accountEnabled, createdDateTime: new Date().toISOString(), deletedDateTime: null,
      onPremisesExtensionAttributes: ext,
    };
    const { passwordProfile: _p, usageLocation: _u, onPremisesExtensionAttributes: extIn, ...rest } = body;
    Object.assign(user, rest);
    if (extIn) Object.assign(user.onPremisesExtensionAttributes, extIn);
    store.addUser(user);
    res.status(201).json({ '@odata.context': `${requestBaseUrl(req)}${base(req)}/$metadata#users/$entity`, ...asCreated(userView, user) });
  });
  r.get('/users/:id', (req, res) => {
    sendEntity(req, res, findUser(req.params.id), `${requestBaseUrl(req)}${base(req)}/$metadata#users/$entity`, userView);
  });
  r.patch('/users/:id', (req, res) => {
    const user = findUser(req.params.id);
    const body = requireObject(req.body);
    checkFields(body, USER_FIELDS);
    const { passwordProfile: _p, usageLocation: _u, onPremisesExtensionAttributes: extIn, ...rest } = body;
    const patch = rest as Partial<DirectoryUser>;
    if (extIn) patch.onPremisesExtensionAttributes = { ...user.onPremisesExtensionAttributes, ...(extIn as Record<string, string | null>) };
    store.updateUser(user.id, patch);
    res.status(204).end();
  });
  r.delete('/users/:id', (req, res) => {
    store.softDeleteUser(findUser(req.params.id).id);
    res.status(204).end();
  });

  r.get('/directory/deletedItems/microsoft.graph.user', (req, res) => {
    const deleted = [...store.users.values()].filter((u) => u.deletedDateTime);
    sendCollection(req, res, deleted, { context: `${requestBaseUrl(req)}${base(req)}/$metadata#directoryObjects/microsoft.graph.user`, directoryObject: true, view: userView });
  });
  r.post('/directory/deletedItems/:id/restore', (req, res) => {
    if (!store.restoreUser(req.params.id)) throw notFound(`Deleted object '${req.params.id}' was not found.`);
    res.status(200).json({ '@odata.context': `${requestBaseUrl(req)}${base(req)}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', ...asCreated(userView, store.users.get(req.params.id)!) });
  });

  r.get(/^\/groups\/\$count$/, (req, res) => {
    res.type('text/plain').send(countRequest(req.get('consistencylevel'), store.groups.size));
  });
  r.get('/groups', (req, res) => {
    sendCollection(req, res, [...store.groups.values()], { context: `${requestBaseUrl(req)}${base(req)}/$metadata#groups`, directoryObject: true, searchable: true, view: groupView });
  });
  r.post('/groups', (req, res) => {
    const body = requireObject(req.body);
    checkFields(body, GROUP_FIELDS);
    requireString(body, 'displayName');
    requireString(body, 'mailNickname');
    if (typeof body.mailEnabled !== 'boolean' || typeof body.securityEnabled !== 'boolean') {
      throw badRequest("Properties 'mailEnabled' and 'securityEnabled' are required booleans.");
    }
    const group: DirectoryGroup = {
      id: newGuid(), displayName: body.displayName as string, description: (body.description as string | null) ?? null,
      mailNickname: body.mailNickname as string, mailEnabled: body.mailEnabled, securityEnabled: body.securityEnabled,
      groupTypes: (body.groupTypes as string[]) ?? [], createdDateTime: new Date().toISOString(), members: [],
    };
    store.addGroup(group);
    res.status(201).json({ '@odata.context': `${requestBaseUrl(req)}${base(req)}/$metadata#groups/$entity`, ...asCreated(groupView, group) });
  });
  r.get('/groups/:id', (req, res) => {
    sendEntity(req, res, findGroup(req.params.id), `${requestBaseUrl(req)}${base(req)}/$metadata#groups/$entity`, groupView);
  });
  r.get('/groups/:id/members', (req, res) => {
    const group = findGroup(req.params.id);
    // Members are directoryObjects: each carries its type, then the user's default set or projection.
    const members = group.members.map((id) => store.users.get(id)).filter((u): u is DirectoryUser => !!u && !u.deletedDateTime);
    const memberView: ResourceView<DirectoryUser> = { defaults: userView.defaults, full: (u) => ({ '@odata.type': '#microsoft.graph.user', ...userView.full(u) }) };
    sendCollection(req, res, members, { context: `${requestBaseUrl(req)}${base(req)}/$metadata#directoryObjects`, directoryObject: true, view: memberView });
  });
  r.post(/^\/groups\/([^/]+)\/members\/\$ref$/, (req, res) => {
    const group = findGroup(String(req.params[0]));
    const body = requireObject(req.body);
    const ref = body['@odata.id'];
    if (typeof ref !== 'string') throw badRequest("Property '@odata.id' is required and must be a URL of a directory object.");
    const userId = ref.split('/').pop() ?? '';
    const user = findUser(userId);
    if (!store.addGroupMember(group.id, user.id)) throw badRequest('One or more added object references already exist for the following modified properties: \'members\'.');
    res.status(204).end();
  });
  r.delete(/^\/groups\/([^/]+)\/members\/([^/]+)\/\$ref$/, (req, res) => {
    const group = findGroup(String(req.params[0]));
    if (!store.removeGroupMember(group.id, String(req.params[1]))) throw notFound(`Member '${String(req.params[1])}' is not in group '${group.id}'.`);
    res.status(204).end();
  });

  return r;
}
