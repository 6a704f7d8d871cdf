// `npm start`: opens VS Code with the extension under development, in a playground folder whose
// settings connect it to a local sandbox tenant. Desktop `code` when it is on PATH, otherwise
// code-server on 127.0.0.1 (URL printed, and opened in a browser when there is a display).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStartArgs, startUsage } from './startArgs.mjs';
import { startCodeServer, workbenchUrl } from './vscode/codeServer.mjs';

let options;
try {
  options = parseStartArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(startUsage);
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const playground = join(root, '.vscode-test', 'playground');
mkdirSync(join(playground, '.vscode'), { recursive: true });
writeFileSync(join(playground, '.vscode', 'settings.json'), JSON.stringify({
  'entraProvisioning.sandbox.connectOnStartup': true,
  'entraProvisioning.sandbox.cycleIntervalSeconds': 60,
  // The playground lives inside this repository; do not offer to open it in Git.
  'git.openRepositoryInParentFolders': 'never',
}, null, 2) + '\n');

function onPath(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const desktop = process.env.ENTRA_START_SERVER === '1' ? undefined : onPath('code');
if (desktop) {
  console.log('Opening desktop VS Code with the extension loaded on the sandbox playground…');
  // Desktop VS Code shows a display language only with its language pack installed (Configure
  // Display Language); without one it stays English.
  const locale = options.locale ? ['--locale', options.locale] : [];
  spawn(desktop, ['--new-window', ...locale, `--extensionDevelopmentPath=${root}`, playground], { stdio: 'inherit', detached: true }).unref();
} else {
  const port = Number(process.env.ENTRA_PORT ?? 0);
  const server = await startCodeServer({ root, folder: playground, port, locale: options.locale, log: (line) => { if (process.env.ENTRA_START_VERBOSE) console.log(line); } });
  const url = workbenchUrl({ baseUrl: server.baseUrl, port: server.port, folder: playground, extensionPath: root });
  console.log(`\nVS Code (code-server) is running with the Entra Provisioning extension loaded${options.locale ? ` (display language: ${options.locale})` : ''}.`);
  console.log(`Open: ${url}`);
  console.log('Click the Entra Provisioning icon in the activity bar: it connects to the sandbox tenant. Ctrl-C stops.\n');
  const opener = process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? onPath('xdg-open') : undefined;
  if (opener) spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
