import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, type Workbench } from './workbench';

describe('UI: activity bar container (Playwright, real workbench)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens the Entra Provisioning container and shows the apps view with its welcome content', async () => {
    const { page } = workbench;
    const container = page.locator('.activitybar [aria-label^="Entra Provisioning"]').first();
    await container.waitFor({ timeout: 60_000 });
    await container.click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.locator('.composite.title').getByText('Entra Provisioning', { exact: false }).first().waitFor({ timeout: 30_000 });
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.getByRole('button', { name: 'Connect to Sandbox Tenant' }).waitFor({ timeout: 30_000 });
    assert.ok(await welcome.getByRole('button', { name: 'Sign in to Microsoft Entra ID' }).isVisible());
    const path = await workbench.screenshot('activity-bar-welcome');
    assert.ok(existsSync(path));
  });
});
