import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cases } from '../faultScale';
import {
  describeFunction,
  evaluateExpression,
  ExpressionError,
  formatExpression,
  fromAttributeMappingSource,
  functionDescriptions,
  parseExpression,
  toAttributeMappingSource,
  validateExpression,
} from '../../../src/expressions';
import type { ComparisonOperator, Expression, FunctionDescription } from '../../../src/expressions';

/** Parses, turning only ExpressionError into undefined; any other exception fails the property. */
function tryParse(text: string): Expression | undefined {
  try {
    return parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) {
      assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= text.length, `offset ${e.offset} outside the text`);
      return undefined;
    }
    throw e;
  }
}

const TOKENS = [
  'Join', 'Replace', 'Switch', 'IIF', 'Mid', 'Left', 'Word', 'ToLower', 'CDate', 'DateAdd', 'DateDiff', 'FormatDateTime', 'Item', 'Count',
  'Coalesce', 'NormalizeDiacritics', 'PCase', 'BitAnd', 'InStr', 'IsPresent', 'Not', 'Split', 'SelectUniqueValue', 'RandomString',
  '(', ')', ',', ', ', '[', ']', '"', '\\', '\\\\', '\\"', ' ', '\n', 'x', '1', '-', '-3', '&H', '&HF', '=', '<>', '<', '>=', '[a]', '[b]',
  '[list]', '"s"', '""', '"d"', '"yyyy-MM-dd"', '"2021-01-01"', '"\\\\d+"', 'vbTextCompare', '99999999999', '0', 'é', '😀',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), tokenSoup);

// ---- canonical trees -------------------------------------------------------------------------

const attributeName = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes(']') && !s.includes('[') && s.trim() !== '');
const leaf: fc.Arbitrary<Expression> = fc.oneof(
  attributeName.map((name): Expression => ({ kind: 'attribute', name })),
  fc.string({ unit: 'binary', maxLength: 12 }).map((value): Expression => ({ kind: 'string', value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n }).map((n): Expression => ({ kind: 'number', text: n.toString() })),
  fc.bigInt({ min: 0n, max: 2n ** 64n }).map((n): Expression => ({ kind: 'number', text: '&H' + n.toString(16).toUpperCase() })),
  fc.constantFrom<Expression>({ kind: 'enum', name: 'vbTextCompare' }, { kind: 'enum', name: 'vbBinaryCompare' }),
);
const OPERATORS: ComparisonOperator[] = ['=', '<>', '>', '>=', '<', '<='];
const callable = functionDescriptions.filter((d) => d.name !== 'Replace');

/** Argument slots of a canonical call of `d`, built from `value` arbitraries. */
function callOf(d: FunctionDescription, value: fc.Arbitrary<Expression>): fc.Arbitrary<Expression> {
  const fixed = d.parameters;
  const group = d.repeating;
  if (d.name === 'FormatDateTime') {
    return fc.tuple(value, fc.option(value, { nil: null }), value, value).map((args): Expression => ({ kind: 'call', name: d.name, args }));
  }
  const required = fixed.reduce((last, p, i) => (p.required ? i + 1 : last), 0);
  const fixedCount = group ? fc.constant(fixed.length) : fc.integer({ min: required, max: fixed.length });
  return fixedCount.chain((n) => {
    const slots = fixed.slice(0, n).map((p, i) => (p.required || (!group && i === n - 1) ? value : fc.option(value, { nil: null })));
    const repeats = group ? fc.integer({ min: group.min, max: group.min + 2 }).chain((k) => fc.array(value, { minLength: k * group.parameters.length, maxLength: k * group.parameters.length })) : fc.constant([]);
    return fc.tuple(fc.tuple(...slots), repeats).map(([a, b]): Expression => ({ kind: 'call', name: d.name, args: [...a, ...b] }));
  });
}

const { tree } = fc.letrec<{ tree: Expression; operand: Expression }>((tie) => ({
  operand: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('tree').filter((t) => t.kind !== 'comparison')),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constantFrom(...callable).chain((d) => callOf(d, tie('tree'))),
    fc.tuple(tie('operand'), fc.constantFrom(...OPERATORS), tie('operand')).map(([left, operator, right]): Expression => ({ kind: 'comparison', operator, left, right })),
    fc.tuple(attributeName, attributeName, fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), fc.integer({ min: 0, max: 4 })).map(([name, other, a, b, mode]): Expression => {
      // One canonical call per documented Replace mode (Microsoft's Replace reference, modes 1–5).
      const source: Expression = { kind: 'attribute', name };
      const s = (value: string): Expression => ({ kind: 'string', value });
      const shapes: (Expression | null)[][] = [
        [source, s(a), null, null, s(b)],
        [source, s(a), null, null, null, null, s(b)],
        [source, null, s('(?<g>x)'), null, s(b)],
        [source, null, s('(?<g>x)'), s('g'), s(b)],
        [source, null, s('(?<g>x)'), s('g'), null, { kind: 'attribute', name: other }],
      ];
      return { kind: 'call', name: 'Replace', args: shapes[mode] };
    }),
  ),
}));

