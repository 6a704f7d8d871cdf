// The one list of command ids (src/shared/commandIds.ts) against package.json, both ways, in plain
// Node: a command declared without an id in the code, or an id the manifest does not declare, fails
// here in seconds instead of in the in-host suite. That a handler exists for every id (the command
// catalog imports vscode) and that VS Code registers them is checked in the in-host smoke suite.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCommandIds, CommandId } from '../../src/shared/commandIds';

const root = join(__dirname, '..', '..');
const readJson = <T>(file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
const manifest = readJson<{ contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, Array<{ command?: string }>> } }>('package.json');
const declared = manifest.contributes.commands.map((c) => c.command);
const NLS_FILES = ['package.nls.json', 'package.nls.sv.json'];

describe('command ids and package.json', () => {
  it('declares every id of CommandId, and CommandId lists every declared command', () => {
    const inCode = new Set<string>(allCommandIds);
    assert.deepEqual(declared.filter((id) => !inCode.has(id)), [], 'declared in package.json but missing from CommandId');
    assert.deepEqual(allCommandIds.filter((id) => !declared.includes(id)), [], 'in CommandId but not declared in package.json');
  });

  it('declares each command once and names it entraProvisioning.<verbNoun> under its CommandId key', () => {
    assert.equal(new Set(declared).size, declared.length, 'a command is declared twice');
    assert.equal(new Set(allCommandIds).size, allCommandIds.length, 'two CommandId keys share an id');
    for (const [key, id] of Object.entries(CommandId)) assert.equal(id, `entraProvisioning.${key}`);
  });

  for (const file of NLS_FILES) {
    it(`gives every declared command a title from ${file}`, () => {
      const nls = readJson<Record<string, string | { message: string }>>(file);
      const text = (value: string | { message: string } | undefined) => (typeof value === 'string' ? value : value?.message ?? '');
      const untitled = manifest.contributes.commands
        .filter((c) => {
          const key = /^%([\w.-]+)%$/.exec(c.title)?.[1];
          return !key || !text(nls[key]).trim();
        })
        .map((c) => `${c.command} (${c.title})`);
      assert.deepEqual(untitled, []);
    });
  }

  it('puts only declared commands into menus', () => {
    const inMenus = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) => items.filter((i) => i.command).map((i) => [menu, i.command!] as const));
    assert.ok(inMenus.length > 0);
    assert.deepEqual(inMenus.filter(([, id]) => !declared.includes(id)).map(([menu, id]) => `${menu}: ${id}`), []);
  });
});
