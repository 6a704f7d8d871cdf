import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTitles, plainTitle } from '../../src/commands/commandTitles';
import { allCommandIds, CommandId } from '../../src/shared/commandIds';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown;

describe('command titles (package.nls*.json, the one place they are written)', () => {
  it('gives every command a title from package.nls.json, without the palette\'s ellipsis or aside', () => {
    const title = commandTitles(root, manifest, 'en');
    for (const id of allCommandIds) {
      const text = title(id);
      assert.ok(text && text !== id && !text.includes('%'), `${id} has a title (${text})`);
      assert.ok(!text.endsWith('…') && !text.endsWith(')'), `${id}: ${text}`);
    }
    assert.equal(title(CommandId.editProvisioningSettings), 'Provisioning Settings');
    assert.equal(title(CommandId.pauseJob), 'Stop Provisioning');
  });

  it('uses the translation of the display language, and English where a string is not translated', () => {
    const english = commandTitles(root, manifest, 'en');
    const swedish = commandTitles(root, manifest, 'sv');
    const sv = JSON.parse(readFileSync(join(root, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;
    assert.equal(swedish(CommandId.startJob), plainTitle(sv['command.startJob']));
    assert.notEqual(swedish(CommandId.startJob), english(CommandId.startJob));
    assert.equal(commandTitles(root, manifest, 'sv-SE')(CommandId.startJob), swedish(CommandId.startJob));
    assert.equal(commandTitles(root, manifest, 'xx')(CommandId.startJob), english(CommandId.startJob));
  });

  it('takes a title as it is when VS Code has already localized the manifest, as text or as { value, original }', () => {
    const localized = { contributes: { commands: [{ command: CommandId.refresh, title: 'Uppdatera' }, { command: CommandId.startJob, title: { value: 'Starta etablering', original: 'Start Provisioning' } }] } };
    assert.equal(commandTitles(root, localized, 'sv')(CommandId.refresh), 'Uppdatera');
    assert.equal(commandTitles(root, localized, 'sv')(CommandId.startJob), 'Starta etablering');
  });
});
