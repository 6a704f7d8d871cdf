// The README's screenshots, taken from the real workbench on the sandbox tenant while clicking
// through the product: the tree, the activity channel during a cycle, the mapping editor and the
// walkthrough. `npm run screenshots` copies them into media/screenshots/.
import * as assert from 'node:assert/strict';
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
});
