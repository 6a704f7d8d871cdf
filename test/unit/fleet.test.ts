import * as assert from 'node:assert/strict';
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import { buildFleet, classifyJob, fleetRefreshInterval, fleetRetryDelayMs, FleetTenant, fleetKey, newlyQuarantined, planRefresh, refreshRequestBudget, type FleetGroup, type FleetJob } from '../../src/shared/fleet';
import { englishStatusWords as words } from '../../src/shared/jobStatus';
import { SCIM_APP_TEMPLATE_ID } from '../../src/sandbox/seed/templates';
import type { Sandbox } from '../../src/sandbox/server';
import { StaticTokenCredential } from '../../src/auth/staticTokenCredential';
import { createProvisioningService } from '../../src/graph';
import { silentLogger } from '../../src/shared/logger';
import { serviceFor, startActivitySandbox } from './activity/helpers';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

/** A job as Graph returns it: idle, active on a 40-minute schedule, its last cycle 10 minutes ago; `status` overrides. */
function job(status: NonNullable<SynchronizationJob['status']> = {}, id = 'scim.a'): SynchronizationJob {
  return {
    id,
    templateId: 'scim',
    schedule: { state: status.code === 'Paused' ? 'Paused' : 'Active', interval: 'PT40M', expiration: null },
    status: {
      code: 'Active',
      quarantine: null,
      progress: [],
      countSuccessiveCompleteFailures: 0,
      lastExecution: { state: 'Succeeded', timeBegan: minutesAgo(11), timeEnded: minutesAgo(10), countEscrowed: 0 },
      ...status,
    },
  };
}

const quarantined = (): SynchronizationJob =>
  job({
    code: 'Quarantine',
    quarantine: { reason: 'EncounteredQuarantineException', currentBegan: minutesAgo(5), nextAttempt: minutesAgo(-55), error: { code: 'CredentialsMissing', message: 'The Tenant URL (BaseAddress) is missing.' } },
    lastExecution: { state: 'Failed', timeBegan: minutesAgo(6), timeEnded: minutesAgo(5), error: { code: 'CredentialsMissing', message: 'The Tenant URL (BaseAddress) is missing.' } },
  });

function entry(name: string, j: SynchronizationJob, connectionId = 'c1', spId = `sp-${name}`): FleetJob {
  return { connectionId, servicePrincipalId: spId, appDisplayName: name, job: j };
}

