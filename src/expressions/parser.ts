/**
 * Recursive-descent parser for attribute-mapping expressions (grammar as Microsoft's expression reference writes it). Every
 * failure is an ExpressionError with the offset of the offending character.
 */
import type { CallExpression, ComparisonOperator, Expression } from './ast';
import { setSpan } from './ast';
import { ExpressionError } from './errors';
import type { ExpressionMessage } from './messages';
import { msg } from './messages';
import type { FunctionDescription } from './functionCatalog';
import { describeFunction, functionDescriptions, parameterAt } from './functionCatalog';

/** The service refuses longer expressions (known-issues page). */
export const MAX_EXPRESSION_LENGTH = 10_000;

// Real mappings nest a handful of calls; the cap keeps recursion (here and in the evaluator) far from
// the JS stack limit for any input up to MAX_EXPRESSION_LENGTH.
const MAX_DEPTH = 100;

/** Enum constants the language accepts as bare identifiers, by lower-case spelling. */
const ENUM_CONSTANTS = new Map([
  ['vbbinarycompare', 'vbBinaryCompare'],
  ['vbtextcompare', 'vbTextCompare'],
]);

const CH_QUOTE = 0x22;
const CH_BACKSLASH = 0x5c;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Shows the character at `index` in a message: visible ones quoted, others by code point. */
function describeChar(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return code > 0x20 && code !== 0x7f ? `'${String.fromCodePoint(code)}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}


/**
 * Parses expression text into a syntax tree.
 * @throws ExpressionError with the 0-based offset of the problem.
 */
export function parseExpression(text: string): Expression {
  if (typeof text !== 'string') throw new ExpressionError(msg('notText'), 0);
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      msg('tooLong', text.length.toLocaleString('en-US')),
      MAX_EXPRESSION_LENGTH,
      text.length,
    );
  }
  try {
    return new Parser(text).parseTop();
  } catch (error) {
    throw error instanceof ExpressionError ? error.within(text.length) : error;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseTop(): Expression {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new ExpressionError(msg('empty'), 0);
    const expression = this.parseComparison();
    this.skipSpace();
    if (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      const id = ch === ')' ? 'unexpectedParenAfterEnd' : ch === ',' ? 'unexpectedCommaAfterEnd' : 'unexpectedAfterEnd';
      throw new ExpressionError(msg(id, describeChar(this.text, this.pos)), this.pos, this.pos + 1);
    }
    return expression;
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && isSpace(t.charCodeAt(this.pos))) this.pos++;
  }

  private parseComparison(): Expression {
    const start = this.pos;
    const left = this.parseOperand();
    this.skipSpace();
    const operator = this.readOperator();
    if (!operator) return left;
    this.skipSpace();
    if (this.pos >= this.text.length || this.text[this.pos] === ',' || this.text[this.pos] === ')') {
      throw new ExpressionError(msg('valueExpectedAfterOperator', operator), this.pos);
    }
    const right = this.parseOperand();
    const node: Expression = { kind: 'comparison', operator, left, right };
    setSpan(node, start, this.pos);
    this.skipSpace();
    const operatorAt = this.pos;
    if (this.readOperator()) {
      // Decision: only a single comparison is documented; the docs say to nest IIF instead of AND/OR.
      throw new ExpressionError(msg('oneComparisonOnly'), operatorAt);
    }
    return node;
  }

  private readOperator(): ComparisonOperator | undefined {
    const t = this.text;
    const c = t[this.pos];
    const n = t[this.pos + 1];
    if (c === '=') {
      this.pos += 1;
      return '=';
    }
    if (c === '<') {
      if (n === '>' || n === '=') {
        this.pos += 2;
        return n === '>' ? '<>' : '<=';
      }
      this.pos += 1;
      return '<';
    }
    if (c === '>') {
      if (n === '=') {
        this.pos += 2;
        return '>=';
      }
      this.pos += 1;
      return '>';
    }
    return undefined;
  }

  private parseOperand(): Expression {
    const t = this.text;
    const start = this.pos;
    if (start >= t.length) throw new ExpressionError(msg('endsWhereValueExpected'), start);
    const c = t.charCodeAt(start);
    if (c === 0x5b /* [ */) return this.parseAttribute();
    if (c === CH_QUOTE) return this.parseString();
    if (isDigit(c) || c === 0x2d /* - */) return this.parseNumber();
    if (c === 0x26 /* & */) return this.parseHex();
    if (isLetter(c)) return this.parseNameOrCall();
    if (c === 0x5d /* ] */) throw new ExpressionError(msg('unexpectedCloseBracket'), start, start + 1);
    if (c === 0x29 /* ) */) throw new ExpressionError(msg('unexpectedCloseParen'), start, start + 1);
    if (c === 0x27 /* ' */) throw new ExpressionError(msg('singleQuotes'), start, start + 1);
    throw new ExpressionError(
      msg('unexpectedCharacter', describeChar(t, start)),
      start,
      start + 1,
    );
  }

  private parseAttribute(): Expression {
    const t = this.text;
    const start = this.pos;
    const close = t.indexOf(']', start + 1);
    if (close < 0) throw new ExpressionError(msg('attributeUnclosed'), start, t.length);
    const name = t.slice(start + 1, close);
    if (name.trim() === '') throw new ExpressionError(msg('attributeNameMissing'), start, close + 1);
    const bracket = name.indexOf('[');
    if (bracket >= 0) {
      throw new ExpressionError(msg('attributeNameBracket'), start + 1 + bracket, start + 2 + bracket);
    }
    this.pos = close + 1;
    const node: Expression = { kind: 'attribute', name };
    setSpan(node, start, this.pos);
    return node;
  }

  private parseString(): Expression {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    let chunkStart = i;
    for (;;) {
      if (i >= t.length) throw new ExpressionError(msg('stringUnclosed'), start, t.length);
      const c = t.charCodeAt(i);
      if (c === CH_QUOTE) break;
      if (c === CH_BACKSLASH) {
        const next = t.charCodeAt(i + 1);
        if (next !== CH_QUOTE && next !== CH_BACKSLASH) {
          // Decision: only \" and \\ are defined; every regex in the docs doubles its backslashes.
          throw new ExpressionError(
            i + 1 < t.length ? msg('unknownEscape', `\\${t[i + 1]}`) : msg('unknownEscapeAtEnd'),
            i,
            Math.min(i + 2, t.length),
          );
        }
        value += t.slice(chunkStart, i) + t[i + 1];
        i += 2;
        chunkStart = i;
        continue;
      }
      i++;
    }
    value += t.slice(chunkStart, i);
    this.pos = i + 1;
    const node: Expression = { kind: 'string', value };
    setSpan(node, start, this.pos);
    return node;
  }

  private parseNumber(): Expression {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (t.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(t.charCodeAt(i))) throw new ExpressionError(msg('digitsAfterMinus'), start, Math.min(i + 1, t.length));
    while (isDigit(t.charCodeAt(i))) i++;
    const next = t.charCodeAt(i);
    if (next === 0x2e /* . */ && isDigit(t.charCodeAt(i + 1))) {
      // Decision: only integers appear in the docs and there is no arithmetic; reject decimals.
      throw new ExpressionError(msg('wholeNumbersOnly'), i, i + 1);
    }
    if (isLetter(next) || next === 0x5f) throw new ExpressionError(msg('unexpectedInNumber', describeChar(t, i)), i, i + 1);
    this.pos = i;
    const node: Expression = { kind: 'number', text: t.slice(start, i) };
    setSpan(node, start, i);
    return node;
  }

  private parseHex(): Expression {
    const t = this.text;
    const start = this.pos;
    const h = t[start + 1];
    if (h !== 'H' && h !== 'h') {
      throw new ExpressionError(msg('ampersand'), start, start + 1);
    }
    let i = start + 2;
    while (isHexDigit(t.charCodeAt(i))) i++;
    if (i === start + 2) throw new ExpressionError(msg('hexDigitsMissing'), start, i);
    if (isLetter(t.charCodeAt(i)) || isDigit(t.charCodeAt(i))) throw new ExpressionError(msg('unexpectedInHex', describeChar(t, i)), i, i + 1);
    this.pos = i;
    // Decision: the case of &H and of the digits is unspecified; accept both, store upper case.
    const node: Expression = { kind: 'number', text: '&H' + t.slice(start + 2, i).toUpperCase() };
    setSpan(node, start, i);
    return node;
  }

  private parseNameOrCall(): Expression {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (isLetter(c) || isDigit(c) || c === 0x5f) i++;
      else break;
    }
    const word = t.slice(start, i);
    this.pos = i;
    this.skipSpace();
    if (t[this.pos] === '(') return this.parseCall(word, start);
    this.pos = i;
    const enumName = ENUM_CONSTANTS.get(word.toLowerCase());
    if (enumName) {
      const node: Expression = { kind: 'enum', name: enumName };
      setSpan(node, start, i);
      return node;
    }
    const fn = describeFunction(word);
    if (fn) throw new ExpressionError(msg('functionWithoutParentheses', fn.name), start, i);
    throw new ExpressionError(
      msg('unknownName', word),
      start,
      i,
    );
  }

  private parseCall(word: string, start: number): Expression {
    const t = this.text;
    const description = describeFunction(word);
    if (!description) throw new ExpressionError(unknownFunctionMessage(word), start, start + word.length);
    if (++this.depth > MAX_DEPTH) throw new ExpressionError(msg('callsNestedTooDeep', MAX_DEPTH), start);
    const open = this.pos;
    this.pos++; // (
    const args: (Expression | null)[] = [];
    const slotOffsets: number[] = [];
    this.skipSpace();
    if (t[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        slotOffsets.push(this.pos);
        const c = t[this.pos];
        if (c === ',' || c === ')') args.push(null);
        else if (this.pos >= t.length) throw this.unclosed(description, open, args.length);
        else args.push(this.parseComparison());
        this.skipSpace();
        const sep = t[this.pos];
        if (sep === ',') {
          this.pos++;
          continue;
        }
        if (sep === ')') {
          this.pos++;
          break;
        }
        if (this.pos >= t.length) throw this.unclosed(description, open, args.length);
        throw new ExpressionError(msg('expectedCommaOrParen', args.length, description.name), this.pos, this.pos + 1);
      }
    }
    this.depth--;
    const normalized = checkCallArguments(description, args, slotOffsets, start);
    const node: CallExpression = { kind: 'call', name: description.name, args: normalized };
    setSpan(node, start, this.pos);
    return node;
  }

  private unclosed(description: FunctionDescription, open: number, argCount: number): ExpressionError {
    const message = argCount > 0 ? msg('callUnclosedAfter', argCount, description.name) : msg('callUnclosed', description.name);
    return new ExpressionError(message, open, this.text.length);
  }
}

function unknownFunctionMessage(word: string): ExpressionMessage {
  const lower = word.toLowerCase();
  // Suggest only close spellings: one edit for short names, a third of the length for long ones.
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  let best: string | undefined;
  for (const d of functionDescriptions) {
    const distance = editDistance(lower, d.name.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = d.name;
    }
  }
  return best ? msg('unknownFunctionSuggestion', word, best) : msg('unknownFunction', word);
}

/** Optimal-string-alignment distance (a swap of neighbours counts as one edit). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}


/** "Join needs at least 2 arguments, got 1: …" in its singular, plural and legacy forms. */
function needsMessage(d: FunctionDescription, count: number, atLeast: boolean, got: number): ExpressionMessage {
  if (d.name === 'FormatDateTime') return msg(atLeast ? 'needsAtLeastArgumentsLegacy' : 'needsArgumentsLegacy', d.name, count, got, d.signature);
  if (count === 1) return msg(atLeast ? 'needsAtLeastArgumentsOne' : 'needsArgumentsOne', d.name, got, d.signature);
  return msg(atLeast ? 'needsAtLeastArguments' : 'needsArguments', d.name, count, got, d.signature);
}

/**
 * Checks the argument slots against the declared signature and returns them in canonical shape
 * (legacy forms rewritten, trailing empty slots dropped) so that formatting and Graph trees are stable.
 */
export function checkCallArguments(d: FunctionDescription, given: (Expression | null)[], slotOffsets: number[], nameAt: number): (Expression | null)[] {
  let args = given;
  let offsets = slotOffsets;
  if (d.name === 'FormatDateTime' && args.length === 3) {
    // Decision: three arguments are the legacy FormatDateTime(source, inputFormat, outputFormat)
    // that Graph's function schema still lists; store it in the current four-slot shape.
    args = [args[0], null, args[1], args[2]];
    offsets = [offsets[0], offsets[1], offsets[1], offsets[2]];
  }
  const fixed = d.parameters;
  const group = d.repeating;
  const n = args.length;
  const requiredFixed = fixed.reduce((last, param, i) => (param.required ? i + 1 : last), 0);
  if (!group) {
    if (n > fixed.length) {
      const message = fixed.length === 1 ? msg('tooManyArgumentsOne', d.name, n) : msg('tooManyArguments', d.name, fixed.length, n);
      throw new ExpressionError(message, slotOffsets[fixed.length] ?? nameAt, undefined);
    }
    if (n < requiredFixed) {
      throw new ExpressionError(needsMessage(d, requiredFixed, requiredFixed !== fixed.length, n), nameAt, nameAt + d.name.length);
    }
  } else {
    const minimum = fixed.length + group.parameters.length * group.min;
    if (n < minimum) {
      throw new ExpressionError(needsMessage(d, minimum, true, n), nameAt, nameAt + d.name.length);
    }
    if ((n - fixed.length) % group.parameters.length !== 0) {
      throw new ExpressionError(msg(d.name === 'Switch' ? 'switchKeyWithoutValue' : 'argumentsMissing', d.name), slotOffsets[n - 1] ?? nameAt);
    }
  }
  for (let i = 0; i < n; i++) {
    const param = parameterAt(d, i);
    if (args[i] === null && param?.required) {
      throw new ExpressionError(msg('argumentEmpty', i + 1, param.name, d.name), offsets[i] ?? nameAt);
    }
  }
  if (d.name === 'Replace') checkReplaceMode(args, nameAt);
  let end = args.length;
  while (end > 0 && args[end - 1] === null) end--;
  return end === args.length ? args : args.slice(0, end);
}

/**
 * Replace's behaviour is chosen by which slots are filled (Microsoft's Replace reference, modes 1–5); a combination
 * that matches no documented mode is rejected here rather than guessed at evaluation time.
 */
function checkReplaceMode(args: (Expression | null)[], nameAt: number): void {
  const has = (i: number): boolean => args[i] !== undefined && args[i] !== null;
  const problem = (message: ExpressionMessage): ExpressionError => new ExpressionError(message, nameAt, nameAt + 'Replace'.length);
  const oldValue = has(1);
  const pattern = has(2);
  const group = has(3);
  const replacement = has(4);
  const attribute = has(5);
  const template = has(6);
  if (oldValue && pattern) throw problem(msg('replaceBothModes'));
  if (oldValue) {
    if (group || attribute) throw problem(msg('replaceGroupNeedsPattern'));
    if (replacement === template) throw problem(msg('replaceOldValueNeedsOne'));
    return;
  }
  if (pattern) {
    if (template) throw problem(msg('replaceTemplateNeedsOldValue'));
    if (attribute) {
      if (!group || replacement) throw problem(msg('replaceAttributeNeedsGroup'));
      return;
    }
    if (!replacement) throw problem(msg('replacePatternNeedsReplacement'));
    return;
  }
  throw problem(msg('replaceNoMode'));
}
