/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvisioningLogIngestion } from '../../../src/sandbox/engine/audit';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import type { ProvisioningObjectSummary } from '../../../src/sandbox/types';
import { graph, startTestSandbox } from './helpers';

const NEVER = '0001-01-01T00:00:00Z';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Polls `check` until it returns something truthy (the test's timeout bounds the wait). */
async function until<T>(check: () => Promise<T | undefined | false>, everyMs = 25): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Graph's synchronizationTaskExecution: exactly its properties, with their JSON types. */
function assertExecution(e: any): void {
  assert.deepEqual(Object.keys(e).sort(), [
    'activityIdentifier', 'countEntitled', 'countEntitledForProvisioning', 'countEscrowed', 'countEscrowedRaw', 'countExported',
    'countExports', 'countImported', 'countImportedDeltas', 'countImportedReferenceDeltas', 'error', 'state', 'timeBegan', 'timeEnded',
  ]);
  for (const k of Object.keys(e).filter((k) => k.startsWith('count'))) assert.ok(Number.isInteger(e[k]) && e[k] >= 0, k);
  assert.ok(['Succeeded', 'Failed', 'EntryLevelErrors'].includes(e.state), e.state);
  assert.match(e.timeBegan, ISO);
  assert.match(e.timeEnded, ISO);
}

/** Graph's synchronizationProgress. */
function assertProgress(p: any): void {
  assert.deepEqual(Object.keys(p).sort(), ['completedUnits', 'progressObservationDateTime', 'totalUnits', 'units']);
  assert.ok(Number.isInteger(p.completedUnits) && Number.isInteger(p.totalUnits) && p.completedUnits <= p.totalUnits);
  assert.equal(typeof p.units, 'string');
  assert.match(p.progressObservationDateTime, ISO);
}

describe('sandbox pace: queued cycles that take time (real pace, short delays)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  const jobUrl = () => `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`;
  const getJob = async () => (await graph(sandbox, 'GET', jobUrl())).body;

  before(async () => {
    // The short values the in-host suite is meant to use.
    sandbox = await startSandbox({ users: 100, groups: 4, seed: 4, pace: 'real', queueDelaySeconds: 0.5, exportRatePerSecond: 50, logDelaySeconds: 0 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
  });
  after(async () => { await sandbox.close(); });

  it('queues a started job, then shows the cycle under way (progress, lastExecution, counts by type) and its result', async () => {
    const cycle = sandbox.engine.nextCycle(jobId);
    const asked = Date.now();
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);

    const running = await until(async () => {
      const job = await getJob();
      const p = job.status.progress[0];
      const users = job.status.synchronizedEntryCountByType.find((c: any) => c.key === 'User to User')?.value ?? 0;
      return p && p.completedUnits > 0 && p.completedUnits < p.totalUnits && users > 0 ? job : undefined;
    });
    const { status } = running;
    // The cycle began after the queue delay, not at the call.
    assert.ok(Date.parse(status.lastExecution.timeBegan) >= asked + 500 - 5, `began ${status.lastExecution.timeBegan}, asked ${new Date(asked).toISOString()}`);
    assert.equal(status.progress.length, 1);
    assertProgress(status.progress[0]);
    assert.equal(status.progress[0].units, 'Objects');
    assertExecution(status.lastExecution);
    assert.equal(status.lastExecution.timeEnded, NEVER, 'an execution under way has not ended');
    assert.equal(status.lastExecution.state, 'Succeeded');
    assert.ok(status.lastExecution.countImported > 0 && status.lastExecution.countImported <= status.progress[0].completedUnits);
    assert.equal(status.lastSuccessfulExecution, null, 'no cycle has completed yet');
    assert.equal(status.code, 'NotRun', 'the first cycle has not finished');
    const usersMidway = status.synchronizedEntryCountByType.find((c: any) => c.key === 'User to User').value;

    const result = await cycle;
    assert.equal(result.state, 'Succeeded');
    const done = (await getJob()).status;
    assert.deepEqual(done.progress, []);
    assertExecution(done.lastExecution);
    assert.equal(done.lastExecution.activityIdentifier, status.lastExecution.activityIdentifier);
    assert.equal(done.lastExecution.timeBegan, status.lastExecution.timeBegan);
    assert.ok(Date.parse(done.lastExecution.timeEnded) >= Date.parse(done.lastExecution.timeBegan));
    assert.equal(done.lastExecution.countImported, sandbox.store.users.size);
    assert.ok(done.lastExecution.countExported > 0);
    assert.deepEqual(done.lastSuccessfulExecution, done.lastExecution);
    assert.deepEqual(done.lastSuccessfulExecutionWithExports, done.lastExecution);
    assert.equal(done.code, 'Active');
    const usersAtEnd = done.synchronizedEntryCountByType.find((c: any) => c.key === 'User to User').value;
    assert.equal(usersAtEnd, sandbox.scim.listUsers().length);
    assert.ok(usersMidway < usersAtEnd, `${usersMidway} provisioned midway, ${usersAtEnd} at the end`);
  });

  it('pause stops a running cycle between objects (Paused, no progress, not a successful execution); restart runs a new one', async () => {
    await graph(sandbox, 'POST', `${jobUrl()}/restart`, { criteria: { resetScope: 'Full' } });
    const stopped = sandbox.engine.nextCycle(jobId);
    const before = (await getJob()).status.lastSuccessfulExecution;
    await until(async () => ((await getJob()).status.progress[0]?.completedUnits ?? 0) > 0 && true);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/pause`)).status, 204);
    const result = await stopped;
    assert.equal(result.state, 'Stopped');
    assert.ok(result.imported < sandbox.store.users.size, `stopped after ${result.imported} of ${sandbox.store.users.size} users`);
    const paused = (await getJob()).status;
    assert.equal(paused.code, 'Paused');
    assert.deepEqual(paused.progress, []);
    assertExecution(paused.lastExecution);
    assert.notEqual(paused.lastExecution.timeEnded, NEVER);
    assert.equal(paused.lastExecution.activityIdentifier, result.cycleId);
    assert.deepEqual(paused.lastSuccessfulExecution, before, 'a stopped cycle is not a successful one');

    // Restart while the next cycle runs: that cycle stops, and a fresh one is queued after it.
    const next = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/start`)).status, 204);
    await until(async () => ((await getJob()).status.progress[0]?.completedUnits ?? 0) > 0 && true);
    const fresh = new Promise<Awaited<typeof next>>((resolve) => {
      const off = sandbox.engine.onCycle((e) => { if (e.jobId === jobId && e.result.state !== 'Stopped') { off(); resolve(e.result); } });
    });
    assert.equal((await graph(sandbox, 'POST', `${jobUrl()}/restart`, { criteria: { resetScope: 'Watermark' } })).status, 204);
    assert.equal((await next).state, 'Stopped');
    const full = await fresh;
    assert.equal(full.state, 'Succeeded');
    assert.equal(full.imported, sandbox.store.users.size, 'the queued cycle after the restart re-evaluated every user');
    assert.equal((await getJob()).status.code, 'Active');
  });

  it('close stops a running cycle at once, ending its waits for export slots', async () => {
    const slow = await startSandbox({ users: 40, groups: 2, seed: 4, pace: 'real', queueDelaySeconds: 0, exportRatePerSecond: 0.05, logDelaySeconds: 0 });
    const { servicePrincipalId, jobId: slowJob } = slow.demo;
    const cycle = slow.engine.nextCycle(slowJob);
    assert.equal((await graph(slow, 'POST', `/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${slowJob}/start`)).status, 204);
    await until(async () => slow.store.sync(servicePrincipalId).jobs[0].status.progress.length > 0 && true);
    // At one object every 20 s, the workers already wait for slots up to minutes ahead, longer than
    // this test may take: close must end those waits, not sit them out.
    await slow.close();
    assert.equal((await cycle).state, 'Stopped');
  });
});

