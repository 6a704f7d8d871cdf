// What the tree offers a first-time user before any app has provisioning, in a real VS Code host
// against the sandbox tenant.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('First steps: the tree says where to start (real VS Code host, sandbox)', function () {
  this.timeout(120_000);
  let env: ConnectedSandbox;
  const tenantNode = () => env.api.services.tree.tenant(env.connectionId)!;

  before(async () => {
    env = await connectTestSandbox({ users: 6 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('offers "Next: add an app from the gallery" only while no app has a provisioning job', async () => {
    const withJob = await tenantNode().getChildren();
    assert.ok(!withJob.some((n) => n.id.endsWith('/next')), 'no hint while the seeded app has a job');

    const deleted = await vscode.commands.executeCommand<{ ok: boolean }>('entraProvisioning.deleteJob', { ...env.sandbox.demo, skipConfirmation: true });
    assert.equal(deleted?.ok, true);
    await env.api.services.tree.refresh(tenantNode());
    const [first, ...rest] = await tenantNode().getChildren();
    assert.ok(first?.id.endsWith('/next'), `the first row is the next step: ${first?.id}`);
    const item = await first.getTreeItem();
    assert.equal(item.label, 'Next: add an app from the gallery…');
    assert.equal(item.command?.command, 'entraProvisioning.addGalleryApp', 'a click runs Add App from Gallery');
    assert.ok(rest.some((n) => n.id.endsWith(`/app/${env.sandbox.demo.servicePrincipalId}`)), 'the apps are still listed below it');
  });
});
