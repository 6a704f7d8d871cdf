// Runs the in-host mocha suite (out/test/integration/index.js) inside a real VS Code workbench served
// by code-server and driven by headless Chromium. Exits with the suite's code; always stops the server.
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { findBrowser, missingBrowserMessage, chromiumArgs, startCodeServer, workbenchUrl } from '../../scripts/vscode/codeServer.mjs';

/** Printed by test/integration/index.ts when mocha starts. */
export const SUITE_BANNER = 'Entra Provisioning in-host suite';
const SUITE_TIMEOUT_MS = Number(process.env.ENTRA_SUITE_TIMEOUT_MS ?? 20 * 60_000);

/**
 * @param {{ root: string, testsPath: string, locale?: string, env?: NodeJS.ProcessEnv, extensionsDir?: string, extensionPath?: string | null }} options
 * @returns {Promise<number>} the suite's exit code
 */
export async function runOffline(options) {
  const browserPath = findBrowser();
  if (!browserPath) {
    console.error(missingBrowserMessage);
    return 1;
  }
  let server;
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
  };
  const onSignal = (signal) => {
    console.error(`\n${signal}: stopping VS Code`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const verbose = process.env.ENTRA_TEST_VERBOSE === '1';
    server = await startCodeServer({
      root: options.root,
      locale: options.locale,
      env: options.env,
      extensionsDir: options.extensionsDir,
      log: (line) => { if (verbose) console.log(`[code-server] ${line}`); },
    });
    browser = await chromium.launch({ executablePath: browserPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exitCode = new Promise((resolve) => {
      // The workbench forwards every console line of the page and the extension host; until the
      // suite announces itself the lines are the workbench's own start-up noise.
      let suiteStarted = verbose;
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = format(...(Array.isArray(args) ? args : [args]));
        if (text.includes(SUITE_BANNER)) suiteStarted = true;
        if (suiteStarted) (type === 'error' ? console.error : console.log)(text);
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    const timeout = new Promise((resolve) => {
      setTimeout(() => {
        console.error(`The in-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (was the test payload ignored?).`);
        resolve(1);
      }, SUITE_TIMEOUT_MS).unref();
    });
    await page.goto(workbenchUrl({
      baseUrl: server.baseUrl,
      port: server.port,
      folder: server.folder,
      extensionPath: options.extensionPath === null ? undefined : (options.extensionPath ?? options.root),
      testsPath: options.testsPath,
    }));
    return await Promise.race([exitCode, timeout]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
