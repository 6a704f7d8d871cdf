import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error: plain ES module without types, shared with `npm start` and the test runner
import { chromiumArgs, findBrowser, missingBrowserMessage } from '../../scripts/vscode/codeServer.mjs';
import { artifactsDir, root } from './workbench';

/** Runs `scripts/start.mjs` as `npm start -- <args>` does (without the build) and waits for the URL it prints. */
function startLikeNpmStart(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  // No DISPLAY: start.mjs would otherwise open the URL in the desktop's browser too.
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    env: { ...env, ENTRA_START_SERVER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^Open: (\S+)$/m.exec(output)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code} before printing a URL:\n${output}`)));
  });
}

describe('UI: npm start -- --locale sv (Playwright, the workbench npm start serves)', () => {
  let started: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  const swedish = JSON.parse(readFileSync(join(root, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;

  after(async () => {
    await browser?.close().catch(() => {});
    const child = started?.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('serves a workbench whose extension speaks Swedish in a plain browser page', async () => {
    const browserPath = findBrowser();
    if (!browserPath) throw new Error(missingBrowserMessage);
    started = await startLikeNpmStart(['--locale', 'sv']);
    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: chromiumArgs });
    // A page as a user's browser opens it: nothing injected before the workbench loads.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(started.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator(`.activitybar [aria-label^="${swedish['viewContainer.title']}"]`).first().click();
    const sidebar = page.locator('[id="workbench.parts.sidebar"]');
    await sidebar.getByText(swedish['view.apps.name'], { exact: false }).first().waitFor({ timeout: 60_000 });
    assert.equal(await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE), 'sv');
    await page.screenshot({ path: join(artifactsDir, 'npm-start-swedish.png') });
  });
});
