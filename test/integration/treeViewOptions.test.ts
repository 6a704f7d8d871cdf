import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('Tree paging, search and filter (real VS Code host, sandbox with 150 extra apps)', () => {
  let env: ConnectedSandbox;
  const tenant = () => env.api.services.tree.tenant(env.connectionId)!;
  const labels = async () => Promise.all((await tenant().getChildren()).map(async (n) => ({ id: n.id, item: await n.getTreeItem() })));

  before(async () => {
    env = await connectTestSandbox({ users: 5, apps: 150 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('shows the first page with provisioning apps first and a "load more" row, then loads the next page', async () => {
    env.api.services.tree.refresh(tenant());
    const first = await labels();
    const more = first.find((r) => r.id.endsWith('/more'));
    assert.ok(more, 'a load-more row');
    const apps = first.filter((r) => r.id.includes('/app/'));
    assert.equal(apps.length, 100);
    assert.ok(/hasJobs/.test(String(apps[0].item.contextValue)), 'an app with provisioning comes first');
    await vscode.commands.executeCommand('entraProvisioning.loadMoreApps', { connectionId: env.connectionId });
    const second = (await labels()).filter((r) => r.id.includes('/app/'));
    assert.ok(second.length > 100, `${second.length} apps after loading more`);
    assert.equal(new Set(second.map((r) => r.id)).size, second.length, 'no app twice');
  });

  it('searches on the server and clears the search', async () => {
    const result = await vscode.commands.executeCommand<{ search: string }>('entraProvisioning.searchApps', { connectionId: env.connectionId, search: 'Contoso SCIM' });
    assert.equal(result?.search, 'Contoso SCIM');
    const found = (await labels()).filter((r) => r.id.includes('/app/'));
    assert.ok(found.length >= 1 && found.every((r) => /Contoso SCIM/i.test(String(r.item.label))), found.map((r) => r.item.label).join(', '));
    assert.match(String((await tenant().getTreeItem()).description), /Contoso SCIM/);
    await vscode.commands.executeCommand('entraProvisioning.searchApps', { connectionId: env.connectionId, search: '' });
    assert.ok((await labels()).filter((r) => r.id.includes('/app/')).length >= 100);
  });

  it('shows only apps with provisioning when toggled, and all again when toggled back', async () => {
    const on = await vscode.commands.executeCommand<{ provisioningOnly: boolean }>('entraProvisioning.toggleProvisioningOnly', { connectionId: env.connectionId });
    assert.equal(on?.provisioningOnly, true);
    const only = (await labels()).filter((r) => r.id.includes('/app/'));
    assert.ok(only.length >= 1 && only.every((r) => /hasJobs/.test(String(r.item.contextValue))));
    await vscode.commands.executeCommand('entraProvisioning.toggleProvisioningOnly', { connectionId: env.connectionId });
    assert.ok((await labels()).filter((r) => r.id.includes('/app/')).length > only.length);
  });

  it('turns a failed load into a Retry row and recovers on retry', async () => {
    env.sandbox.faults.failRate = 1;
    env.sandbox.faults.retryAfterSeconds = 0;
    try {
      env.api.services.tree.refresh(tenant());
      const rows = await tenant().getChildren();
      assert.equal(rows.length, 1);
      const item = await rows[0].getTreeItem();
      assert.equal(item.contextValue, 'error');
      assert.equal(item.command?.command, 'entraProvisioning.refresh');
    } finally {
      env.sandbox.faults.failRate = 0;
    }
    await vscode.commands.executeCommand('entraProvisioning.refresh', tenant());
    assert.ok((await labels()).some((r) => r.id.includes('/app/')), 'apps are back after Retry');
  });
});
