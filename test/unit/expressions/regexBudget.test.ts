// Every regex runs under a bound: RE2 (linear time) takes what the backtracking engine's step budget
// cannot vouch for, a pattern neither can bound is an error at its position, and the two engines
// give the same results wherever both run.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompiledRegex } from '../../../src/expressions/dotnetRegex';
import {
  compileDotNetRegex,
  compileReplacement,
  firstMatchGroup,
  nativeInputLimit,
  RegexBudgetError,
  regexReplace,
  regexTest,
  replaceGroupText,
} from '../../../src/expressions/dotnetRegex';
import { evaluateExpression, ExpressionError, validateExpression } from '../../../src/expressions';
import { cases } from '../faultScale';

const RUNAWAY_VALUE = 'a'.repeat(40) + '!';

function errorOf(f: () => unknown): ExpressionError {
  try {
    f();
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  assert.fail('expected an ExpressionError');
}

describe('regex bound: the issue’s case', () => {
  it('runs Replace with "(a+)+$" on 40 a and "!" and returns the value unchanged (no match)', () => {
    assert.equal(evaluateExpression('Replace([mail], , "(a+)+$", , "", , )', { mail: RUNAWAY_VALUE }), RUNAWAY_VALUE);
    assert.equal(evaluateExpression('Replace([mail], , "(a+)+$", , "x", , )', { mail: 'a'.repeat(40) }), 'x');
    assert.equal(evaluateExpression('Replace([mail], , "(a+)+$", , "x", , )', { mail: 'a'.repeat(4000) + '!' }), 'a'.repeat(4000) + '!');
  });

  it('gives the backtracking engine no length for a pattern with exponential backtracking', () => {
    for (const p of ['(a+)+$', '(a|a)*b', '(\\w+\\s?)*$', '(a|ab)*c', '((ab)*)+', '(a?){20}a{20}']) assert.equal(nativeInputLimit(p), 0, p);
    assert.equal(nativeInputLimit('[()\\s-]+'), 4096);
    assert.ok(nativeInputLimit('.*.*.*b') < 200);
  });

  it('rejects, at the pattern, one that only the backtracking engine takes and that could run away', () => {
    const text = 'Join(",", Replace([mail], , "(a+)+(?=!)", , "", , ))';
    // The editor's check (it squiggles the Replace call) and the evaluation say the same.
    const checked = validateExpression(text);
    assert.ok(!checked.ok);
    assert.equal(checked.error.messageId, 'regexUnusable');
    assert.equal(checked.error.offset, text.indexOf('Replace'));
    const e = errorOf(() => evaluateExpression(text, { mail: RUNAWAY_VALUE }));
    assert.equal(e.messageId, 'regexUnusable');
    assert.equal(e.nested?.[2]?.id, 'regexMayRunAway');
    assert.equal(e.offset, text.indexOf('Replace'));
    assert.match(e.message, /can take exponential time/);
  });

  it('fails the evaluation, at the call, for a value too long for a backtracking-only pattern', () => {
    const text = 'ToLower(Replace([a], , "(?=.*a).*.*.*b", , "", , ))';
    assert.equal(evaluateExpression(text, { a: 'abA' }), 'a');
    const e = errorOf(() => evaluateExpression(text, { a: 'a'.repeat(500) }));
    assert.equal(e.messageId, 'regexTooCostly');
    assert.equal(e.offset, text.indexOf('Replace'));
    assert.match(e.message, /^Replace: the value is 500 characters long; this regular expression could run too long/);
  });
});

// A small grammar of .NET patterns both engines take, with nested and adjacent quantifiers. A repeated
// or optional group's body never matches empty: there JS's rule (an iteration that matches empty
// fails) and RE2's (like .NET's: it succeeds) pick different matches by design.
const atom = fc.constantFrom('a', 'b', '-', ' ', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '\\W', '\\.', 'é', '[\\s\\d]');
const anchor = fc.constantFrom('^', '$', '\\b');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '{2}', '{0,}', '*?', '+?', '??');
const solidQuantifier = fc.constantFrom('', '', '+', '{1,2}', '{2}', '+?');
const groupOf = (body: fc.Arbitrary<string>) => fc.oneof(body.map((p) => `(${p})`), body.map((p) => `(?:${p})`), body.map((p) => `(?<n>${p})`));
const { pattern } = fc.letrec<{ pattern: string; piece: string; solid: string; solidPiece: string }>((tie) => ({
  pattern: fc.oneof({ depthSize: 'small' }, fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((p) => p.join('')), fc.tuple(tie('piece'), tie('piece')).map(([a, b]) => `${a}|${b}`)),
  piece: fc.oneof({ depthSize: 'small' }, fc.tuple(atom, quantifier).map(([a, q]) => a + q), anchor, groupOf(tie('pattern')), fc.tuple(groupOf(tie('solid')), quantifier).map(([g, q]) => g + q)),
  // Never matches empty.
  solid: fc.oneof({ depthSize: 'small' }, fc.array(tie('solidPiece'), { minLength: 1, maxLength: 3 }).map((p) => p.join('')), fc.tuple(tie('solidPiece'), tie('solidPiece')).map(([a, b]) => `${a}|${b}`)),
  solidPiece: fc.oneof({ depthSize: 'small' }, fc.tuple(atom, solidQuantifier).map(([a, q]) => a + q), fc.tuple(groupOf(tie('solid')), solidQuantifier).map(([g, q]) => g + q)),
}));
const withOptions = fc.tuple(fc.constantFrom('', '', '(?i)', '(?m)', '(?s)'), pattern).map(([o, p]) => o + p);
const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '1', ' ', '-', '.', '\n', 'é', 'É', '!'), maxLength: 12 });
const template = fc.array(fc.constantFrom('x', '$1', '${n}', '$0', '$&', '$$', '$`', "$'", '$_', '$+', '${1}', '$2'), { maxLength: 3 }).map((t) => t.join(''));

