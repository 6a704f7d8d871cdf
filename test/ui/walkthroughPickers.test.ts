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

describe('UI: prompts with the walkthrough open (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('adds GoToMeeting from the gallery and assigns a group, answering every prompt with the keyboard', async () => {
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
    await page.keyboard.press('End');
    await page.keyboard.type(' Walkthrough');
    await page.keyboard.press('Enter');
    const app = tree.getByRole('treeitem', { name: /GoToMeeting \(sandbox\) Walkthrough/ }).first();
    await app.waitFor({ timeout: 30_000 });
    await walkthroughStep(page, 'addApp').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 15_000 });

    await walkthroughStep(page, 'assign').click();
    // Selecting a step focuses it again 250 ms later (its slide animation), which would take focus from
    // a prompt opened sooner; a user reading the step before clicking its button is never that fast.
    await page.waitForTimeout(1000);
    await walkthroughStep(page, 'assign').getByText('Assign Users and Groups', { exact: true }).click();
    widget = await prompt(page, workbench, 'Which enterprise app?', 'walkthrough-assign-app');
    await page.keyboard.type('GoToMeeting (sandbox) Walkthrough');
    await row(widget, 'GoToMeeting (sandbox) Walkthrough');
    await page.keyboard.press('Enter');
    await prompt(page, workbench, 'Assign users and groups', 'walkthrough-assign-search');
    await page.keyboard.type('Sales');
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Assign users and groups', 'walkthrough-assign-pick');
    await (await row(widget, 'Sales')).locator('.monaco-custom-toggle, .monaco-checkbox, input[type="checkbox"]').first().click();
    await page.keyboard.press('Enter');
    widget = await prompt(page, workbench, 'Role for Sales', 'walkthrough-assign-role');
    await row(widget, 'User');
    await page.keyboard.press('Enter');
    await walkthroughStep(page, 'assign').and(page.locator('[aria-checked="true"]')).waitFor({ state: 'attached', timeout: 15_000 });

    // The assignment shows under the new app (the only app expanded that far).
    await app.click();
    const assignments = tree.getByRole('treeitem', { name: /^Assigned users and groups/ }).last();
    await assignments.waitFor({ timeout: 15_000 });
    await assignments.click();
    const sales = tree.getByRole('treeitem', { name: /^Sales/ }).first();
    await sales.waitFor({ timeout: 15_000 });
    await workbench.screenshot('walkthrough-prompts-done');
    assert.match(await sales.innerText(), /User/, 'assigned with the User role');
  });
});