describe('sandbox pace: a cycle cut short by a killed process', () => {
  it('shows no cycle under way after a reload of state saved mid-cycle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-pace-'));
    try {
      const first = await startTestSandbox({ users: 5, dataDir: dir });
      const { servicePrincipalId: sp, jobId } = first.demo;
      await first.close();
      // What a process killed mid-cycle leaves: an execution that has not ended, and its progress.
      const file = join(dir, 'state.json');
      const state = JSON.parse(await readFile(file, 'utf8'));
      const job = state.synchronization[sp].jobs.find((j: any) => j.id === jobId);
      job.status.lastExecution = { activityIdentifier: 'cut-short', countEntitled: 1, countEntitledForProvisioning: 1, countEscrowed: 0, countEscrowedRaw: 0, countExported: 1, countExports: 1, countImported: 2, countImportedDeltas: 2, countImportedReferenceDeltas: 0, error: null, state: 'Succeeded', timeBegan: '2026-01-01T10:00:00.000Z', timeEnded: NEVER };
      job.status.progress = [{ completedUnits: 2, totalUnits: 5, units: 'Objects', progressObservationDateTime: '2026-01-01T10:00:03.000Z' }];
      await writeFile(file, JSON.stringify(state));

      const second = await startTestSandbox({ users: 5, dataDir: dir });
      try {
        const status = (await graph(second, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body.status;
        assert.deepEqual(status.progress, []);
        assert.equal(status.lastExecution.activityIdentifier, 'cut-short');
        assert.equal(status.lastExecution.timeEnded, '2026-01-01T10:00:03.000Z', 'it ended when last observed');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox pace: start without credentials', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 10, groups: 2 }); });
  after(async () => { await sandbox.close(); });

  it('accepts start (204) and quarantines the job on its cycle; a wrong password quarantines it too; good ones heal it', async () => {
    const goto = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'GoToMeeting (sandbox)'")}`)).body.value[0];
    const job = (await graph(sandbox, 'POST', `/servicePrincipals/${goto.id}/synchronization/jobs`, { templateId: 'gotomeeting' })).body;
    const jobUrl = `/servicePrincipals/${goto.id}/synchronization/jobs/${job.id}`;
    assert.equal(job.status.code, 'NotConfigured');

    let cycle = sandbox.engine.nextCycle(job.id);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl}/start`)).status, 204);
    assert.equal((await cycle).state, 'Failed');
    let status = (await graph(sandbox, 'GET', jobUrl)).body.status;
    assert.equal(status.code, 'Quarantine');
    assert.equal(status.quarantine.reason, 'EncounteredQuarantineException', 'the reason Entra documents for credentials that do not work');
    assert.equal(status.quarantine.error.code, 'CredentialsMissing');
    assert.equal(status.lastExecution.state, 'Failed');
    assert.equal(status.lastExecution.error.code, 'CredentialsMissing');
    assert.match(status.quarantine.nextAttempt, ISO);

    const { userName, password } = sandbox.gotoMeetingCredentials;
    const put = (value: string) => graph(sandbox, 'PUT', `/servicePrincipals/${goto.id}/synchronization/secrets`, { value: [{ key: 'UserName', value: userName }, { key: 'Password', value }] });
    assert.equal((await put(`${password}-wrong`)).status, 204);
    cycle = sandbox.engine.nextCycle(job.id);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl}/start`)).status, 204);
    assert.equal((await cycle).state, 'Failed');
    status = (await graph(sandbox, 'GET', jobUrl)).body.status;
    assert.equal(status.code, 'Quarantine');
    assert.equal(status.quarantine.reason, 'EncounteredQuarantineException');
    assert.equal(status.quarantine.error.code, 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized');

    assert.equal((await put(password)).status, 204);
    cycle = sandbox.engine.nextCycle(job.id);
    assert.equal((await graph(sandbox, 'POST', `${jobUrl}/start`)).status, 204);
    assert.equal((await cycle).state, 'Succeeded');
    status = (await graph(sandbox, 'GET', jobUrl)).body.status;
    assert.equal(status.code, 'Active');
    assert.equal(status.quarantine, null);
    await graph(sandbox, 'POST', `${jobUrl}/pause`);
  });
});

