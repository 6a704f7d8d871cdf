import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { connectSandboxAndExpandDemoApp, openWorkbench, palette, type Workbench } from './workbench';

const WALKTHROUGH_TITLE = 'Provision users to a SaaS app';

/** A step of the walkthrough by its id (`addApp`, `assign`, ...). */
function walkthroughStep(page: Page, step: string): Locator {
  return page.locator(`.getting-started-step[data-step-id$="#provisionSaasApp#${step}"]`).first();
}

/**
 * Waits until the quick input shows `title` and still shows it a moment later: the walkthrough took
 * focus back a few hundred milliseconds after a prompt opened, which closed it. Fails with a screenshot.
 */
async function prompt(page: Page, workbench: Workbench, title: string, screenshot: string): Promise<Locator> {
  const widget = page.locator('.quick-input-widget');
  const titled = widget.locator('.quick-input-title', { hasText: title });
  try {
    await titled.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(1000);
    await titled.waitFor({ state: 'visible', timeout: 1000 });
    assert.ok(await widget.locator('input.input').evaluate((input) => input === input.ownerDocument.activeElement), `the "${title}" prompt has the keyboard focus`);
  } catch (error) {
    await workbench.screenshot(`${screenshot}-failure`);
    throw error;
  }
  await workbench.screenshot(screenshot);
  return widget;
}

/** Waits for a row of the open quick pick. */
async function row(widget: Locator, label: string | RegExp): Promise<Locator> {
  const found = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await found.waitFor({ state: 'visible', timeout: 15_000 });
  return found;
}

/** Waits until the highlighted row of the open quick pick is the one with `label`. */
/**
 * Ticks a row of a multi-select pick and waits until the pick counts `selected` rows. A tick given
 * while the pick's search is replacing its rows can be lost (VS Code applies it to the old rows);
 * the user would see the box unticked and tick it again, and so does this.
 */
async function tick(widget: Locator, label: string, selected: number): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await widget.locator('.monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await (await row(widget, label)).locator('.monaco-custom-toggle, .monaco-checkbox, input[type="checkbox"]').first().click();
    try {
      await widget.getByText(`${selected} Selected`).first().waitFor({ timeout: 3_000 });
      return;
    } catch {
      if (attempt === 3) throw new Error(`ticking "${label}" did not make ${selected} selected`);
    }
  }
}

async function highlighted(widget: Locator, label: string): Promise<void> {
  await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor({ state: 'visible', timeout: 15_000 });
}

