import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, root, type Workbench } from './workbench';

describe('UI: Swedish (Playwright, real workbench, --locale sv)', () => {
  let workbench: Workbench;
  const swedish = JSON.parse(readFileSync(join(root, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;

  before(async () => {
    workbench = await openWorkbench({ locale: 'sv' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the view and its welcome content in Swedish', async () => {
    const { page } = workbench;
    await page.locator('.activitybar [aria-label^="Entra Provisioning"]').first().click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.getByText(swedish['view.apps.name'], { exact: false }).first().waitFor({ timeout: 30_000 });
    const link = /\[([^\]]+)\]\(command:entraProvisioning\.connectSandbox\)/.exec(swedish['view.apps.welcome'])?.[1];
    assert.ok(link, 'the Swedish welcome has the sandbox link');
    await sidebar.getByRole('button', { name: link }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('swedish-welcome');
  });
});
