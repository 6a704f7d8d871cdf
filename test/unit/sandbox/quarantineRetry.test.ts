import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { quarantineRetryMs } from '../../../src/sandbox/engine/status';
import { graph, startTestSandbox } from './helpers';

const HOUR = 3_600_000;

describe('sandbox engine: a quarantined job is retried less and less often', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5, groups: 1 }); });
  after(async () => { await sandbox.close(); });

  // Entra's quarantine doc, "Retry duration": retries 6, 12 and 24 hours after the first failure,
  // then every 24 hours. The sandbox here runs at Entra's own 40-minute interval.
  it('sets nextAttempt 6, 12 and 24 hours after the first failure, then a day apart, and runs the job then', async () => {
    const goto = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'GoToMeeting (sandbox)'")}`)).body.value[0];
    const created = (await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs`, { templateId: 'gotomeeting' })).body;
    const jobUrl = `/servicePrincipals/${goto.id}/synchronization/jobs/${created.id}`;
    const cycle = sandbox.engine.nextCycle(created.id);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl}/start`)).status, 204);
    assert.equal((await cycle).state, 'Failed', 'no credentials: the first cycle fails and quarantines the job');

    const sinceFirstFailure: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      if (attempt > 1) assert.equal((await sandbox.engine.runCycleNow(goto.id, created.id)).state, 'Failed');
      const { quarantine, code } = (await graph(sandbox, 'GET', jobUrl)).body.status;
      assert.equal(code, 'Quarantine');
      assert.equal(quarantine.seriesCount, attempt);
      const began = Date.parse(quarantine.currentBegan);
      const next = Date.parse(quarantine.nextAttempt);
      // Each retry is taken on time in the doc's schedule, so add the waits up from the first failure.
      sinceFirstFailure.push((sinceFirstFailure.at(-1) ?? 0) + (next - began));
      const job = sandbox.store.sync(goto.id).jobs.find((j) => j.id === created.id)!;
      assert.equal(job.runtime.nextRun, next, 'the engine schedules the retry at the nextAttempt it reports');
    }
    assert.deepEqual(sinceFirstFailure.map((ms) => ms / HOUR), [6, 12, 24, 48, 72]);
  });

  it('scales the schedule with a shorter sandbox cycle interval', () => {
    assert.equal(quarantineRetryMs(1, 40 * 60_000), 6 * HOUR);
    assert.equal(quarantineRetryMs(1, 60_000), 6 * HOUR / 40);
    assert.equal(quarantineRetryMs(9, 60_000), 24 * HOUR / 40);
  });
});