describe('UI: prompts with the walkthrough open (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('adds GoToMeeting under a name of its own, assigns from a browsable list, creates the job, edits the settings in one form and provisions on demand, with the walkthrough open', async () => {
    const { page } = workbench;
    const { tree } = await connectSandboxAndExpandDemoApp(page);
    await palette(page, `Get Started: ${WALKTHROUGH_TITLE}`);
    await page.getByText(WALKTHROUGH_TITLE).first().waitFor({ timeout: 30_000 });
    // The walkthrough focuses its current step once it has opened; that is where the user starts.
    await page.locator('.getting-started-step.expanded:focus').waitFor({ timeout: 15_000 });

    // The step's own button, as the walkthrough invites; every answer is typed and confirmed with Enter.
    await walkthroughStep(page, 'addApp').getByText('Add App from Gallery', { exact: true }).click();
    await prompt(page, workbench, 'Add an app from the gallery', 'walkthrough-gallery-search');
    await page.keyboard.type('GoTo');
    await page.keyboard.press('Enter');
    let widget = await prompt(page, workbench, 'Add an app from the gallery', 'walkthrough-gallery-pick');
    await row(widget, 'GoToMeeting (sandbox)');
    await page.keyboard.press('Enter');
    await prompt(page, workbench, 'Name of the new enterprise app', 'walkthrough-gallery-name');
    // The suggested name is the seeded app's: the user is told, and picks another name.
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'An enterprise app named "GoToMeeting (sandbox)" already exists', 'walkthrough-gallery-duplicate');
    await row(widget, 'Use the existing "GoToMeeting (sandbox)"');
    await (await row(widget, 'Choose a different name')).click();
    widget = await prompt(page, workbench, 'Name of the new enterprise app', 'walkthrough-gallery-rename');
    await widget.locator('input.input').fill('GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    const app = tree.getByRole('treeitem', { name: /GoToMeeting \(sandbox\) Walkthrough/ }).first();
    await app.waitFor({ timeout: 30_000 });
    await walkthroughStep(page, 'addApp').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 15_000 });
    // The new app is shown and selected in the tree, so the user sees where it went.
    await app.and(page.locator('[aria-selected="true"]')).waitFor({ state: 'attached', timeout: 15_000 });
    await workbench.screenshot('walkthrough-gallery-revealed');

    await walkthroughStep(page, 'assign').click();
    // Selecting a step focuses it again 250 ms later (its slide animation), which would take focus from
    // a prompt opened sooner; a user reading the step before clicking its button is never that fast.
    await page.waitForTimeout(1000);
    await walkthroughStep(page, 'assign').getByText('Assign Users and Groups', { exact: true }).click();
    widget = await prompt(page, workbench, 'Which enterprise app?', 'walkthrough-assign-app');
    // The app the user is working on (selected in the tree) is offered first, highlighted: Enter takes it.
    await highlighted(widget, 'GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Assign users and groups', 'walkthrough-assign-list');
    // A list to browse at once, people and groups, before anything is typed.
    await row(widget, '@');
    await row(widget, 'group');
    // Enter on a search that found nobody keeps the pick open and says why.
    await widget.locator('input.input').fill('zzzz-nobody');
    await row(widget, 'No user or group matches "zzzz-nobody"');
    await page.keyboard.press('Enter');
    await prompt(page, workbench, 'Assign users and groups', 'walkthrough-assign-nobody');
    // Several at once: a group found by typing, then a person from the full list; the group stays checked.
    await widget.locator('input.input').fill('Sales');
    await tick(widget, 'Sales', 1);
    await widget.locator('input.input').fill('');
    await tick(widget, '@', 2);
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Role for Sales, ', 'walkthrough-assign-role');
    // The role by its name with what it means, not "User" twice.
    const role = await row(widget, 'User');
    assert.match(await role.innerText(), /Assignments with this role are provisioned to the app\./);
    await page.keyboard.press('Enter');
    await walkthroughStep(page, 'assign').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 15_000 });

    // The assignment shows under the new app (the only app expanded that far).
    await app.click();
    const assignments = tree.getByRole('treeitem', { name: /^Assigned users and groups/ }).last();
    await assignments.waitFor({ timeout: 15_000 });
    await assignments.click();
    const sales = tree.getByRole('treeitem', { name: /^Sales/ }).first();
    await sales.waitFor({ timeout: 15_000 });
    assert.match(await sales.innerText(), /User/, 'assigned with the User role');

    await walkthroughStep(page, 'createJob').click();
    await page.waitForTimeout(1000);
    await walkthroughStep(page, 'createJob').getByText('Create Provisioning Job', { exact: true }).click();
    widget = await prompt(page, workbench, 'Which enterprise app?', 'walkthrough-create-job-app');
    await highlighted(widget, 'GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    await walkthroughStep(page, 'createJob').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 30_000 });

    await walkthroughStep(page, 'notifications').click();
    await page.waitForTimeout(1000);
    await walkthroughStep(page, 'notifications').getByText('Provisioning Settings', { exact: true }).click();
    widget = await prompt(page, workbench, 'Which provisioning job?', 'walkthrough-settings-job');
    await highlighted(widget, 'GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    // One form: every setting with its current value.
    widget = await prompt(page, workbench, 'Provisioning settings of GoToMeeting (sandbox) Walkthrough', 'walkthrough-settings-form');
    assert.match(await (await row(widget, 'Notification email')).innerText(), /not set/);
    assert.match(await (await row(widget, 'Scope')).innerText(), /only assigned users and groups/);
    assert.match(await (await row(widget, 'Prevent accidental deletion')).innerText(), /off|above \d+ deletions/);
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Provisioning settings of GoToMeeting (sandbox) Walkthrough: Notification email', 'walkthrough-settings-email');
    await widget.locator('input.input').fill('not-an-email');
    await widget.getByText('"not-an-email" is not an email address.').first().waitFor({ timeout: 15_000 });
    await widget.locator('input.input').fill('it-admins@contoso.example');
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Provisioning settings of GoToMeeting (sandbox) Walkthrough', 'walkthrough-settings-edited');
    assert.match(await (await row(widget, 'Notification email')).innerText(), /it-admins@contoso\.example/);
    await highlighted(widget, 'Review and save 2 changes');
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'review and save', 'walkthrough-settings-review');
    assert.match(await (await row(widget, 'Send an email notification')).innerText(), /off → on/);
    await highlighted(widget, 'Save');
    await page.keyboard.press('Enter');
    await walkthroughStep(page, 'notifications').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 15_000 });

    // Provision on demand asks the job, who, and a directory search in one quick input too.
    await palette(page, 'Provision on Demand');
    // The palette's Enter lands on the walkthrough, which takes focus back a moment later; the pick
    // stays on screen (InputFlow) and one click on it goes on.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Which provisioning job?' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await page.locator('.quick-input-widget input.input').click();
    widget = await prompt(page, workbench, 'Which provisioning job?', 'walkthrough-on-demand-job');
    await highlighted(widget, 'GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Provision on demand: who?', 'walkthrough-on-demand-who');
    await (await row(widget, 'Search the directory for a user')).click();
    widget = await prompt(page, workbench, 'Search the directory for a user', 'walkthrough-on-demand-search');
    await row(widget, '@');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'GoToMeeting (sandbox) Walkthrough' }).first().waitFor({ timeout: 60_000 });
    await workbench.screenshot('walkthrough-prompts-done');

  });
});
