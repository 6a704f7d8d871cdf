/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';

describe('sandbox Graph: service principals, templates, assignments', () => {
  let sandbox: Sandbox;
  // Replication off: these tests read back what they write (replication.test.ts covers the delay).
  before(async () => { sandbox = await startTestSandbox({ users: 20, groups: 3, apps: 130, replicationDelaySeconds: 0 }); });
  after(async () => { await sandbox.close(); });

  it('lists service principals with paging, $select and a tags/any filter', async () => {
    const first = await graph(sandbox, 'GET', '/servicePrincipals');
    assert.equal(first.body.value.length, 100);
    assert.ok(first.body['@odata.nextLink']);
    const second = await graph(sandbox, 'GET', first.body['@odata.nextLink']);
    assert.equal(second.body.value.length, 32);
    assert.equal(second.body['@odata.nextLink'], undefined);
    const tagged = await graph(sandbox, 'GET', `/servicePrincipals?$select=id,appId,displayName&$top=999&$filter=${encodeURIComponent("tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')")}`);
    assert.equal(tagged.body.value.length, 132);
    assert.deepEqual(Object.keys(tagged.body.value[0]).sort(), ['appId', 'displayName', 'id']);
  });

  it('finds the seeded apps by startswith and $search, and gets by id and appId', async () => {
    const sw = await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("startswith(displayName,'contoso scim')")}`);
    assert.equal(sw.body.value.length, 1);
    const sp = sw.body.value[0];
    const search = await graph(sandbox, 'GET', '/servicePrincipals?$search="displayName:GoToMeeting"', undefined, { ConsistencyLevel: 'eventual' });
    assert.equal(search.body.value.length, 1);
    const byId = await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}`);
    assert.equal(byId.body.appId, sp.appId);
    const byAppId = await graph(sandbox, 'GET', `/servicePrincipals(appId='${sp.appId}')`);
    assert.equal(byAppId.status, 200);
    assert.equal(byAppId.body.id, sp.id);
    const viaAppId = await graph(sandbox, 'GET', `/servicePrincipals(appId='${sp.appId}')/appRoleAssignedTo`);
    assert.equal(viaAppId.status, 200);
    assert.ok(viaAppId.body.value.every((a: any) => a.resourceId === sp.id));
    const app = (await graph(sandbox, 'GET', `/applications?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}`)).body.value[0];
    const appTemplates = await graph(sandbox, 'GET', `/applications/${app.id}/synchronization/templates`);
    assert.deepEqual(appTemplates.body.value.map((t: any) => t.id), ['scim']);
    const missing = await graph(sandbox, 'GET', `/servicePrincipals/00000000-0000-0000-0000-00000000dead`);
    assert.equal(missing.status, 404);
    errorCode(missing.body);
  });

  it('lists, filters, gets and instantiates application templates', async () => {
    const all = await graph(sandbox, 'GET', '/applicationTemplates');
    assert.ok(all.body.value.length >= 3);
    const found = await graph(sandbox, 'GET', `/applicationTemplates?$filter=${encodeURIComponent("contains(displayName,'gotomeeting')")}`);
    assert.equal(found.body.value.length, 1);
    const t = found.body.value[0];
    assert.deepEqual(t.supportedProvisioningTypes, ['sync']);
    assert.equal((await graph(sandbox, 'GET', `/applicationTemplates/${t.id}`)).body.displayName, t.displayName);
    const inst = await graph(sandbox, 'POST', `/applicationTemplates/${t.id}/instantiate`, { displayName: 'My GoToMeeting' });
    assert.equal(inst.status, 201);
    assert.equal(inst.body.application.applicationTemplateId, t.id);
    assert.equal(inst.body.servicePrincipal.appId, inst.body.application.appId);
    assert.ok(inst.body.servicePrincipal.tags.includes('WindowsAzureActiveDirectoryIntegratedApp'));
    const templates = await graph(sandbox, 'GET', `/servicePrincipals/${inst.body.servicePrincipal.id}/synchronization/templates`);
    assert.equal(templates.body.value[0].id, 'gotomeeting');
    const bad = await graph(sandbox, 'POST', `/applicationTemplates/${t.id}/instantiate`, { displayName: 42 });
    assert.equal(bad.status, 400);
  });

  it('lists, creates and deletes app role assignments, including Default Access', async () => {
    const sp = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Contoso SCIM App (sandbox)'")}`)).body.value[0];
    const list = await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}/appRoleAssignedTo`);
    assert.ok(list.body.value.length >= 2);
    assert.ok(list.body.value.some((a: any) => a.appRoleId === '00000000-0000-0000-0000-000000000000'));
    assert.ok(list.body.value.some((a: any) => a.principalType === 'Group'));
    const user = (await graph(sandbox, 'GET', '/users?$top=1&$filter=' + encodeURIComponent("startswith(displayName,'')"))).body.value[0];
    const users = (await graph(sandbox, 'GET', '/users?$top=999')).body.value as any[];
    const unassigned = users.find((u) => !list.body.value.some((a: any) => a.principalId === u.id)) ?? user;
    const created = await graph(sandbox, 'POST', `/servicePrincipals/${sp.id}/appRoleAssignedTo`, { principalId: unassigned.id, resourceId: sp.id, appRoleId: sp.appRoles[0].id });
    assert.equal(created.status, 201);
    assert.equal(created.body.principalType, 'User');
    assert.equal(created.body.principalDisplayName, unassigned.displayName);
    const badRole = await graph(sandbox, 'POST', `/servicePrincipals/${sp.id}/appRoleAssignedTo`, { principalId: unassigned.id, resourceId: sp.id, appRoleId: '11111111-1111-1111-1111-111111111111' });
    assert.equal(badRole.status, 400);
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${sp.id}/appRoleAssignedTo/${created.body.id}`)).status, 204);
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${sp.id}/appRoleAssignedTo/${created.body.id}`)).status, 404);
  });
});
