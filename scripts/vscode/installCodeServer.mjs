// Installs code-server (a real VS Code workbench + Node extension host) into .vscode-test/ without
// internet: its own install script would download ripgrep from GitHub, so we replay its steps with
// Debian's ripgrep instead. Pinned: newer builds ignore the test payload keys we rely on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Folder holding the install; the entry point is `<dir>/node_modules/code-server/out/node/entry.js`. */
export function codeServerDir(root) {
  return join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry(root) {
  return join(codeServerDir(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Debian packages code-server needs here; installs them when we are root with apt, else says what to run. */
function ensureSystemPackages(log) {
  const missing = [];
  if (!which('rg')) missing.push('ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!which('make') || !which('g++')) missing.push('build-essential');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  throw new Error(`code-server needs these system packages: ${missing.join(', ')}. Install them (e.g. sudo apt-get install ${missing.join(' ')}) and try again.`);
}

function npm(args, cwd, log) {
  log(`npm ${args.join(' ')}  (in ${cwd})`);
  try {
    execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      // Quiet unless it fails: VS Code's extension installs print a line per file they prune.
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      // node-pty's build calls `npx node-gyp`, which refuses to install without a terminal unless told yes.
      env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
    });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '').slice(-20000));
    process.stderr.write(String(error.stderr ?? '').slice(-20000));
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
  }
}

/**
 * Installs code-server once; later calls return at once. Returns the entry script path.
 * @param {string} root the extension folder
 * @param {(line: string) => void} [log]
 */
export function ensureCodeServer(root, log = (l) => console.log(`[code-server] ${l}`)) {
  const dir = codeServerDir(root);
  const marker = join(dir, '.installed');
  if (existsSync(marker)) return codeServerEntry(root);

  ensureSystemPackages(log);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only, a few minutes)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-test-cache', private: true }) + '\n');
  npm(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], dir, log);

  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, log);
  // @vscode/ripgrep skips its GitHub download when bin/ exists, so give it Debian's rg first.
  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  rmSync(join(rgBin, 'rg'), { force: true });
  symlinkSync(which('rg'), join(rgBin, 'rg'));
  npm(['rebuild'], vscodeDir, log);

  // The links code-server's postinstall.sh would have made.
  const link = (target, path) => {
    rmSync(path, { recursive: true, force: true });
    symlinkSync(target, path);
  };
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  npm(['install', '--omit=dev'], join(vscodeDir, 'extensions'), log);
  npm(['rebuild', 'argon2'], dir, log);

  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log('installed');
  return codeServerEntry(root);
}
