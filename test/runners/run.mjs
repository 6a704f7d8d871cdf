// Entry of `npm run test:integration`: the in-host suite in a real VS Code (offline code-server unless
// a desktop VS Code is available), then the Playwright UI tests against the real workbench.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOffline } from './offline.mjs';
import { runDesktop } from './desktop.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsPath = join(root, 'out', 'test', 'integration', 'index.js');
const useDesktop = Boolean(process.env.VSCODE_EXECUTABLE) || process.env.ENTRA_TEST_DOWNLOAD === '1';

console.log(`Integration suite in ${useDesktop ? 'desktop VS Code (@vscode/test-electron)' : 'code-server (offline)'}`);
const started = Date.now();
const suiteCode = useDesktop ? await runDesktop({ root, testsPath }) : await runOffline({ root, testsPath });
console.log(`Integration suite finished with exit code ${suiteCode} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

let uiCode = 0;
if (process.env.ENTRA_SKIP_UI !== '1') {
  console.log('UI tests (Playwright against the real workbench)');
  uiCode = spawnSync(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(root, 'test', 'ui', '.mocharc.json')], {
    cwd: root,
    stdio: 'inherit',
  }).status ?? 1;
}
process.exit(suiteCode || uiCode);
