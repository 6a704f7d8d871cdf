import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers/extension';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('Connections (real VS Code host, real sandbox)', () => {
  let connected: ConnectedSandbox;

  before(async () => {
    connected = await connectTestSandbox();
  });

  after(async () => {
    await connected?.dispose();
  });

  it('connects to a running sandbox by URL and token and shows the tenant in the tree', async () => {
    assert.equal(connected.tenantId, connected.sandbox.tenantId);
    const roots = await connected.api.services.tree.getChildren();
    const item = await roots.find((n) => n.id === `tenant/${connected.connectionId}`)?.getTreeItem();
    assert.ok(item, 'a tenant node for the sandbox');
    assert.equal(item.label, 'Contoso (sandbox)');
    assert.match(String(item.contextValue), /\btenant\b.*\bsandbox\b.*\bcurrent\b/);
  });

  it('keeps the sandbox token out of settings and the persisted connections', async () => {
    const persisted = JSON.stringify(connected.api.services.connections.list());
    assert.doesNotMatch(persisted, /in-host-/);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('entraProvisioning'));
    assert.doesNotMatch(settings, /in-host-/);
  });

  it('refuses a wrong token with a clear failure, and the live connection to that sandbox keeps working', async () => {
    const api = await activateExtension();
    const before = api.services.connections.list().length;
    const result = await vscode.commands.executeCommand('entraProvisioning.connectSandbox', { url: connected.sandbox.graphUrl, token: 'wrong' });
    assert.equal(result, undefined, 'the command failed (the wrapper showed the error)');
    assert.equal(api.services.connections.list().length, before);
    const service = await api.services.graph.service(connected.connectionId);
    assert.ok((await service.apps.organization())?.id, 'the existing connection still authenticates');
  });

  it('switches the current tenant by connection id', async () => {
    const result = await vscode.commands.executeCommand<{ connectionId: string }>('entraProvisioning.switchTenant', { connectionId: connected.connectionId });
    assert.equal(result?.connectionId, connected.connectionId);
    assert.equal(connected.api.services.connections.current?.id, connected.connectionId);
  });

  it('starts a sandbox in a child process when no URL is given, and signs out of it', async () => {
    const api = await activateExtension();
    const result = await vscode.commands.executeCommand<{ tenantId: string }>('entraProvisioning.connectSandbox');
    assert.ok(result?.tenantId, 'connected to a spawned sandbox');
    const spawned = api.services.connections.current!;
    assert.notEqual(spawned.id, connected.connectionId);
    const service = await api.services.graph.service(spawned.id);
    const apps = await service.apps.listApps({ top: 5 });
    assert.ok(apps.items.length > 0, 'the spawned sandbox answers Graph calls');
    // The token reached the child through its environment (not argv), and it is enforced.
    const refused = await fetch(`${spawned.graphBaseUrl}/organization`, { headers: { authorization: 'Bearer not-the-token' } });
    assert.equal(refused.status, 401);
    const signOut = await vscode.commands.executeCommand<{ ok: boolean }>('entraProvisioning.signOut', { connectionId: spawned.id });
    assert.equal(signOut?.ok, true);
    assert.ok(!api.services.connections.list().some((c) => c.id === spawned.id));
  });
});
