// Entry of `npm run test:integration`: the in-host suite in a real VS Code (offline code-server unless
// a desktop VS Code is available), then the Playwright UI tests against the real workbench.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOffline } from './offline.mjs';
import { runDesktop } from './desktop.mjs';
import { runInstalledSmoke } from './installedVsix.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsPath = join(root, 'out', 'test', 'integration', 'index.js');
const useDesktop = Boolean(process.env.VSCODE_EXECUTABLE) || process.env.ENTRA_TEST_DOWNLOAD === '1';

console.log(`Integration suite in ${useDesktop ? 'desktop VS Code (@vscode/test-electron)' : 'code-server (offline)'}`);
const started = Date.now();
const suiteCode = useDesktop ? await runDesktop({ root, testsPath }) : await runOffline({ root, testsPath });
console.log(`Integration suite finished with exit code ${suiteCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// The same suite module again with Swedish as the display language: only *.sv.test.js files run.
let swedishCode = 0;
if (!useDesktop && process.env.ENTRA_SKIP_SWEDISH !== '1') {
  console.log('In-host suite with --locale sv');
  swedishCode = await runOffline({ root, testsPath, locale: 'sv' });
  console.log(`Swedish pass finished with exit code ${swedishCode}`);
}

let uiCode = 0;
if (process.env.ENTRA_SKIP_UI !== '1') {
  console.log('UI tests (Playwright against the real workbench)');
  uiCode = spawnSync(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(root, 'test', 'ui', '.mocharc.json')], {
    cwd: root,
    stdio: 'inherit',
  }).status ?? 1;
}
let packageCode = 0;
if (process.env.ENTRA_SKIP_VSIX !== '1') {
  console.log('Packaged VSIX: build, check its contents, install it into VS Code and run the smoke suite against it');
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsixPath = join(root, `${name}-${version}.vsix`);
  const packed = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).status;
  if (packed !== 0) {
    console.error('npm run package failed');
    packageCode = 1;
  } else {
    const contents = spawnSync(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(root, 'test', 'package', '.mocharc.json')], { cwd: root, stdio: 'inherit', env: { ...process.env, ENTRA_VSIX: vsixPath } }).status ?? 1;
    const installed = await runInstalledSmoke({ root, vsixPath });
    console.log(`Smoke suite against the installed VSIX finished with exit code ${installed}`);
    packageCode = contents || installed;
  }
}
process.exit(suiteCode || swedishCode || uiCode || packageCode);