describe('sandbox pace: provisioning logs arrive late', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 20, groups: 2, logDelaySeconds: 2 }); });
  after(async () => { await sandbox.close(); });

  it('shows a cycle\'s entries only after the ingestion delay, each with the time of its action', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const result = await sandbox.engine.runCycleNow(sp, jobId);
    const ids = new Set(sandbox.store.data.audit.filter((e) => e.cycleId === result.cycleId).map((e) => e.id));
    assert.ok(ids.size > 5, `${ids.size} entries`);
    const logUrl = `/auditLogs/provisioning?$top=1000&$filter=${encodeURIComponent(`jobId eq '${jobId}'`)}`;
    const ofCycle = async () => ((await graph(sandbox, 'GET', logUrl)).body.value as any[]).filter((e) => ids.has(e.id));
    // Entries wait at least 2 s; the cycle has just ended.
    assert.deepEqual(await ofCycle(), []);
    const one = [...ids][0];
    assert.equal((await graph(sandbox, 'GET', `/auditLogs/provisioning/${one}`)).status, 404);

    const entries = await until(async () => {
      const seen = await ofCycle();
      return seen.length === ids.size ? seen : undefined;
    }, 100);
    const execution = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body.status.lastExecution;
    for (const e of entries) {
      assert.ok(e.activityDateTime >= execution.timeBegan && e.activityDateTime <= execution.timeEnded, `${e.activityDateTime} within the cycle ${execution.timeBegan}..${execution.timeEnded}`);
    }
    assert.equal((await graph(sandbox, 'GET', `/auditLogs/provisioning/${one}`)).status, 200);
  });

  it('draws each entry\'s delay, so a later action can be readable before an earlier one', () => {
    const stored: ProvisioningObjectSummary[] = [];
    const draws = [0.9, 0];
    const logs = new ProvisioningLogIngestion({ addAudit: (e) => stored.push(...e) }, 1000, () => draws.shift()!);
    const at = Date.parse('2026-01-01T10:00:00Z');
    const entry = (id: string, ms: number) => ({ id, activityDateTime: new Date(at + ms).toISOString() }) as ProvisioningObjectSummary;
    logs.add([entry('earlier', 0), entry('later', 100)]);
    assert.deepEqual(stored.map((e) => e.id), ['earlier', 'later'], 'stored at once, in order');
    assert.deepEqual(logs.visible(stored, at + 999).map((e) => e.id), []);
    // earlier: readable at 1900 ms; later: at 1100 ms.
    assert.deepEqual(logs.visible(stored, at + 1500).map((e) => e.id), ['later']);
    assert.deepEqual(logs.visible(stored, at + 1900).map((e) => e.id), ['earlier', 'later']);
  });
});
