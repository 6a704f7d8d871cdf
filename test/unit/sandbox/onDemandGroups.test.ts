/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph } from './helpers';

describe('sandbox provisionOnDemand: groups with links.members, and skip codes', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  let ruleId: string;
  const jobUrl = () => `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`;
  const onDemand = (subjects: unknown[]) => graph(sandbox, 'POST', `${jobUrl()}/provisionOnDemand`, { parameters: [{ ruleId, subjects }] });
  const groupSubject = (groupId: string, memberIds: string[]) => ({ objectId: groupId, objectTypeName: 'Group', links: { members: memberIds.map((objectId) => ({ objectId, objectTypeName: 'User' })) } });
  const assignedGroup = () => sandbox.store.groups.get(sandbox.store.assignmentsFor(sp).find((a) => a.principalType === 'Group')!.principalId)!;

  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 30, groups: 4, seed: 5, replicationDelaySeconds: 0 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
    const url = `${jobUrl()}/schema`;
    const schema = (await graph(sandbox, 'GET', url)).body;
    delete schema['@odata.context'];
    schema.synchronizationRules[0].objectMappings.find((m: any) => m.sourceObjectName === 'Group').enabled = true;
    assert.equal((await graph(sandbox, 'PUT', url, schema)).status, 204);
    ruleId = schema.synchronizationRules[0].id;
  });
  after(async () => { await sandbox.close(); });

  it('provisions an assigned group with the linked members: the members and the group appear in the SCIM app, the group holding them', async () => {
    const group = assignedGroup();
    const members = group.members.slice(0, 2);
    assert.equal(members.length, 2);
    const res = await onDemand([groupSubject(group.id, members)]);
    assert.equal(res.status, 200);
    assert.match(res.body['@odata.context'], /#microsoft\.graph\.stringKeyStringValuePair$/);
    assert.deepEqual(JSON.parse(res.body.key), { result: 'Success', details: {} });
    assert.equal(res.body.value, '{}');
    const target = sandbox.scim.listGroups().find((g) => g.externalId === group.id);
    assert.ok(target, 'the group is in the SCIM app');
    const targetMembers = ((target.members ?? []) as any[]).map((m) => String(m.value));
    for (const id of members) {
      const scimUser = sandbox.scim.findUser(sandbox.store.users.get(id)!.userPrincipalName);
      assert.ok(scimUser, 'the linked member is in the SCIM app');
      assert.ok(targetMembers.includes(String(scimUser.id)), 'the linked member is in the SCIM group');
    }
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999`);
    assert.ok(logs.body.value.some((e: any) => e.sourceIdentity.id === group.id && e.provisioningStatusInfo.status === 'success' && e.initiatedBy.initiatorType === 'user'));
    assert.deepEqual(sandbox.scim.clientErrors(), []);
  });

  it('skips a group already up to date with RedundantExport', async () => {
    const group = assignedGroup();
    const res = await onDemand([groupSubject(group.id, group.members.slice(0, 2))]);
    const key = JSON.parse(res.body.key);
    assert.equal(key.result, 'Skipped');
    assert.equal(key.details.errorCode, 'RedundantExport');
  });

  it('skips a group that is not assigned with NotEffectivelyEntitled, and provisions nothing', async () => {
    const assigned = new Set(sandbox.store.assignmentsFor(sp).map((a) => a.principalId));
    const other = [...sandbox.store.groups.values()].find((g) => !assigned.has(g.id) && g.members.length > 0)!;
    const before = sandbox.scim.listGroups().length;
    const res = await onDemand([groupSubject(other.id, other.members.slice(0, 1))]);
    assert.equal(res.status, 200);
    const key = JSON.parse(res.body.key);
    assert.equal(key.result, 'Skipped');
    assert.equal(key.details.errorCode, 'NotEffectivelyEntitled');
    assert.match(key.details.errorMessage, /not assigned/);
    assert.equal(sandbox.scim.listGroups().length, before);
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999`);
    const entry = logs.body.value.find((e: any) => e.sourceIdentity.id === other.id);
    assert.equal(entry.provisioningStatusInfo.status, 'skipped');
    assert.ok(entry.provisioningSteps.some((s: any) => s.details.SkipReason === 'NotEffectivelyEntitled'));
  });

  it('skips a user who is not assigned with NotEffectivelyEntitled and its sentence', async () => {
    const entitledUsers = new Set(sandbox.store.assignmentsFor(sp).flatMap((a) => sandbox.store.principalUserIds(a.principalId)));
    const outsider = sandbox.store.activeUsers().find((u) => !entitledUsers.has(u.id))!;
    const res = await onDemand([{ objectId: outsider.id, objectTypeName: 'User' }]);
    const key = JSON.parse(res.body.key);
    assert.equal(key.result, 'Skipped');
    assert.equal(key.details.errorCode, 'NotEffectivelyEntitled');
    assert.equal(typeof key.details.errorMessage, 'string');
    const report = JSON.parse(res.body.value);
    assert.ok(report.provisioningSteps.some((s: any) => s.type === 'Scoping' && s.status === 'Skipped' && s.details.SkipReason === 'NotEffectivelyEntitled'));
  });

  it('refuses more than five linked members, members outside the group, and two groups at once', async () => {
    // Graph allows 5 calls per 10 s on a job: the refusals go to a fresh tenant's job.
    await sandbox.close();
    sandbox = await startSandbox({ pace: 'instant', users: 30, groups: 4, seed: 5, replicationDelaySeconds: 0 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
    const group = assignedGroup();
    const six = [...group.members, ...sandbox.store.activeUsers().map((u) => u.id)].slice(0, 6);
    const tooMany = await onDemand([groupSubject(group.id, six)]);
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error.message, /up to 5 members/);
    const outsider = sandbox.store.activeUsers().find((u) => !group.members.includes(u.id))!;
    const notMember = await onDemand([groupSubject(group.id, [outsider.id])]);
    assert.equal(notMember.status, 400);
    const groups = [...sandbox.store.groups.values()].slice(0, 2);
    const two = await onDemand(groups.map((g) => groupSubject(g.id, [])));
    assert.equal(two.status, 400);
    const badLinks = await onDemand([{ objectId: group.id, objectTypeName: 'Group', links: { members: 'all' } }]);
    assert.equal(badLinks.status, 400);
    assert.equal(errorCode(badLinks.body), 'Request_BadRequest');
  });
});