describe('fleet: classification, grouping and refresh planning (host-free)', () => {
  it('puts a quarantined job first, with the service’s reason and the error behind it', () => {
    const c = classifyJob(quarantined(), now, words);
    assert.equal(c.group, 'quarantined');
    assert.deepEqual(c.reasons, [{ kind: 'quarantine', reason: 'EncounteredQuarantineException', message: 'The Tenant URL (BaseAddress) is missing.' }]);
  });

  it('calls an idle job failing when its last cycle failed, left objects escrowed, or failed several times in a row', () => {
    const failed = classifyJob(job({ lastExecution: { state: 'Failed', timeBegan: minutesAgo(3), timeEnded: minutesAgo(2), error: { code: 'SystemForCrossDomainIdentityManagementServiceUnreachable', message: 'down' } } }), now, words);
    assert.equal(failed.group, 'failing');
    assert.deepEqual(failed.reasons, [{ kind: 'cycleFailed', code: 'SystemForCrossDomainIdentityManagementServiceUnreachable', message: 'down' }]);

    const escrowed = classifyJob(job({ lastExecution: { state: 'EntryLevelErrors', timeBegan: minutesAgo(3), timeEnded: minutesAgo(2), countEscrowed: 4 } }), now, words);
    assert.deepEqual([escrowed.group, escrowed.reasons], ['failing', [{ kind: 'escrowed', count: 4 }]]);

    const again = classifyJob(job({ countSuccessiveCompleteFailures: 2, lastExecution: { state: 'Failed', timeBegan: minutesAgo(3), timeEnded: minutesAgo(2) } }), now, words);
    assert.deepEqual(again.reasons.map((r) => r.kind), ['cycleFailed', 'successiveFailures']);
  });

  it('tells paused, running, healthy and never-started jobs apart', () => {
    const groups = [
      job({ code: 'Paused' }),
      job({ progress: [{ completedUnits: 3, totalUnits: 10, units: 'Objects' }], lastExecution: { state: 'Failed', timeBegan: minutesAgo(1), timeEnded: '0001-01-01T00:00:00Z' } }),
      job(),
      job({ code: 'NotRun', lastExecution: null }),
      job({ code: 'NotConfigured', lastExecution: null }),
    ].map((j) => classifyJob({ ...j, schedule: j.status?.code === 'NotRun' || j.status?.code === 'NotConfigured' ? { state: 'Disabled', interval: 'P10675199DT2H48M5.4775807S' } : j.schedule }, now, words).group);
    assert.deepEqual(groups, ['paused', 'running', 'healthy', 'notStarted', 'notStarted'] satisfies FleetGroup[]);
  });

  it('groups in attention order, sorts rows by app, counts quarantined and failing as needing attention', () => {
    const model = buildFleet(
      [
        entry('Zeta', job()),
        entry('Alpha', job()),
        entry('Payroll', quarantined()),
        entry('HR', job({ code: 'Paused' })),
        entry('Wiki', job({ lastExecution: { state: 'Failed', timeBegan: minutesAgo(3), timeEnded: minutesAgo(2) } }), 'c2'),
      ],
      now,
      words,
    );
    assert.deepEqual(model.groups.map((g) => [g.group, g.rows.map((r) => r.appDisplayName)]), [
      ['quarantined', ['Payroll']],
      ['failing', ['Wiki']],
      ['paused', ['HR']],
      ['healthy', ['Alpha', 'Zeta']],
    ]);
    assert.equal(model.attention, 2);
    assert.equal(model.total, 5);
    const payroll = model.groups[0].rows[0];
    assert.equal(payroll.key, fleetKey('c1', 'sp-Payroll', 'scim.a'));
    assert.equal(payroll.lastCycle, minutesAgo(5), 'the last cycle is when it ended');
    assert.equal(payroll.nextCycle, Date.parse(minutesAgo(-55)), 'in quarantine, the next cycle is the next attempt');
    const alpha = model.groups[3].rows[0];
    assert.equal(alpha.nextCycle, Date.parse(minutesAgo(-30)), 'an active job’s next cycle is an interval after the last one ended');
  });

  it('notifies only jobs that went into quarantine since the last look, not those first seen there', () => {
    const before = new Map<string, FleetGroup>([[fleetKey('c1', 'sp-A', 'scim.a'), 'healthy'], [fleetKey('c1', 'sp-B', 'scim.a'), 'quarantined']]);
    const model = buildFleet([entry('A', quarantined(), 'c1', 'sp-A'), entry('B', quarantined(), 'c1', 'sp-B'), entry('C', quarantined(), 'c1', 'sp-C')], now, words);
    assert.deepEqual(newlyQuarantined(before, model.groups.flatMap((g) => g.rows)).map((r) => r.appDisplayName), ['A']);
  });

  it('plans a refresh as each app with known jobs once per tenant, so the ⌈N/20⌉ budget holds per tenant, not across tenants', () => {
    const jobs = [
      ...Array.from({ length: 45 }, (_, i) => ({ connectionId: 'c1', servicePrincipalId: `sp${i}` })),
      { connectionId: 'c1', servicePrincipalId: 'sp0' },
      { connectionId: 'c2', servicePrincipalId: 'sp0' },
    ];
    const plan = planRefresh(jobs);
    assert.equal(plan.get('c1')?.length, 45, 'sp0’s two jobs come in one response');
    assert.deepEqual(plan.get('c2'), ['sp0'], 'the same app id in another tenant is another app');
    // The budget's edges, by hand: a batch carries 20 apps, so 21 need a second.
    assert.deepEqual([0, 1, 20, 21, 46, 1000].map(refreshRequestBudget), [0, 1, 1, 2, 3, 50]);
    // c1's 45 apps take 3 batches, within its 46 jobs' budget of 3; c2 needs one more request of its
    // own (another endpoint and token), so the 47 jobs take 4 requests, over the 3 a shared budget would allow.
    assert.equal(refreshRequestBudget(45), 3);
    assert.equal(refreshRequestBudget(jobs.length), 3);
  });

  it('backs off a failing tenant: the next pass after one failure, then 1, 2, 4, 8 minutes, at most 15', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map((n) => fleetRetryDelayMs(n) / 60_000), [0, 1, 2, 4, 8, 15, 15]);
  });

  it('refreshes in the background only while the window has focus: every 30 s while the view shows, every 5 min hidden if quarantine notifications are on', () => {
    const interval = (focused: boolean, viewVisible: boolean, notifyOnQuarantine: boolean) => fleetRefreshInterval({ focused, viewVisible, notifyOnQuarantine }, 30_000, 300_000);
    assert.equal(interval(false, true, true), undefined, 'unfocused: paused even with the view showing and notifications on');
    assert.equal(interval(true, true, false), 30_000);
    assert.equal(interval(true, false, true), 300_000);
    assert.equal(interval(true, false, false), undefined, 'hidden, nobody wants it');
  });
});

