// The engine's message catalog: every diagnostic has a catalog id, its arguments fill exactly the
// template's placeholders, and the extension sends a localized template for every id.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { EvaluateOptions, ExpressionMessageId, ExpressionWarning, NestedMessages, SourceObject } from '../../../src/expressions';
import {
  englishMessage,
  evaluateExpression,
  ExpressionError,
  expressionMessageIds,
  expressionMessages,
  fromAttributeMappingSource,
  msg,
  parseExpression,
  validateExpression,
} from '../../../src/expressions';
import { expressionMessageText } from '../../../src/shared/mappingEditor';

const root = join(__dirname, '..', '..', '..');
const placeholderCount = (template: string) => Math.max(0, ...[...template.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]) + 1));

interface Diagnostic {
  readonly messageId: ExpressionMessageId;
  readonly args: readonly string[];
  readonly message: string;
  readonly nested?: NestedMessages;
}

/** A diagnostic and the reasons nested in its arguments, each as a diagnostic of its own. */
function withNested(d: Diagnostic): Diagnostic[] {
  const inner = Object.values(d.nested ?? {}).map((m) => ({ messageId: m.id, args: m.args, message: englishMessage(m), nested: m.nested }));
  return [d, ...inner.flatMap(withNested)];
}

/** The warnings and the error, if any, of validating and then evaluating `input`. */
function diagnosticsOf(input: unknown, source: SourceObject = {}, options: EvaluateOptions = {}): Diagnostic[] {
  const warnings: ExpressionWarning[] = [];
  if (typeof input === 'string') {
    const checked = validateExpression(input);
    if (!checked.ok) return [{ messageId: checked.error.messageId, args: checked.error.args, message: checked.error.message, nested: checked.error.nested }];
    warnings.push(...checked.warnings);
  }
  try {
    evaluateExpression(input as string, source, { ...options, onWarning: (w) => warnings.push(w) });
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    return [...warnings, e];
  }
  return warnings;
}

