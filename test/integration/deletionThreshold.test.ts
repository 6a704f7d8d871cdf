// Rehearsing the accidental-deletion protection on the sandbox, through the extension's commands:
// a threshold set with Provisioning Settings holds a cycle that would disable too many accounts,
// the tree explains the quarantine, and a restart with ForceDeletes lets the deletions through.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(`entraProvisioning.${command}`, arg);

describe('Accidental-deletion threshold (real VS Code host, sandbox)', function () {
  this.timeout(60_000);
  let env: ConnectedSandbox;

  before(async () => {
    env = await connectTestSandbox({ users: 20 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('holds a mass disable, explains the quarantine in the tree, and applies it with Allow Held Deletions', async () => {
    const { servicePrincipalId: spId, jobId } = env.sandbox.demo;
    const target = { servicePrincipalId: spId, jobId };
    // Nothing is held yet: the command refuses (undefined, with an error message) and changes nothing.
    assert.equal(await run('allowHeldDeletions', { ...target, skipConfirmation: true }), undefined);
    const activeInApp = () => env.sandbox.scim.listUsers().filter((u) => u.active === true).length;
    const initial = env.sandbox.engine.nextCycle(jobId);
    await run('startJob', target);
    await initial;
    const provisioned = activeInApp();
    assert.ok(provisioned > 2, `${provisioned} accounts provisioned`);

    const saved = await run<{ ok: boolean }>('editProvisioningSettings', { ...target, deleteThreshold: 2 });
    assert.equal(saved?.ok, true);
    // Every assignment removed: each provisioned account would be disabled.
    for (const a of env.sandbox.store.assignmentsFor(spId)) env.sandbox.store.removeAssignment(a.id);

    const held = env.sandbox.engine.nextCycle(jobId);
    await run('restartJob', { ...target, resetScope: ['Watermark'] });
    await held;
    assert.equal(activeInApp(), provisioned, 'nothing was disabled');
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await tenant.model.refreshJobs([spId]);
    const item = await tenant.appNode(spId).jobNode(jobId).getTreeItem();
    assert.equal(item.description, 'In quarantine');
    const details = (item.tooltip as vscode.MarkdownString).value;
    assert.match(details, /TooManyDeletes/);
    assert.match(details, /Allow Held Deletions/);
    assert.match(String(item.contextValue), /\bheldDeletions\b/, 'the job offers Allow Held Deletions in its menu');

    const forced = env.sandbox.engine.nextCycle(jobId);
    const allowed = await run<{ status: string }>('allowHeldDeletions', { ...target, skipConfirmation: true });
    assert.ok(allowed);
    await forced;
    assert.equal(activeInApp(), 0, 'the held disables were applied');
    const service = await env.api.services.graph.service(env.connectionId);
    await eventually(async () => (await service.jobs.getJob(spId, jobId)).status?.quarantine == null, 10_000, 'quarantine lifted');
    await run('pauseJob', target);
  });
});
