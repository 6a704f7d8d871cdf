import * as assert from 'node:assert/strict';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, type Workbench } from './workbench';

describe('UI: reports open rendered (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  /** The headline of the Markdown preview in the active editor (the preview's webview nests its content one frame down). */
  const previewHeading = () => workbench.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('h1').first();

  it('shows an event\'s details and an on-demand result as rendered previews headed by what happened', async () => {
    const { page } = workbench;
    const { tree, job } = await connectSandboxAndExpandDemoApp(page);
    await job.click();
    await contextMenu(page, job, 'Start Provisioning');
    await tree.getByRole('treeitem', { name: /Recent activity/ }).first().click();
    // Activity rows read "<person> create" (the name first, the action as the description).
    const created = tree.getByRole('treeitem', { name: / create$/ }).first();
    await created.waitFor({ timeout: 60_000 });
    await created.click();
    await previewHeading().filter({ hasText: /^Created .+ in Contoso SCIM App \(sandbox\)$/ }).waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab.active', { hasText: /Preview Created .+ in Contoso SCIM App/ }).waitFor({ timeout: 10_000 });
    assert.ok(await workbench.screenshot('report-event-details'));

    await contextMenu(page, job, 'Provision on Demand…');
    // An assigned user (the sandbox provisions users, not groups).
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-description', { hasText: /^User$/ }) }).first();
    await row.waitFor({ timeout: 30_000 });
    const user = (await row.locator('.label-name').first().innerText()).trim();
    await row.click();
    await previewHeading().filter({ hasText: user }).waitFor({ timeout: 60_000 });
    await tree.getByRole('treeitem', { name: /On-demand results/ }).first().waitFor({ timeout: 30_000 });
    assert.ok(await workbench.screenshot('report-on-demand'));
  });
});
