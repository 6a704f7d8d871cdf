import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileExpression,
  describeFunction,
  evaluateExpression,
  ExpressionError,
  functionDescriptions,
  parseExpression,
  validateExpression,
} from '../../../src/expressions';
import type { Expression } from '../../../src/expressions';
import { assertExpressionError, ev } from './helpers';

describe('function catalog', () => {
  it('describes and implements every function of the reference index', () => {
    const reference = [
      'Append', 'AppRoleAssignmentsComplex', 'AssertiveAppRoleAssignmentsComplex', 'BitAnd', 'CBool', 'CDate', 'Coalesce', 'ConvertToBase64',
      'ConvertToUTF8Hex', 'Count', 'CStr', 'DateAdd', 'DateDiff', 'DateFromNum', 'FormatDateTime', 'Guid', 'IgnoreFlowIfNullOrEmpty', 'IIF',
      'InStr', 'IsNull', 'IsNullOrEmpty', 'IsPresent', 'IsString', 'Item', 'Join', 'Left', 'Mid', 'NormalizeDiacritics', 'Not', 'Now',
      'NumFromDate', 'PCase', 'RandomString', 'Redact', 'RemoveDuplicates', 'Replace', 'SelectUniqueValue', 'SingleAppRoleAssignment',
      'Split', 'StripSpaces', 'Switch', 'ToLower', 'ToUpper', 'Word',
    ];
    for (const name of reference) assert.equal(describeFunction(name)?.name, name, name);
    for (const d of functionDescriptions) {
      const args = [...d.parameters, ...(d.repeating ? Array(d.repeating.min).fill(d.repeating.parameters).flat() : [])];
      assert.ok(d.help.length > 10 && d.signature.startsWith(`${d.name}(`), d.name);
      // Every description has an implementation: a minimal call compiles.
      const text = d.name === 'Replace' ? 'Replace([x], "a", , , "b")' : `${d.name}(${args.map(() => '"1"').join(', ')})`;
      const result = validateExpression(text);
      assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error.message}`);
    }
  });

  it('has unit tests calling every function', () => {
    const dir = __dirname;
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const d of functionDescriptions) assert.ok(new RegExp(`\\b${d.name}\\(`).test(tests), `no test calls ${d.name}`);
  });

  it('looks functions up case-insensitively', () => {
    assert.equal(describeFunction('isnullorempty')?.name, 'IsNullOrEmpty');
    assert.equal(describeFunction('nope'), undefined);
    assert.deepEqual(
      describeFunction('Replace')?.parameters.map((p) => p.graphKey),
      ['source', 'Find', 'RegularExpression', 'RegularExpressionGroupName', 'Replacement', 'ReplacementPropertyName', 'Template'],
    );
  });
});

describe('evaluateExpression', () => {
  it('renders the value model: Booleans, numbers, lists and null', () => {
    assert.equal(ev('IsNull([x])'), 'True');
    assert.equal(ev('Count([l])', { l: ['a', 'b'] }), '2');
    assert.equal(ev('[n]', { n: 1.5 }), '1.5');
    assert.equal(ev('[n]', { n: 2 ** 60 }), '1152921504606846976');
    assert.deepEqual(ev('[l]', { l: ['a', 'b'] }), ['a', 'b']);
    assert.equal(ev('[l]', { l: [] }), null);
    assert.equal(ev('[x]', { x: '' }), '');
    assert.equal(ev('[missing]'), null);
    assert.equal(ev('-0'), '0');
    assert.equal(ev('&H1F'), '31');
    assert.equal(ev('vbTextCompare'), 'vbTextCompare');
  });

  it('returns a copy of multi-valued source values', () => {
    const list = ['a'];
    const result = ev('[l]', { l: list }) as string[];
    result.push('b');
    assert.deepEqual(list, ['a']);
  });

  it('does not read inherited properties as attributes', () => {
    assert.equal(ev('[constructor]'), null);
    assert.equal(ev('[toString]'), null);
    assert.equal(ev('[__proto__]'), null);
  });

  it('accepts a pre-parsed tree, a tree from JSON and a compiled expression', () => {
    const tree = parseExpression('Join(" ", [givenName], [surname])');
    assert.equal(evaluateExpression(tree, { givenName: 'A', surname: 'B' }), 'A B');
    const fromJson = JSON.parse(JSON.stringify(tree)) as Expression;
    assert.equal(evaluateExpression(fromJson, { givenName: 'A', surname: 'B' }), 'A B');
    const compiled = compileExpression('ToUpper([x])');
    assert.equal(compiled({ x: 'a' }), 'A');
    assert.equal(compiled({ x: 'b' }), 'B');
  });

  it('rejects malformed trees and sources with ExpressionError', () => {
    assertExpressionError(() => evaluateExpression({ kind: 'bogus' } as unknown as Expression, {}), /unknown node kind 'bogus'/);
    assertExpressionError(() => evaluateExpression({ kind: 'call', name: 'Nope', args: [] } as unknown as Expression, {}), /Unknown function 'Nope'/);
    assertExpressionError(() => evaluateExpression({ kind: 'call', name: 'Mid', args: [] } as unknown as Expression, {}), /Mid needs 3 arguments/);
    assertExpressionError(() => evaluateExpression(null as unknown as Expression, {}), /must be text or a parsed expression tree/);
    assertExpressionError(() => evaluateExpression('[x]', null as unknown as Record<string, string>), /source object must be an object/);
  });

  it('reports evaluation errors at the offset of the failing call', () => {
    assertExpressionError(() => ev('Join(",", [a], Item([l], 5))', { l: ['x'] }), /Item: index 5 is outside 1…1/, 15);
  });

  it('throws only ExpressionError, even for odd source values', () => {
    const odd = { a: { nested: true } as unknown as string, b: [null, undefined, {}] as unknown as string[], c: Number.NaN };
    for (const text of ['Join(",", [a], [b], [c])', 'ToUpper([b])', 'Count([b])', 'CDate([c])', 'Mid([a], [c], 1)']) {
      try {
        ev(text, odd);
      } catch (e) {
        assert.ok(e instanceof ExpressionError, `${text}: ${String(e)}`);
      }
    }
  });
});

describe('validateExpression', () => {
  it('returns the tree and lint warnings for valid text', () => {
    const result = validateExpression('switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])');
    assert.ok(result.ok);
    assert.equal(result.expression.kind, 'call');
    const messages = result.warnings.map((w) => w.message).join('\n');
    assert.match(messages, /exact spelling/);
    assert.match(messages, /IsPresent as the source of Switch/);
  });

  it('warns about nested SelectUniqueValue, IIF and a direct appRoleAssignments mapping', () => {
    const nested = validateExpression('ToLower(SelectUniqueValue("a", "b"))');
    assert.ok(nested.ok && nested.warnings.some((w) => /outermost/.test(w.message) && w.offset === 8));
    const iif = validateExpression('IIF([a]="b", "1", "2")');
    assert.ok(iif.ok && iif.warnings.some((w) => /IIF cannot be evaluated reliably/.test(w.message)));
    const direct = validateExpression('[appRoleAssignments]');
    assert.ok(direct.ok && direct.warnings.some((w) => /must not be mapped directly/.test(w.message)));
    const clean = validateExpression('Join(" ", [givenName], [surname])');
    assert.ok(clean.ok);
    assert.deepEqual(clean.warnings, []);
  });

  it('returns the error offset and message instead of throwing', () => {
    assert.deepEqual(validateExpression('Join(",", [a]'), {
      ok: false,
      error: {
        offset: 4,
        end: 13,
        message: "Expected ',' or ')' after argument 2 of Join: the '(' here is never closed.",
        messageId: 'callUnclosedAfter',
        args: ['2', 'Join'],
      },
    });
    const regex = validateExpression('Replace([x], , "a{2,1}", , "", , )');
    assert.ok(!regex.ok && /not a valid regular expression/.test(regex.error.message), JSON.stringify(regex));
    const unclosed = validateExpression('Replace([x], , "[a-", , "", , )');
    assert.ok(!unclosed.ok && /'\[' is never closed/.test(unclosed.error.message), JSON.stringify(unclosed));
  });
});

describe('regex safety warnings', () => {
  it('warns when only the backtracking engine runs a constant Replace pattern, and only on short values', () => {
    for (const pattern of ['(?=.*a).*.*b', '(\\\\w)\\\\1.*.*']) {
      const result = validateExpression(`Replace([x], , "${pattern}", , "", , )`);
      assert.ok(result.ok && result.warnings.some((w) => w.messageId === 'regexBacktrackingLimit' && w.offset === 15), pattern);
    }
    // Nested repetition runs on RE2 (linear time); short-budget patterns without lookaround too.
    for (const pattern of ['(a+)+$', '(\\\\w+\\\\s?)*', '(?:x*y){2,}', '(?<Suffix>@(.)*)', '[()\\\\s-]+', '\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})', '(?<=@)\\\\w+', '.*.*.*b']) {
      const result = validateExpression(`Replace([x], , "${pattern}", , "", , )`);
      assert.ok(result.ok && !result.warnings.some((w) => w.messageId === 'regexBacktrackingLimit'), pattern);
    }
  });
});
