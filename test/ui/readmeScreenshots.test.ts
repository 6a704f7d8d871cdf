// The README's screenshots, taken from the real workbench on the sandbox tenant while clicking
// through the product: the tree, the activity channel during a cycle, the mapping editor and the
// walkthrough. `npm run screenshots` copies them into media/screenshots/.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox/server';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, palette, type Workbench } from './workbench';

describe('UI: README screenshots (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('takes the tree, activity, mapping editor and walkthrough screenshots', async () => {
    const { page } = workbench;
    const { tree, job } = await connectSandboxAndExpandDemoApp(page);
    await job.click();
    await tree.getByRole('treeitem', { name: /Assigned users and groups/ }).first().click();
    await tree.getByRole('treeitem', { name: /Default Access/ }).first().waitFor({ timeout: 30_000 });

    await contextMenu(page, job, 'Stream Provisioning Activity');
    await contextMenu(page, job, 'Start Provisioning');
    const channel = page.locator('.panel .monaco-editor .view-lines');
    await channel.getByText(/create/i).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(800);
    assert.ok(await workbench.screenshot('readme-activity'));
    await workbench.screenshot('readme-tree');

    await contextMenu(page, job, 'Open Mapping Editor');
    await page.locator('iframe.webview.ready').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000);
    assert.ok(await workbench.screenshot('readme-mapping-editor'));

    await palette(page, 'Get Started: Provision Users to a SaaS App');
    await page.getByText('Provision users to a SaaS app').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    assert.ok(await workbench.screenshot('readme-walkthrough'));
  });

  it('takes the SCIM endpoint check screenshot', async () => {
    const { page } = workbench;
    // A SCIM endpoint as a SaaS developer would have one running: here the sandbox's own SCIM app.
    const endpoint = await startSandbox({ pace: 'instant', users: 0, groups: 0 });
    try {
      // Alone (with --grep), this runs right after the workbench opened: let it finish starting.
      await page.locator('.activitybar').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(3000);
      await palette(page, 'Check a SCIM Endpoint');
      const input = page.locator('.quick-input-box input');
      await page.locator('.quick-input-widget', { hasText: '(1/2)' }).waitFor({ timeout: 30_000 });
      await input.fill(endpoint.scimUrl);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: '(2/2)' }).waitFor({ timeout: 30_000 });
      await input.fill(endpoint.scimToken);
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: /SCIM check of/ }).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(2500);
      assert.ok(await workbench.screenshot('readme-scim-check'));
    } finally {
      await endpoint.close();
    }
  });
});