describe('fleet: a tenant’s discovery and refresh against the sandbox’s Graph', function () {
  this.timeout(60_000);
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('discovers the apps with jobs among all enterprise apps, then re-reads only them in ⌈N/20⌉ requests and sees a job go into quarantine', async () => {
    sandbox = await startActivitySandbox({ apps: 30, replicationDelaySeconds: 0 });
    const service = serviceFor(sandbox);
    // 24 more jobs, made as an admin would: an app from the gallery, then a job from its template.
    const created: Array<{ spId: string; jobId: string }> = [];
    for (let i = 0; i < 24; i++) {
      const app = await service.apps.instantiateTemplate(SCIM_APP_TEMPLATE_ID, `Fleet app ${i}`);
      const spId = app.servicePrincipal!.id!;
      created.push({ spId, jobId: (await service.jobs.createJob(spId, 'scim')).id! });
    }
    const graph = { listAllAppNames: service.apps.listAllAppNames.bind(service.apps), jobsForApps: service.jobs.jobsForApps.bind(service.jobs) };
    const tenant = new FleetTenant('c1');
    await tenant.discover(graph);
    const jobs = tenant.jobs();
    assert.equal(jobs.length, 25, 'the demo job and the 24 made here; the extra apps without jobs are left out');
    assert.ok(jobs.some((j) => j.job.id === sandbox!.demo.jobId && j.appDisplayName === 'Contoso SCIM App (sandbox)'));

    // Started without credentials: the cycle cannot reach the target, and the service quarantines the job.
    const { spId, jobId } = created[3];
    await service.jobs.start(spId, jobId);
    await sandbox.engine.runCycleNow(spId, jobId);

    const before = service.requests.count;
    const changed = await tenant.refresh(graph);
    const requests = service.requests.count - before;
    assert.ok(requests <= refreshRequestBudget(jobs.length), `${requests} requests for ${jobs.length} jobs`);
    assert.equal(requests, 2, 'one $batch per 20 apps');
    assert.deepEqual(changed, [spId]);
    const model = buildFleet(tenant.jobs(), new Date(), words);
    assert.deepEqual(model.groups[0].rows.map((r) => [r.group, r.job.id, r.reasons[0]?.kind]), [['quarantined', jobId, 'quarantine']]);
    assert.equal(model.attention, 1);
  });

  it('keeps a failed refresh (rows kept, error and failures in a row kept, retried after the back-off) and clears it when the tenant answers again', async () => {
    sandbox = await startActivitySandbox({ apps: 3, replicationDelaySeconds: 0 });
    const service = serviceFor(sandbox);
    const graph = { listAllAppNames: service.apps.listAllAppNames.bind(service.apps), jobsForApps: service.jobs.jobsForApps.bind(service.jobs) };
    // The same tenant with a token it no longer accepts (an expired sign-in): the whole $batch is refused.
    const expired = createProvisioningService({ credential: new StaticTokenCredential('expired-token'), graphBaseUrl: sandbox.graphUrl, scopes: ['https://graph.microsoft.com/.default'], logger: silentLogger, retry: { maxRetries: 0 } });
    const refused = { listAllAppNames: expired.apps.listAllAppNames.bind(expired.apps), jobsForApps: expired.jobs.jobsForApps.bind(expired.jobs) };
    const tenant = new FleetTenant('c1');
    await tenant.discover(graph);
    const known = tenant.jobs();
    assert.equal(known.length, 1, 'the demo job');

    const t0 = Date.parse('2026-03-01T12:00:00Z');
    await assert.rejects(tenant.refresh(refused, undefined, t0));
    assert.ok(tenant.error && tenant.error.message.length > 0, 'why is kept');
    assert.deepEqual([tenant.failures, tenant.failedAt], [1, t0]);
    assert.deepEqual(tenant.jobs(), known, 'the rows stay (as read before)');
    assert.equal(tenant.retryDue(t0 + 1), true, 'after one failure, the next pass tries again');
    await assert.rejects(tenant.refresh(refused, undefined, t0 + 30_000));
    assert.equal(tenant.failures, 2);
    assert.equal(tenant.retryDue(t0 + 60_000), false, 'two in a row: not again for a minute');
    assert.equal(tenant.retryDue(t0 + 90_000), true);

    await tenant.refresh(graph);
    assert.deepEqual([tenant.error, tenant.failures, tenant.failedAt], [undefined, 0, undefined]);
  });

  it('lists an app whose jobs could not be read inside the $batch (keeping its rows) instead of skipping it', async () => {
    sandbox = await startActivitySandbox({ apps: 3, replicationDelaySeconds: 0 });
    const service = serviceFor(sandbox);
    const graph = { listAllAppNames: service.apps.listAllAppNames.bind(service.apps), jobsForApps: service.jobs.jobsForApps.bind(service.jobs) };
    const other = await service.apps.instantiateTemplate(SCIM_APP_TEMPLATE_ID, 'Fleet gone');
    const goneId = other.servicePrincipal!.id!;
    await service.jobs.createJob(goneId, 'scim');
    const tenant = new FleetTenant('c1');
    await tenant.discover(graph);
    assert.equal(tenant.jobs().length, 2);

    // Deleted behind the fleet's back: the batch answers 404 for this app and 200 for the other.
    await service.graph.delete(`/servicePrincipals/${goneId}`, { operation: 'delete an app' });
    const changed = await tenant.refresh(graph);
    assert.deepEqual(changed, []);
    assert.equal(tenant.error, undefined, 'the tenant answered');
    assert.deepEqual(tenant.appErrors.map((a) => [a.servicePrincipalId, a.appDisplayName]), [[goneId, 'Fleet gone']]);
    assert.ok(tenant.appErrors[0].error.message.length > 0, 'with why');
    assert.equal(tenant.jobs().length, 2, 'its row stays until a discovery no longer finds it');

    await tenant.discover(graph);
    assert.deepEqual([tenant.appErrors, tenant.jobs().map((j) => j.servicePrincipalId)], [[], [sandbox.demo.servicePrincipalId]]);
  });
});
