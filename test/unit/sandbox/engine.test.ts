/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { OUTCOME_SAMPLE } from '../../../src/sandbox/engine/cycle';
import { graph, startTestSandbox } from './helpers';

/** Users the demo job should provision: assigned with a real role (directly or via a group). */
function expectedUserNames(sandbox: Sandbox): string[] {
  const { store, demo } = sandbox;
  const ids = new Set<string>();
  for (const a of store.assignmentsFor(demo.servicePrincipalId)) {
    if (a.appRoleId === '00000000-0000-0000-0000-000000000000') continue;
    for (const id of store.principalUserIds(a.principalId)) ids.add(id);
  }
  return [...ids].map((id) => store.users.get(id)!).filter((u) => !u.deletedDateTime).map((u) => u.userPrincipalName.toLowerCase()).sort();
}

describe('sandbox provisioning engine (end to end through Graph and the SCIM app)', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  const jobUrl = () => `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`;

  before(async () => {
    sandbox = await startTestSandbox({ users: 60, groups: 4, seed: 3 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
  });
  after(async () => { await sandbox.close(); });

  it('has one job ready to start with credentials pointing at the sandbox SCIM app', async () => {
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.code, 'NotRun');
    assert.equal(job.schedule.state, 'Disabled');
    const validate = await graph(sandbox, 'POST', `${jobUrl()}/validateCredentials`, { useSavedCredentials: true });
    assert.equal(validate.status, 204);
  });

  it('start runs the initial cycle: assigned users appear in the SCIM app, Default Access users do not', async () => {
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    const result = await cycle;
    assert.equal(result.state, 'Succeeded');
    const provisioned = sandbox.scim.listUsers().map((u) => String(u.userName).toLowerCase()).sort();
    assert.deepEqual(provisioned, expectedUserNames(sandbox));
    assert.ok(provisioned.length > 3);
    const defaultAccess = sandbox.store.assignmentsFor(sp).find((a) => a.appRoleId === '00000000-0000-0000-0000-000000000000')!;
    const defaultUser = sandbox.store.users.get(defaultAccess.principalId)!;
    if (!expectedUserNames(sandbox).includes(defaultUser.userPrincipalName.toLowerCase())) {
      assert.ok(!provisioned.includes(defaultUser.userPrincipalName.toLowerCase()));
    }
    // Every SCIM request of the cycle was accepted by scimmy (booleans sent as JSON booleans).
    assert.deepEqual(sandbox.scim.clientErrors(), []);
    for (const u of sandbox.scim.listUsers()) {
      const source = [...sandbox.store.users.values()].find((x) => x.userPrincipalName.toLowerCase() === String(u.userName).toLowerCase())!;
      assert.equal(u.active, source.accountEnabled, 'active follows IsSoftDeleted, which includes disabled accounts');
    }
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.code, 'Active');
    assert.equal(job.schedule.state, 'Active');
    assert.equal(job.schedule.interval, 'PT40M');
    assert.equal(job.status.lastExecution.state, 'Succeeded');
    assert.equal(job.status.lastExecution.countExported, provisioned.length);
    assert.equal(job.status.lastSuccessfulExecution.activityIdentifier, result.cycleId);
    assert.notEqual(job.status.steadyStateLastAchievedTime, '0001-01-01T00:00:00Z');
    assert.deepEqual(job.status.synchronizedEntryCountByType, [{ key: 'User to User', value: provisioned.length }]);
  });

  it('writes one provisioning log entry per create, with steps and modified properties', async () => {
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999&$filter=${encodeURIComponent(`jobId eq '${jobId}' and provisioningAction eq 'create'`)}`);
    assert.equal(logs.status, 200);
    assert.equal(logs.body.value.length, sandbox.scim.listUsers().length);
    const entry = logs.body.value[0];
    assert.equal(entry.provisioningStatusInfo.status, 'success');
    assert.equal(entry.servicePrincipal.id, sp);
    assert.ok(entry.provisioningSteps.some((s: any) => s.provisioningStepType === 'export' && s.status === 'success'));
    assert.ok(entry.provisioningSteps.some((s: any) => s.provisioningStepType === 'matching'));
    assert.ok(entry.modifiedProperties.some((p: any) => p.displayName === 'userName'));
    const byCycle = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent(`cycleId eq '${entry.cycleId}'`)}&$top=999`);
    assert.equal(byCycle.body.value.length, logs.body.value.length);
    const bySp = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent(`servicePrincipal/id eq '${sp}'`)}&$top=999`);
    assert.equal(bySp.body.value.length, logs.body.value.length);
  });

  it('an incremental cycle without changes exports nothing', async () => {
    sandbox.scim.clearRequests();
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(result.state, 'Succeeded');
    assert.equal(result.imported, 0);
    assert.equal(result.exported, 0);
    assert.equal(sandbox.scim.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('a changed user flows as a PATCH of only the changed attributes', async () => {
    const target = sandbox.scim.listUsers().find((u) => u.active === true)!;
    const source = [...sandbox.store.users.values()].find((u) => u.userPrincipalName.toLowerCase() === String(target.userName).toLowerCase())!;
    assert.equal((await graph(sandbox, 'PATCH', `/users/${source.id}`, { jobTitle: 'Chief Sandbox Officer' })).status, 204);
    sandbox.store.updateUser(source.id, { department: 'Research' });
    sandbox.scim.clearRequests();
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(result.exported, 1);
    const after = sandbox.scim.getUser(target.id)!;
    assert.equal(after.title, 'Chief Sandbox Officer');
    assert.equal((after['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as any).department, 'Research');
    const writes = sandbox.scim.requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(writes.map((r) => r.method), ['PATCH']);
    assert.deepEqual(sandbox.scim.clientErrors(), []);
    const update = result.outcomes[0];
    assert.equal(update.action, 'update');
    assert.deepEqual(update.modifiedProperties.map((p) => p.displayName).sort(), ['title', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department']);
  });

  it('a soft-deleted user is disabled (active false) in the SCIM app', async () => {
    const target = sandbox.scim.listUsers().filter((u) => u.active === true)[1];
    const source = [...sandbox.store.users.values()].find((u) => u.userPrincipalName.toLowerCase() === String(target.userName).toLowerCase())!;
    assert.equal((await graph(sandbox, 'DELETE', `/users/${source.id}`)).status, 204);
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(result.outcomes.length, 1);
    assert.equal(result.outcomes[0].action, 'disable');
    assert.equal(sandbox.scim.getUser(target.id)!.active, false);
    assert.deepEqual(sandbox.scim.clientErrors(), []);
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent("provisioningAction eq 'disable'")}`);
    assert.equal(logs.body.value.length, 1);
    assert.deepEqual(logs.body.value[0].modifiedProperties, [{ displayName: 'active', oldValue: 'True', newValue: 'False' }]);
  });

  it('removing an assignment takes the user out of scope and disables it; re-assigning enables it', async () => {
    const direct = sandbox.store.assignmentsFor(sp).find((a) => a.principalType === 'User' && a.appRoleId !== '00000000-0000-0000-0000-000000000000'
      && !sandbox.store.users.get(a.principalId)!.deletedDateTime && sandbox.store.users.get(a.principalId)!.accountEnabled)!;
    const user = sandbox.store.users.get(direct.principalId)!;
    const inGroup = sandbox.store.assignmentsFor(sp).some((a) => a.principalType === 'Group' && sandbox.store.groups.get(a.principalId)!.members.includes(user.id));
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${sp}/appRoleAssignedTo/${direct.id}`)).status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
    const scimUser = sandbox.scim.findUser(user.userPrincipalName)!;
    assert.equal(scimUser.active, inGroup, 'out of scope unless also assigned through a group');
    const again = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: user.id, resourceId: sp, appRoleId: direct.appRoleId });
    assert.equal(again.status, 201);
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(sandbox.scim.findUser(user.userPrincipalName)!.active, true);
  });

  it('a scoping filter limits who is provisioned', async () => {
    const url = `${jobUrl()}/schema`;
    const schema = (await graph(sandbox, 'GET', url)).body;
    delete schema['@odata.context'];
    const country = sandbox.scim.listUsers().filter((u) => u.active === true).map((u) => (u.addresses as any)?.[0]?.country).find(Boolean);
    schema.synchronizationRules[0].objectMappings[0].scope = {
      groups: [{ name: 'one country', clauses: [{ sourceOperandName: 'country', operatorName: 'EQUALS', targetOperand: { values: [country] } }] }],
      inputFilterGroups: [], categoryFilterGroups: [],
    };
    assert.equal((await graph(sandbox, 'PUT', url, schema)).status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
    for (const u of sandbox.scim.listUsers()) {
      const inCountry = (u.addresses as any)?.[0]?.country === country;
      if (!inCountry) assert.equal(u.active, false, `${String(u.userName)} is outside the filter`);
    }
    assert.ok(sandbox.scim.listUsers().some((u) => u.active === true));
    assert.equal((await graph(sandbox, 'DELETE', url)).status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
  });

  it('provisionOnDemand provisions one user now and answers Graph key/value JSON strings', async () => {
    const schema = (await graph(sandbox, 'GET', `${jobUrl()}/schema`)).body;
    const ruleId = schema.synchronizationRules[0].id;
    const newUser = await graph(sandbox, 'POST', '/users', { displayName: 'On Demand', userPrincipalName: 'on.demand@contoso-sandbox.example', mailNickname: 'on.demand', accountEnabled: true, givenName: 'On', surname: 'Demand', mail: 'on.demand@contoso-sandbox.example' });
    await graph(sandbox, 'POST', `/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: newUser.body.id, resourceId: sp, appRoleId: (await graph(sandbox, 'GET', `/servicePrincipals/${sp}`)).body.appRoles[0].id });
    // On demand honours an assignment once it has replicated (replication.test.ts covers the wait).
    sandbox.replication.catchUp();
    const res = await graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, { parameters: [{ ruleId, subjects: [{ objectId: newUser.body.id, objectTypeName: 'User' }] }] });
    assert.equal(res.status, 200);
    const key = JSON.parse(res.body.key);
    const value = JSON.parse(res.body.value);
    assert.equal(key.result, 'Success');
    assert.equal(value.action, 'Create');
    assert.ok(value.provisioningSteps.some((s: any) => s.type === 'Export' && s.status === 'Success'));
    assert.ok(sandbox.scim.findUser('on.demand@contoso-sandbox.example'));
    const again = await graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, { parameters: [{ ruleId, subjects: [{ objectId: newUser.body.id, objectTypeName: 'User' }] }] });
    assert.equal(JSON.parse(again.body.key).result, 'Skipped');
    assert.equal(JSON.parse(again.body.key).details.errorCode, 'RedundantExport');
    const badRule = await graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, { parameters: [{ ruleId: 'nope', subjects: [{ objectId: newUser.body.id, objectTypeName: 'User' }] }] });
    assert.equal(badRule.status, 400);
  });

  it('logs a redundant export as the EntrySynchronizationSkip step, as Graph\'s provisionOnDemand example does', async () => {
    const ruleId = (await graph(sandbox, 'GET', `${jobUrl()}/schema`)).body.synchronizationRules[0].id;
    const user = await graph(sandbox, 'POST', '/users', { displayName: 'Skip Step', userPrincipalName: 'skip.step@contoso-sandbox.example', mailNickname: 'skip.step', accountEnabled: true, givenName: 'Skip', surname: 'Step', mail: 'skip.step@contoso-sandbox.example' });
    await graph(sandbox, 'POST', `/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: user.body.id, resourceId: sp, appRoleId: (await graph(sandbox, 'GET', `/servicePrincipals/${sp}`)).body.appRoles[0].id });
    sandbox.replication.catchUp();
    const body = { parameters: [{ ruleId, subjects: [{ objectId: user.body.id, objectTypeName: 'User' }] }] };
    assert.equal(JSON.parse((await graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, body)).body.key).result, 'Success');
    const value = JSON.parse((await graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, body)).body.value);
    const skip = value.provisioningSteps.find((s: any) => s.status === 'Skipped');
    assert.deepEqual({ name: skip.name, type: skip.type, reason: skip.details.SkipReason }, { name: 'EntrySynchronizationSkip', type: 'Export', reason: 'RedundantExport' });
    assert.ok(!value.provisioningSteps.some((s: any) => s.name.startsWith('EntryExport')), 'nothing was exported, so no export step is logged');
  });

  it('pause stops scheduling (204, Paused) and start resumes', async () => {
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/pause`)).status, 204);
    const paused = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(paused.status.code, 'Paused');
    assert.equal(paused.schedule.state, 'Paused');
    sandbox.store.updateUser(sandbox.store.activeUsers()[0].id, { jobTitle: 'Paused Change' });
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    assert.notEqual((await cycle).state, 'Failed');
    assert.equal((await graph(sandbox, 'GET', jobUrl())).body.status.code, 'Active');
  });

  it('restart with resetScope Full re-evaluates everything without duplicating users', async () => {
    const before = sandbox.scim.listUsers().length;
    const bad = await graph(sandbox, 'POST', `${jobUrl()}/restart`, { criteria: { resetScope: 'Everything' } });
    assert.equal(bad.status, 400);
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/restart`, { criteria: { resetScope: 'Full' } })).status, 204);
    const result = await cycle;
    assert.ok(result.imported >= before);
    assert.equal(sandbox.scim.listUsers().length, before, 'users were matched by userName, not created twice');
    assert.deepEqual(sandbox.scim.clientErrors(), []);
  });

  it('quarantines a job at the first cycle the target refuses the credentials, with the reason, and start lifts it', async () => {
    const good = sandbox.store.sync(sp).secrets.map((s) => ({ ...s }));
    const wrong = good.map((s) => (s.key === 'SecretToken' ? { ...s, value: 'wrong-token' } : s));
    assert.equal((await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value: wrong })).status, 204);
    // Entra's quarantine doc: credential problems quarantine a job whatever its failure count.
    assert.equal((await sandbox.engine.runCycleNow(sp, jobId)).state, 'Failed');
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.code, 'Quarantine');
    assert.equal(job.status.countSuccessiveCompleteFailures, 1);
    assert.equal(job.status.quarantine.reason, 'EncounteredQuarantineException');
    assert.match(job.status.quarantine.error.code, /Credential/);
    assert.equal(job.status.lastExecution.state, 'Failed');
    assert.equal((await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value: good })).status, 204);
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    await cycle;
    const healed = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(healed.status.code, 'Active');
    assert.equal(healed.status.quarantine, null);
  });
});

describe('sandbox cycle result of a tenant bigger than its outcome sample', () => {
  let sandbox: Sandbox;
  after(async () => { await sandbox?.close(); });

  it('counts every logged object by status and keeps only the first outcomes; the log has them all', async () => {
    const users = OUTCOME_SAMPLE + 150;
    sandbox = await startTestSandbox({ users, groups: 0, seed: 5 });
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    sandbox.store.sync(sp).secrets = [...sandbox.store.sync(sp).secrets.filter((s) => s.key !== 'SyncAll'), { key: 'SyncAll', value: 'true' }];
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(result.state, 'Succeeded');
    assert.deepEqual(result.logged, { success: users });
    assert.equal(result.exported, users);
    assert.equal(result.outcomes.length, OUTCOME_SAMPLE);
    assert.ok(result.outcomes.every((o) => o.action === 'create' && o.status === 'success'));
    const entries = sandbox.store.data.audit.filter((e) => e.cycleId === result.cycleId);
    assert.equal(entries.length, users);
    // The sample is the first outcomes logged, and each is its entry's source.
    assert.deepEqual(result.outcomes.map((o) => o.source.id), entries.slice(0, OUTCOME_SAMPLE).map((e) => e.sourceIdentity.id));
  });
});
