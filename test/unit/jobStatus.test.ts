import * as assert from 'node:assert/strict';
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import { describeSchedule, describeStatusCode, englishStatusWords as words, summarizeJob } from '../../src/shared/jobStatus';
import type { Sandbox } from '../../src/sandbox/server';
import { serviceFor, startActivitySandbox } from './activity/helpers';

/** A job as Graph returns it, with the schedule and status a test sets. */
function job(interval: string, state: 'Active' | 'Disabled' | 'Paused' = 'Active', code = 'Active'): SynchronizationJob {
  return { id: 'scim.job1', templateId: 'scim', schedule: { state, interval, expiration: null }, status: { code: code as never, progress: [], quarantine: null } };
}

describe('job status and schedule in words (what the tree, pickers, notifications and the stream share)', () => {
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('takes the schedule from the job itself: a sandbox started with a one-minute interval runs "every minute"', async function () {
    this.timeout(30_000);
    sandbox = await startActivitySandbox({ cycleIntervalSeconds: 60 });
    const service = serviceFor(sandbox);
    const { servicePrincipalId, jobId } = sandbox.demo;
    const before = summarizeJob(await service.jobs.getJob(servicePrincipalId, jobId), new Date(), words);
    assert.deepEqual([before.status, before.schedule], ['Not started', 'not scheduled'], 'a job never started is not scheduled (Graph writes TimeSpan.MaxValue)');

    const cycle = sandbox.engine.nextCycle(jobId);
    await service.jobs.start(servicePrincipalId, jobId);
    await cycle;
    const after = summarizeJob(await service.jobs.getJob(servicePrincipalId, jobId), new Date(), words);
    assert.deepEqual([after.status, after.schedule], ['Active', 'every minute']);

    await service.jobs.pause(servicePrincipalId, jobId);
    const paused = summarizeJob(await service.jobs.getJob(servicePrincipalId, jobId), new Date(), words);
    assert.deepEqual([paused.status, paused.schedule], ['Paused', 'paused']);
  });

  it('says an interval in the largest unit that divides it', () => {
    const said = ['PT40M', 'PT1M', 'PT90S', 'PT30S', 'PT1H30M', 'PT2H', 'P1D', 'PT0.5S'].map((interval) => describeSchedule(job(interval), words));
    assert.deepEqual(said, ['every 40 minutes', 'every minute', 'every 90 seconds', 'every 30 seconds', 'every 90 minutes', 'every 2 hours', 'every day', 'every second']);
    assert.equal(describeSchedule(job('P10675199DT2H48M5.4775807S', 'Disabled'), words), 'not scheduled', 'not "Disabled, every never"');
    assert.equal(describeSchedule(job('P10675199DT2H48M5.4775807S'), words), 'not scheduled');
    assert.equal(describeSchedule(job('not a duration'), words), 'not scheduled');
  });

  it('names each status code in words, the same for a code alone (stream) as for a whole job (tree, picker)', () => {
    for (const [code, text] of [['NotRun', 'Not started'], ['NotConfigured', 'Needs credentials'], ['Paused', 'Paused'], ['Quarantine', 'In quarantine'], ['Active', 'Active']] as const) {
      const state = code === 'Paused' ? 'Paused' : code === 'NotRun' || code === 'NotConfigured' ? 'Disabled' : 'Active';
      assert.equal(describeStatusCode(code, words), text, code);
      const ran = { timeBegan: '2026-01-01T10:00:00Z', timeEnded: '2026-01-01T10:00:05Z', state: 'Succeeded' as const };
      const whole = job('PT40M', state, code);
      assert.equal(summarizeJob({ ...whole, status: { ...whole.status, lastExecution: code === 'NotRun' ? null : ran } }, new Date(), words).status, text, code);
    }
    assert.equal(describeStatusCode('SomethingNew', words), 'SomethingNew', 'a code from a newer service is shown as it came');
  });

  it('shows a cycle under way with its progress, and one just turned on as starting', () => {
    const running = { ...job('PT40M'), status: { code: 'Active' as const, progress: [{ completedUnits: 12, totalUnits: 50, units: 'Objects' }] } };
    assert.equal(summarizeJob(running, new Date(), words).status, 'Running 12/50');
    const turnedOn = { ...job('PT40M'), status: { code: 'NotRun' as const, lastExecution: null } };
    const starting = summarizeJob(turnedOn, new Date(), words);
    assert.deepEqual([starting.status, starting.health, starting.running], ['Starting', 'running', true]);
    // The execution under way, as the sandbox publishes it: it has not ended ("never").
    const underWay = { ...job('PT40M'), status: { code: 'Active' as const, progress: [], lastExecution: { timeBegan: '2026-01-01T10:00:00Z', timeEnded: '0001-01-01T00:00:00Z', state: 'Succeeded' as const } } };
    assert.equal(summarizeJob(underWay, new Date(), words).running, true);
  });
});
