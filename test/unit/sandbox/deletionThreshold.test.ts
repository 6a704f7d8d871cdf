/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { graph, startTestSandbox } from './helpers';

describe('sandbox accidental-deletion threshold', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  const jobUrl = () => `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`;
  const activeInApp = () => sandbox.scim.listUsers().filter((u) => u.active === true).length;

  /** Writes the notification settings the way the extension does (inside SyncNotificationSettings). */
  async function setThreshold(value: number | null): Promise<void> {
    const current = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/secrets`)).body.value as { key: string; value: string }[];
    const settings = { Enabled: false, DeleteThresholdEnabled: value !== null, ...(value !== null ? { DeleteThresholdValue: value } : {}) };
    const next = current.filter((s) => s.value !== '*****' && s.key !== 'SyncNotificationSettings').concat({ key: 'SyncNotificationSettings', value: JSON.stringify(settings) });
    assert.equal((await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value: next })).status, 204);
  }

  /** A scoping filter nobody passes: every provisioned account would be disabled. */
  async function scopeEveryoneOut(): Promise<void> {
    const schema = (await graph(sandbox, 'GET', `${jobUrl()}/schema`)).body;
    delete schema['@odata.context'];
    schema.synchronizationRules[0].objectMappings[0].scope = {
      groups: [{ name: 'nobody', clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['No Such Department'] } }] }],
      inputFilterGroups: [], categoryFilterGroups: [],
    };
    assert.equal((await graph(sandbox, 'PUT', `${jobUrl()}/schema`, schema)).status, 204);
  }

  async function restart(resetScope?: string): Promise<any> {
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/restart`, resetScope ? { criteria: { resetScope } } : {})).status, 204);
    return cycle;
  }

  before(async () => {
    sandbox = await startTestSandbox({ users: 80, groups: 3, seed: 11 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
    const initial = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    await initial;
  });
  after(async () => { await sandbox.close(); });

  it('holds a cycle that would disable more accounts than the threshold, and quarantines the job', async () => {
    const before = activeInApp();
    assert.ok(before > 4, `${before} active accounts to protect`);
    await setThreshold(3);
    await scopeEveryoneOut();
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(activeInApp(), before, 'no account was disabled');
    const held = result.outcomes.filter((o) => o.steps.some((s) => s.details.SkipReason === 'AccidentalDeletionThreshold'));
    assert.equal(held.length, before);
    assert.ok(held.every((o) => o.action === 'disable' && o.status === 'skipped'));
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.code, 'Quarantine');
    assert.equal(job.status.quarantine.reason, 'TooManyDeletes');
    assert.equal(job.status.quarantine.error.code, 'TooManyDeletes');
    assert.match(job.status.quarantine.error.message, new RegExp(`disable or delete ${before} accounts.*threshold of 3`));
    const logs = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent("provisioningAction eq 'disable'")}`);
    assert.ok(logs.body.value.some((e: any) => e.provisioningStatusInfo.status === 'skipped'), 'the held disables are in the provisioning logs');
  });

  it('holds them again after a plain restart while their cause is still there', async () => {
    const before = activeInApp();
    const result = await restart();
    assert.equal(activeInApp(), before);
    assert.equal(result.state, 'Succeeded');
    assert.equal((await graph(sandbox, 'GET', jobUrl())).body.status.quarantine?.reason, 'TooManyDeletes');
  });

  it('applies the held deletions after a restart with ForceDeletes, and leaves quarantine', async () => {
    const result = await restart('ForceDeletes');
    assert.equal(activeInApp(), 0, 'every account left the scope and is disabled');
    assert.ok(result.outcomes.some((o: any) => o.action === 'disable' && o.status === 'success'));
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.quarantine, null);
    assert.equal(job.status.code, 'Active');
  });

  it('lets deletions at or under the threshold through', async () => {
    const schema = (await graph(sandbox, 'DELETE', `${jobUrl()}/schema`));
    assert.equal(schema.status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
    const active = activeInApp();
    assert.ok(active > 1);
    const victim = sandbox.scim.listUsers().find((u) => u.active === true)!;
    const source = [...sandbox.store.users.values()].find((u) => u.userPrincipalName.toLowerCase() === String(victim.userName).toLowerCase())!;
    assert.equal((await graph(sandbox, 'DELETE', `/users/${source.id}`)).status, 204);
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(sandbox.scim.getUser(String(victim.id))!.active, false);
    assert.equal((await graph(sandbox, 'GET', jobUrl())).body.status.code, 'Active');
  });

  /** Disables `count` provisioned users in Entra (accountEnabled false): each is a disable in the app. */
  function disableInEntra(count: number): void {
    const active = sandbox.scim.listUsers().filter((u) => u.active === true).slice(0, count);
    assert.equal(active.length, count);
    for (const account of active) {
      const user = [...sandbox.store.users.values()].find((u) => u.userPrincipalName.toLowerCase() === String(account.userName).toLowerCase())!;
      sandbox.store.updateUser(user.id, { accountEnabled: false });
    }
  }

  it('counts accounts disabled in Entra too, and a Full restart applies what was held', async () => {
    const before = activeInApp();
    disableInEntra(4);
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(activeInApp(), before, 'four disables are over the threshold of 3: held');
    const job = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(job.status.quarantine?.reason, 'TooManyDeletes');
    assert.equal(job.status.quarantine.seriesCount, 1);
    await restart('Full');
    assert.equal(activeInApp(), before - 4, 'Full includes ForceDeletes, and clearing the connector data keeps the held accounts');
    assert.equal((await graph(sandbox, 'GET', jobUrl())).body.status.quarantine, null);
  });

  it('leaves a paused job paused when its cycle holds deletions, and checks them again on resume', async () => {
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/pause`)).status, 204);
    const before = activeInApp();
    disableInEntra(4);
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(activeInApp(), before);
    const paused = (await graph(sandbox, 'GET', jobUrl())).body;
    assert.equal(paused.status.code, 'Paused');
    assert.equal(paused.status.quarantine, null);
    const resumed = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    await resumed;
    assert.equal(activeInApp(), before, 'still held after resuming');
    assert.equal((await graph(sandbox, 'GET', jobUrl())).body.status.quarantine?.reason, 'TooManyDeletes');
  });
});

