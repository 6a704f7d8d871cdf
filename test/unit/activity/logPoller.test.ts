import assert from 'node:assert/strict';
import { ActivityLogPoller } from '../../../src/activity/logPoller';
import { PauseGate, runPollingLoop } from '../../../src/activity/backoffLoop';
import type { ActivityEvent } from '../../../src/activity/types';
import type { ProvisioningService } from '../../../src/graph';
import type { Sandbox } from '../../../src/sandbox/server';
import { engineLog, serviceFor, startActivitySandbox } from './helpers';

/** Streams a job's log with a live loop while `work` runs, then reads what is left once. */
async function streamDuring(service: ProvisioningService, sandbox: Sandbox, startAt: number, work: () => Promise<unknown>, options: { pageSize: number; onRetry?: (e: unknown) => void }) {
  const { servicePrincipalId, jobId } = sandbox.demo;
  const poller = new ActivityLogPoller({ logs: service.logs, filter: { servicePrincipalId, jobId }, startAt, pageSize: options.pageSize });
  const emitted: ActivityEvent[] = [];
  const stop = new AbortController();
  const loop = runPollingLoop({
    signal: stop.signal,
    intervalMs: () => 10,
    round: async (signal) => void emitted.push(...(await poller.poll(signal))),
    onRetry: options.onRetry,
  });
  await work();
  stop.abort();
  await loop;
  // Everything the engine wrote is in the log now. A poll in flight while entries arrived reads
  // them on the next one (Graph pages newest first), so read until a poll finds nothing new.
  for (;;) {
    try {
      const more = await poller.poll();
      if (more.length === 0) break;
      emitted.push(...more);
    } catch (error) {
      options.onRetry?.(error);
    }
  }
  return { emitted, poller };
}

describe('activity poller (real sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startActivitySandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('returns every action the engine performed exactly once, in order, across small pages and several cycles', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const { emitted, poller } = await streamDuring(service, sandbox, Date.now(), async () => {
      const first = sandbox.engine.nextCycle(jobId);
      await service.jobs.start(servicePrincipalId, jobId);
      await first;
      // An incremental cycle over every user logs one entry each (mostly "skipped": out of scope).
      sandbox.store.touchUsers(sandbox.store.users.keys());
      await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    }, { pageSize: 3 });

    const expected = engineLog(sandbox, jobId);
    assert.ok(expected.length > 40, `the engine logged ${expected.length} entries`);
    assert.deepEqual(emitted.map((e) => e.id), expected.map((e) => e.id), 'each entry once, in the order the engine wrote it');
    assert.deepEqual(emitted.map((e) => e.provisioningAction), expected.map((e) => e.provisioningAction));
    assert.ok(emitted.some((e) => e.provisioningAction === 'create') && emitted.some((e) => e.provisioningStatusInfo?.status === 'skipped'));
    assert.ok(poller.rememberedIds <= expected.length, 'seen ids are bounded by the window');
  });

  it('loses and repeats nothing when Graph throttles a third of the requests, backing off on each 429', async () => {
    sandbox.faults.retryAfterSeconds = 0;
    // No client retries: every 429 reaches the poller, which must back off and resume.
    const service = serviceFor(sandbox, { maxRetries: 0 });
    const { servicePrincipalId, jobId } = sandbox.demo;
    const throttled: unknown[] = [];
    const { emitted } = await streamDuring(service, sandbox, Date.now(), async () => {
      await service.jobs.start(servicePrincipalId, jobId).catch(() => sandbox.engine.runCycleNow(servicePrincipalId, jobId));
      sandbox.faults.throttleRate = 0.33;
      await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
      sandbox.store.touchUsers(sandbox.store.users.keys());
      await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    }, { pageSize: 4, onRetry: (e) => throttled.push(e) });

    const expected = engineLog(sandbox, jobId);
    assert.ok(throttled.length > 0, 'some polls were throttled');
    assert.ok(throttled.every((e) => (e as { kind?: string }).kind === 'throttled'), 'only 429s failed');
    assert.deepEqual(emitted.map((e) => e.id), expected.map((e) => e.id));
  });

  it('repeats nothing from the overlap window and still returns entries written late with an old time', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const poller = new ActivityLogPoller({ logs: service.logs, filter: { jobId }, startAt: Date.now(), pageSize: 5, fullWindowEvery: 3 });
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const first = await poller.poll();
    assert.equal(first.length, engineLog(sandbox, jobId).length);

    // An entry that shows up now but happened before the newest one seen (Entra writes logs late).
    const late = { ...first[0], id: 'late-entry', changeId: 'late', activityDateTime: new Date(poller.watermarkMs - 30_000).toISOString() };
    sandbox.store.addAudit([late as never]);
    // Polls 2 and 3 read only after the watermark; poll 4 re-reads the window and finds it.
    const later: string[][] = [];
    for (let i = 0; i < 5; i++) later.push((await poller.poll()).map((e) => e.id!));
    assert.deepEqual(later, [[], [], ['late-entry'], [], []], 'once, at the next full-window poll, and never again');
  });

  it('re-reads the window on every poll when asked to', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const poller = new ActivityLogPoller({ logs: service.logs, filter: { jobId }, startAt: Date.now(), fullWindowEvery: 1 });
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const first = await poller.poll();
    assert.deepEqual(await poller.poll(), [], 'the overlap returns only known ids');
    sandbox.store.addAudit([{ ...first[0], id: 'late-entry', activityDateTime: new Date(poller.watermarkMs - 60_000).toISOString() } as never]);
    assert.deepEqual((await poller.poll()).map((e) => e.id), ['late-entry']);
  });

  it('stops sending requests when aborted, and sends none while paused', async () => {
    const service = serviceFor(sandbox);
    const poller = new ActivityLogPoller({ logs: service.logs, filter: { jobId: sandbox.demo.jobId }, startAt: Date.now() });
    const gate = new PauseGate();
    const stop = new AbortController();
    let rounds = 0;
    const loop = runPollingLoop({ signal: stop.signal, intervalMs: () => 5, gate, round: async (signal) => { rounds++; await poller.poll(signal); } });
    while (rounds < 3) await new Promise((r) => setTimeout(r, 5));

    gate.pause();
    await new Promise((r) => setTimeout(r, 30));
    const whilePaused = service.requests.count;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(service.requests.count, whilePaused, 'no request while paused');

    gate.resume();
    while (service.requests.count === whilePaused) await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    await loop;
    const atStop = service.requests.count;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(service.requests.count, atStop, 'no request after stop');
  });
});
