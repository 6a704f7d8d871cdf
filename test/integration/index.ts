// The in-host suite: loaded by VS Code (offline code-server or desktop) as extensionTestsPath.
// Runs every bundled *.test.js next to this file in one mocha run, and prints the spec reporter's
// summary so CI output shows "N passing" / "N failing". Files named *.sv.test.js run only when the
// display language is Swedish (the runner's `--locale sv` pass), all others only when it is not.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.ENTRA_TEST_GREP;
  if (grep) mocha.grep(grep);
  const swedish = vscode.env.language.startsWith('sv');
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && f.endsWith('.sv.test.js') === swedish).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  console.log(`Entra Provisioning in-host suite (VS Code ${vscode.version}, Node ${process.version}, language ${vscode.env.language})`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed.`)) : resolve()));
  });
}

