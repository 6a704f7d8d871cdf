import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { connectSandboxAndExpandDemoApp, contextMenu, openWorkbench, palette, type Workbench } from './workbench';

const WALKTHROUGH_TITLE = 'Provision users to a SaaS app';

/** The walkthrough's steps by id (`signIn`, `addApp`, ...), true where VS Code shows them ticked. */
async function stepStates(page: Page): Promise<Record<string, boolean>> {
  const rows = await page.locator('.getting-started-step[data-step-id*="#provisionSaasApp#"]').evaluateAll((elements) =>
    elements.map((e) => [e.getAttribute('data-step-id') ?? '', e.getAttribute('aria-checked') === 'true'] as const),
  );
  return Object.fromEntries(rows.map(([id, checked]) => [id.split('#').pop()!, checked]));
}

async function waitForStep(page: Page, step: string, ticked: boolean): Promise<void> {
  await page.locator(`.getting-started-step[data-step-id$="#provisionSaasApp#${step}"][aria-checked="${ticked}"]`).first().waitFor({ state: 'attached', timeout: 15_000 });
}

describe('UI: walkthrough progress (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('ticks a step when its action succeeds, even one done before the walkthrough was first opened', async () => {
    const { page } = workbench;
    // Connect first: VS Code reads walkthrough progress only once a walkthrough is shown.
    const { job } = await connectSandboxAndExpandDemoApp(page);
    await contextMenu(page, job, 'Test Connection');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'succeeded' }).first().waitFor({ timeout: 30_000 });

    // A cancelled action leaves its step open.
    await palette(page, 'Entra Provisioning: Add App from Gallery');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');

    await palette(page, `Get Started: ${WALKTHROUGH_TITLE}`);
    await page.getByText(WALKTHROUGH_TITLE).first().waitFor({ timeout: 30_000 });
    await waitForStep(page, 'signIn', true);
    await waitForStep(page, 'credentials', true);
    let states = await stepStates(page);
    assert.equal(Object.keys(states).length, 10, `all ten steps are shown: ${JSON.stringify(states)}`);
    assert.equal(states.addApp, false, 'the cancelled gallery pick did not tick its step');
    assert.equal(states.start, false);

    // With the walkthrough open, the next action ticks its step live.
    await job.click(); // the walkthrough editor has focus; the tree's menu needs the row focused
    await contextMenu(page, job, 'Stream Provisioning Activity');
    await waitForStep(page, 'activity', true);
    states = await stepStates(page);
    assert.deepEqual(Object.entries(states).filter(([, ticked]) => ticked).map(([step]) => step), ['signIn', 'credentials', 'activity']);
    await workbench.screenshot('walkthrough-progress');
  });
});
