// What a first-time user reads on the sandbox, at the workbench's default sidebar width: labels that
// fit, one account of a job's status and schedule (taken from the job, here a one-minute sandbox),
// and an activity stream that starts on the selected job with one Enter.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { connectSandboxAndExpandDemoApp, contextMenu, contextMenuItems, openWorkbench, palette, truncatedTexts, type Workbench } from './workbench';

/** The rows of the quick pick that is open, as their text. */
async function quickPickRows(page: Page): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Selects a tree row and leaves it expanded (a click also toggles it). */
async function selectExpanded(page: Page, row: Locator): Promise<void> {
  await row.click();
  if ((await row.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
}

describe('UI: first run on the sandbox (Playwright, real workbench, one-minute cycles)', () => {
  let workbench: Workbench;
  let tree: Locator;
  let job: Locator;

  before(async () => {
    workbench = await openWorkbench({ settings: { 'entraProvisioning.sandbox.cycleIntervalSeconds': 60 } });
    ({ tree, job } = await connectSandboxAndExpandDemoApp(workbench.page));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`first-run-failed-${this.currentTest.title.split(' ')[0]}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it('streams the job selected in the tree with one Enter, naming people and jobs as the tree does', async () => {
    const { page } = workbench;
    await selectExpanded(page, job);
    await palette(page, 'Entra Provisioning: Stream Provisioning Activity');
    const rows = await quickPickRows(page);
    assert.match(rows[0], /^Contoso SCIM App \(sandbox\)\s*the job selected in the tree$/, `the selected job comes first: ${rows.join(' | ')}`);
    await page.keyboard.press('Enter');
    const channel = page.locator('.panel .monaco-editor .view-lines');
    await channel.getByText('Watching Contoso SCIM App (sandbox): Not started, not scheduled.').first().waitFor({ timeout: 30_000 });

    // The admin center has no page for the sandbox, so its menus do not offer one.
    for (const row of [job, tree.getByRole('treeitem', { name: /^Contoso SCIM App \(sandbox\)/ }).first()]) {
      const items = await contextMenuItems(page, row, 'Copy ID');
      assert.ok(!items.includes('Open in Entra Admin Center'), `no admin center on a sandbox row: ${items.join(' | ')}`);
    }

    await contextMenu(page, job, 'Start Provisioning');
    // The schedule comes from the job: this sandbox was started with one-minute cycles.
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Provisioning started for' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /The first cycle begins shortly; later cycles run every minute\./);
    // Monaco draws spaces as no-break spaces: \s matches both.
    await channel.getByText(/cycle\sfinished\s\(succeeded\)/).first().waitFor({ timeout: 60_000 });
    const text = await channel.innerText();
    assert.doesNotMatch(text, /\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\dZ/, 'one time per line: the channel\'s own');
    assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, 'people and jobs by name, not by id');
    await workbench.screenshot('first-run-activity');
  });

  it('describes the job in the job picker as the tree and the stream do, with the job\'s own schedule', async () => {
    const { page } = workbench;
    await selectExpanded(page, job);
    await palette(page, 'Entra Provisioning: Restart Provisioning');
    const rows = await quickPickRows(page);
    assert.match(rows[0], /^Contoso SCIM App \(sandbox\)\s*(Active|Running[^·]*) · every minute Selected in the tree$/, `the picker describes the job as the tree does: ${rows.join(' | ')}`);
    await page.keyboard.press('Escape');
    const channel = page.locator('.panel .monaco-editor .view-lines');
    assert.doesNotMatch(await channel.innerText(), /NotRun|status\sActive|40\sminutes/);
  });

  it('fits the view title, every row of the tree and the walkthrough\'s step titles into the default sidebar width', async () => {
    const { page } = workbench;
    await selectExpanded(page, tree.getByRole('treeitem', { name: /^Recent activity/ }).first());
    await tree.getByRole('treeitem', { name: / create$/ }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 300);
    const shown = await tree.getByRole('treeitem').allInnerTexts();
    for (const row of [/^Contoso SCIM App \(sandbox\)/, /^Provisioning/, /^GoToMeeting \(sandbox\)/, /create$/]) {
      assert.ok(shown.some((text) => row.test(text)), `the tree shows ${row}: ${shown.join(' | ')}`);
    }
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    assert.ok((await sidebar.evaluate((e) => e.clientWidth)) <= 300, 'the sidebar has its default width');
    assert.deepEqual(await truncatedTexts(sidebar, '.composite.title h2'), [], 'the view title');
    assert.deepEqual(await truncatedTexts(tree, '.monaco-list-row .monaco-icon-label-container'), [], 'tree rows (label and description)');
    await workbench.screenshot('first-run-tree');

    await palette(page, 'Get Started: Provision Users to a SaaS App');
    await page.locator('.getting-started-step .step-title').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    assert.deepEqual(await truncatedTexts(page.locator('.monaco-workbench'), '.getting-started-step .step-title'), [], 'walkthrough step titles');
    await workbench.screenshot('first-run-walkthrough');
  });
});
