import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('UI: test connection from the tree (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('connects the sandbox, expands an app and runs Test Connection from the job’s context menu', async () => {
    const { page } = workbench;
    await page.locator('.activitybar [aria-label^="Entra Provisioning"]').first().click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.getByRole('button', { name: 'Connect to Sandbox Tenant' }).click();
    const tree = sidebar.locator('.monaco-list[aria-label]').first();
    const app = tree.getByRole('treeitem', { name: /Contoso SCIM App \(sandbox\)/ }).first();
    await app.waitFor({ timeout: 60_000 });
    await app.click();
    const job = tree.getByRole('treeitem', { name: /^Provisioning \(scim\)/ }).first();
    await job.waitFor({ timeout: 30_000 });
    await workbench.screenshot('tree-sandbox-apps');
    await job.click({ button: 'right' });
    const menuItem = page.getByRole('menuitem', { name: 'Test Connection' }).first();
    await menuItem.hover();
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Test connection to' });
    try {
      await toast.first().waitFor({ timeout: 30_000 });
    } catch (error) {
      await workbench.screenshot('tree-test-connection-failure');
      throw error;
    }
    const text = await toast.first().innerText();
    assert.match(text, /succeeded/);
    await page.waitForTimeout(600); // let the toast finish sliding in, for a readable screenshot
    await workbench.screenshot('tree-test-connection');
  });
});
