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
    const asked = await dialog.innerText();
    assert.match(asked, /full cycle/);
    assert.match(asked, /Save 1 change to the attribute mappings/, 'a real plural');
    assert.match(asked, /Provision Microsoft Entra ID Users: mapping to title changed: Mapping type: Direct → Expression/, 'the UI\'s words, old → new');
    assert.doesNotMatch(asked, /\(s\)|mappingType|matchingPriority|Azure Active Directory/);
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
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'loaded ↔ unsaved' }).count(), 0, 'the diff of the saved changes was closed');

    // Preview for N users: what every mapping sends for each, and who is in scope.
    await frame.locator('[data-testid="preview-many"]').click();
    const rows = frame.locator('[data-testid="bulk-table"] tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 10);
    await rows.first().scrollIntoViewIfNeeded();
    await workbench.screenshot('mapping-editor-preview-users');
  });

  it('keeps blocking problems, long names, the sample search, the table of users and unsaved edits where the user looks', async () => {
    const { page } = workbench;
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    type Box = { left: number; right: number; top: number; bottom: number };
    type El = { getBoundingClientRect(): Box; scrollWidth: number; clientWidth: number; getAttribute(name: string): string | null; querySelector(s: string): El & { firstChild: unknown }; closest(s: string): El };
    type Doc = { createRange(): { setStart(node: unknown, offset: number): void; setEnd(node: unknown, offset: number): void; getBoundingClientRect(): Box }; documentElement: { scrollWidth: number; clientWidth: number } };

    // The service's object mapping name is shown with the product's name.
    const objectMappings = (await frame.locator('[data-testid="object-mapping"] vscode-option').allTextContents()).map((t) => t.trim());
    assert.ok(objectMappings.includes('Provision Microsoft Entra ID Users'), objectMappings.join(', '));
    assert.ok(!objectMappings.some((name) => name.includes('Azure Active Directory')), objectMappings.join(', '));

    // A long target name keeps its end visible (its start gives way), with the whole name as tooltip.
    const longName = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber';
    const target = frame.locator(`[data-testid="mapping-${longName}"] .mapping-select`);
    await target.scrollIntoViewIfNeeded();
    const cut = await target.evaluate((button: El) => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      const name = button.querySelector('.target');
      const text = name.querySelector('bdi')?.firstChild ?? name.firstChild;
      const length = (text as { length: number }).length;
      const range = doc.createRange();
      range.setStart(text, length - 1);
      range.setEnd(text, length);
      const last = range.getBoundingClientRect();
      const box = name.getBoundingClientRect();
      return { last, box, button: button.getBoundingClientRect(), title: name.getAttribute('title') };
    });
    assert.ok(cut.last.right <= cut.box.right + 1 && cut.last.left >= cut.box.left - 1 && cut.last.right <= cut.button.right, `the last letter is visible (${JSON.stringify(cut)})`);
    assert.equal(cut.title, longName);
    await workbench.screenshot('mapping-editor-long-names');

    // A missing matching attribute disables Save and says so in the header, next to Save.
    await frame.locator('[data-testid="mapping-userName"] .mapping-select').click();
    const precedence = frame.locator('[data-testid="matching-priority"] input');
    await precedence.fill('0');
    const blocked = frame.locator('[data-testid="save-blocked"]');
    await blocked.waitFor({ timeout: 10_000 });
    assert.match(await blocked.innerText(), /no matching attribute/);
    assert.equal(await frame.locator('[data-testid="save"]').getAttribute('disabled'), '', 'Save is disabled while an error blocks it');
    const header = await frame.locator('#header').evaluate((h: El) => h.getBoundingClientRect());
    const shown = await blocked.evaluate((b: El) => b.getBoundingClientRect());
    assert.ok(shown.top >= header.top && shown.bottom <= header.bottom + 1, 'the reason is in the sticky header');
    await workbench.screenshot('mapping-editor-save-blocked');
    await precedence.fill('1');
    await blocked.waitFor({ state: 'detached', timeout: 10_000 });

    // A scoping operator the attribute's type does not take is named under its clause, as the file's Problems entry names it.
    await frame.locator('[data-testid="add-scope-group"]').click();
    const clause = frame.locator('[data-testid="clause-0-0"]');
    const [attribute, operator] = [clause.locator('vscode-dropdown').nth(0), clause.locator('vscode-dropdown').nth(1)];
    await attribute.click();
    await attribute.locator('vscode-option', { hasText: /^\s*department\s*$/ }).click();
    await operator.click();
    await operator.locator('vscode-option', { hasText: /^\s*IS TRUE\s*$/ }).click();
    const clauseIssue = frame.locator('[data-clause-issues="0.0"] .error');
    await clauseIssue.waitFor({ timeout: 10_000 });
    assert.match(await clauseIssue.innerText(), /The operator IS TRUE does not apply to department, a String attribute: use one of .*EQUALS/);
    await clause.scrollIntoViewIfNeeded();
    await workbench.screenshot('mapping-editor-scope-operator-type');
    await frame.getByRole('button', { name: 'Delete Group' }).click();
    await clauseIssue.waitFor({ state: 'detached', timeout: 10_000 });

    // The sample-user search filters the picker as one types, and the preview follows.
    const options = frame.locator('[data-testid="sample-user"] vscode-option');
    const names = (await options.allTextContents()).map((n) => n.trim()).filter((n) => n !== '—');
    const before = await frame.locator('[data-testid="preview-value"]').innerText();
    // A prefix the current sample does not have, so the preview has to move to a matching user.
    const wanted = names.map((n) => n.slice(0, 3)).find((prefix) => !before.toLowerCase().startsWith(prefix.toLowerCase()));
    assert.ok(wanted, `the sample users differ (${names.join(', ')})`);
    await frame.locator('[data-testid="sample-search"] input').pressSequentially(wanted, { delay: 20 });
    const only = async () => (await options.allTextContents()).map((n) => n.trim()).filter((n) => n !== '—');
    for (let i = 0; i < 100 && !(await only()).every((n) => n.startsWith(wanted)); i++) await page.waitForTimeout(100);
    const filtered = await only();
    assert.ok(filtered.length > 0 && filtered.every((n) => n.startsWith(wanted)), `only users starting with ${wanted} (got ${filtered.join(', ')})`);
    const after = await frame.locator('[data-testid="preview-value"]').innerText();
    assert.ok(filtered.some((label) => label.includes(`(${after})`)), `the preview shows a matching user's userName (${after})`);
    assert.match(await frame.locator('[data-testid="preview-scope"]').innerText(), /scope/);
    await workbench.screenshot('mapping-editor-sample-search');

    // "Preview for N users" says how many, and its table scrolls inside its section.
    const heading = frame.locator('[data-testid="preview-many-heading"]');
    assert.equal(await heading.innerText(), 'Preview for 10 users');
    await frame.locator('[data-testid="preview-count"] input').fill('1');
    assert.equal(await heading.innerText(), 'Preview for 1 user');
    await frame.locator('[data-testid="preview-count"] input').fill('10');
    await frame.locator('[data-testid="preview-many"]').click();
    await frame.locator('[data-testid="bulk-table"] tbody tr').nth(9).waitFor({ timeout: 30_000 });
    const wrap = frame.locator('[data-testid="bulk-table-wrap"]');
    await wrap.scrollIntoViewIfNeeded();
    const fit = await wrap.evaluate((w: El) => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      return { wrap: w.getBoundingClientRect(), scrollWidth: w.scrollWidth, clientWidth: w.clientWidth, pageScroll: doc.documentElement.scrollWidth, pageWidth: doc.documentElement.clientWidth };
    });
    assert.ok(fit.pageScroll <= fit.pageWidth, `the page does not scroll sideways (${JSON.stringify(fit)})`);
    assert.ok(fit.wrap.right <= fit.pageWidth, `the table's section fits the page (${JSON.stringify(fit)})`);
    assert.ok(fit.scrollWidth > fit.clientWidth, 'the wide table scrolls inside its section');
    assert.match(await frame.locator('[data-testid="bulk-scope"]').first().innerText(), /scope/);
    await workbench.screenshot('mapping-editor-preview-table');

    // Closing with unsaved edits: the notification asks Save / Don't Save, as closing a file does.
    await frame.locator('[data-testid="mapping-displayName"] .mapping-select').click();
    await frame.locator('[data-testid="default-value"] input').fill('Closed unsaved');
    await frame.locator('[data-testid="dirty-indicator"]', { hasText: 'Unsaved' }).waitFor({ timeout: 10_000 });
    const tab = page.locator('.tabs-container .tab', { hasText: 'Mappings: Contoso SCIM App' }).first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Do you want to save the changes' }).first();
    await toast.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await workbench.screenshot('mapping-editor-closed-unsaved');
    for (const label of ['Save', "Don't Save", 'Reopen']) assert.equal(await toast.getByRole('button', { name: label, exact: true }).count(), 1, `offers ${label}`);
    await toast.getByRole('button', { name: 'Reopen', exact: true }).click();
    const reopened = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await reopened.locator('[data-testid="dirty-indicator"]', { hasText: 'Unsaved' }).waitFor({ timeout: 30_000 });
    await reopened.locator('[data-testid="mapping-title"] .mapping-select').click();
    await reopened.locator('[data-testid="preview-value"]').waitFor({ timeout: 30_000 });
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
    // A preview value is data, not an error: the editor's foreground, not <code>'s theme colour.
    const colours = await frame.locator('[data-testid="preview-value"]').evaluate((value) => {
      const styles = globalThis as unknown as { getComputedStyle(element: unknown): { color: string }; document: { body: unknown } };
      return { value: styles.getComputedStyle(value).color, body: styles.getComputedStyle(styles.document.body).color };
    });
    assert.equal(colours.value, colours.body, 'the preview value is in the normal foreground');
    await workbench.screenshot('mapping-editor-dark');
  });
});
