// Opens the real VS Code workbench (code-server) in headless Chromium with the extension loaded, for
// Playwright UI tests. Each call starts its own isolated server; close() stops both.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, errors, type Browser, type Locator, type Page } from 'playwright-core';
// @ts-expect-error: plain ES module without types, shared with `npm start` and the test runner
import { chromiumArgs, findBrowser, missingBrowserMessage, startCodeServer, workbenchUrl } from '../../scripts/vscode/codeServer.mjs';

export const root = join(__dirname, '..', '..');
export const artifactsDir = join(root, 'test', '.artifacts');

export interface Workbench {
  readonly page: Page;
  screenshot(name: string): Promise<string>;
  /**
   * Process ids of the sandboxes the extension started in this workbench (found in the server's
   * process group), for tests that pause one with SIGSTOP to make its Graph answers slow.
   */
  sandboxProcessIds(): number[];
  close(): Promise<void>;
}

/** Processes of a process group whose command line contains `text` (Linux: read from /proc). */
function processesInGroup(group: number, text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat is "pid (comm) state ppid pgrp ...": comm may hold spaces, so count from its ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === group && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export async function openWorkbench(options: { locale?: string; settings?: object; keybindings?: object[] } = {}): Promise<Workbench> {
  const browserPath = findBrowser();
  if (!browserPath) throw new Error(missingBrowserMessage);
  const server = await startCodeServer({ root, locale: options.locale, settings: options.settings, keybindings: options.keybindings });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl({ baseUrl: server.baseUrl, port: server.port, folder: server.folder, extensionPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      page,
      async screenshot(name) {
        mkdirSync(artifactsDir, { recursive: true });
        const path = join(artifactsDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      sandboxProcessIds: () => processesInGroup(server.processGroup, join('dist', 'sandbox', 'cli.js')),
      async close() {
        await opened.close().catch(() => {});
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await server.close();
    throw error;
  }
}

/** Opens the Entra Provisioning container, connects a spawned sandbox from the welcome view, and expands the demo app. */
export async function connectSandboxAndExpandDemoApp(page: Page): Promise<{ tree: Locator; job: Locator }> {
  await page.locator('.activitybar [aria-label^="Entra Provisioning"]').first().click();
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  await sidebar.getByRole('button', { name: 'Connect to Sandbox Tenant' }).click();
  const tree = sidebar.locator('.monaco-list[aria-label]').first();
  const app = tree.getByRole('treeitem', { name: /Contoso SCIM App \(sandbox\)/ }).first();
  await app.waitFor({ timeout: 60_000 });
  await app.click();
  const job = tree.getByRole('treeitem', { name: /^Provisioning\b/ }).first();
  await job.waitFor({ timeout: 30_000 });
  return { tree, job };
}

/**
 * Runs a tree row's context-menu item (VS Code's menus act on Enter more reliably than on click).
 * A tree that redraws under the pointer (a status refresh, a new activity row) can put the right-click
 * on a neighbouring row, whose menu lacks the item; the menu is then closed and the row clicked again.
 * When every attempt misses, the error lists what the menu offered.
 */
export async function contextMenu(page: Page, row: Locator, item: string, attempts = 3): Promise<void> {
  const wanted = page.getByRole('menuitem', { name: item, exact: true }).first();
  let offered: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await row.click({ button: 'right' });
    try {
      await wanted.waitFor({ state: 'visible', timeout: 10_000 });
      await wanted.hover();
    } catch (error) {
      // Only a menu without the item is retried; a closed page or a crash is reported as it is.
      if (!(error instanceof errors.TimeoutError)) throw error;
    }
    // Enter on a menu that closed meanwhile would run the row's default action instead.
    if (await wanted.isVisible()) {
      await page.keyboard.press('Enter');
      return;
    }
    offered = await page.getByRole('menuitem').allTextContents().catch(() => []);
    console.log(`    (context menu try ${attempt}: no "${item}"; offered ${offered.length} item(s))`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
  const rowName = await row.getAttribute('aria-label').catch(() => null);
  throw new Error(`context menu of "${rowName ?? 'row'}" has no "${item}" after ${attempts} tries; it offered: ${offered.map((text) => text.trim()).filter(Boolean).join(' | ') || 'no menu'}`);
}

/** Runs a command from the command palette by its title. */
export async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  // Under load the palette's input can take its focus after the first keystrokes, which then go to
  // the editor; and Enter runs the highlighted row, which can be another command matching the words
  // (or a recently used one) until the list settles. Type into the input, and press Enter only on
  // the row with this title.
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  const highlighted = rows.and(page.locator('.focused')).filter({ hasText: title });
  if (!(await highlighted.first().isVisible())) await rows.filter({ hasText: title }).first().click();
  else await page.keyboard.press('Enter');
}

/**
 * The elements under `scope` matching `selector` whose text is cut off (wider than their box, which
 * VS Code ends with an ellipsis), each as "text (needed > shown px)".
 */
export async function truncatedTexts(scope: Locator, selector: string): Promise<string[]> {
  return scope.locator(selector).evaluateAll((elements) =>
    elements.filter((e) => e.scrollWidth > e.clientWidth).map((e) => `${(e.textContent ?? '').trim()} (${e.scrollWidth} > ${e.clientWidth} px)`),
  );
}

/** The menu items a tree row's context menu offers (the menu is closed again). */
export async function contextMenuItems(page: Page, row: Locator, present: string): Promise<string[]> {
  await row.click({ button: 'right' });
  await page.getByRole('menuitem', { name: present, exact: true }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const items = (await page.getByRole('menuitem').allTextContents()).map((text) => text.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  return items;
}
