// The Fleet view as an admin meets it in the real workbench: a tenant with a job in quarantine (started
// without credentials), a paused one and a healthy one, built through the sandbox's Graph as an admin's
// script would. The admin opens the view, reads the groups and rows, selects two jobs and starts them
// with one confirmation, and reads the summary's report; then saves test users on a job and provisions
// them. Takes the README's Fleet screenshot.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { addAppWithJob, pause, startAndAwaitCycle, type MadeJob } from '../integration/helpers/fleet';
import { contextMenu, openWorkbench, truncatedTexts, type Workbench } from './workbench';

/** The key the workbench is given to connect the fixture's sandbox (connectSandbox with its URL and token, as a script does). */
const CONNECT_KEY = 'ctrl+alt+shift+k';

/** The Markdown preview in the active editor (its webview nests the content one frame down). */
const preview = (page: Page) => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

describe('UI: Fleet view, bulk start and test users (Playwright, real workbench, sandbox)', () => {
  let sandbox: Sandbox;
  let workbench: Workbench;
  let quarantined: MadeJob;
  let paused: MadeJob;
  const token = `ui-fleet-${process.pid}`;

  before(async () => {
    sandbox = await startSandbox({
      port: 0, seed: 11, users: 12, groups: 3, token,
      pace: 'real', queueDelaySeconds: 0.5, exportRatePerSecond: 50, logDelaySeconds: 0.5, replicationDelaySeconds: 1,
    });
    quarantined = await addAppWithJob(sandbox, 'Payroll');
    paused = await addAppWithJob(sandbox, 'Wiki');
    // Started without credentials: the cycle cannot reach the target, so the service quarantines the job.
    await startAndAwaitCycle(sandbox, quarantined);
    await pause(sandbox, paused);
    // The demo job has the sandbox SCIM app's credentials: its first cycle succeeds.
    await startAndAwaitCycle(sandbox, sandbox.demo);
    workbench = await openWorkbench({
      keybindings: [{ key: CONNECT_KEY, command: 'entraProvisioning.connectSandbox', args: { url: sandbox.graphUrl, token } }],
    });
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
  });

  let fleet: Locator;
  /** A job row of the Fleet view by its app's name (the row's accessible name starts with it). */
  const fleetRow = (app: string) => fleet.getByRole('treeitem', { name: new RegExp(`^${app.replace(/[()]/g, '\\$&')}(?!\\w)`) }).first();

  it('shows the groups with counts and rows (app, tenant, last and next cycle), uncut, and the status bar count', async () => {
    const { page } = workbench;
    await page.locator('.activitybar [aria-label^="Entra Provisioning"]').first().click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.getByRole('button', { name: 'Connect to Sandbox Tenant' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Alt+Shift+K');
    const apps = sidebar.locator('.monaco-list[aria-label]').first();
    await apps.getByRole('treeitem', { name: /Contoso SCIM App \(sandbox\)/ }).first().waitFor({ timeout: 60_000 });

    // The Fleet view starts collapsed: its header expands it.
    await sidebar.locator('.pane-header', { hasText: /^Fleet/ }).click();
    fleet = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Fleet/ }) }).locator('.monaco-list');
    const group = (name: string) => fleet.getByRole('treeitem', { name: new RegExp(`^${name}\\b`) }).first();
    await group('Quarantined').waitFor({ timeout: 60_000 });
    // Attention groups open by themselves; the others are opened by hand.
    for (const name of ['Paused', 'Healthy']) {
      if ((await group(name).getAttribute('aria-expanded')) !== 'true') await group(name).click();
    }
    const row = (app: string) => fleetRow(app);
    for (const app of ['Payroll', 'Wiki', 'Contoso SCIM App (sandbox)']) await row(app).waitFor({ timeout: 30_000 });

    const groups = await fleet.locator('.monaco-list-row[aria-level="1"]').evaluateAll((rows) => rows.map((r) => [r.querySelector('.label-name')?.textContent?.trim(), r.querySelector('.label-description')?.textContent?.trim()]));
    assert.deepEqual(groups, [['Quarantined', '1'], ['Paused', '1'], ['Healthy', '1']], 'the groups in order of attention, each with its count');
    const description = async (app: string) => ((await row(app).locator('.label-description').textContent()) ?? '').trim();
    assert.match(await description('Payroll'), /^cannot connect to the target · last: .+ · next: .+ · Contoso \(sandbox\)$/, 'the quarantined row: why in words, last and next cycle, tenant');
    assert.match(await description('Contoso SCIM App (sandbox)'), / · last: .+ · next: .+ · Contoso \(sandbox\)$/, 'the healthy row: last and next cycle, tenant');

    // A row's label and description share one box that ends in an ellipsis: a label is cut off when
    // its own right edge passes that box's.
    const cutLabels = await fleet.locator('.monaco-list-row').evaluateAll((rows) => rows.flatMap((r) => {
      const box = r.querySelector('.monaco-icon-label-container')?.getBoundingClientRect();
      const name = r.querySelector('.label-name');
      return box && name && name.getBoundingClientRect().right > box.right + 0.5 ? [name.textContent ?? ''] : [];
    }));
    assert.deepEqual(cutLabels, [], 'no row label is cut off at the default sidebar width');
    // Descriptions may end in an ellipsis (the tooltip has it all); the reason comes first, so it shows.
    const cutRows = await truncatedTexts(fleet, '.monaco-list-row .monaco-icon-label-container');
    console.log(`    rows whose description is cut off: ${cutRows.length ? cutRows.join(' | ') : 'none'}`);
    // VS Code opens a collapsed view at its minimum height (a few rows): drag the sash above it up, as a person would.
    const sash = sidebar.locator('.monaco-pane-view .monaco-sash.horizontal').filter({ visible: true }).last();
    const at = (await sash.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x + at.width / 2, at.y - 380, { steps: 10 });
    await page.mouse.up();
    const pane = (await fleet.boundingBox())!;
    const last = (await row('Contoso SCIM App (sandbox)').boundingBox())!;
    assert.ok(last.y + last.height <= pane.y + pane.height + 0.5, 'every row is in view once the pane is taller');

    const status = page.locator('.statusbar-item', { has: page.locator('.codicon-warning') }).filter({ hasText: /^\s*1\s*$/ });
    await status.first().waitFor({ timeout: 30_000 });
    assert.match((await status.first().getAttribute('aria-label')) ?? '', /1/);

    // For the README the sidebar is widened, as a person reading the rows would: the descriptions show whole.
    const side = (await sidebar.boundingBox())!;
    await page.mouse.move(side.x + side.width, side.y + side.height / 2);
    await page.mouse.down();
    await page.mouse.move(side.x + side.width + 360, side.y + side.height / 2, { steps: 10 });
    await page.mouse.up();
    assert.deepEqual(await truncatedTexts(fleet, '.monaco-list-row .monaco-icon-label-container'), [], 'a wider sidebar shows every row whole');
    // The pointer off the sashes and the rows, so none shows hovered.
    await page.mouse.move(1100, 700);
    await page.waitForTimeout(600);
    assert.ok(await workbench.screenshot('readme-fleet'));
  });

  it('starts two selected jobs with one confirmation listing both, then a summary whose details render', async () => {
    const { page } = workbench;
    const row = (app: string) => fleetRow(app);
    await row('Payroll').click();
    await row('Wiki').click({ modifiers: ['Control'] });
    assert.equal(await fleet.locator('.monaco-list-row.selected').count(), 2, 'both rows are selected');
    await contextMenu(page, row('Wiki'), 'Start Provisioning');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 1, 'one confirmation for both jobs');
    const text = await dialog.innerText();
    assert.match(text, /Start provisioning of 2 jobs\?/);
    assert.match(text, /Payroll in /);
    assert.match(text, /Wiki in /);
    await workbench.screenshot('fleet-bulk-confirmation');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();

    const toast = page.locator('.notification-toast', { hasText: 'Start provisioning: 2 succeeded, 0 failed.' }).first();
    await toast.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(600);
    await workbench.screenshot('fleet-bulk-summary');
    await toast.getByRole('button', { name: 'Show Details' }).click();
    const heading = preview(page).locator('h1', { hasText: 'Start provisioning: 2 succeeded, 0 failed.' });
    await heading.waitFor({ timeout: 60_000 });
    const cells = await preview(page).locator('table tbody tr td:first-child').allTextContents();
    assert.deepEqual([...cells].sort(), ['Payroll', 'Wiki'], 'the report has a row per job, by app name');
    await page.waitForTimeout(600);
    assert.ok(await workbench.screenshot('fleet-bulk-report'));
  });

  it('saves test users on a job from its context menu and provisions them, with a rendered before/after report', async () => {
    const { page } = workbench;
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    const apps = sidebar.locator('.monaco-list[aria-label]').first();
    const app = apps.getByRole('treeitem', { name: /Contoso SCIM App \(sandbox\)/ }).first();
    if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();
    const job = apps.getByRole('treeitem', { name: /^Provisioning\b/ }).first();
    await job.waitFor({ timeout: 30_000 });
    await job.click();
    await contextMenu(page, job, 'Add Test Users…');

    const widget = page.locator('.quick-input-widget');
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await workbench.screenshot('test-users-picker');
    // Two users checked with Space, as the placeholder says.
    // An input does not overflow by its placeholder: measure the hint in the input's font.
    const hint = await widget.locator('input.input').evaluate((element) => {
      // The test's tsconfig has no DOM library: the few browser names used here, typed by hand.
      const browser = globalThis as unknown as {
        getComputedStyle(e: unknown): { fontSize: string; fontFamily: string; paddingLeft: string; paddingRight: string };
        document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } };
      };
      const input = element as unknown as { placeholder: string; clientWidth: number };
      const style = browser.getComputedStyle(input);
      const context = browser.document.createElement('canvas').getContext('2d');
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: input.placeholder, needed: Math.ceil(context.measureText(input.placeholder).width), room };
    });
    assert.ok(hint.needed <= hint.room, `the picker's hint is readable whole: "${hint.text}" needs ${hint.needed} px of ${hint.room}`);
    assert.ok((await rows.count()) >= 2, 'the picker offers users');
    await rows.nth(0).click();
    await rows.nth(1).click();
    await widget.locator('.quick-input-count', { hasText: '2' }).waitFor({ timeout: 10_000 });
    assert.ok(await widget.isVisible(), 'the picker stays open while users are checked');
    await widget.locator('.quick-input-action, .monaco-button', { hasText: 'OK' }).first().click();
    await widget.waitFor({ state: 'hidden', timeout: 30_000 });

    await contextMenu(page, job, 'Provision Test Users');
    const h1 = preview(page).locator('h1', { hasText: /Test users in Contoso SCIM App \(sandbox\)/ });
    await h1.waitFor({ timeout: 120_000 });
    // Users already up to date are skipped, not failed: the headline counts each kind.
    const [, ok, skipped, failed] = /: (\d+) succeeded, (\d+) skipped, (\d+) failed$/.exec(((await h1.textContent()) ?? '').trim()) ?? [];
    assert.deepEqual([Number(ok) + Number(skipped), Number(failed)], [2, 0], `the headline counts both users, none failed: ${await h1.textContent()}`);
    const headings = await preview(page).locator('h2').allTextContents();
    assert.equal(headings.length, 2, `one section per test user: ${headings.join(' | ')}`);
    await page.waitForTimeout(800);
    assert.ok(await workbench.screenshot('test-users-report'));
  });
});
