/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { graph, startTestSandbox } from './helpers';

describe('sandbox group provisioning (when the group mapping is enabled)', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  before(async () => {
    sandbox = await startTestSandbox({ users: 40, groups: 3, seed: 5 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
    const url = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
    const schema = (await graph(sandbox, 'GET', url)).body;
    delete schema['@odata.context'];
    schema.synchronizationRules[0].objectMappings.find((m: any) => m.sourceObjectName === 'Group').enabled = true;
    assert.equal((await graph(sandbox, 'PUT', url, schema)).status, 204);
  });
  after(async () => { await sandbox.close(); });

  const assignedGroup = () => sandbox.store.groups.get(sandbox.store.assignmentsFor(sp).find((a) => a.principalType === 'Group')!.principalId)!;
  const targetGroup = () => sandbox.scim.listGroups().find((g) => g.displayName === assignedGroup().displayName);
  const memberIds = (g: any) => ((g?.members ?? []) as any[]).map((m) => String(m.value)).sort();
  const expectedMembers = () => assignedGroup().members.map((id) => sandbox.scim.findUser(sandbox.store.users.get(id)!.userPrincipalName)?.id).filter(Boolean).sort();

  it('creates the assigned group with its provisioned members, after the users', async () => {
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(result.state, 'Succeeded');
    assert.equal(sandbox.scim.listGroups().length, 1);
    const g = targetGroup();
    assert.ok(g);
    assert.equal(g.externalId, assignedGroup().id);
    assert.ok(memberIds(g).length > 0);
    assert.deepEqual(memberIds(g), expectedMembers());
    assert.deepEqual(sandbox.scim.clientErrors(), []);
    const job = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body;
    assert.deepEqual(job.status.synchronizedEntryCountByType.find((e: any) => e.key === 'Group to Group'), { key: 'Group to Group', value: 1 });
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent("provisioningAction eq 'create'")}&$top=999`);
    assert.ok(logs.body.value.some((e: any) => e.sourceIdentity.identityType === 'Group'));
  });

  it('patches membership when a member leaves the group', async () => {
    const group = assignedGroup();
    const leaving = group.members.find((id) => sandbox.scim.findUser(sandbox.store.users.get(id)!.userPrincipalName))!;
    assert.equal((await graph(sandbox, 'DELETE', `/groups/${group.id}/members/${leaving}/$ref`)).status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.deepEqual(memberIds(targetGroup()), expectedMembers());
    assert.deepEqual(sandbox.scim.clientErrors(), []);
  });

  it('deletes the group from the target when it is unassigned', async () => {
    const a = sandbox.store.assignmentsFor(sp).find((x) => x.principalType === 'Group')!;
    const name = assignedGroup().displayName;
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${sp}/appRoleAssignedTo/${a.id}`)).status, 204);
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.ok(result.outcomes.some((o) => o.identityType === 'Group' && o.action === 'delete' && o.status === 'success'));
    assert.equal(sandbox.scim.listGroups().some((g) => g.displayName === name), false);
    assert.deepEqual(sandbox.scim.clientErrors(), []);
  });
});
