// Localization: every string the user sees goes through vscode.l10n (code) or package.nls (manifest),
// and Swedish has every key with the same placeholders.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { functionHelpEntries } from '../../src/expressions/functionCatalog';

const root = join(__dirname, '..', '..');
const LANGUAGES = ['sv'];
/** Host-free folders: no VS Code UI strings there (their text reaches users through the VS Code side). */
const HOST_FREE = /^src\/(graph|expressions|sandbox|scimCheck|shared)\//;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const sourceFiles = walk(join(root, 'src')).filter((f) => f.endsWith('.ts'));
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
const messageOf = (value: unknown) => (typeof value === 'string' ? value : (value as { message?: string })?.message ?? '');

/** A template literal's text without its `${...}` parts (which may nest braces and backticks). */
function withoutInterpolations(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (depth === 0 && text[i] === '$' && text[i + 1] === '{') {
      depth = 1;
      i++;
    } else if (depth > 0) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    } else out += text[i];
  }
  return out;
}

describe('Localization', () => {
  let codeStrings: string[];

  before(async () => {
    const bundle = await getL10nJson(sourceFiles.map((path) => ({ extension: '.ts', contents: readFileSync(path, 'utf8') })));
    codeStrings = Object.keys(bundle);
  });

  it('finds the strings of the code (vscode.l10n.t calls)', () => {
    assert.ok(codeStrings.length > 200, `${codeStrings.length} strings`);
  });

  for (const language of LANGUAGES) {
    it(`translates every code string into ${language}, keeping placeholders`, () => {
      const translated = readJson(`l10n/bundle.l10n.${language}.json`);
      const missing = codeStrings.filter((key) => !messageOf(translated[key]).trim());
      assert.deepEqual(missing, [], `missing in bundle.l10n.${language}.json`);
      const broken = codeStrings.filter((key) => placeholders(key) !== placeholders(messageOf(translated[key])));
      assert.deepEqual(broken, [], 'placeholders differ');
    });

    it(`translates every expression function's help into ${language}, keeping code and \${…} names`, () => {
      const translated = readJson(`l10n/bundle.l10n.${language}.json`);
      const help = functionHelpEntries().map((entry) => entry.text);
      assert.deepEqual(help.filter((text) => !messageOf(translated[text]).trim()), [], `missing in bundle.l10n.${language}.json`);
      const tokens = (text: string) => [...text.matchAll(/\$\{\w+\}|\[\w+\]/g)].map((m) => m[0]).sort().join(',');
      assert.deepEqual(help.filter((text) => tokens(text) !== tokens(messageOf(translated[text]))), [], 'attribute and ${…} names differ');
    });

    it(`translates every manifest string into ${language}, keeping placeholders and links`, () => {
      const english = readJson('package.nls.json');
      const translated = readJson(`package.nls.${language}.json`);
      const missing = Object.keys(english).filter((key) => !messageOf(translated[key]).trim());
      assert.deepEqual(missing, [], `missing in package.nls.${language}.json`);
      for (const key of Object.keys(english)) {
        const commands = (text: string) => [...text.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]).join(',');
        assert.equal(commands(messageOf(translated[key])), commands(messageOf(english[key])), `${key}: command links differ`);
        assert.equal(placeholders(messageOf(translated[key])), placeholders(messageOf(english[key])), `${key}: placeholders differ`);
      }
    });
  }

  it('lists the expression functions’ help in the English bundle (npm run l10n:export)', () => {
    const english = readJson('l10n/bundle.l10n.json');
    assert.deepEqual(functionHelpEntries().filter((entry) => english[entry.text] !== entry.text).map((entry) => entry.key), []);
  });

  it('declares every %key% the manifest uses in package.nls.json', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const used = [...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((key) => !(key in english)), []);
  });

  it('calls vscode.l10n.t by its full name (the extractor does not follow aliases)', () => {
    const aliased = sourceFiles
      .map((path) => relative(root, path).replace(/\\/g, '/'))
      .filter((rel) => /(=|,|\()\s*vscode\.l10n\.t\s*[;,)]/.test(readFileSync(join(root, rel), 'utf8')));
    assert.deepEqual(aliased, [], 'pass strings, not the localizer; write vscode.l10n.t(...) at each string');
  });

  it('has no user-facing literal outside vscode.l10n in the VS Code-facing code', () => {
    // A string literal with letters in a place the user reads: message boxes, tree items, pickers
    // and input boxes. Codicon-only strings such as '$(check) ' and %manifest% keys are fine.
    const userFacing = [
      /show(?:Information|Warning|Error)Message\(\s*(['"`])((?:(?!\1).)*[A-Za-z](?:(?!\1).)*)\1/,
      /new vscode\.TreeItem\(\s*(['"`])((?:(?!\1).)*[A-Za-z](?:(?!\1).)*)\1/,
      /\b(?:title|prompt|placeHolder|placeholder|label|description|detail|tooltip|altText)\s*:\s*(['"`])((?:(?!\1).)*[A-Za-z]{2}(?:(?!\1).)*)\1/,
    ];
    const offenders: string[] = [];
    for (const path of sourceFiles) {
      const rel = relative(root, path).replace(/\\/g, '/');
      if (HOST_FREE.test(rel)) continue;
      readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line) || line.includes('l10n.t(')) return;
        for (const pattern of userFacing) {
          const match = pattern.exec(line);
          if (!match) continue;
          if (match[1] === '`') match[2] = line.slice(line.indexOf('`', match.index) + 1, line.lastIndexOf('`'));
          // Only the literal text counts: interpolated values (${...}) are data, not wording.
          const literal = withoutInterpolations(match[2]).replace(/\$\([\w~-]+\)/g, '');
          if (/[A-Za-z]{2}/.test(literal) && !/^%[\w.-]+%$/.test(match[2])) offenders.push(`${rel}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(offenders, []);
  });
});