function compiled(p: string): CompiledRegex | null {
  try {
    return compileDotNetRegex(p);
  } catch {
    return null;
  }
}

/**
 * Whether a capturing group is, or sits inside, a group repeated more than once or optional. There the
 * engines differ on purpose: JS clears a group's capture on each iteration and never takes an empty
 * one, while RE2, like .NET, keeps the last capture and takes an empty iteration. Only the captures
 * differ, not what matches.
 */
function capturesInRepetition(p: string): boolean {
  const stack: { capturing: boolean; hasCapture: boolean }[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
    } else if (c === '(') stack.push({ capturing: p[i + 1] !== '?' || p[i + 2] === '<', hasCapture: false });
    else if (c === ')') {
      const g = stack.pop()!;
      const captures = g.capturing || g.hasCapture;
      if (captures && /^(?:[*+?]|\{\d+,|\{(?:[2-9]|\d\d))/.test(p.slice(i + 1))) return true;
      if (stack.length) stack[stack.length - 1].hasCapture ||= captures;
    }
  }
  return false;
}

/** The same compiled pattern, forced onto one engine. */
const onNative = (c: CompiledRegex): CompiledRegex => ({ ...c, nativeLimit: Number.MAX_SAFE_INTEGER });
const onLinear = (c: CompiledRegex): CompiledRegex => ({ ...c, nativeLimit: -1 });

describe('regex bound: properties', () => {
  it('RE2 gives the backtracking engine’s results on every pattern both take', () => {
    fc.assert(
      fc.property(withOptions, subject, template, (p, text, t) => {
        const c = compiled(p);
        if (c === null || c.linear === null) return;
        const native = onNative(c);
        const linear = onLinear(c);
        const wholeMatchOnly = capturesInRepetition(p.replace(/^\(\?[ims]\)/, ''));
        const replacement = compileReplacement(wholeMatchOnly ? t.replace(/\$(?:\d|\{\w+\}|\+)/g, '') : t, c);
        const groups = wholeMatchOnly ? [0] : [...new Set([0, ...c.jsIndexByNumber, ...c.jsIndexByName.values()])];
        const run = (re: CompiledRegex) => [regexTest(re, text), regexReplace(re, replacement, text), ...groups.flatMap((g) => [firstMatchGroup(re, g, text), replaceGroupText(re, g, text, '#')])];
        let expected: unknown[];
        try {
          expected = run(native);
        } catch (e) {
          if (e instanceof RegexBudgetError) return;
          throw e;
        }
        let actual: unknown[];
        try {
          actual = run(linear);
        } catch (e) {
          // RE2 cannot say "before a final newline": such a subject is left to the other engine.
          if (e instanceof RegexBudgetError && text.endsWith('\n')) return;
          throw e;
        }
        assert.deepEqual(actual, expected, `${JSON.stringify(p)} on ${JSON.stringify(text)} with ${JSON.stringify(t)}`);
      }),
      { numRuns: cases(3000) },
    );
  });

  it('never runs away: every Replace with a nested-quantifier pattern finishes, with a result or an ExpressionError', () => {
    const nested = fc.letrec<{ p: string; g: string }>((tie) => ({
      p: fc.oneof({ depthSize: 'small' }, fc.constantFrom('a', 'a+', 'a*', '\\w+', '[a-z]*', '.*', 'a|a', 'a|ab'), fc.tuple(tie('g'), fc.constantFrom('+', '*', '{2,}', '?')).map(([g, q]) => g + q), fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b)),
      g: fc.oneof(tie('p').map((p) => `(${p})`), tie('p').map((p) => `(?:${p})`)),
    }));
    const tail = fc.constantFrom('$', '!', '', '(?=!)', '\\1', 'b$');
    const value = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('!', 'b', '', ' x')).map(([n, end]) => 'a'.repeat(n) + end);
    fc.assert(
      fc.property(nested.p, tail, value, (p, end, v) => {
        const expression = `Replace([v], , "${(p + end).replace(/\\/g, '\\\\')}", , "-", , )`;
        try {
          const result = evaluateExpression(expression, { v });
          assert.equal(typeof result, 'string');
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          assert.ok(['regexUnusable', 'regexTooCostly'].includes(e.messageId), e.message);
        }
      }),
      { numRuns: cases(300) },
    );
  });
});
