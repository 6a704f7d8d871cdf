// Runs the in-host mocha suite in desktop VS Code through @vscode/test-electron: a local install named
// by VSCODE_EXECUTABLE, or (ENTRA_TEST_DOWNLOAD=1, needs internet) a downloaded build.
import { runTests } from '@vscode/test-electron';

/** @param {{ root: string, testsPath: string, locale?: string }} options */
export async function runDesktop(options) {
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: options.root,
      extensionTestsPath: options.testsPath,
      launchArgs: ['--disable-extensions', '--skip-welcome', ...(options.locale ? ['--locale', options.locale] : [])],
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
