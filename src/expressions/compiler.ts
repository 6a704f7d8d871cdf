/**
 * Turns a syntax tree into nested closures once, so that evaluating a mapping for many users costs
 * only the closures' work (no tree walk, no re-parsing, regexes compiled once).
 */
import type { ComparisonOperator, Expression } from './ast';
import { spanOf } from './ast';
import type { DateTime } from './dateTime';
import { isDateTime, parseDateText, partsToDateTime } from './dateTime';
import { ExpressionError } from './errors';
import type { ExpressionMessage } from './messages';
import { msg } from './messages';
import { describeFunction } from './functionCatalog';
import { implementations } from './functions/registry';
import { checkCallArguments } from './parser';
import type { CallSite, Thunk } from './runtime';
import type { Value } from './values';
import { booleanText, isList, readAttribute, scalarText } from './values';

// Deeper than anything the parser produces; guards trees that arrive as JSON.
const MAX_COMPILE_DEPTH = 200;

const cache = new WeakMap<Expression, Thunk>();

/** The compiled form of a tree (cached per tree object). */
export function compileTree(expression: Expression): Thunk {
  let thunk = cache.get(expression);
  if (!thunk) {
    thunk = compileNode(expression, 0);
    cache.set(expression, thunk);
  }
  return thunk;
}

function offsetOf(node: Expression): number {
  return spanOf(node)?.start ?? 0;
}

/** Decimal text of a number literal (VB hex literals are converted; read as unsigned). */
export function numberLiteralValue(text: string): string {
  return text.startsWith('&H') ? BigInt('0x' + text.slice(2)).toString() : text.startsWith('-0') && /^-0+$/.test(text) ? '0' : text;
}

/** The value of a literal node, or undefined for nodes that need a source object. */
function literalValue(node: Expression | null): Value | undefined {
  if (!node) return undefined;
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return numberLiteralValue(node.text);
  if (node.kind === 'enum') return node.name;
  return undefined;
}

function collectAttributes(node: Expression | null, into: Set<string>): void {
  if (!node) return;
  if (node.kind === 'attribute') into.add(node.name);
  else if (node.kind === 'comparison') {
    collectAttributes(node.left, into);
    collectAttributes(node.right, into);
  } else if (node.kind === 'call') for (const a of node.args) collectAttributes(a, into);
}

function badTree(message: ExpressionMessage): ExpressionError {
  return new ExpressionError(message, 0);
}

function compileNode(node: Expression, depth: number): Thunk {
  if (depth > MAX_COMPILE_DEPTH) throw new ExpressionError(msg('expressionNestedTooDeep', MAX_COMPILE_DEPTH), offsetOf(node));
  if (typeof node !== 'object' || node === null) throw badTree(msg('treeNotObject'));
  switch (node.kind) {
    case 'attribute': {
      const name = node.name;
      if (typeof name !== 'string' || name === '') throw badTree(msg('treeAttributeNoName'));
      return (src) => readAttribute(src, name);
    }
    case 'string':
    case 'number':
    case 'enum': {
      if (node.kind === 'string' && typeof node.value !== 'string') throw badTree(msg('treeStringNoValue'));
      if (node.kind === 'number' && !/^(?:-?\d+|&H[0-9A-F]+)$/.test(String(node.text))) throw badTree(msg('treeNumberNotNumber'));
      if (node.kind === 'enum' && typeof node.name !== 'string') throw badTree(msg('treeEnumNoName'));
      const value = literalValue(node) as Value;
      return () => value;
    }
    case 'comparison': {
      const left = compileNode(node.left, depth + 1);
      const right = compileNode(node.right, depth + 1);
      const operator = node.operator;
      const offset = offsetOf(node);
      if (!['=', '<>', '>', '>=', '<', '<='].includes(operator)) throw badTree(msg('treeUnknownOperator', String(operator)));
      return (src, env) => compareValues(left(src, env), right(src, env), operator, offset);
    }
    case 'call': {
      const description = typeof node.name === 'string' ? describeFunction(node.name) : undefined;
      const implementation = description && implementations.get(description.name);
      if (!description || !implementation) throw new ExpressionError(msg('unknownFunction', String(node.name)), offsetOf(node));
      if (!Array.isArray(node.args)) throw badTree(msg('treeNoArgumentList', description.name));
      const args = checkCallArguments(description, node.args.map((a) => a ?? null), [], offsetOf(node));
      // Implementations see every declared slot; trailing empty ones were dropped from the tree.
      const slots = args.length < description.parameters.length ? [...args, ...new Array<null>(description.parameters.length - args.length).fill(null)] : args;
      const attributes = new Set<string>();
      collectAttributes(node, attributes);
      const site: CallSite = {
        call: { kind: 'call', name: description.name, args },
        offset: offsetOf(node),
        args: slots.map((a) => (a ? compileNode(a, depth + 1) : undefined)),
        constants: slots.map(literalValue),
        attributes: [...attributes],
      };
      return implementation(site);
    }
    default:
      throw badTree(msg('treeUnknownKind', String((node as { kind?: unknown }).kind)));
  }
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function asDate(v: Value): DateTime | undefined {
  if (isDateTime(v)) return v;
  if (typeof v !== 'string') return undefined;
  const parts = parseDateText(v);
  return parts ? partsToDateTime(parts) : undefined;
}

/**
 * Evaluates `left op right` (as IIF does). Decisions: null compares as ""; two numbers compare
 * numerically (the DateDiff example); a DateTime compares by time with a DateTime or date text;
 * everything else compares as ordinal, case-sensitive text like Switch.
 */
export function compareValues(left: Value, right: Value, operator: ComparisonOperator, offset: number): boolean {
  if (isList(left) || isList(right)) {
    throw new ExpressionError(msg('multiValuedComparison'), offset);
  }
  let order: number;
  const da = isDateTime(left) || isDateTime(right) ? asDate(left) : undefined;
  const db = da ? asDate(right) : undefined;
  if (da && db) {
    order = Math.sign(da.ms - db.ms || da.subTicks - db.subTicks);
  } else {
    const a = left === null ? '' : typeof left === 'boolean' ? booleanText(left) : (scalarText(left) as string);
    const b = right === null ? '' : typeof right === 'boolean' ? booleanText(right) : (scalarText(right) as string);
    if (INTEGER.test(a) && INTEGER.test(b)) {
      const x = BigInt(a);
      const y = BigInt(b);
      order = x < y ? -1 : x > y ? 1 : 0;
    } else if (DECIMAL.test(a) && DECIMAL.test(b)) {
      order = Math.sign(Number(a) - Number(b));
    } else {
      order = a < b ? -1 : a > b ? 1 : 0;
    }
  }
  switch (operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
  }
}
