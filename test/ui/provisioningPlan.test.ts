import * as assert from 'node:assert/strict';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, palette, type Workbench } from './workbench';

describe('UI: provisioning as code, the plan view (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  const previewHeading = () => workbench.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('h1').first();
  const previewText = () => workbench.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('body');

  it('exports a job, edits an expression in the file and shows the plan with its SCIM requests', async () => {
    const { page } = workbench;
    const { job } = await connectSandboxAndExpandDemoApp(page);
    await job.click();
    await contextMenu(page, job, 'Export Job as Provisioning File…');
    // The save dialog proposes the app's name in the workspace folder.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    // The dialog fills in the folder first and the proposed name a moment later.
    for (let i = 0; i < 100 && !(await input.inputValue()).endsWith('.provisioning.json'); i++) await page.waitForTimeout(100);
    assert.match(await input.inputValue(), /\.provisioning\.json$/);
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await page.locator('.tabs-container .tab', { hasText: /\.provisioning\.json/ }).first().waitFor({ timeout: 30_000 });
    // Only the visible lines are drawn: the file's head shows it loaded (the title mapping is further down).
    await editor.getByText('"format"').first().waitFor({ timeout: 30_000 });

    // Edit the title mapping's source into an expression, as a person would, and save.
    // Each keystroke waits for the field it belongs in: under load, typing before the find widget
    // has its focus writes into the file instead.
    await editor.click();
    await page.keyboard.press('Control+H');
    const findWidget = page.locator('.find-widget.visible');
    await findWidget.locator('.find-part textarea, .find-part input').first().fill('"source": "jobTitle"');
    await findWidget.locator('.replace-part textarea, .replace-part input').first().fill('"expression": "ToUpper([jobTitle])"');
    await findWidget.locator('.matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: 10_000 });
    await findWidget.locator('.replace-part textarea, .replace-part input').first().press('Control+Alt+Enter');
    await editor.getByText('ToUpper([jobTitle])').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });

    await palette(page, 'Plan Provisioning File');
    await previewHeading().filter({ hasText: /^Plan: Contoso SCIM App \(sandbox\)$/ }).waitFor({ timeout: 60_000 });
    await previewText().getByText('ToUpper([jobTitle])').first().waitFor({ timeout: 10_000 });
    await previewText().getByText(/PATCH \/Users\/\{id\}/).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    assert.ok(await workbench.screenshot('readme-plan'));
  });
});
