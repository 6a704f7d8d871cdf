import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseQueryLogsArgs, type QueryLogsResult } from '../../src/commands/queryLogs';
import type { ProvisioningObjectSummary } from '../../src/sandbox/types';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const queryLogs = (args: unknown) => vscode.commands.executeCommand<QueryLogsResult | undefined>('entraProvisioning.queryLogs', args);

describe('Query provisioning logs (real VS Code host, real sandbox)', () => {
  let connected: ConnectedSandbox;
  let cycleId: string;
  /** The cycle's entries as the sandbox wrote them. */
  let written: ProvisioningObjectSummary[];
  let created: ProvisioningObjectSummary;

  before(async function () {
    this.timeout(60_000);
    connected = await connectTestSandbox();
    const { sandbox, api } = connected;
    const { servicePrincipalId, jobId } = sandbox.demo;
    const cycle = sandbox.engine.nextCycle(jobId);
    await (await api.services.graph.service()).jobs.start(servicePrincipalId, jobId);
    ({ cycleId } = await cycle);
    written = sandbox.store.data.audit.filter((e) => e.cycleId === cycleId);
    created = written.find((e) => e.provisioningAction === 'create' && e.provisioningStatusInfo.status === 'success')!;
    assert.ok(created, 'the cycle created users');
    // Entries become readable 0.5–1 s after their action, as in Entra: wait until all of them are.
    await eventually(async () => (await queryLogs({ cycleId }))?.items.length === written.length, 20_000, 'every entry of the cycle readable');
  });

  after(async () => {
    await connected?.dispose();
  });

  it('reads one cycle and groups it as one group holding every entry', async () => {
    const result = await queryLogs({ cycleId, groupBy: 'cycle' });
    assert.ok(result);
    assert.deepEqual(result.items.map((e) => e.id).sort(), written.map((e) => e.id).sort());
    assert.ok(result.items.every((e) => e.cycleId === cycleId && e.jobId === connected.sandbox.demo.jobId));
    const times = result.items.map((e) => e.time);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.equal(result.groups?.length, 1);
    assert.equal(result.groups[0].key, cycleId);
    assert.equal(result.groups[0].count, written.length);
    assert.deepEqual(result.groups[0].indexes, result.items.map((_, i) => i));
    assert.equal(result.groups[0].firstTime, times[times.length - 1]);
    assert.equal(result.groups[0].lastTime, times[0]);
    assert.equal((await queryLogs({ cycleId }))?.groups, undefined, 'no groups unless asked');
  });

  it('finds a user by source id and by user principal name, and groups by user', async () => {
    const { sandbox } = connected;
    const userId = created.sourceIdentity.id;
    const upn = sandbox.store.users.get(userId)!.userPrincipalName;
    const bySource = await queryLogs({ user: userId, groupBy: 'user' });
    assert.ok(bySource);
    assert.deepEqual(bySource.items.map((e) => e.id), [created.id]);
    assert.equal(bySource.items[0].sourceName, created.sourceIdentity.displayName);
    assert.equal(bySource.items[0].targetId, created.targetIdentity.id);
    assert.deepEqual(bySource.groups?.map((g) => [g.key, g.label, g.count]), [[userId, created.sourceIdentity.displayName, 1]]);
    const byUpn = await queryLogs({ user: upn, servicePrincipalId: sandbox.demo.servicePrincipalId });
    assert.deepEqual(byUpn?.items.map((e) => e.id), [created.id]);
    const byTarget = await queryLogs({ user: created.targetIdentity.id });
    assert.deepEqual(byTarget?.items.map((e) => e.id), [created.id]);
    assert.deepEqual((await queryLogs({ user: 'nobody@sandbox.example' }))?.items, []);
  });

  it('groups by error code, and filters by status and action', async () => {
    const { sandbox } = connected;
    const failure = (id: string, source: ProvisioningObjectSummary, code: string): ProvisioningObjectSummary => ({
      ...source, id, cycleId: 'failing-cycle', provisioningAction: 'update', activityDateTime: new Date().toISOString(),
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: code, reason: `${code} in the test`, additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: null } },
    });
    const users = written.filter((e) => e.provisioningAction === 'create').slice(0, 2);
    sandbox.store.addAudit([
      failure('f1', users[0], 'SystemForCrossDomainIdentityManagementBadResponse'),
      failure('f2', users[1], 'SystemForCrossDomainIdentityManagementBadResponse'),
      failure('f3', users[0], 'DuplicateTargetEntries'),
    ]);
    const failures = await queryLogs({ status: 'failure', groupBy: 'error' });
    assert.ok(failures);
    assert.deepEqual(failures.items.map((e) => e.id).sort(), ['f1', 'f2', 'f3']);
    const byCode = Object.fromEntries(failures.groups!.map((g) => [g.key, g.indexes.map((i) => failures.items[i].id).sort()]));
    assert.deepEqual(byCode, { SystemForCrossDomainIdentityManagementBadResponse: ['f1', 'f2'], DuplicateTargetEntries: ['f3'] });
    const byUser = await queryLogs({ cycleId: 'failing-cycle', groupBy: 'user' });
    assert.deepEqual(byUser?.groups?.map((g) => [g.key, g.count]).sort(), [[users[0].sourceIdentity.id, 2], [users[1].sourceIdentity.id, 1]].sort());
    const updatesOfCycle = await queryLogs({ cycleId, action: 'update' });
    assert.deepEqual(updatesOfCycle?.items.map((e) => e.id).sort(), written.filter((e) => e.provisioningAction === 'update').map((e) => e.id).sort());
    const skipped = await queryLogs({ cycleId, status: 'skipped' });
    assert.deepEqual(skipped?.items.map((e) => e.id).sort(), written.filter((e) => e.provisioningStatusInfo.status === 'skipped').map((e) => e.id).sort());
  });

  it('filters by an inclusive date range', async () => {
    const times = written.map((e) => e.activityDateTime).sort();
    const all = await queryLogs({ cycleId, from: times[0], to: times[times.length - 1] });
    assert.equal(all?.items.length, written.length, 'both ends included');
    const before = await queryLogs({ cycleId, to: new Date(Date.parse(times[0]) - 1).toISOString() });
    assert.deepEqual(before?.items, []);
    const fromLast = await queryLogs({ cycleId, from: times[times.length - 1] });
    assert.deepEqual(fromLast?.items.map((e) => e.id).sort(), written.filter((e) => e.activityDateTime === times[times.length - 1]).map((e) => e.id).sort());
    const day = times[0].slice(0, 10);
    assert.equal((await queryLogs({ cycleId, from: day }))?.items.length, written.length, 'a date alone is its midnight UTC');
    assert.equal((await queryLogs({ cycleId, to: day }))?.items.length, written.length, 'a date alone as the end includes that whole day (UTC)');
    const minute = new Date(Date.parse(times[0])).toISOString().slice(0, 16);
    const inFirstMinute = written.filter((e) => e.activityDateTime.slice(0, 16) <= minute).length;
    assert.equal((await queryLogs({ cycleId, to: minute }))?.items.length, inFirstMinute, 'a time without seconds or offset is UTC, and as the end includes that minute');
  });

  it('refuses invalid arguments with a sentence that says what is wrong', async () => {
    const invalid: [unknown, RegExp][] = [
      [{ status: 'failed' }, /^status must be one of success, failure, skipped, warning \(got "failed"\)\.$/],
      [{ action: 'Create' }, /^action must be one of create, update, delete, disable, other, stagedDelete \(got "Create"\)\.$/],
      [{ groupBy: 'day' }, /^groupBy must be one of cycle, error, user/],
      [{ from: 'yesterday' }, /^from must be an ISO 8601 date or date and time, such as 2026-01-31 or 2026-01-31T08:00:00Z \(got "yesterday"\)\.$/],
      [{ to: '2026-13-45' }, /^to must be an ISO 8601 date/],
      [{ from: '2026-02-01', to: '2026-01-01' }, /^from \(2026-02-01T00:00:00\.000Z\) is later than to \(2026-01-01T23:59:59\.999Z\)\.$/],
      [{ user: 42 }, /^user must be a non-empty string\.$/],
      [{ jobId: '' }, /^jobId must be a non-empty string\.$/],
      [{ cycle: 'x' }, /^Unknown argument cycle; queryLogs takes servicePrincipalId, jobId, user, from, to, status, action, cycleId, groupBy, connectionId\.$/],
      ['cycle', /^queryLogs takes one object of arguments/],
    ];
    for (const [args, message] of invalid) {
      assert.throws(() => parseQueryLogsArgs(args), (e: Error) => message.test(e.message), JSON.stringify(args));
      assert.equal(await queryLogs(args), undefined, `the command fails for ${JSON.stringify(args)}`);
    }
    assert.equal(await queryLogs({ cycleId, connectionId: 'no-such-connection' }), undefined, 'an unknown connection fails');
  });
});
