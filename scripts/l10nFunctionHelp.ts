// Second half of `npm run l10n:export`: adds the expression functions' help sentences to the English
// bundle. They are data in the function catalog (looked up with vscode.l10n.t(text) at run time), so
// the extractor, which reads vscode.l10n.t literals, cannot find them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionHelpEntries } from '../src/expressions/functionCatalog';

const bundlePath = join(__dirname, '..', 'l10n', 'bundle.l10n.json');
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Record<string, unknown>;
let added = 0;
for (const { text } of functionHelpEntries()) {
  if (text in bundle) continue;
  bundle[text] = text;
  added++;
}
writeFileSync(bundlePath, `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`l10n: ${added} function help sentence(s) added to ${bundlePath}`);
