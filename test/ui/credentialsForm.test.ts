// A first-time user on the sandbox doing the GoToMeeting tutorial's credentials step: what the form
// offers, what the errors say and which fix they offer, and that no "working…" notification sits
// in the corner while a prompt waits for the user.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, palette, type Workbench } from './workbench';

const APP = 'GoToMeeting (sandbox)';
const ADMIN = 'admin@gotomeeting-sandbox.example';

const toasts = (page: Page) => page.locator('.notifications-toasts .notification-toast');
/** Progress notifications: the only toasts with a Cancel button. */
const progressToasts = (page: Page) => toasts(page).filter({ has: page.getByRole('button', { name: 'Cancel', exact: true }) });
const quickInput = (page: Page) => page.locator('.quick-input-widget');
const quickPickRow = (page: Page, text: string | RegExp) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

/** Waits past the wrapper's 2 s progress delay with a prompt open and checks no progress appeared. */
async function expectNoProgressWhileWaiting(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(3500);
  assert.ok(await quickInput(page).isVisible(), `${what} is still open`);
  assert.equal(await progressToasts(page).count(), 0, `no progress notification while ${what} waits for the user`);
}

/** The names of a tree row's context-menu items (the menu is closed again). */
async function menuItems(page: Page, row: Locator, expected: string): Promise<string[]> {
  await row.click({ button: 'right' });
  await page.getByRole('menuitem', { name: expected, exact: true }).first().waitFor({ timeout: 10_000 });
  const names = (await page.getByRole('menuitem').allTextContents()).map((t) => t.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  return names;
}

async function closeToasts(page: Page): Promise<void> {
  for (const close of await toasts(page).locator('.codicon-notifications-clear').all()) await close.click().catch(() => undefined);
}

/** Opens the job's credentials form from its context menu and takes one of its two ways. */
async function openCredentialsForm(page: Page, job: Locator, way: 'Enter credentials' | "Use the sandbox's credentials"): Promise<void> {
  await closeToasts(page);
  await contextMenu(page, job, 'Save Admin Credentials…');
  await quickPickRow(page, way).click();
}

/** Runs Test Connection from the "saved" notification, as a user who just saved would. */
async function testFromSavedNotification(page: Page): Promise<void> {
  const saved = toasts(page).filter({ hasText: `Admin credentials saved for ${APP}` }).first();
  await saved.waitFor({ timeout: 30_000 });
  await saved.getByRole('button', { name: 'Test Connection' }).click();
}

describe('UI: admin credentials on the sandbox (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;
  let job: Locator;

  before(async () => {
    workbench = await openWorkbench();
    const { page } = workbench;
    const { tree } = await connectSandboxAndExpandDemoApp(page);
    // Only the GoToMeeting app stays expanded, so its job is the one "Provisioning" row in the tree.
    const demo = tree.getByRole('treeitem', { name: /^Contoso SCIM App \(sandbox\)/ }).first();
    if ((await demo.getAttribute('aria-expanded')) === 'true') await demo.click();
    const app = tree.getByRole('treeitem', { name: new RegExp(`^${APP.replace(/[()]/g, '\\$&')}`) }).first();
    await app.waitFor({ timeout: 30_000 });
    await contextMenu(page, app, 'Create Provisioning Job…');
    // The app's row stops saying "not set up" once its job exists; only then is there a job to expand to.
    await tree.getByRole('treeitem', { name: new RegExp(`^${APP.replace(/[()]/g, '\\$&')}(?!.*not set up)`) }).first().waitFor({ timeout: 30_000 });
    if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();
    await tree.getByRole('treeitem', { name: /^Provisioning\b.*Needs credentials/ }).first().waitFor({ timeout: 30_000 });
    job = tree.getByRole('treeitem', { name: /^Provisioning\b/ }).first();
  });

  after(async () => {
    await workbench?.close();
  });

  it('offers Save Admin Credentials instead of Start on a job that needs credentials, and Start says what is missing with the fix', async () => {
    const { page } = workbench;
    const items = await menuItems(page, job, 'Test Connection');
    assert.ok(items.includes('Save Admin Credentials…'), items.join(' | '));
    assert.ok(!items.includes('Start Provisioning'), `no Start on a job that needs credentials: ${items.join(' | ')}`);

    await palette(page, 'Entra Provisioning: Start Provisioning');
    await quickPickRow(page, APP).waitFor({ timeout: 30_000 });
    await quickPickRow(page, APP).click();
    const error = toasts(page).filter({ hasText: 'needs admin credentials' }).first();
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    assert.match(text, /GoToMeeting \(sandbox\) needs admin credentials before provisioning can start/);
    assert.doesNotMatch(text, /PUT|synchronization\/secrets/);
    await error.getByRole('button', { name: 'Show Log' }).waitFor();
    await page.waitForTimeout(600); // the toast slides in
    await workbench.screenshot('credentials-start-needs-credentials');
    await error.getByRole('button', { name: 'Save Admin Credentials' }).click();
    await quickPickRow(page, "Use the sandbox's credentials").waitFor({ timeout: 30_000 });
    assert.match(await quickPickRow(page, "Use the sandbox's credentials").innerText(), new RegExp(ADMIN.replace(/\./g, '\\.')));
    await expectNoProgressWhileWaiting(page, 'the credentials form');
    await workbench.screenshot('credentials-sandbox-choice');
    await page.keyboard.press('Escape');
  });

  it('names the app in a failed test, says once what to check, and Re-enter Credentials pre-fills the user name only', async () => {
    const { page } = workbench;
    await openCredentialsForm(page, job, 'Enter credentials');
    const input = page.locator('.quick-input-box input');
    // Each box comes after a round trip: typing earlier would land in the box before it.
    await page.locator('.quick-input-widget', { hasText: '(1/2)' }).waitFor({ timeout: 30_000 });
    await input.fill(ADMIN);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: '(2/2)' }).waitFor({ timeout: 30_000 });
    await input.fill('not-the-password');
    await page.keyboard.press('Enter');
    await testFromSavedNotification(page);

    const failed = toasts(page).filter({ hasText: `Test connection to ${APP} failed` }).first();
    await failed.waitFor({ timeout: 30_000 });
    const text = await failed.innerText();
    assert.doesNotMatch(text, /secret token/i, 'GoToMeeting has no secret token');
    assert.equal(text.match(/\bCheck\b/g)?.length, 1, `one "Check": ${text}`);
    assert.doesNotMatch(text, /Could not test the connection|request-id/);
    await page.waitForTimeout(600);
    await workbench.screenshot('credentials-test-failed');
    await failed.getByRole('button', { name: 'Re-enter Credentials' }).click();

    await quickPickRow(page, 'Enter credentials').waitFor({ timeout: 30_000 });
    await quickPickRow(page, 'Enter credentials').click();
    await page.locator('.quick-input-widget', { hasText: '(1/2)' }).waitFor({ timeout: 30_000 });
    assert.equal(await input.inputValue(), ADMIN, 'the saved user name is offered again');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: '(2/2)' }).waitFor({ timeout: 30_000 });
    assert.equal(await input.inputValue(), '', 'the password is never pre-filled');
    await expectNoProgressWhileWaiting(page, 'the password box');
    await page.keyboard.press('Escape');
  });

  it("passes Test Connection with the sandbox's credentials, named as the tree names the app, and then offers Start", async () => {
    const { page } = workbench;
    await openCredentialsForm(page, job, "Use the sandbox's credentials");
    await testFromSavedNotification(page);
    const passed = toasts(page).filter({ hasText: `Test connection to ${APP} succeeded` }).first();
    await passed.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(600);
    await workbench.screenshot('credentials-test-passed');
    const items = await menuItems(page, job, 'Test Connection');
    assert.ok(items.includes('Start Provisioning'), items.join(' | '));
  });

  it('shows progress with a working Cancel once the user has chosen, not while they choose', async () => {
    const { page } = workbench;
    await closeToasts(page);
    await palette(page, 'Entra Provisioning: Provisioning Settings');
    await quickPickRow(page, APP).waitFor({ timeout: 30_000 });
    await expectNoProgressWhileWaiting(page, 'the job picker');
    await quickPickRow(page, APP).click();
    await quickPickRow(page, 'Scope').waitFor({ timeout: 30_000 });
    await expectNoProgressWhileWaiting(page, 'the settings picker');

    // From here the sandbox answers nothing until it is continued: the save that follows the
    // user's choice is slow, so its progress must appear, and its Cancel must end the command.
    const sandboxes = workbench.sandboxProcessIds();
    assert.equal(sandboxes.length, 1, `one sandbox started by the extension: ${sandboxes.join(', ')}`);
    process.kill(sandboxes[0], 'SIGSTOP');
    try {
      await quickPickRow(page, 'Scope').click();
      await quickPickRow(page, 'Sync all users and groups').click();
      // The form gathers every change, then saves them together after a review.
      await quickPickRow(page, /Review and save 1 change/).click();
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'review and save' }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter'); // Save, the review's first row
      const progress = progressToasts(page).filter({ hasText: 'Provisioning Settings' }).first();
      await progress.waitFor({ timeout: 30_000 });
      assert.doesNotMatch(await progress.innerText(), /Loading provisioning jobs/, 'no message left over from before the prompts');
      await workbench.screenshot('credentials-settings-progress');
      await progress.getByRole('button', { name: 'Cancel', exact: true }).click();
      await progress.waitFor({ state: 'detached', timeout: 15_000 });
      // The toast closes at once; the extension host hears of the Cancel a moment later. The
      // sandbox stays paused until the log says the command ended, or its answer could beat the Cancel.
      await palette(page, 'Entra Provisioning: Show Log');
      await page.locator('.output-view .view-lines', { hasText: 'editProvisioningSettings cancelled after' }).waitFor({ timeout: 30_000 });
    } finally {
      process.kill(sandboxes[0], 'SIGCONT');
    }
    assert.equal(await toasts(page).filter({ hasText: 'Provisioning Settings:' }).count(), 0, 'a cancelled command shows no error');

    // The cancelled save wrote nothing.
    await palette(page, 'Entra Provisioning: Provisioning Settings');
    await quickPickRow(page, APP).click();
    await quickPickRow(page, 'Scope').waitFor({ timeout: 30_000 });
    assert.match(await quickPickRow(page, 'Scope').innerText(), /only assigned users and groups/);
    await page.keyboard.press('Escape');
  });
});
