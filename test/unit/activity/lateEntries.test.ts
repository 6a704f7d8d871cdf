import assert from 'node:assert/strict';
import { ActivityStream } from '../../../src/activity/activityStream';
import type { ActivityLine } from '../../../src/activity/formatter';
import type { Sandbox } from '../../../src/sandbox/server';
import { engineLog, serviceFor, startActivitySandbox } from './helpers';

describe('activity stream against late, reordered log entries (sandbox at the real pace)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    // Entries become readable 0.4 to 0.8 s after their action, drawn per entry, so a later one can come first.
    sandbox = await startActivitySandbox({ pace: 'real', queueDelaySeconds: 0.2, exportRatePerSecond: 40, logDelaySeconds: 0.4 });
  });
  after(async () => { await sandbox?.close(); });

  it('writes every entry of a cycle once, in the order of its activityDateTime, between "cycle started" and "cycle finished"', async () => {
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const lines: ActivityLine[] = [];
    const stream = new ActivityStream({
      service, scope: { kind: 'job', servicePrincipalId, jobId }, intervalMs: () => 150,
      sink: (line) => lines.push(line), filter: () => ({ hideStatuses: [], hideActions: [] }), initialHoldMs: 1_000,
    });
    await stream.round();
    const cycle = sandbox.engine.nextCycle(jobId);
    await service.jobs.start(servicePrincipalId, jobId);
    const abort = new AbortController();
    const running = stream.run(abort.signal, true);
    let expected: ReturnType<typeof engineLog>;
    try {
      const result = await cycle;
      expected = engineLog(sandbox, jobId).filter((e) => e.cycleId === result.cycleId);
      assert.ok(expected.length >= 5, `the cycle logged ${expected.length} entries`);
      const deadline = Date.now() + 20_000;
      while (!lines.some((l) => /cycle finished/.test(l.text)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      abort.abort();
      await running;
    }

    const shown = lines.filter((l) => l.eventId).map((l) => l.eventId);
    assert.equal(new Set(shown).size, shown.length, 'no entry twice');
    assert.deepEqual([...shown].sort(), expected.map((e) => e.id).sort(), 'every entry of the cycle');
    // Entries of one millisecond may come in either order; times never go back.
    const times = shown.map((id) => Date.parse(expected.find((e) => e.id === id)!.activityDateTime!));
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), `in the order of their time: ${times.join(', ')}`);
    const started = lines.findIndex((l) => /cycle started/.test(l.text));
    const finished = lines.findIndex((l) => /cycle finished/.test(l.text));
    const firstEvent = lines.findIndex((l) => l.eventId);
    const lastEvent = lines.map((l) => Boolean(l.eventId)).lastIndexOf(true);
    assert.ok(started >= 0 && started < firstEvent, 'cycle started comes before the cycle\'s entries');
    assert.ok(finished > lastEvent, 'cycle finished comes after them');
  });
});
