import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { SeenRequest } from '../contract/operations';
import type { FleetGroupNode, FleetJobNode, FleetMessageNode, FleetSummary } from '../../src/tree/fleetProvider';
import { fleetKey, refreshRequestBudget } from '../../src/shared/fleet';
import { hasJobTarget } from '../../src/shared/targets';
import { addAppWithJob, deleteApp, pause, saveSecrets, startAndAwaitCycle, type MadeJob } from './helpers/fleet';
import { startSandbox } from '../../src/sandbox/server';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

/** Jobs that never ran: enough that a refresh needs two $batch requests. */
const IDLE_JOBS = 22;

/**
 * A SCIM app that answers queries but refuses to create anyone: a job pointed at it connects, and
 * its cycle ends with every user escrowed (the Failing group), without quarantine.
 */
async function refusingScimApp(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    const json = (status: number, body: object) => res.writeHead(status, { 'Content-Type': 'application/scim+json' }).end(JSON.stringify(body));
    if (req.method === 'GET') json(200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
    else json(500, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'The app refuses to create users today.' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`, server };
}

describe('Fleet view (real VS Code host, sandbox with several apps and a quarantined job)', function () {
  this.timeout(120_000);
  let env: ConnectedSandbox;
  const seen: SeenRequest[] = [];
  let quarantined: MadeJob;
  let paused: MadeJob;
  let failing: MadeJob;
  let refusing: Server | undefined;
  let idle: MadeJob[];
  let healthy: { servicePrincipalId: string; jobId: string };

  before(async () => {
    env = await connectTestSandbox({ users: 5, onRequest: (r) => seen.push(r) });
    healthy = env.sandbox.demo;
    quarantined = await addAppWithJob(env.sandbox, 'Fleet Payroll');
    paused = await addAppWithJob(env.sandbox, 'Fleet Wiki');
    failing = await addAppWithJob(env.sandbox, 'Fleet Expenses');
    idle = [];
    for (let i = 0; i < IDLE_JOBS; i++) idle.push(await addAppWithJob(env.sandbox, `Fleet Idle ${String(i).padStart(2, '0')}`));
    // Started without credentials: the cycle cannot reach the target, so the service quarantines the job.
    await startAndAwaitCycle(env.sandbox, quarantined);
    await pause(env.sandbox, paused);
    // Every user in scope (SyncAll), each refused by its target: the cycle ends with them escrowed.
    const target = await refusingScimApp();
    refusing = target.server;
    await saveSecrets(env.sandbox, failing, { BaseAddress: target.url, SecretToken: 'refusing-app-token', SyncAll: 'true' });
    await startAndAwaitCycle(env.sandbox, failing);
    // The demo job has the sandbox SCIM app's credentials: its first cycle succeeds.
    await startAndAwaitCycle(env.sandbox, healthy);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('entraProvisioning').update('fleet.notifyOnQuarantine', undefined, vscode.ConfigurationTarget.Global);
    await env?.dispose();
    await new Promise((resolve) => (refusing ? refusing.close(resolve) : resolve(undefined)));
  });

  /** This tenant's part of the fleet, group by group: app names. */
  function appsByGroup(summary: FleetSummary): Record<string, string[]> {
    return Object.fromEntries(summary.groups.map((g) => [g.group, g.jobs.filter((j) => j.connectionId === env.connectionId).map((j) => j.appDisplayName)]).filter(([, apps]) => apps.length > 0));
  }

  it('lists every job of the tenant grouped by what needs attention: the quarantined one with its reason, failing, paused, healthy, not started', async () => {
    const summary = await vscode.commands.executeCommand<FleetSummary>('entraProvisioning.refreshFleet');
    assert.deepEqual(appsByGroup(summary), {
      quarantined: ['Fleet Payroll'],
      failing: ['Fleet Expenses'],
      paused: ['Fleet Wiki'],
      healthy: ['Contoso SCIM App (sandbox)'],
      notStarted: idle.map((j) => j.name),
    });
    const payroll = summary.groups[0].jobs.find((j) => j.jobId === quarantined.jobId)!;
    assert.equal(payroll.reasons[0]?.kind, 'quarantine');
    assert.equal((payroll.reasons[0] as { reason: string }).reason, 'EncounteredQuarantineException');
    const expenses = summary.groups.find((g) => g.group === 'failing')!.jobs.find((j) => j.jobId === failing.jobId)!;
    assert.equal(expenses.reasons[0]?.kind, 'escrowed', 'the users its target refused wait in escrow');
    assert.ok((expenses.reasons[0] as { count: number }).count > 0);
    assert.deepEqual(summary.errors, []);

    // The view itself: group rows in that order, then job rows that the job commands accept.
    const roots = (await env.api.fleet.getChildren()) as FleetGroupNode[];
    const groups = roots.map((n) => n.getTreeItem()).map((i) => [i.label, i.description]);
    assert.deepEqual(groups, [['Quarantined', '1'], ['Failing', '1'], ['Paused', '1'], ['Healthy', '1'], ['Not started', String(IDLE_JOBS)]]);
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

    const failingRow = (await env.api.fleet.getChildren(roots[1]))[0] as FleetJobNode;
    assert.match(String(failingRow.getTreeItem().description), /escrowed/);

    const status = env.api.fleet.statusBarState;
    assert.deepEqual(status, { text: '$(warning) 2', visible: true }, 'the quarantined and the failing job need attention');
    assert.match(env.api.fleet.statusBarTooltip, /1 in quarantine, 1 failing/);
    assert.doesNotMatch(env.api.fleet.statusBarTooltip, /out of date/);
  });

  it(`re-reads ${IDLE_JOBS + 4} known jobs in at most ⌈N/20⌉ requests per background refresh`, async () => {
    const jobs = env.api.fleet.model.total;
    assert.equal(jobs, IDLE_JOBS + 4);
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

  it('shows an app whose jobs could not be read in a background refresh as an error row with Retry, and marks the status bar count stale until a refresh reads it', async () => {
    const gone = idle[IDLE_JOBS - 1];
    await deleteApp(env.sandbox, gone);
    await env.api.fleet.tick();
    const roots = await env.api.fleet.getChildren();
    const errorRow = roots.find((n) => n.id === `fleet/appErrors/${env.connectionId}`) as FleetMessageNode | undefined;
    assert.ok(errorRow, 'an error row for the tenant');
    const item = errorRow.getTreeItem();
    assert.match(String(item.label), new RegExp(`could not read the jobs of ${gone.name}`));
    assert.match(String(item.tooltip), new RegExp(`^${gone.name}: .+`), 'the app and why');
    assert.equal(item.description, 'Retry');
    assert.equal(item.command?.command, 'entraProvisioning.refreshFleet', 'a click retries');
    assert.ok(appsByGroup(env.api.fleet.summary()).notStarted?.includes(gone.name), 'its row stays as last read');
    assert.deepEqual(env.api.fleet.summary().errors.map((e) => e.connectionId), [env.connectionId]);
    assert.equal(env.api.fleet.statusBarState.text, '$(warning) 2 $(sync-ignored)');
    assert.match(env.api.fleet.statusBarTooltip, /may be out of date/);

    // Retry: the command the row runs lists the apps again; the deleted one is gone, and so is the error.
    const summary = await vscode.commands.executeCommand<FleetSummary>(item.command!.command, ...(item.command!.arguments ?? []));
    assert.deepEqual(summary.errors, []);
    assert.equal(appsByGroup(summary).notStarted?.includes(gone.name), false);
    assert.equal((await env.api.fleet.getChildren()).some((n) => n.id.startsWith('fleet/appErrors/')), false);
    assert.equal(env.api.fleet.statusBarState.text, '$(warning) 2');
  });

  it('keeps a tenant’s rows when its background refresh fails, under an error row with when, why and Retry, and says the status bar count may be stale', async () => {
    // A second tenant that goes away after its jobs were found (offline, as a closed laptop's VPN would).
    const token = 'fleet-second-tenant';
    const second = await startSandbox({ port: 0, seed: 12, users: 3, groups: 1, token, pace: 'instant', replicationDelaySeconds: 0 });
    let secondId: string | undefined;
    try {
      await vscode.commands.executeCommand('entraProvisioning.connectSandbox', { url: second.graphUrl, token });
      secondId = env.api.services.connections.list().find((c) => c.id !== env.connectionId)!.id;
      const label = env.api.services.connections.list().find((c) => c.id === secondId)!.label;
      const before = await vscode.commands.executeCommand<FleetSummary>('entraProvisioning.refreshFleet');
      const secondRows = () => env.api.fleet.summary().groups.flatMap((g) => g.jobs).filter((j) => j.connectionId === secondId).map((j) => j.jobId);
      assert.deepEqual(secondRows(), [second.demo.jobId]);
      assert.deepEqual(before.errors, []);

      await second.close();
      await env.api.fleet.tick();
      const errorRow = (await env.api.fleet.getChildren()).find((n) => n.id === `fleet/error/${secondId}`) as FleetMessageNode | undefined;
      assert.ok(errorRow, 'an error row for the tenant that failed');
      const item = errorRow.getTreeItem();
      assert.ok(String(item.label).startsWith(`${label}: the last refresh failed (`), String(item.label));
      assert.ok(String(item.tooltip).length > 0, 'why');
      assert.equal(item.command?.command, 'entraProvisioning.refreshFleet');
      assert.deepEqual(secondRows(), [second.demo.jobId], 'its rows stay, as last read');
      assert.deepEqual(env.api.fleet.summary().errors.map((e) => e.connectionId), [secondId]);
      assert.equal(env.api.fleet.statusBarState.text, '$(warning) 2 $(sync-ignored)');
      assert.ok(env.api.fleet.statusBarTooltip.includes(`the last refresh of ${label} failed`), env.api.fleet.statusBarTooltip);
      assert.ok(!(await env.api.fleet.getChildren()).some((n) => n.id === `fleet/error/${env.connectionId}`), 'the other tenant is unaffected');
    } finally {
      if (secondId) await vscode.commands.executeCommand('entraProvisioning.signOut', { connectionId: secondId });
      await second.close().catch(() => undefined);
    }
    assert.equal((await env.api.fleet.getChildren()).some((n) => n.id.startsWith('fleet/error/')), false, 'signed out: its error row goes');
    assert.equal(env.api.fleet.statusBarState.text, '$(warning) 2');
  });

  it('tries a tenant whose discovery failed again in the next background pass, which finds its jobs once it answers', async () => {
    const token = 'fleet-third-tenant';
    const options = { seed: 13, users: 3, groups: 1, token, pace: 'instant' as const, replicationDelaySeconds: 0 };
    let third = await startSandbox({ port: 0, ...options });
    const port = Number(new URL(third.graphUrl).port);
    let thirdId: string | undefined;
    try {
      await vscode.commands.executeCommand('entraProvisioning.connectSandbox', { url: third.graphUrl, token });
      thirdId = env.api.services.connections.list().find((c) => c.id !== env.connectionId)!.id;
      // Unreachable before the fleet ever listed its apps.
      await third.close();
      const failed = await vscode.commands.executeCommand<FleetSummary>('entraProvisioning.refreshFleet');
      assert.deepEqual(failed.errors.map((e) => e.connectionId), [thirdId]);
      const row = (await env.api.fleet.getChildren()).find((n) => n.id === `fleet/error/${thirdId}`) as FleetMessageNode | undefined;
      assert.match(String(row?.getTreeItem().label), /could not list its provisioning jobs/);

      // Back (same address, same tenant): the next background pass discovers it without a manual refresh.
      third = await startSandbox({ port, ...options });
      await env.api.fleet.tick();
      const summary = env.api.fleet.summary();
      assert.deepEqual(summary.errors, []);
      assert.deepEqual(summary.groups.flatMap((g) => g.jobs).filter((j) => j.connectionId === thirdId).map((j) => j.jobId), [third.demo.jobId]);
    } finally {
      if (thirdId) await vscode.commands.executeCommand('entraProvisioning.signOut', { connectionId: thirdId });
      await third.close().catch(() => undefined);
    }
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
    assert.equal(env.api.fleet.statusBarState.text, '$(warning) 3');
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
