import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeenRequest } from '../contract/operations';
import type { FleetGroupNode, FleetJobNode, FleetSummary } from '../../src/tree/fleetProvider';
import { fleetKey, refreshRequestBudget } from '../../src/shared/fleet';
import { hasJobTarget } from '../../src/shared/targets';
import { addAppWithJob, pause, startAndAwaitCycle, type MadeJob } from './helpers/fleet';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

/** Jobs that never ran: enough that a refresh needs two $batch requests. */
const IDLE_JOBS = 22;

describe('Fleet view (real VS Code host, sandbox with several apps and a quarantined job)', function () {
  this.timeout(120_000);
  let env: ConnectedSandbox;
  const seen: SeenRequest[] = [];
  let quarantined: MadeJob;
  let paused: MadeJob;
  let idle: MadeJob[];
  let healthy: { servicePrincipalId: string; jobId: string };

  before(async () => {
    env = await connectTestSandbox({ users: 5, onRequest: (r) => seen.push(r) });
    healthy = env.sandbox.demo;
    quarantined = await addAppWithJob(env.sandbox, 'Fleet Payroll');
    paused = await addAppWithJob(env.sandbox, 'Fleet Wiki');
    idle = [];
    for (let i = 0; i < IDLE_JOBS; i++) idle.push(await addAppWithJob(env.sandbox, `Fleet Idle ${String(i).padStart(2, '0')}`));
    // Started without credentials: the cycle cannot reach the target, so the service quarantines the job.
    await startAndAwaitCycle(env.sandbox, quarantined);
    await pause(env.sandbox, paused);
    // The demo job has the sandbox SCIM app's credentials: its first cycle succeeds.
    await startAndAwaitCycle(env.sandbox, healthy);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('entraProvisioning').update('fleet.notifyOnQuarantine', undefined, vscode.ConfigurationTarget.Global);
    await env?.dispose();
  });

  /** This tenant's part of the fleet, group by group: app names. */
  function appsByGroup(summary: FleetSummary): Record<string, string[]> {
    return Object.fromEntries(summary.groups.map((g) => [g.group, g.jobs.filter((j) => j.connectionId === env.connectionId).map((j) => j.appDisplayName)]).filter(([, apps]) => apps.length > 0));
  }

  it('lists every job of the tenant grouped by what needs attention: the quarantined one with its reason, paused, healthy, not started', async () => {
    const summary = await vscode.commands.executeCommand<FleetSummary>('entraProvisioning.refreshFleet');
    assert.deepEqual(appsByGroup(summary), {
      quarantined: ['Fleet Payroll'],
      paused: ['Fleet Wiki'],
      healthy: ['Contoso SCIM App (sandbox)'],
      notStarted: idle.map((j) => j.name),
    });
    const payroll = summary.groups[0].jobs.find((j) => j.jobId === quarantined.jobId)!;
    assert.equal(payroll.reasons[0]?.kind, 'quarantine');
    assert.equal((payroll.reasons[0] as { reason: string }).reason, 'EncounteredQuarantineException');

    // The view itself: group rows in that order, then job rows that the job commands accept.
    const roots = (await env.api.fleet.getChildren()) as FleetGroupNode[];
    const groups = roots.map((n) => n.getTreeItem()).map((i) => [i.label, i.description]);
    assert.deepEqual(groups, [['Quarantined', '1'], ['Paused', '1'], ['Healthy', '1'], ['Not started', String(IDLE_JOBS)]]);
    const row = (await env.api.fleet.getChildren(roots[0]))[0] as FleetJobNode;
    assert.ok(hasJobTarget(row), 'a fleet row is a job target');
    assert.deepEqual(row.jobTarget, { connectionId: env.connectionId, servicePrincipalId: quarantined.servicePrincipalId, jobId: quarantined.jobId, appDisplayName: 'Fleet Payroll' });
    const item = row.getTreeItem();
    assert.equal(item.label, 'Fleet Payroll');
    assert.match(String(item.contextValue), /^job\b.*\bstatus-quarantine\b.*\bsandbox\b/, 'the apps tree’s job tokens, so its job menus apply');
    const tenantLabel = env.api.services.connections.list().find((c) => c.id === env.connectionId)!.label;
    assert.match(String(item.description), /^cannot connect to the target · /, 'the quarantine reason in words (the catalogue’s), first');
    assert.ok(String(item.description).includes(tenantLabel), 'the row names the tenant');
    assert.match(String(item.description), /last: /);
    assert.equal(env.api.fleet.getParent(row), roots[0], 'rows can be revealed (the notification’s Show Job)');

    const status = env.api.fleet.statusBarState;
    assert.deepEqual(status, { text: '$(warning) 1', visible: true }, 'one job needs attention');
  });

  it(`re-reads ${IDLE_JOBS + 3} known jobs in at most ⌈N/20⌉ requests per background refresh`, async () => {
    const jobs = env.api.fleet.model.total;
    assert.equal(jobs, IDLE_JOBS + 3);
    // The fleet's own pass is waited for in full; the apps tree follows no running job, so nothing else reads Graph meanwhile.
    const before = seen.length;
    await env.api.fleet.tick();
    // The sandbox reports a $batch's inner requests as well as the HTTP request that carried them.
    const answered = seen.slice(before);
    const batches = answered.filter((r) => r.method === 'POST' && r.url.endsWith('/$batch'));
    const inner = batches.reduce((n, r) => n + ((r.body as { requests?: unknown[] }).requests?.length ?? 0), 0);
    assert.ok(batches.length > 0, 'the pass read the jobs');
    assert.ok(batches.length <= refreshRequestBudget(jobs), `${batches.length} HTTP requests for ${jobs} jobs`);
    assert.equal(inner, jobs, 'one inner request per app with a job (each of these apps has one)');
    assert.equal(answered.length - batches.length, inner, 'no request outside the batches');
  });

  it('notifies a job newly in quarantine (opt-in), not the one already there, and counts it in the status bar', async () => {
    await vscode.workspace.getConfiguration('entraProvisioning').update('fleet.notifyOnQuarantine', true, vscode.ConfigurationTarget.Global);
    const newlyBroken = idle[0];
    await startAndAwaitCycle(env.sandbox, newlyBroken);
    const notifiedBefore = env.api.fleet.notified.length;
    await env.api.fleet.tick();
    const notified = env.api.fleet.notified.slice(notifiedBefore);
    assert.deepEqual(notified, [fleetKey(env.connectionId, newlyBroken.servicePrincipalId, newlyBroken.jobId)]);
    assert.deepEqual(appsByGroup(env.api.fleet.summary()).quarantined, ['Fleet Idle 00', 'Fleet Payroll']);
    assert.equal(env.api.fleet.statusBarState.text, '$(warning) 2');
  });

  it('runs the job commands on a fleet row, and shows the result the apps tree read without waiting for its own refresh', async () => {
    // The apps tree has this tenant loaded, as when the user works in both views.
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await env.api.services.tree.refresh(tenant);
    await tenant.getChildren();
    const healthyGroup = ((await env.api.fleet.getChildren()) as FleetGroupNode[]).find((g) => g.group === 'healthy')!;
    const row = healthyGroup.rows.find((r) => r.jobTarget.jobId === healthy.jobId)!;
    const result = await vscode.commands.executeCommand<{ status: string }>('entraProvisioning.pauseJob', row);
    assert.equal(result?.status, 'Paused');
    const apps = await eventually(() => {
      const groups = appsByGroup(env.api.fleet.summary());
      return groups.paused?.includes('Contoso SCIM App (sandbox)') ? groups : undefined;
    }, 10_000, 'the paused job in the fleet’s Paused group');
    assert.equal(apps.healthy, undefined, 'no healthy job is left');
  });

  it('hides the status bar item once nothing is connected', async () => {
    const fleet = env.api.fleet;
    assert.equal(fleet.statusBarState.visible, true);
    // dispose() in after() signs out again (a no-op) and checks the request bodies.
    await vscode.commands.executeCommand('entraProvisioning.signOut', { connectionId: env.connectionId });
    assert.equal(fleet.model.groups.flatMap((g) => g.rows).filter((r) => r.connectionId === env.connectionId).length, 0, 'the signed-out tenant’s jobs are gone');
    assert.deepEqual(env.api.services.connections.list(), [], 'no other test left a tenant connected');
    assert.equal(fleet.statusBarState.visible, false);
  });
});
