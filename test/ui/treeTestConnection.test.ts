import * as assert from 'node:assert/strict';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, type Workbench } from './workbench';

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
    const { job } = await connectSandboxAndExpandDemoApp(page);
    await workbench.screenshot('tree-sandbox-apps');
    await contextMenu(page, job, 'Test Connection');
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