/** Writes a tree with random spacing and name casing: a different text for the same tree. */
function scruffy(node: Expression, noise: () => number): string {
  const ws = (): string => ['', ' ', '\n\t', '  '][noise() % 4];
  switch (node.kind) {
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return '"' + node.value.replace(/[\\"]/g, '\\$&') + '"';
    case 'number':
      return noise() % 2 ? node.text.replace('&H', '&h').toLowerCase().replace(/^&h/, '&h') : node.text;
    case 'enum':
      return noise() % 2 ? node.name.toUpperCase() : node.name;
    case 'comparison':
      return `${scruffy(node.left, noise)}${ws()}${node.operator}${ws()}${scruffy(node.right, noise)}`;
    case 'call': {
      const name = noise() % 2 ? node.name.toLowerCase() : node.name;
      return `${name}${ws()}(${ws()}${node.args.map((a) => (a ? scruffy(a, noise) : '')).join(`${ws()},${ws()}`)}${ws()})`;
    }
  }
}

function noiseFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1103515245 + 12345) >>> 0) >>> 16;
}

/** Valid texts: generated trees written with random spacing and casing. */
const spacedText = fc.tuple(tree, fc.integer()).map(([t, seed]) => scruffy(t, noiseFrom(seed)));

describe('expression engine properties', () => {
  it('parses any text into a tree or an ExpressionError with an offset inside the text, quickly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const started = Date.now();
        const tree = tryParse(text);
        assert.ok(Date.now() - started < 1000, 'parsing took over a second');
        // The editor's non-throwing check rejects whatever the parser rejects, with an offset in the text.
        const checked = validateExpression(text);
        if (!tree) assert.equal(checked.ok, false);
        if (!checked.ok) {
          const { offset, end } = checked.error;
          assert.ok(offset >= 0 && offset <= text.length, `offset ${offset} of ${JSON.stringify(text)}`);
          assert.ok(end === undefined || (end >= offset && end <= text.length), `end ${end} of ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: cases(3000) },
    );
  });

  it('parse(format(parse(x))) equals parse(x) for text that parses', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, spacedText), (text) => {
        const first = tryParse(text);
        if (first) assert.deepEqual(parseExpression(formatExpression(first)), first);
      }),
      { numRuns: cases(3000) },
    );
  });

  it('formats generated trees into text that parses back to the same tree, however it is spaced', () => {
    fc.assert(
      fc.property(tree, fc.integer(), (t, seed) => {
        // Generated trees may exceed the 10,000-character limit or nest too deeply; skip those.
        const text = formatExpression(t);
        fc.pre(text.length <= 10_000);
        assert.deepEqual(parseExpression(text), t);
        const spaced = scruffy(t, noiseFrom(seed));
        fc.pre(spaced.length <= 10_000);
        assert.deepEqual(parseExpression(spaced), t);
      }),
      { numRuns: cases(1000) },
    );
  });

  it('round-trips trees through the Graph attributeMappingSource shape losslessly (also as JSON)', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const source = toAttributeMappingSource(t);
        assert.deepEqual(fromAttributeMappingSource(source), t);
        assert.deepEqual(fromAttributeMappingSource(JSON.parse(JSON.stringify(source))), t);
      }),
      { numRuns: cases(1000) },
    );
  });

  it('evaluates any parsed expression to a result or an ExpressionError, never another exception', () => {
    const source = { a: 'x', b: '', list: ['1', '2', 'é'], flag: true, n: 42, IsSoftDeleted: 'false' };
    const options = { now: new Date(Date.UTC(2021, 0, 1)), random: () => 0.5 };
    fc.assert(
      fc.property(fc.oneof(tokenSoup, spacedText), (text) => {
        const parsed = tryParse(text);
        if (!parsed) return;
        try {
          const result = evaluateExpression(parsed, source, options);
          assert.ok(result === null || typeof result === 'string' || (Array.isArray(result) && result.every((r) => typeof r === 'string')));
        } catch (e) {
          assert.ok(e instanceof ExpressionError, `${text}: ${String(e)}`);
        }
      }),
      { numRuns: cases(2000) },
    );
  });

  it('generates every function (the tree arbitrary covers the catalog)', () => {
    const seen = new Set<string>();
    const visit = (n: Expression | null): void => {
      if (n?.kind === 'call') {
        seen.add(n.name);
        n.args.forEach(visit);
      }
    };
    fc.sample(tree, 3000).forEach(visit);
    for (const d of functionDescriptions) assert.ok(seen.has(d.name) || !describeFunction(d.name), d.name);
  });
});
