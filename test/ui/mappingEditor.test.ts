import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { describeFunction } from '../../src/expressions';
import { openWorkbench, type Workbench } from './workbench';

interface Rect { left: number; top: number; bottom: number }
interface TextAreaInPage { value: string; clientLeft: number; getBoundingClientRect(): Rect; parentElement: { querySelector(selector: string): { getBoundingClientRect(): Rect } } }
interface PageGlobals {
  getComputedStyle(element: unknown): { fontSize: string; fontFamily: string; paddingLeft: string };
  document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } };
}

/** Runs a palette command by its title and, when given, picks an item of the quick pick it opens. */
async function runCommand(page: Page, title: string, pick?: RegExp): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // Right after start the extension's contributions may not be in the palette yet: reopen until they are.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    await input.waitFor({ timeout: 5_000 }).catch(() => undefined);
    await input.fill(`>${title}`).catch(() => undefined);
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) {
      await page.screenshot({ path: 'test/.artifacts/mapping-editor-palette-failure.png' });
      throw new Error(`The palette never offered "${title}".`);
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  await row.click();
  if (pick) {
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first();
    await item.waitFor({ timeout: 60_000 });
    await item.click();
  }
}

describe('UI: mapping editor (Playwright, real workbench, sandbox)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('edits an expression with an error marker and a live preview, then saves', async () => {
    const { page } = workbench;
    await runCommand(page, 'Entra Provisioning: Connect to Sandbox Tenant');
    await page.locator('.activitybar [aria-label^="Entra Provisioning"]').first().click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.getByRole('treeitem', { name: /Contoso SCIM App \(sandbox\)/ }).first().waitFor({ timeout: 90_000 });

    await runCommand(page, 'Entra Provisioning: Open Mapping Editor', /Contoso SCIM App \(sandbox\)/);
    const view: FrameLocator = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const row = view.locator('[data-testid="mapping-title"] .mapping-select');
    try {
      await row.waitFor({ timeout: 60_000 });
    } catch (error) {
      await workbench.screenshot('mapping-editor-open-failure');
      throw error;
    }
    await workbench.screenshot('mapping-editor-open');

    // Keyboard: arrows move between rows, Enter opens one.
    await view.locator('[data-testid="mapping-userName"] .mapping-select').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await view.locator('.detail h2', { hasText: 'displayName' }).waitFor({ timeout: 10_000 });

    await row.click();

    // Direct → Expression: the expression starts as the attribute it mapped.
    const type = view.locator('[data-testid="mapping-type"]');
    await type.click();
    await type.locator('vscode-option', { hasText: 'Expression' }).click();
    const input = view.locator('[data-testid="expression-input"]');
    await input.waitFor({ timeout: 15_000 });
    assert.equal(await input.inputValue(), '[jobTitle]');

    // A sample user is picked from the tenant on open; wait for its preview.
    await view.locator('[data-testid="preview-value"]').waitFor({ timeout: 30_000 });

    // Completion from the engine's function list, and signature help for the call being typed.
    await input.fill('');
    await input.pressSequentially('ToUp', { delay: 5 });
    const completion = view.locator('#expression-completions li', { hasText: 'ToUpper' }).first();
    await completion.waitFor({ timeout: 10_000 });
    assert.equal(await completion.getAttribute('title'), describeFunction('ToUpper')!.help, 'a suggestion says what the function does');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'ToUpper(');
    const signature = view.locator('[data-testid="signature-help"]', { hasText: 'ToUpper(' });
    await signature.waitFor({ timeout: 10_000 });
    // The help comes from the strings the extension localized (English here, the catalog's text).
    assert.ok(((await signature.textContent()) ?? '').includes(describeFunction('ToUpper')!.parameters[0].help), 'the parameter’s help is shown');
    await workbench.screenshot('mapping-editor-completion');

    await input.fill('');
    await input.pressSequentially('Join(" ", [givenName] [surname])', { delay: 5 });
    const message = view.locator('[data-testid="expression-error"]');
    await view.locator('[data-testid="error-range"]').waitFor({ timeout: 10_000 });
    assert.match(await message.innerText(), /\S/);
    const marked = await view.locator('[data-testid="error-range"]').innerText();
    assert.equal(marked, '[', `the marker is under the second attribute (got ${JSON.stringify(marked)})`);
    // The squiggle is drawn in the text area itself, under that very character.
    const geometry = await input.evaluate((area: TextAreaInPage) => {
      // Runs in the webview (this test's program has no DOM types; the shapes used are declared below).
      const page = globalThis as unknown as PageGlobals;
      const range = area.parentElement.querySelector('[data-testid="error-range"]').getBoundingClientRect();
      const box = area.getBoundingClientRect();
      const style = page.getComputedStyle(area);
      const context = page.document.createElement('canvas').getContext('2d');
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const before = area.value.slice(0, area.value.indexOf('[surname]'));
      return { left: range.left, top: range.top, bottom: range.bottom, expectedLeft: box.left + area.clientLeft + parseFloat(style.paddingLeft) + context.measureText(before).width, boxTop: box.top, boxBottom: box.bottom };
    });
    assert.ok(Math.abs(geometry.left - geometry.expectedLeft) < 3, `the squiggle starts under the '[' (${JSON.stringify(geometry)})`);
    assert.ok(geometry.top >= geometry.boxTop && geometry.bottom <= geometry.boxBottom, `the squiggle is inside the text area (${JSON.stringify(geometry)})`);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await page.waitForTimeout(200);
    await workbench.screenshot('mapping-editor-expression-error');

    // A long expression wraps in the text area; the squiggle wraps the same way, onto the later line.
    await input.fill('Join(" ", [givenName], [surname], [mail], [department], [jobTitle], [city], [country], [mobile], [givenName] [surname])');
    await view.locator('[data-testid="expression-error"]', { hasText: /argument 10/ }).waitFor({ timeout: 10_000 });
    const wrapped = await input.evaluate((area: TextAreaInPage) => {
      const range = area.parentElement.querySelector('[data-testid="error-range"]').getBoundingClientRect();
      const box = area.getBoundingClientRect();
      return { top: range.top, bottom: range.bottom, height: range.bottom - range.top, boxTop: box.top, boxBottom: box.bottom };
    });
    assert.ok(wrapped.top - wrapped.boxTop > wrapped.height, `the squiggle is on a wrapped line (${JSON.stringify(wrapped)})`);
    assert.ok(wrapped.bottom <= wrapped.boxBottom, `and still inside the text area (${JSON.stringify(wrapped)})`);

    await input.fill('Join(" ", [givenName], [surname])');
    await view.locator('[data-testid="error-range"]').waitFor({ state: 'detached', timeout: 10_000 });
    const preview = view.locator('[data-testid="preview-value"]');
    await preview.waitFor({ timeout: 10_000 });
    const previewText = await preview.innerText();
    assert.match(previewText, /^\S+ \S+/, `a joined name (got ${JSON.stringify(previewText)})`);
    assert.match(await view.locator('[data-testid="dirty-indicator"]').innerText(), /Unsaved/);
    await workbench.screenshot('mapping-editor-preview');

    // Save: a diff editor opens and a modal asks for confirmation.
    await view.locator('[data-testid="save"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /full cycle/);
    await page.waitForTimeout(300);
    await workbench.screenshot('mapping-editor-save-confirmation');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();

    // Back to the editor tab; the indicator says saved and the row shows the saved expression.
    const tab = page.locator('.tabs-container .tab', { hasText: 'Mappings: Contoso SCIM App' }).first();
    await tab.click();
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('[data-testid="dirty-indicator"]', { hasText: 'All changes saved' }).waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('[data-testid="mapping-title"] .source').innerText(), /Join\(" ", \[givenName\], \[surname\]\)/);
    await workbench.screenshot('mapping-editor-saved');

    // Preview for N users: what every mapping sends for each, and who is in scope.
    await frame.locator('[data-testid="preview-many"]').click();
    const rows = frame.locator('[data-testid="bulk-table"] tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 10);
    await rows.first().scrollIntoViewIfNeeded();
    await workbench.screenshot('mapping-editor-preview-users');
  });

  it('follows the color theme', async () => {
    const { page } = workbench;
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    // This build has no DOM types: reach getComputedStyle through globalThis.
    type Styles = { getComputedStyle(element: unknown): { backgroundColor: string } };
    const background = () => frame.locator('body').evaluate((body) => (globalThis as unknown as Styles).getComputedStyle(body).backgroundColor);
    const light = await background();
    await runCommand(page, 'Preferences: Color Theme');
    // The theme picker replaces the palette's list; filter it once it shows themes.
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /Light|Dark/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.quick-input-widget input').fill('Dark Modern');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor({ timeout: 15_000 });
    } catch (error) {
      await workbench.screenshot('mapping-editor-theme-failure');
      throw error;
    }
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 15_000;
    let dark = light;
    while (dark === light && Date.now() < deadline) {
      await page.waitForTimeout(200);
      dark = await background();
    }
    if (dark === light) await workbench.screenshot('mapping-editor-theme-failure');
    assert.notEqual(dark, light, 'the editor background follows the theme');
    const [r, g, b] = (dark.match(/\d+/g) ?? []).map(Number);
    assert.ok(r + g + b < 200, `a dark background (got ${dark})`);
    await workbench.screenshot('mapping-editor-dark');
  });
});
