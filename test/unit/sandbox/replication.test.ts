/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import { parseCliOptions } from '../../../src/sandbox/cli';
import { Replication } from '../../../src/sandbox/graph/replication';
import { errorCode, graph } from './helpers';
import type { GraphResponse } from './helpers';

/** Graph's 404 for a directory object it does not find, with the id in the message. */
function assertDirectoryObjectNotFound(res: GraphResponse, id: string): void {
  assert.equal(res.status, 404);
  assert.equal(errorCode(res.body), 'Request_ResourceNotFound');
  assert.equal(res.body.error.message, `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

describe('sandbox Graph: replication delay', () => {
  let sandbox: Sandbox;
  let templateId: string;
  before(async () => {
    // An hour, so every "not yet" below holds however slow the machine; `catchUp()` stands for the wait.
    sandbox = await startSandbox({ pace: 'instant', users: 10, groups: 2, seed: 4, replicationDelaySeconds: 3600 });
    templateId = (await graph(sandbox, 'GET', `/applicationTemplates?$filter=${encodeURIComponent("contains(displayName,'gotomeeting')")}`)).body.value[0].id;
  });
  after(async () => { await sandbox.close(); });

  it('hides an instantiated app and its service principal from other requests until the delay has passed, then serves them', async () => {
    const inst = await graph(sandbox, 'POST', `/applicationTemplates/${templateId}/instantiate`, { displayName: 'Replicating App' });
    assert.equal(inst.status, 201);
    const sp = inst.body.servicePrincipal;
    const app = inst.body.application;
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}`), sp.id);
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/applications/${app.id}`), app.id);
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}/synchronization/templates`), sp.id);
    assertDirectoryObjectNotFound(await graph(sandbox, 'POST', `/servicePrincipals/${sp.id}/synchronization/jobs`, { templateId: 'gotomeeting' }), sp.id);
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}/appRoleAssignedTo`), sp.id);
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/servicePrincipals(appId='${sp.appId}')`), sp.appId);
    assertDirectoryObjectNotFound(await graph(sandbox, 'GET', `/applications/${app.id}/synchronization/templates`), app.id);
    const filtered = await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}`);
    assert.deepEqual(filtered.body.value, []);
    assert.deepEqual((await graph(sandbox, 'GET', `/applications?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}`)).body.value, []);

    sandbox.replication.catchUp();
    const found = await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}?$select=id,displayName`);
    assert.equal(found.status, 200);
    assert.equal(found.body.displayName, 'Replicating App');
    assert.equal((await graph(sandbox, 'GET', `/applications/${app.id}?$select=id`)).status, 200);
    assert.equal((await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}`)).body.value.length, 1);
    assert.equal((await graph(sandbox, 'GET', `/servicePrincipals/${sp.id}/synchronization/templates`)).status, 200);
  });

  it('serves a synchronization job at once once it is created (the provisioning service is not replicated)', async () => {
    const inst = await graph(sandbox, 'POST', `/applicationTemplates/${templateId}/instantiate`, { displayName: 'Job Right Away' });
    const spId = inst.body.servicePrincipal.id;
    sandbox.replication.catchUp();
    const job = await graph(sandbox, 'POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'gotomeeting' });
    assert.equal(job.status, 201);
    const read = await graph(sandbox, 'GET', `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.id, job.body.id);
    const list = await graph(sandbox, 'GET', `/servicePrincipals/${spId}/synchronization/jobs`);
    assert.ok(list.body.value.some((j: any) => j.id === job.body.id));
  });

  it('hides a new app role assignment from appRoleAssignedTo (list and delete) until the delay has passed', async () => {
    const spId = sandbox.demo.servicePrincipalId;
    const sp = (await graph(sandbox, 'GET', `/servicePrincipals/${spId}?$select=appRoles`)).body;
    const assigned = new Set(sandbox.store.assignmentsFor(spId).map((a) => a.principalId));
    const user = sandbox.store.activeUsers().find((u) => !assigned.has(u.id))!;
    const created = await graph(sandbox, 'POST', `/servicePrincipals/${spId}/appRoleAssignedTo`, { principalId: user.id, resourceId: spId, appRoleId: sp.appRoles[0].id });
    assert.equal(created.status, 201);
    const list = await graph(sandbox, 'GET', `/servicePrincipals/${spId}/appRoleAssignedTo`);
    assert.equal(list.body.value.some((a: any) => a.id === created.body.id), false);
    const early = await graph(sandbox, 'DELETE', `/servicePrincipals/${spId}/appRoleAssignedTo/${created.body.id}`);
    assert.equal(early.status, 404);
    sandbox.replication.catchUp();
    assert.ok((await graph(sandbox, 'GET', `/servicePrincipals/${spId}/appRoleAssignedTo`)).body.value.some((a: any) => a.id === created.body.id));
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${spId}/appRoleAssignedTo/${created.body.id}`)).status, 204);
  });

  it('does not honour a new assignment in provision on demand until it has replicated (as documented)', async () => {
    const spId = sandbox.demo.servicePrincipalId;
    const jobUrl = `/servicePrincipals/${spId}/synchronization/jobs/${sandbox.demo.jobId}`;
    const ruleId = (await graph(sandbox, 'GET', `${jobUrl}/schema`)).body.synchronizationRules[0].id;
    const sp = (await graph(sandbox, 'GET', `/servicePrincipals/${spId}?$select=appRoles`)).body;
    const entitled = new Set(sandbox.store.assignmentsFor(spId).flatMap((a) => sandbox.store.principalUserIds(a.principalId)));
    const user = sandbox.store.activeUsers().find((u) => !entitled.has(u.id))!;
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${spId}/appRoleAssignedTo`, { principalId: user.id, resourceId: spId, appRoleId: sp.appRoles[0].id })).status, 201);
    const subjects = [{ objectId: user.id, objectTypeName: 'User' }];
    const early = await graph(sandbox, 'POST', `${jobUrl}/provisionOnDemand`, { parameters: [{ ruleId, subjects }] });
    assert.equal(early.status, 200);
    assert.deepEqual(JSON.parse(early.body.key).result, 'Skipped');
    assert.equal(JSON.parse(early.body.key).details.errorCode, 'NotEffectivelyEntitled');
    sandbox.replication.catchUp();
    const later = await graph(sandbox, 'POST', `${jobUrl}/provisionOnDemand`, { parameters: [{ ruleId, subjects }] });
    assert.equal(JSON.parse(later.body.key).result, 'Success');
    assert.ok(sandbox.scim.findUser(user.userPrincipalName));
  });

  it('sees everything at once with a delay of 0', async () => {
    const instant = await startSandbox({ pace: 'instant', users: 5, groups: 1, seed: 4, replicationDelaySeconds: 0 });
    try {
      const inst = await graph(instant, 'POST', `/applicationTemplates/${templateId}/instantiate`, { displayName: 'Instant App' });
      assert.equal((await graph(instant, 'GET', `/servicePrincipals/${inst.body.servicePrincipal.id}?$select=id`)).status, 200);
    } finally {
      await instant.close();
    }
  });

  it('keeps an object hidden exactly until its time (clock given)', () => {
    let now = 1_000;
    const r = new Replication(500, () => now);
    r.written('a');
    assert.equal(r.visible('a'), false);
    assert.equal(r.visible('never-written'), true);
    now = 1_499;
    assert.equal(r.visible('a'), false);
    now = 1_500;
    assert.equal(r.visible('a'), true);
  });

  it('takes --replication-delay on the command line', () => {
    assert.equal(parseCliOptions(['--replication-delay', '0']).options.replicationDelaySeconds, 0);
    assert.equal(parseCliOptions(['--replication-delay', '7.5']).options.replicationDelaySeconds, 7.5);
    assert.equal(parseCliOptions([]).options.replicationDelaySeconds, undefined);
    assert.throws(() => parseCliOptions(['--replication-delay', '-1']), /--replication-delay/);
  });
});
