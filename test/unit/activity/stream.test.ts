import assert from 'node:assert/strict';
import { ActivityStream } from '../../../src/activity/activityStream';
import { englishWords, formatEvent, type ActivityLine } from '../../../src/activity/formatter';
import { isFailure, type ActivityEvent } from '../../../src/activity/types';
import type { Sandbox } from '../../../src/sandbox/server';
import { engineLog, serviceFor, startActivitySandbox } from './helpers';

describe('activity stream: job state lines, event lines, filters (real sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startActivitySandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('writes the job state, then each shown event once, then "cycle finished" with counts', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const lines: ActivityLine[] = [];
    const all: ActivityEvent[] = [];
    const stream = new ActivityStream({ maxHoldMs: 0,
      service, scope: { kind: 'job', servicePrincipalId, jobId }, intervalMs: () => 10,
      sink: (line) => lines.push(line), onEvents: (events) => all.push(...events),
      filter: () => ({ hideStatuses: ['skipped'], hideActions: [] }),
    });
    await stream.round();
    assert.equal(lines[0].text, 'Watching Contoso SCIM App (sandbox): Not started, not scheduled.');

    const cycle = sandbox.engine.nextCycle(jobId);
    await service.jobs.start(servicePrincipalId, jobId);
    const result = await cycle;
    await stream.round();

    const log = engineLog(sandbox, jobId);
    assert.deepEqual(all.map((e) => e.id), log.map((e) => e.id));
    const eventLines = lines.filter((l) => l.eventId);
    assert.deepEqual(eventLines.map((l) => l.eventId), log.filter((e) => e.provisioningStatusInfo?.status !== 'skipped').map((e) => e.id));
    for (const [i, line] of eventLines.entries()) {
      const event = log.find((e) => e.id === line.eventId)!;
      assert.ok(line.text.includes(`${event.provisioningAction}  ${event.provisioningStatusInfo?.status}`), line.text);
      assert.ok(line.text.includes(event.sourceIdentity!.displayName!), line.text);
      assert.ok(!line.text.includes(event.sourceIdentity!.id!) && !line.text.includes(result.cycleId.slice(0, 8)), `line ${i} names people, not their ids: ${line.text}`);
    }
    const finished = lines.findIndex((l) => /cycle finished \(succeeded\)/.test(l.text));
    assert.ok(finished > lines.indexOf(eventLines.at(-1)!), 'cycle finished comes after the cycle\'s events');
    assert.match(lines[finished].text, new RegExp(`${result.imported} imported, ${result.exported} exported, 0 escrowed`));

    await service.jobs.pause(servicePrincipalId, jobId);
    await stream.round();
    assert.match(lines.at(-1)!.text, /: paused\.$/);
    assert.equal(lines.at(-1)!.level, 'warn');
  });

  it('hides statuses and actions the filter names, and shows them again when it changes', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    sandbox.store.touchUsers(sandbox.store.users.keys());
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const log = engineLog(sandbox, jobId);
    assert.ok(log.some((e) => e.provisioningStatusInfo?.status === 'skipped') && log.some((e) => e.provisioningAction === 'create'));

    let filter = { hideStatuses: ['SKIPPED'], hideActions: ['create'] };
    const lines: ActivityLine[] = [];
    const stream = new ActivityStream({ maxHoldMs: 0, service, scope: { kind: 'app', servicePrincipalId }, intervalMs: () => 10, watchJobs: false, sink: (l) => lines.push(l), filter: () => filter, startAt: Date.now() - 60_000 });
    await stream.round();
    const shown = log.filter((e) => e.provisioningStatusInfo?.status !== 'skipped' && e.provisioningAction !== 'create');
    assert.deepEqual(lines.map((l) => l.eventId), shown.map((e) => e.id));
    assert.ok(lines.every((l) => l.text.includes('[Contoso SCIM App (sandbox)]')), 'app-wide streams name the app');

    filter = { hideStatuses: [], hideActions: [] };
    sandbox.store.touchUsers(sandbox.store.users.keys());
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    lines.length = 0;
    await stream.round();
    assert.equal(lines.length, engineLog(sandbox, jobId).length - log.length, 'every new event, skipped ones included');
  });

  it('streams every job in the tenant: each job\'s state once, and events of all apps named by app', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const lines: ActivityLine[] = [];
    const stream = new ActivityStream({ maxHoldMs: 0, service, scope: { kind: 'tenant' }, intervalMs: () => 10, sink: (l) => lines.push(l), filter: () => ({ hideStatuses: [], hideActions: [] }) });
    await stream.round();
    const jobs = Object.values(sandbox.store.data.synchronization).flatMap((s) => s.jobs);
    assert.equal(lines.filter((l) => /^Watching /.test(l.text)).length, jobs.length, 'one line per job in the tenant');

    lines.length = 0;
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    await stream.round();
    assert.equal(lines.filter((l) => l.eventId).length, engineLog(sandbox, jobId).length);
    assert.ok(lines.filter((l) => l.eventId).every((l) => l.text.includes('[Contoso SCIM App (sandbox)]')));
    assert.ok(lines.some((l) => /^Contoso SCIM App \(sandbox\): cycle finished/.test(l.text)), 'a job is named by its app, as in the tree');
  });

  it('lists the first of a run of cycles that change nothing, and counts the rest once something happens again', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const lines: ActivityLine[] = [];
    const stream = new ActivityStream({ maxHoldMs: 0, service, scope: { kind: 'job', servicePrincipalId, jobId }, intervalMs: () => 10, sink: (l) => lines.push(l) });
    await stream.round();
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    await stream.round();
    assert.ok(lines.some((l) => /cycle finished \(succeeded\): \d+ imported, [1-9]\d* exported/.test(l.text)), 'the first cycle provisions, and says so');

    lines.length = 0;
    for (let i = 0; i < 3; i++) {
      // Nothing changed since: each of these cycles exports nothing.
      const result = await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
      assert.equal(result.exported, 0);
      await stream.round();
    }
    assert.deepEqual(lines.map((l) => l.text), ['Contoso SCIM App (sandbox): cycle finished with nothing to change. Further cycles like it are counted, not listed.']);

    lines.length = 0;
    const user = [...sandbox.store.users.values()].find((u) => sandbox.store.data.audit.some((e) => e.jobId === jobId && e.sourceIdentity.id === u.id && e.provisioningAction === 'create'))!;
    sandbox.store.updateUser(user.id, { displayName: `${user.displayName} Jr` });
    const changed = await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    await stream.round();
    assert.ok(changed.exported > 0);
    assert.match(lines[0].text, /^Contoso SCIM App \(sandbox\): 2 more cycles with nothing to change, the last at \d/, 'the count comes before the activity that ends the quiet run');
    assert.ok(lines.slice(1).some((l) => l.eventId), 'then the cycle\'s events');
    assert.match(lines.at(-1)!.text, /cycle finished \(succeeded\)/);
  });

  it('says "on demand" for provisioning on demand (Graph\'s action is often "other"), even when its answer is "skipped"', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const lines: ActivityLine[] = [];
    const stream = new ActivityStream({ maxHoldMs: 0, service, scope: { kind: 'job', servicePrincipalId, jobId }, intervalMs: () => 10, watchJobs: false, sink: (l) => lines.push(l), filter: () => ({ hideStatuses: ['skipped'], hideActions: [] }) });
    await stream.round();
    lines.length = 0;
    const provisioned = engineLog(sandbox, jobId).find((e) => e.provisioningAction === 'create')!;
    const ruleId = (await service.schema.get(servicePrincipalId, jobId)).synchronizationRules?.[0]?.id ?? '';
    // Already provisioned and unchanged: the service has nothing to do ("other", "skipped").
    await service.jobs.provisionOnDemand(servicePrincipalId, jobId, ruleId, [{ objectId: provisioned.sourceIdentity!.id!, objectTypeName: 'User' }]);
    await stream.round();
    const entry = engineLog(sandbox, jobId).at(-1)!;
    assert.deepEqual([entry.provisioningAction, entry.provisioningStatusInfo?.status], ['other', 'skipped']);
    assert.deepEqual(lines.map((l) => l.text), [`on-demand provisioning  skipped  ${provisioned.sourceIdentity!.displayName} → ${entry.targetIdentity!.displayName}`]);
  });

  it('logs.recent returns the last N events of a job, newest first, failures recognisable', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const failed = { ...engineLog(sandbox, jobId)[0], id: 'failed-entry', provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.', additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: 'Check the app.' } } };
    sandbox.store.addAudit([failed as never]);

    const recent = await service.logs.recent(servicePrincipalId, jobId, 7);
    const expected = engineLog(sandbox, jobId).reverse().slice(0, 7);
    assert.deepEqual(recent.map((e) => e.id), expected.map((e) => e.id));
    assert.equal(recent[0].id, 'failed-entry');
    assert.deepEqual(recent.map(isFailure), [true, false, false, false, false, false, false]);
    const line = formatEvent(recent[0], englishWords);
    assert.equal(line.level, 'error');
    assert.match(line.text, /SystemForCrossDomainIdentityManagementBadResponse \(Target answered with an error\): The app answered 500\.  Recommended action: Check the app\./);
  });

  it('logs.recent follows next links when N is larger than a page', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    sandbox.store.touchUsers(sandbox.store.users.keys());
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const total = engineLog(sandbox, jobId).length;
    const recent = await service.logs.recent(servicePrincipalId, jobId, total + 10, { pageSize: 7 });
    assert.equal(recent.length, total);
    assert.equal(new Set(recent.map((e) => e.id)).size, total);
  });
});
