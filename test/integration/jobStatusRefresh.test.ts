import * as assert from 'node:assert/strict';
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import { waitFor } from './helpers/extension';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('Job status auto-refresh (real VS Code host, sandbox)', () => {
  let env: ConnectedSandbox;

  before(async () => {
    env = await connectTestSandbox({ users: 5 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('redraws a running job with its new status while the view is visible, and leaves idle jobs alone', async () => {
    const { servicePrincipalId: spId, jobId } = env.sandbox.demo;
    const job = env.sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!;
    // A cycle in progress, as the service reports it (sandbox cycles on 5 users end too fast to catch).
    job.status.progress = [{ completedUnits: 2, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    await vscode.commands.executeCommand('entraProvisioning.apps.focus');
    // The workbench tells the extension host that the view is visible a moment after focusing it.
    await waitFor(() => env.api.jobStatus.viewVisible, 'the provisioning view to become visible');
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await env.api.services.tree.refresh(tenant);
    await tenant.getChildren();
    const before = await tenant.appNode(spId).jobNode(jobId).getTreeItem();
    assert.match(String(before.description), /2\/10/);

    job.status.progress = [{ completedUnits: 10, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    // The 10-second timer may take this pass first; either way the app is redrawn exactly once.
    const redrawsBefore = env.api.jobStatus.redrawCount;
    await env.api.jobStatus.tick();
    assert.equal(env.api.jobStatus.redrawCount - redrawsBefore, 1, 'the running job’s app was redrawn once');
    const after = await tenant.appNode(spId).jobNode(jobId).getTreeItem();
    assert.doesNotMatch(String(after.description), /2\/10/);
    assert.equal(await env.api.jobStatus.tick(), 0, 'nothing runs any more, so nothing is reloaded');
  });

  it('shows a job that was turned on but has not run yet as starting, and follows it to its first cycle', async () => {
    const { servicePrincipalId: spId, jobId } = env.sandbox.demo;
    const job = env.sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!;
    // Just turned on: the schedule is active and the service has not begun the first cycle.
    job.schedule.state = 'Active';
    job.status.code = 'NotRun';
    job.status.lastExecution = null;
    job.status.progress = [];
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await tenant.model.refreshJobs([spId]);
    assert.match(String((await tenant.appNode(spId).jobNode(jobId).getTreeItem()).description), /^Starting$/);

    // Counted from before the cycle: the 10-second timer may see the cycle first (even mid-cycle).
    // The schedule stays Active throughout, as on the service; the sandbox's next slot is 40 min away.
    const redrawsBefore = env.api.jobStatus.redrawCount;
    await env.sandbox.engine.runCycleNow(spId, jobId);
    await env.api.jobStatus.tick();
    assert.ok(env.api.jobStatus.redrawCount > redrawsBefore, 'the row was refreshed without a manual refresh');
    const after = String((await tenant.appNode(spId).jobNode(jobId).getTreeItem()).description);
    assert.doesNotMatch(after, /Starting/);
    assert.equal(after, 'Active', 'the row shows the job after its first cycle');
  });

  it('watches an idle job whose scheduled cycle is due, and shows that cycle when it begins', async () => {
    const { servicePrincipalId: spId, jobId } = env.sandbox.demo;
    await vscode.commands.executeCommand('entraProvisioning.apps.focus');
    await waitFor(() => env.api.jobStatus.viewVisible, 'the provisioning view to become visible');
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await tenant.model.refreshJobs([spId]);
    // On the service the scheduled cycle has begun (1 of 10 objects) ...
    const job = env.sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!;
    job.schedule.state = 'Active';
    job.status.code = 'Active';
    job.status.quarantine = null;
    job.status.progress = [{ completedUnits: 1, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    // ... while the tree last saw the job idle, its last cycle over 42 minutes ago on a 40-minute
    // schedule. Set in the same turn as the pass below, so no timer pass sees this state first.
    const seen = tenant.model.jobs.get(spId)!.find((j) => j.id === jobId)!;
    const ended = Date.now() - 42 * 60_000;
    const idle: SynchronizationJob = { ...seen, schedule: { ...seen.schedule, state: 'Active', interval: 'PT40M', expiration: null }, status: { ...seen.status, code: 'Active', quarantine: null, progress: [], lastExecution: { ...seen.status?.lastExecution, state: 'Succeeded' as const, timeBegan: new Date(ended - 60_000).toISOString(), timeEnded: new Date(ended).toISOString() } } };
    tenant.model.jobs.set(spId, tenant.model.jobs.get(spId)!.map((j) => (j.id === jobId ? idle : j)));
    const due = tenant.appNode(spId).jobNode(jobId).getTreeItem();
    assert.match((due.tooltip as vscode.MarkdownString).value, /\| Next cycle \| due now \|/);

    const redrawsBefore = env.api.jobStatus.redrawCount;
    await env.api.jobStatus.tick();
    assert.ok(env.api.jobStatus.redrawCount > redrawsBefore, 'the due job’s app was re-read and redrawn');
    assert.match(String(tenant.appNode(spId).jobNode(jobId).getTreeItem().description), /Running 1\/10/);
    job.status.progress = [];
  });

  it('keeps refreshing the other tenants when one of them fails', async () => {
    // Two more tenants with a running job each; the first one connected goes offline.
    const offline = await connectTestSandbox({ users: 5 });
    const healthy = await connectTestSandbox({ users: 5 });
    try {
      for (const env2 of [offline, healthy]) {
        const { servicePrincipalId: spId, jobId } = env2.sandbox.demo;
        env2.sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!.status.progress = [{ completedUnits: 2, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
        const tenant = env2.api.services.tree.tenant(env2.connectionId)!;
        await env2.api.services.tree.refresh(tenant);
        await tenant.getChildren();
      }
      const tenants = env.api.services.tree.tenantNodes().map((t) => t.id);
      const offlineTenant = env.api.services.tree.tenant(offline.connectionId)!;
      const healthyTenant = env.api.services.tree.tenant(healthy.connectionId)!;
      assert.ok(tenants.indexOf(offlineTenant.id) < tenants.indexOf(healthyTenant.id), 'the failing tenant comes first in a pass');
      await offline.sandbox.close();
      const { servicePrincipalId: spId, jobId } = healthy.sandbox.demo;
      healthy.sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!.status.progress = [{ completedUnits: 10, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
      await vscode.commands.executeCommand('entraProvisioning.apps.focus');
      await waitFor(() => env.api.jobStatus.viewVisible, 'the provisioning view to become visible');
      await env.api.jobStatus.tick();
      assert.doesNotMatch(String(healthyTenant.appNode(spId).jobNode(jobId).getTreeItem().description), /2\/10/, 'the healthy tenant was refreshed');
    } finally {
      await vscode.commands.executeCommand('entraProvisioning.signOut', { connectionId: offline.connectionId });
      await healthy.dispose();
    }
  });
});

describe('A cycle as the real service runs it: queued, under way, done (real VS Code host, sandbox at the real pace)', () => {
  let env: ConnectedSandbox;

  before(async () => {
    // Slow enough to watch each stage: a 2 s queue and 4 objects a second.
    env = await connectTestSandbox({ users: 12, queueDelaySeconds: 2, exportRatePerSecond: 4 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('shows a restarted job queued, then the cycle under way with its progress and time began, then its result', async () => {
    const { servicePrincipalId: spId, jobId } = env.sandbox.demo;
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await env.api.services.tree.refresh(tenant);
    await tenant.getChildren();
    const row = async () => {
      await env.api.jobStatus.tick();
      return tenant.appNode(spId).jobNode(jobId).getTreeItem();
    };
    await vscode.commands.executeCommand('entraProvisioning.apps.focus');
    await waitFor(() => env.api.jobStatus.viewVisible, 'the provisioning view to become visible');

    const first = env.sandbox.engine.nextCycle(jobId);
    await vscode.commands.executeCommand('entraProvisioning.startJob', { servicePrincipalId: spId, jobId });
    await first;
    await waitForValue(async () => ((await row()).description === 'Active' ? true : undefined), 'the first cycle\'s result');

    await vscode.commands.executeCommand('entraProvisioning.restartJob', { servicePrincipalId: spId, jobId, resetScope: ['Watermark'] });
    const queued = await row();
    assert.equal(queued.description, 'Queued', 'Graph shows no queue; the tree knows it asked for a cycle');
    assert.match((queued.tooltip as vscode.MarkdownString).value, /\| Next cycle \| queued since /);

    const underWay = await waitForValue(async () => {
      const item = await row();
      return /^Running \d+\/\d+$/.test(String(item.description)) ? item : undefined;
    }, 'the cycle under way');
    const details = (underWay.tooltip as vscode.MarkdownString).value;
    assert.match(details, /\| Current cycle \| began \d/, 'when it began');
    assert.match(details, /\| Progress \| \d+ \/ \d+ Objects \|/, 'objects processed');
    assert.match(details, /\| User to User \| \d+ \|/, 'counts by type');

    const done = await waitForValue(async () => {
      const item = await row();
      return item.description === 'Active' ? item : undefined;
    }, 'the cycle\'s result');
    assert.match((done.tooltip as vscode.MarkdownString).value, /\| Last cycle \| succeeded, /);
    assert.doesNotMatch((done.tooltip as vscode.MarkdownString).value, /queued since|Current cycle/);
  });
});

async function waitForValue<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