/** A sandbox whose demo job provisions groups too (one assigned group) with a deletion threshold of 0. */
async function groupSandbox(): Promise<Sandbox> {
  const sandbox = await startTestSandbox({ users: 40, groups: 3, seed: 5 });
  const { servicePrincipalId: sp, jobId } = sandbox.demo;
  const url = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
  const schema = (await graph(sandbox, 'GET', url)).body;
  delete schema['@odata.context'];
  schema.synchronizationRules[0].objectMappings.find((m: any) => m.sourceObjectName === 'Group').enabled = true;
  assert.equal((await graph(sandbox, 'PUT', url, schema)).status, 204);
  await sandbox.engine.runCycleNow(sp, jobId);
  assert.equal(sandbox.scim.listGroups().length, 1);
  const secrets = sandbox.store.sync(sp).secrets.filter((s) => s.key !== 'SyncNotificationSettings');
  sandbox.store.sync(sp).secrets = [...secrets, { key: 'SyncNotificationSettings', value: JSON.stringify({ Enabled: false, DeleteThresholdEnabled: true, DeleteThresholdValue: 0 }) }];
  return sandbox;
}

/** Restarts with ForceDeletes and returns the cycle that follows. */
async function allowDeletes(sandbox: Sandbox): Promise<any> {
  const { servicePrincipalId: sp, jobId } = sandbox.demo;
  const forced = sandbox.engine.nextCycle(jobId);
  assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/restart`, { criteria: { resetScope: 'ForceDeletes' } })).status, 204);
  return forced;
}

const groupDeleted = (result: any, status: string) => result.outcomes.some((o: any) => o.identityType === 'Group' && o.action === 'delete' && o.status === status);

describe('sandbox accidental-deletion threshold with group provisioning', () => {
  let sandbox: Sandbox;
  afterEach(async () => { await sandbox?.close(); });

  it('holds a group that leaves scope with its members, and deletes it once allowed', async () => {
    sandbox = await groupSandbox();
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const a = sandbox.store.assignmentsFor(sp).find((x) => x.principalType === 'Group')!;
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${sp}/appRoleAssignedTo/${a.id}`)).status, 204);
    assert.ok(groupDeleted(await sandbox.engine.runCycleNow(sp, jobId), 'skipped'), 'the group delete is held');
    assert.equal(sandbox.scim.listGroups().length, 1);
    assert.ok(groupDeleted(await allowDeletes(sandbox), 'success'));
    assert.equal(sandbox.scim.listGroups().length, 0);
  });

  it('deletes a held group once allowed even when nothing about it changed since', async () => {
    sandbox = await groupSandbox();
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    // The group's own scoping filter drops it; its members stay assigned.
    const url = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
    const schema = (await graph(sandbox, 'GET', url)).body;
    delete schema['@odata.context'];
    schema.synchronizationRules[0].objectMappings.find((m: any) => m.sourceObjectName === 'Group').scope = {
      groups: [{ name: 'none', clauses: [{ sourceOperandName: 'displayName', operatorName: 'EQUALS', targetOperand: { values: ['No Such Group'] } }] }],
      inputFilterGroups: [], categoryFilterGroups: [],
    };
    assert.equal((await graph(sandbox, 'PUT', url, schema)).status, 204);
    assert.ok(groupDeleted(await sandbox.engine.runCycleNow(sp, jobId), 'skipped'));
    assert.ok(groupDeleted(await allowDeletes(sandbox), 'success'), 'the forced incremental cycle takes the held group again');
    assert.equal(sandbox.scim.listGroups().length, 0);
  });
});
