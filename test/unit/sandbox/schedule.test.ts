import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { graph, startTestSandbox } from './helpers';

describe('sandbox job schedule and the GoToMeeting connector', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 20, groups: 2, cycleIntervalSeconds: 1 }); });
  after(async () => { await sandbox.close(); });

  it('runs incremental cycles on the (shortened) schedule after the initial one', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const first = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/start`)).status, 204);
    await first;
    const job = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body;
    assert.equal(job.schedule.interval, 'PT1S');
    const user = sandbox.store.users.get(sandbox.store.assignmentsFor(sp).find((a) => a.principalType === 'User')!.principalId)!;
    sandbox.store.updateUser(user.id, { displayName: 'Changed Between Cycles' });
    // Later cycles come from the schedule, not from a call; one of them carries the change.
    let cycles = 0;
    while (sandbox.scim.findUser(user.userPrincipalName)?.displayName !== 'Changed Between Cycles') {
      const scheduled = await sandbox.engine.nextCycle(jobId);
      assert.equal(scheduled.state, 'Succeeded');
      cycles++;
    }
    assert.ok(cycles >= 1);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/pause`)).status, 204);
  });

  it('provisions the GoToMeeting app with admin user name and password (basic auth)', async () => {
    const goto = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'GoToMeeting (sandbox)'")}`)).body.value[0];
    const job = (await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs`, { templateId: 'gotomeeting' })).body;
    const { userName, password } = sandbox.gotoMeetingCredentials;
    assert.equal((await graph(sandbox, 'PUT', `/servicePrincipals/${goto.id}/synchronization/secrets`, { value: [{ key: 'UserName', value: userName }, { key: 'Password', value: password }] })).status, 204);
    assert.equal((await graph(sandbox, 'GET', `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}`)).body.status.code, 'NotRun');
    const cycle = sandbox.engine.nextCycle(job.id);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}/start`)).status, 204);
    const result = await cycle;
    assert.equal(result.state, 'Succeeded');
    const assigned = sandbox.store.assignmentsFor(goto.id).map((a) => sandbox.store.users.get(a.principalId)!.userPrincipalName.toLowerCase()).sort();
    assert.deepEqual(sandbox.scim.listGoToMeetingUsers().map((u) => String(u.userName).toLowerCase()).sort(), assigned);
    assert.deepEqual(sandbox.scim.clientErrors(), []);
    await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}/pause`);
  });

  it('limits provisionOnDemand to 5 requests per 10 seconds per job (429 with Retry-After)', async () => {
    const goto = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'GoToMeeting (sandbox)'")}`)).body.value[0];
    const job = (await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs`, { templateId: 'gotomeeting' })).body;
    const ruleId = (await graph(sandbox, 'GET', `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}/schema`)).body.synchronizationRules[0].id;
    const userId = sandbox.store.assignmentsFor(goto.id)[0].principalId;
    const body = { parameters: [{ ruleId, subjects: [{ objectId: userId, objectTypeName: 'User' }] }] };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}/provisionOnDemand`, body)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });
});
