// Starts an isolated code-server on loopback and builds workbench URLs that load an extension under
// development. Shared by `npm start`, the offline test runner and the Playwright UI tests.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

/**
 * Finds a Chromium-family browser: CHROME_PATH first, then the usual names on PATH.
 * @returns {string | undefined}
 */
export function findBrowser() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'msedge', 'microsoft-edge']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}

export const missingBrowserMessage =
  'No Chromium-based browser found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to its executable.';

/** Chromium flags that work as root on a machine with no internet. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/**
 * Lets the workbench take `locale` as its display language in any browser. The server serves a
 * display language only when a language pack for it is installed (without one the page stays
 * English whatever `--locale` says), and there is no Swedish pack for VS Code's own words. So this
 * registers an empty pack: VS Code's own words fall back to English, `vscode.env.language` becomes
 * `locale`, and extensions load their bundles for it.
 * @param {string} userData the server's user-data folder
 * @param {string} locale e.g. `sv`
 */
function registerDisplayLanguage(userData, locale) {
  if (/^en(-|$)/i.test(locale)) return;
  const translations = join(userData, 'display-language', `${locale}.i18n.json`);
  mkdirSync(join(userData, 'display-language'), { recursive: true });
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = { hash: `entra-display-language-${locale}`, extensions: [{ extensionIdentifier: { id: `entra-provisioning.display-language-${locale}` }, version: '0.0.0' }], translations: { vscode: translations }, label: locale };
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * Starts code-server and resolves once it listens.
 * @param {{ root: string, folder?: string, settings?: object, env?: NodeJS.ProcessEnv, locale?: string, port?: number, log?: (line: string) => void, extensionsDir?: string, keybindings?: object[] }} options
 * @returns {Promise<{ baseUrl: string, port: number, folder: string, tmp: string, close: () => Promise<void> }>}
 */
export async function startCodeServer(options) {
  const entry = ensureCodeServer(options.root);
  const tmp = mkdtempSync(join(tmpdir(), 'entra-vscode-'));
  const folder = options.folder ?? join(tmp, 'workspace');
  const userData = join(tmp, 'user-data');
  mkdirSync(folder, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...(options.settings ?? {}) }, null, 2));
  // A test runs a command with arguments (as a script would) through a key of its own.
  if (options.keybindings) writeFileSync(join(userData, 'User', 'keybindings.json'), JSON.stringify(options.keybindings, null, 2));
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
  if (options.locale) registerDisplayLanguage(userData, options.locale);
  const extensionsDir = options.extensionsDir ?? join(tmp, 'extensions');
  const args = [
    entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--config', join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
  ];
  if (options.locale) args.push('--locale', options.locale);
  args.push(folder);

  const child = spawn(process.execPath, args, {
    detached: true, // own process group, so close() also ends the extension host and watchers
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(options.env ?? {}), XDG_DATA_HOME: join(tmp, 'xdg-data'), XDG_CONFIG_HOME: join(tmp, 'xdg-config') },
  });
  const log = options.log ?? (() => {});
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));

  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        log(line);
        const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (match) resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited with ${code} before listening`)));
    setTimeout(() => reject(new Error('code-server did not start listening within 60 s')), 60_000).unref();
  });

  const close = async () => {
    if (!exited) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exitedPromise;
      clearTimeout(timer);
    }
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  // processGroup: the server's own group, which its extension host and what that spawns share.
  return { baseUrl: `http://127.0.0.1:${port}`, port, folder, tmp, processGroup: child.pid, close };
}

/**
 * The workbench URL that opens `folder` with the extension at `extensionPath` loaded into the remote
 * (Node) extension host, optionally running the mocha suite module at `testsPath`.
 */
export function workbenchUrl({ baseUrl, port, folder, extensionPath, testsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Installs a VSIX into an extensions folder with code-server's own installer (it installs and exits
 * without serving), as a user's VS Code would install it from the marketplace.
 */
export function installExtension(root, vsixPath, extensionsDir) {
  const entry = ensureCodeServer(root);
  const tmp = mkdtempSync(join(tmpdir(), 'entra-install-'));
  try {
    execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', join(tmp, 'ud'), '--install-extension', vsixPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: join(tmp, 'xdg-data'), XDG_CONFIG_HOME: join(tmp, 'xdg-config') },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
