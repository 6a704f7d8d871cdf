/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import { cloudSecurityIdentifier } from '../../../src/sandbox/graph/views';
import { graph } from './helpers';

/** Property names of a Graph object, without OData annotations, sorted. */
const names = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !k.startsWith('@odata.')).sort();

// The user default set is the one the user resource page lists; the others follow their resource pages.
const USER_DEFAULTS = ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'];

describe('sandbox Graph: default property sets and $select', () => {
  let sandbox: Sandbox;
  let spId: string;
  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 12, groups: 3, seed: 3, replicationDelaySeconds: 0 });
    spId = sandbox.demo.servicePrincipalId;
  });
  after(async () => { await sandbox.close(); });

  it('answers users without $select with exactly the documented default set, in lists and by id', async () => {
    const list = await graph(sandbox, 'GET', '/users?$top=5');
    assert.equal(list.status, 200);
    for (const u of list.body.value) assert.deepEqual(names(u), USER_DEFAULTS);
    const one = await graph(sandbox, 'GET', `/users/${list.body.value[0].id}`);
    assert.deepEqual(names(one.body), USER_DEFAULTS);
    assert.deepEqual(one.body.businessPhones, []);
    assert.equal(one.body.officeLocation, null);
    assert.equal(one.body.department, undefined, 'department is not in the default set');
    assert.equal(one.body.accountEnabled, undefined, 'accountEnabled is not in the default set');
  });

  it('answers users with $select with exactly the selected properties, empty ones included, and names them in the context', async () => {
    const first = (await graph(sandbox, 'GET', '/users?$top=1')).body.value[0];
    const res = await graph(sandbox, 'GET', `/users/${first.id}?$select=department,accountEnabled,streetAddress,otherMails`);
    assert.deepEqual(names(res.body), ['accountEnabled', 'department', 'otherMails', 'streetAddress']);
    assert.equal(typeof res.body.department, 'string');
    assert.equal(res.body.streetAddress, null);
    assert.deepEqual(res.body.otherMails, []);
    assert.match(res.body['@odata.context'], /\$metadata#users\(department,accountEnabled,streetAddress,otherMails\)\/\$entity$/);
    const list = await graph(sandbox, 'GET', '/users?$top=3&$select=displayName');
    for (const u of list.body.value) assert.deepEqual(names(u), ['displayName']);
    assert.match(list.body['@odata.context'], /\$metadata#users\(displayName\)$/);
  });

  it('filters on properties outside the projection, as Graph does', async () => {
    const first = (await graph(sandbox, 'GET', '/users?$top=1&$select=id,department')).body.value[0];
    const res = await graph(sandbox, 'GET', `/users?$select=id&$filter=${encodeURIComponent(`department eq '${first.department}'`)}&$top=999`);
    assert.ok(res.body.value.some((u: any) => u.id === first.id));
    for (const u of res.body.value) assert.deepEqual(names(u), ['id']);
  });

  it('answers groups and group members with their default sets', async () => {
    const withMembers = [...sandbox.store.groups.values()].find((x) => x.members.length > 0)!;
    const g = (await graph(sandbox, 'GET', '/groups')).body.value.find((x: any) => x.id === withMembers.id);
    for (const key of ['id', 'displayName', 'description', 'groupTypes', 'mailEnabled', 'mailNickname', 'securityEnabled', 'securityIdentifier', 'proxyAddresses', 'createdDateTime', 'renewedDateTime', 'visibility']) {
      assert.ok(key in g, key);
    }
    assert.equal(g.members, undefined);
    assert.equal(g.assignedLicenses, undefined, 'assignedLicenses comes only on $select');
    assert.deepEqual(g.resourceProvisioningOptions, []);
    assert.match(g.securityIdentifier, /^S-1-12-1(-\d+){4}$/);
    const selected = await graph(sandbox, 'GET', `/groups/${g.id}?$select=displayName,mailNickname`);
    assert.deepEqual(names(selected.body), ['displayName', 'mailNickname']);
    const members = await graph(sandbox, 'GET', `/groups/${g.id}/members`);
    assert.ok(members.body.value.length > 0);
    for (const m of members.body.value) {
      assert.equal(m['@odata.type'], '#microsoft.graph.user');
      assert.deepEqual(names(m), USER_DEFAULTS);
    }
  });

  it('gives a cloud group the SID Entra derives from its object id', () => {
    // The id's bytes in .NET order (first three fields little-endian) read as four little-endian 32-bit numbers.
    assert.equal(cloudSecurityIdentifier('00000001-0002-0003-0405-060708090a0b'), 'S-1-12-1-1-196610-117835012-185207048');
  });

  it('answers service principals with their default set, documented empty values included, and nothing Graph does not return', async () => {
    const sp = (await graph(sandbox, 'GET', `/servicePrincipals/${spId}`)).body;
    assert.deepEqual(sp.notificationEmailAddresses, []);
    assert.deepEqual(sp.keyCredentials, []);
    assert.deepEqual(sp.info, { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null });
    assert.equal(sp.createdDateTime, undefined, 'v1.0 servicePrincipal has no createdDateTime');
    assert.equal(sp.customSecurityAttributes, undefined, 'customSecurityAttributes comes only on $select');
    assert.ok(Array.isArray(sp.appRoles) && sp.appRoles.length > 0);
    const selected = await graph(sandbox, 'GET', `/servicePrincipals/${spId}?$select=id,appRoles,notificationEmailAddresses`);
    assert.deepEqual(names(selected.body), ['appRoles', 'id', 'notificationEmailAddresses']);
    const list = await graph(sandbox, 'GET', '/servicePrincipals?$top=2&$select=id,displayName');
    for (const s of list.body.value) assert.deepEqual(names(s), ['displayName', 'id']);
  });

  it('answers applications with their default set and $select', async () => {
    const sp = (await graph(sandbox, 'GET', `/servicePrincipals/${spId}?$select=appId`)).body;
    const apps = await graph(sandbox, 'GET', `/applications?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}`);
    assert.equal(apps.body.value.length, 1);
    const app = apps.body.value[0];
    for (const key of ['id', 'appId', 'displayName', 'signInAudience', 'identifierUris', 'web', 'api', 'requiredResourceAccess', 'passwordCredentials']) assert.ok(key in app, key);
    assert.equal(app.logo, undefined, 'logo is a stream, never in the JSON body');
    const selected = await graph(sandbox, 'GET', `/applications/${app.id}?$select=id,appId`);
    assert.deepEqual(names(selected.body), ['appId', 'id']);
  });

  it('answers instantiate with the new application and service principal in their default sets', async () => {
    const template = (await graph(sandbox, 'GET', `/applicationTemplates?$filter=${encodeURIComponent("contains(displayName,'gotomeeting')")}`)).body.value[0];
    const res = await graph(sandbox, 'POST', `/applicationTemplates/${template.id}/instantiate`, { displayName: 'Default Set App' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.servicePrincipal.notificationEmailAddresses, []);
    assert.equal(res.body.servicePrincipal.createdDateTime, undefined);
    assert.equal(res.body.application.displayName, 'Default Set App');
  });
});
