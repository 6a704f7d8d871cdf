import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchSandbox, SandboxStartError } from '../../../src/auth/sandboxProcess';

describe('sandbox process', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sandbox-process-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('rejects a sandbox that exits before it is ready with the facts the host words for the user, not an English sentence', async () => {
    // A real child process standing in for the sandbox CLI: it fails as a broken build would.
    const cli = join(folder, 'failing-cli.js');
    writeFileSync(cli, "process.stderr.write('first line\\nError: cannot find module ./engine\\n'); process.exit(3);\n");
    const error = await launchSandbox(cli, []).then(
      () => assert.fail('the launch should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SandboxStartError, String(error));
    assert.equal(error.name, 'SandboxStartError', 'recognised by name across bundles (the command wrapper would show a UserFacingError as it is, in English)');
    assert.deepEqual({ reason: error.reason, exitCode: error.exitCode, detail: error.detail }, { reason: 'exited', exitCode: 3, detail: 'Error: cannot find module ./engine' });
  });
});
