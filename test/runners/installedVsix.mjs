// Runs the in-host smoke suite against the extension installed from the VSIX (not the dev folder):
// code-server installs the package into a fresh extensions folder, and a tiny harness extension
// (which only carries the tests) is loaded as the development extension to host the suite.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installExtension } from '../../scripts/vscode/codeServer.mjs';
import { runOffline } from './offline.mjs';

/** @param {{ root: string, vsixPath: string }} options */
export async function runInstalledSmoke({ root, vsixPath }) {
  const work = mkdtempSync(join(tmpdir(), 'entra-vsix-'));
  try {
    const extensionsDir = join(work, 'extensions');
    installExtension(root, vsixPath, extensionsDir);
    // Inside the repository so the suite's `require('mocha')` resolves from our node_modules.
    const harness = join(root, 'out', 'vsix-harness');
    rmSync(harness, { recursive: true, force: true });
    mkdirSync(join(harness, 'out'), { recursive: true });
    writeFileSync(join(harness, 'package.json'), JSON.stringify({ name: 'entra-provisioning-vsix-harness', publisher: 'entra-provisioning', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
    for (const file of ['index.js', 'smoke.test.js', 'connections.test.js']) cpSync(join(root, 'out', 'test', 'integration', file), join(harness, 'out', file));
    return await runOffline({ root, testsPath: join(harness, 'out', 'index.js'), extensionPath: harness, extensionsDir, env: { ENTRA_EXPECT_INSTALLED: extensionsDir } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