const errorOf = (f: () => unknown): Diagnostic => {
  try {
    f();
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error('no error');
};

/** Replace with a constant pattern: the reason is nested in regexUnusable. */
const regex = (pattern: string): string => `Replace([x], , "${pattern.replace(/\\/g, '\\\\')}", , "", , )`;
const graphSource = (source: unknown) => (): Diagnostic[] => [errorOf(() => fromAttributeMappingSource(source as never))];
const attributeParameter = (key: string) => ({ key, value: { type: 'Attribute', name: 'a' } });
const deepSource = (depth: number): object => (depth === 0 ? { type: 'Attribute', name: 'a' } : { type: 'Function', name: 'ToLower', parameters: [{ key: 'source', value: deepSource(depth - 1) }] });

const nested = (depth: number): object => (depth === 0 ? { kind: 'attribute', name: 'a' } : { kind: 'call', name: 'ToLower', args: [nested(depth - 1)] });

/** An input that produces each message id (text, or a function for inputs that are not expression text). */
const crafted: readonly [ExpressionMessageId, () => Diagnostic[]][] = (
  [
    ['notText', () => [errorOf(() => parseExpression(42 as unknown as string))]],
    ['tooLong', 'x'.repeat(10_001)],
    ['empty', '   '],
    ['unexpectedAfterEnd', '[a] [b]'],
    ['unexpectedParenAfterEnd', '[a])'],
    ['unexpectedCommaAfterEnd', '[a],'],
    ['valueExpectedAfterOperator', 'IIF([a] = , "x", "y")'],
    ['oneComparisonOnly', 'IIF([a] = [b] = [c], "x", "y")'],
    ['unexpectedCloseBracket', ']'],
    ['singleQuotes', "'x'"],
    ['unexpectedCharacter', '#'],
    ['attributeUnclosed', '[a'],
    ['attributeNameMissing', '[ ]'],
    ['attributeNameBracket', '[a[b]'],
    ['stringUnclosed', '"abc'],
    ['unknownEscape', '"a\\d"'],
    ['unknownEscapeAtEnd', '"a\\'],
    ['digitsAfterMinus', '-x'],
    ['wholeNumbersOnly', '1.5'],
    ['unexpectedInNumber', '12ab'],
    ['ampersand', '&x'],
    ['hexDigitsMissing', '&H'],
    ['unexpectedInHex', '&HFG'],
    ['functionWithoutParentheses', 'Join'],
    ['unknownName', 'foo'],
    ['unknownFunction', 'Qwertyuiop()'],
    ['unknownFunctionSuggestion', 'Jion(",", [a])'],
    ['callsNestedTooDeep', 'ToLower('.repeat(1000) + '[a]' + ')'.repeat(1000)],
    ['expectedCommaOrParen', 'Join(",", [a] [b])'],
    ['callUnclosed', 'ToLower('],
    ['callUnclosedAfter', 'Join(",", [a]'],
    ['tooManyArguments', 'Left([a], 1, 2)'],
    ['needsArguments', 'Left([a])'],
    ['needsArgumentsLegacy', 'FormatDateTime([a])'],
    ['needsAtLeastArgumentsOne', 'Coalesce()'],
    ['switchKeyWithoutValue', 'Switch([a], "d", "k1", "v1", "k2")'],
    ['argumentEmpty', 'Left(, 1)'],
    ['replaceBothModes', 'Replace([a], "x", "y", , "z", , )'],
    ['replaceGroupNeedsPattern', 'Replace([a], "x", , "g", "z", , )'],
    ['replaceOldValueNeedsOne', 'Replace([a], "x", , , , , )'],
    ['replaceTemplateNeedsOldValue', 'Replace([a], , "x", , "z", , "t")'],
    ['replaceAttributeNeedsGroup', 'Replace([a], , "x", , "z", "b", )'],
    ['replacePatternNeedsReplacement', 'Replace([a], , "x", , , , )'],
    ['replaceNoMode', 'Replace([a], , , , "z", , )'],
    ['treeNotObject', () => diagnosticsOf({ kind: 'call', name: 'ToLower', args: [42] })],
    ['treeAttributeNoName', () => diagnosticsOf({ kind: 'attribute', name: '' })],
    ['treeStringNoValue', () => diagnosticsOf({ kind: 'string' })],
    ['treeNumberNotNumber', () => diagnosticsOf({ kind: 'number', text: 'x' })],
    ['treeEnumNoName', () => diagnosticsOf({ kind: 'enum' })],
    ['treeUnknownOperator', () => diagnosticsOf({ kind: 'comparison', operator: '~', left: { kind: 'attribute', name: 'a' }, right: { kind: 'attribute', name: 'b' } })],
    ['treeNoArgumentList', () => diagnosticsOf({ kind: 'call', name: 'ToLower' })],
    ['treeUnknownKind', () => diagnosticsOf({ kind: 'lambda' })],
    ['expressionNestedTooDeep', () => diagnosticsOf(nested(2000))],
    ['notTextOrTree', () => diagnosticsOf(42)],
    ['sourceNotObject', () => [errorOf(() => evaluateExpression('[a]', null as unknown as SourceObject))]],
    ['graphSourceInvalid', () => [errorOf(() => fromAttributeMappingSource({ type: 'Function', name: 'Nope', parameters: [] } as never))]],
    // Reasons nested in regexUnusable, outputFormatUnusable, inputFormatUnusable and graphSourceInvalid.
    ['regexCategoryUnsupported', regex('\\p{Xx}')],
    ['regexOptionXUnsupported', regex('(?x)a')],
    ['regexEndsWithBackslash', regex('a\\')],
    ['regexCategoryNameMissing', regex('\\pL')],
    ['regexNegatedCategoryInClass', regex('[\\P{L}]')],
    ['regexAnchorGUnsupported', regex('\\Ga')],
    ['regexBackreferenceNameMissing', regex('\\kx')],
    ['regexHexDigitsMissing', regex('\\xZZ')],
    ['regexUnicodeDigitsMissing', regex('\\u12')],
    ['regexControlLetterMissing', regex('\\c1')],
    ['regexUnknownEscape', regex('\\q')],
    ['regexClassSubtraction', regex('[a-z-[aeiou]]')],
    ['regexClassUnclosed', regex('[abc')],
    ['regexBackreferenceMissingGroup', regex('(a)\\2')],
    ['regexCommentUnclosed', regex('(?#abc')],
    ['regexBalancingGroup', regex('(?<a-b>x)')],
    ['regexGroupNameInvalid', regex('(?<1a>x)')],
    ['regexAtomicGroup', regex('(?>a)')],
    ['regexConditionalGroup', regex('(?(a)b|c)')],
    ['regexInlineOptionsNotAtStart', regex('a(?i)b')],
    ['regexUnknownGroupConstruct', regex('(?@a)')],
    ['regexInvalid', regex('a{2,1}')],
    ['outputFormatUnusable', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "Q")'],
    ['inputFormatUnusable', 'FormatDateTime("2020", , "Q", "yyyy")'],
    ['formatEmpty', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "")'],
    ['formatNotStandard', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "Q")'],
    ['formatQuoteUnclosed', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "yyyy \'abc")'],
    ['formatEndsWithBackslash', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "yyyy\\\\")'],
    ['formatTooManyFractionDigits', 'FormatDateTime("2020-01-01", , "yyyy-MM-dd", "ffffffff")'],
    ['sourceNestedTooDeeply', graphSource(deepSource(105))],
    ['sourceNotAnObject', graphSource({ type: 'Function', name: 'ToLower', parameters: [{ key: 'source', value: 42 }] })],
    ['sourceNameNotText', graphSource({ type: 'Attribute', name: 5 })],
    ['sourceNameUnusable', graphSource({ type: 'Attribute', name: 'a]' })],
    ['sourceTypeUnknown', graphSource({ type: 'Lambda', name: 'x' })],
    ['sourceParametersNotList', graphSource({ type: 'Function', name: 'ToLower', parameters: 'x' })],
    ['sourceParameterShape', graphSource({ type: 'Function', name: 'ToLower', parameters: [42] })],
    ['sourceComparisonParameters', graphSource({ type: 'Function', name: '=', parameters: [] })],
    ['sourceFunctionUnknown', graphSource({ type: 'Function', name: 'Nope', parameters: [] })],
    ['sourceParameterTwice', graphSource({ type: 'Function', name: 'ToLower', parameters: [attributeParameter('source'), attributeParameter('source')] })],
    ['sourceParameterUnexpected', graphSource({ type: 'Function', name: 'ToLower', parameters: [attributeParameter('bogus')] })],
    ['sourceParameterUnexpectedWanted', graphSource({ type: 'Function', name: 'Join', parameters: [attributeParameter('separator'), attributeParameter('bogus')] })],
    ['multiValuedComparison', () => diagnosticsOf('IIF([m] = "x", "a", "b")', { m: ['1', '2'] })],
    ['argumentNotSingle', () => diagnosticsOf('Mid("abc", [m], 1)', { m: ['1', '2'] })],
    ['argumentNullNotNumber', 'Mid("abc", [n], 1)'],
    ['argumentNotWholeNumber', 'Mid("abc", "x", 1)'],
    ['argumentTooLarge', 'Mid("abc", "99999999999", 1)'],
    ['argumentNotTruthValue', 'IIF("maybe", "a", "b")'],
    ['randomLength', 'RandomString(0, 0, 0, 0, 0)'],
    ['randomNegativeMinimum', 'RandomString(5, -1, 0, 0, 0)'],
    ['randomMinimumsTooLarge', 'RandomString(2, 1, 1, 1, 0)'],
    ['randomAvoidsRequiredKind', 'RandomString(5, 1, 0, 0, 0, "0123456789")'],
    ['defaultDomainUnknown', 'DefaultDomain()'],
    ['uniqueValueEscrow', 'SelectUniqueValue([a], [b])'],
    ['iifAttributeNull', () => diagnosticsOf('IIF([x] = "a", "b", "c")', {}, { strict: true })],
    ['iifAttributeEmpty', () => diagnosticsOf('IIF([x] = "a", "b", "c")', { x: '' }, { strict: true })],
    ['regexUnusable', 'Replace([x], , "a{2,1}", , "", , )'],
    ['regexInputTooLong', () => diagnosticsOf('Replace([a], , "x", , "y", , )', { a: 'a'.repeat(5000) })],
    ['regexTooCostly', () => diagnosticsOf('Replace([a], , "(?=.*a).*.*b", , "", , )', { a: 'a'.repeat(400) })],
    ['regexMayRunAway', 'Replace([x], , "(a+)+(?=!)", , "", , )'],
    ['intervalNull', 'DateAdd([n], 1, "2020-01-01")'],
    ['formatsNull', 'FormatDateTime("2020-01-01", , [n], "yyyy")'],
    ['inputFormatMismatch', 'FormatDateTime("abc", , "yyyy", "yyyy")'],
    ['indexOutOfRange', () => diagnosticsOf('Item([m], 5)', { m: ['1', '2'] })],
    ['startTooSmall', 'InStr("abc", "b", 0)'],
    ['cultureUnknown', 'ToLower("A", "!!")'],
    ['dateOutOfRange', 'DateAdd("yyyy", 10000, "2020-01-01")'],
    ['dateOutOfRangeIn', 'ToLower(DateAdd("yyyy", 10000, "2020-01-01"))'],
    ['dateUnreadable', 'CDate("nope")'],
    ['intervalUnknown', 'DateAdd("zz", 1, "2020-01-01")'],
    ['appRoleAssignmentsDirect', '[appRoleAssignments]'],
    ['exactSpelling', 'tolower([a])'],
    ['selectUniqueValueOutermost', 'ToLower(SelectUniqueValue([a], [b]))'],
    ['switchOnNullTest', 'Switch(IsNull([a]), "x", "True", "y")'],
    ['regexBacktrackingLimit', 'Replace([a], , "(?=.*a).*.*b", , "", , )'],
    ['iifUnreliable', 'IIF([a] = "x", "y", "z")'],
    ['iifAttributeNullNothingFlows', () => diagnosticsOf('IIF([x] = "a", "b", "c")')],
    ['iifAttributeEmptyNothingFlows', () => diagnosticsOf('IIF([x] = "a", "b", "c")', { x: '' })],
  ] as [ExpressionMessageId, string | (() => Diagnostic[])][]
).map(([id, input]) => [id, typeof input === 'string' ? () => diagnosticsOf(input) : input]);

/**
 * Ids no short input reaches (or that need a fake clock, role data or a broken engine). Their
 * argument counts are still checked at compile time: `msg` takes exactly as many as the template uses.
 */
const notCrafted = new Set<ExpressionMessageId>([
  'text',
  'internalError',
  'internalEvaluationError',
  'treeInvalid',
  'endsWhereValueExpected',
  'unexpectedCloseParen',
  'tooManyArgumentsOne',
  'needsArgumentsOne',
  'needsAtLeastArguments',
  'needsAtLeastArgumentsLegacy',
  'argumentsMissing',
  'randomAvoidsEverything',
  'switchValueNotSingle',
  'regexGroupMissing',
  'dateTimeStylesUnknown',
  'compareTypeUnknown',
  'adDateOutOfRange',
  'adDateOutOfRangeIn',
  'inFunction',
  'singleAppRoleSeveral',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('expression message catalog', () => {
  for (const [id, produce] of crafted) {
    it(`produces ${id} with as many arguments as its template uses`, () => {
      const diagnostics = produce().flatMap(withNested);
      const found = diagnostics.find((d) => d.messageId === id);
      assert.ok(found, `${id}: got ${JSON.stringify(diagnostics.map((d) => [d.messageId, d.message]))}`);
      assert.ok(found.messageId in expressionMessages);
      assert.equal(found.args.length, placeholderCount(expressionMessages[id]), `${id}: ${JSON.stringify(found.args)}`);
      assert.equal(found.message, englishMessage({ id, args: found.args }));
      assert.doesNotMatch(found.message, /\{\d+\}/, 'every placeholder is filled');
    });
  }

  it('has an input or a reason for every id', () => {
    const covered = new Set(crafted.map(([id]) => id));
    assert.deepEqual(expressionMessageIds.filter((id) => !covered.has(id) && !notCrafted.has(id)), [], 'add an input above');
    assert.deepEqual([...notCrafted].filter((id) => covered.has(id) || !(id in expressionMessages)), [], 'stale entries in notCrafted');
  });

  it('names only catalog ids in the engine, and uses every catalog id', () => {
    const used = new Set<string>();
    const named = new Set<string>();
    for (const file of sourceFiles(join(root, 'src', 'expressions'))) {
      if (file.endsWith('messages.ts')) continue;
      const text = readFileSync(file, 'utf8');
      // msg('id', …) and messageId === 'id' name an id; msg(cond ? 'a' : 'b', …) and ids picked in a variable first use one.
      for (const m of text.matchAll(/(?:msg\(|messageId === )'(\w+)'/g)) named.add(m[1]);
      for (const m of text.matchAll(/(?:msg\(|\? |: |=== )'(\w+)'/g)) used.add(m[1]);
    }
    const ids = new Set<string>(expressionMessageIds);
    assert.ok(named.size > 80, `${named.size} ids found`);
    assert.deepEqual([...named].filter((id) => !ids.has(id)), [], 'ids used but not in the catalog');
    assert.deepEqual(expressionMessageIds.filter((id) => !used.has(id) && id !== 'text'), [], 'catalog ids nothing produces');
  });

  it('checks argument counts at compile time', () => {
    assert.deepEqual(msg('expectedCommaOrParen', 2, 'Join').args, ['2', 'Join']);
    // @ts-expect-error the template has two placeholders
    assert.ok(msg('expectedCommaOrParen', 2));
    // @ts-expect-error the template has none
    assert.ok(msg('empty', 'x'));
  });

  it('keeps plain sentences from outside the engine as the `text` message', () => {
    const e = new ExpressionError('something odd', 3);
    assert.equal(e.message, 'something odd');
    assert.equal(e.messageId, 'text');
    assert.deepEqual(e.args, ['something odd']);
  });
});

describe('localized expression messages', () => {
  /** `'expr.<id>': vscode.l10n.t('<template>')` pairs of the strings file, read with the TypeScript parser. */
  function stringsFileTemplates(): Map<string, string> {
    const path = join(root, 'src', 'webviews', 'mappingEditorStrings.ts');
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const found = new Map<string, string>();
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name) && node.name.text.startsWith('expr.')) {
        const call = node.initializer;
        assert.ok(ts.isCallExpression(call) && call.expression.getText(file) === 'vscode.l10n.t', `${node.name.text}: not a vscode.l10n.t call`);
        const [first] = call.arguments;
        assert.ok(first && ts.isStringLiteral(first), `${node.name.text}: the l10n key is not a literal`);
        found.set(node.name.text.slice('expr.'.length), first.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  }

  it('has a vscode.l10n.t entry for every catalog id, keyed by its English template', () => {
    const templates = stringsFileTemplates();
    assert.deepEqual([...templates.keys()].sort(), [...expressionMessageIds].sort());
    for (const id of expressionMessageIds) assert.equal(templates.get(id), expressionMessages[id], id);
  });

  it('formats a diagnostic with the localized template, or falls back to the English text', () => {
    const error = errorOf(() => parseExpression('Join(",", [a] [b])'));
    const d = { message: error.message, messageId: error.messageId, messageArgs: error.args };
    const swedish = { 'expr.expectedCommaOrParen': "Förväntade ',' eller ')' efter argument {0} till {1}." };
    assert.equal(expressionMessageText(d, swedish), "Förväntade ',' eller ')' efter argument 2 till Join.");
    assert.equal(expressionMessageText(d, {}), "Expected ',' or ')' after argument 2 of Join.");
    assert.equal(expressionMessageText(d, undefined), error.message);
    assert.equal(expressionMessageText({ message: 'plain' }, swedish), 'plain');
  });

  it('localizes the reason nested in a message, also after the trip to the webview', () => {
    const checked = validateExpression('Replace([x], , "(?>a)", , "", , )');
    assert.ok(!checked.ok);
    assert.equal(checked.error.message, 'Replace: the regular expression "(?>a)" cannot be used: atomic groups (?>…) are not supported.');
    const d = JSON.parse(JSON.stringify({ message: checked.error.message, messageId: checked.error.messageId, messageArgs: checked.error.args, messageNested: checked.error.nested })) as Parameters<typeof expressionMessageText>[0];
    const swedish = { 'expr.regexUnusable': '{0}: det reguljära uttrycket "{1}" kan inte användas: {2}.', 'expr.regexAtomicGroup': 'atomära grupper (?>…) stöds inte' };
    assert.equal(expressionMessageText(d, swedish), 'Replace: det reguljära uttrycket "(?>a)" kan inte användas: atomära grupper (?>…) stöds inte.');
    // A reason without a localized template stays English inside the localized sentence.
    assert.equal(expressionMessageText(d, { 'expr.regexUnusable': swedish['expr.regexUnusable'] }), 'Replace: det reguljära uttrycket "(?>a)" kan inte användas: atomic groups (?>…) are not supported.');
  });

  it('keeps the English sentences of reasons as they were before they had ids', () => {
    const message = (text: string) => (validateExpression(text) as { error: { message: string } }).error.message;
    assert.equal(message('Replace([x], , "\\\\p{Foo}", , "", , )'), 'Replace: the regular expression "\\p{Foo}" cannot be used: \\p{Foo} is not supported (only Unicode general categories such as \\p{L} or \\p{Lu}).');
    assert.match(message('Replace([x], , "\\\\P{Foo}", , "", , )'), /cannot be used: \\P\{Foo\} is not supported/, 'the negated form is named as written');
    assert.equal(errorOf(() => evaluateExpression('FormatDateTime("2020-01-01", , "yyyy-MM-dd", "yyyy \'abc")', {})).message, 'FormatDateTime: the output format "yyyy \'abc" cannot be used: the quote at position 6 of the format is never closed.');
    const graph = errorOf(() => fromAttributeMappingSource({ type: 'Function', name: 'Join', parameters: [{ key: 'separator', value: { type: 'Attribute', name: 'a' } }, { key: 'bogus', value: { type: 'Attribute', name: 'b' } }] } as never));
    assert.equal(graph.message, 'attributeMappingSource.parameters[1]: "bogus" is not a parameter of Join here (expected "source")');
  });

  it('nests a Graph tree’s reason, and a date function keeps the reason of the error it wraps', () => {
    const graph = errorOf(() => fromAttributeMappingSource({ type: 'Function', name: 'ToLower', parameters: [{ key: 'bogus', value: { type: 'Attribute', name: 'a' } }] } as never)) as ExpressionError;
    assert.equal(graph.messageId, 'graphSourceInvalid');
    assert.equal(graph.nested?.[1]?.id, 'sourceParameterUnexpected');
    const format = errorOf(() => evaluateExpression('FormatDateTime("2020-01-01", , "yyyy-MM-dd", "yyyy \'abc")', {})) as ExpressionError;
    assert.equal(format.messageId, 'outputFormatUnusable');
    assert.deepEqual(format.nested?.[2], { id: 'formatQuoteUnclosed', args: ['6'] });
  });
});
