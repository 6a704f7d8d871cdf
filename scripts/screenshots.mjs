// `npm run screenshots`: runs the README screenshot UI test against the real workbench and copies
// its pictures into media/screenshots/. The README's ones ship in the VSIX (see .vscodeignore); shrink
// them before committing (`pngquant --quality=80-95 --strip`) so the package stays within its budget.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--require', 'tsx/cjs', '--timeout', '180000', join(root, 'test', 'ui', 'readmeScreenshots.test.ts'), join(root, 'test', 'ui', 'provisioningPlan.test.ts'), join(root, 'test', 'ui', 'logsWorkbench.test.ts'), join(root, 'test', 'ui', 'fleet.test.ts')], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
const target = join(root, 'media', 'screenshots');
mkdirSync(target, { recursive: true });
for (const name of ['tree', 'activity', 'mapping-editor', 'walkthrough', 'scim-check', 'plan', 'logs-workbench', 'fleet']) {
  copyFileSync(join(root, 'test', '.artifacts', `readme-${name}.png`), join(target, `${name}.png`));
  console.log(`media/screenshots/${name}.png`);
}
