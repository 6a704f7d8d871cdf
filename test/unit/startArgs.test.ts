import * as assert from 'node:assert/strict';
// @ts-expect-error: plain ES module without types (scripts/ is JavaScript run by Node)
import { parseStartArgs } from '../../scripts/startArgs.mjs';

describe('npm start arguments', () => {
  it('takes a display language as --locale sv or --locale=sv', () => {
    assert.deepEqual(parseStartArgs(['--locale', 'sv']), { locale: 'sv', help: false });
    assert.deepEqual(parseStartArgs(['--locale=SV']), { locale: 'sv', help: false });
    assert.deepEqual(parseStartArgs(['--locale', 'pt-br']), { locale: 'pt-br', help: false });
  });

  it('starts in the default language with no arguments', () => {
    assert.deepEqual(parseStartArgs([]), { help: false });
  });

  it('refuses a missing or malformed language and unknown arguments, naming the usage', () => {
    assert.throws(() => parseStartArgs(['--locale']), /--locale needs a language[\s\S]*Usage: npm start/);
    assert.throws(() => parseStartArgs(['--locale', '--help']), /--locale needs a language/);
    assert.throws(() => parseStartArgs(['--lang', 'sv']), /Unknown argument --lang/);
  });
});
