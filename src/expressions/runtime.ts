/**
 * What compiled expressions run with: the evaluation environment, the shape of a compiled node, and
 * the coercions every function shares (text, integers, truth values, element-wise application).
 */
import type { CallExpression } from './ast';
import type { DateTime } from './dateTime';
import { dateFromText, fromJsDate, isDateTime } from './dateTime';
import { ExpressionError } from './errors';
import type { ExpressionWarning } from './errors';
import { warning } from './errors';
import type { ExpressionMessage } from './messages';
import { msg } from './messages';
import type { SourceObject, Value } from './values';
import { booleanText, isList, listItems, ObjectList, scalarText } from './values';

/** Options of one evaluation. */
export interface EvaluateOptions {
  /** Clock for Now() (default: the current time). */
  now?: Date;
  /** Random source in [0, 1) for Guid() and RandomString() (default: crypto.getRandomValues). */
  random?: () => number;
  /**
   * Values that already exist in the target directory, for SelectUniqueValue (default: none exist,
   * so the first rule wins).
   */
  isTaken?: (value: string) => boolean;
  /** The tenant's default domain, for DefaultDomain(). */
  defaultDomain?: string;
  /** Raise an error instead of returning null where the service's behaviour is documented as unreliable (IIF with null attributes). */
  strict?: boolean;
  /** Receives remarks such as "IIF saw a null attribute; nothing flows". */
  onWarning?: (warning: ExpressionWarning) => void;
}

/** The environment a compiled expression reads; one per evaluation call. */
export interface EvalEnv {
  now(): DateTime;
  random(): number;
  readonly options: EvaluateOptions;
  warn(offset: number, message: ExpressionMessage): void;
}

/** A compiled node: computes its value for one source object. */
export type Thunk = (source: SourceObject, env: EvalEnv) => Value;

/** Everything a function implementation needs at compile time. */
export interface CallSite {
  readonly call: CallExpression;
  /** Offset of the call in the parsed text (0 for trees without positions). */
  readonly offset: number;
  /** Compiled arguments, `undefined` for empty slots. */
  readonly args: readonly (Thunk | undefined)[];
  /** Values of literal arguments (strings, numbers, enums), known before any evaluation. */
  readonly constants: readonly (Value | undefined)[];
  /** Names of all attributes referenced anywhere inside the call. */
  readonly attributes: readonly string[];
}

/** Compiles one call (given its site) into a thunk. */
export type Implementation = (site: CallSite) => Thunk;

function cryptoRandom(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (c?.getRandomValues) {
    const a = new Uint32Array(2);
    c.getRandomValues(a);
    return (a[0] * 2 ** 21 + (a[1] >>> 11)) / 2 ** 53;
  }
  return Math.random();
}

const noWarnings = (): void => undefined;

/**
 * Builds an evaluation environment. With `perCall` (one environment per evaluation) the clock is read at
 * most once, so every Now() of one evaluation agrees; a shared environment reads it on each call.
 */
export function makeEnv(options: EvaluateOptions, perCall = true): EvalEnv {
  let now: DateTime | undefined;
  const onWarning = options.onWarning;
  const readClock = (): DateTime => fromJsDate(options.now ?? new Date());
  return {
    now: perCall ? () => (now ??= readClock()) : readClock,
    random: options.random ?? cryptoRandom,
    options,
    warn: onWarning ? (offset, message): void => onWarning(warning(offset, message)) : noWarnings,
  };
}

/** Throws an ExpressionError located at a call; the message's {0} is the function's name. */
export function fail(site: CallSite, message: ExpressionMessage): never {
  throw new ExpressionError(message, site.offset);
}

/** Text of a single (non-list) value; lists are an error naming the argument. */
export function textOf(site: CallSite, v: Exclude<Value, null>, index: number): string {
  const text = scalarText(v);
  if (text === undefined) fail(site, msg('argumentNotSingle', site.call.name, index + 1));
  return text;
}

/** Text of an optional argument value; null stays undefined. */
export function optionalText(site: CallSite, v: Value, index: number): string | undefined {
  return v === null ? undefined : textOf(site, v, index);
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const HEX = /^&H([0-9A-F]+)$/i;

/** Parses an integer value (decimal text or VB hex); BigInt so 64-bit AD values stay exact. */
export function bigIntOf(site: CallSite, v: Value, index: number): bigint {
  if (v === null) fail(site, msg('argumentNullNotNumber', site.call.name, index + 1));
  const text = textOf(site, v, index);
  const hex = HEX.exec(text);
  if (hex) return BigInt('0x' + hex[1]);
  if (!INTEGER.test(text)) fail(site, msg('argumentNotWholeNumber', site.call.name, index + 1, text));
  return BigInt(text.trim());
}

/** Parses a whole number that fits a JS number (positions, lengths, counts). */
export function intOf(site: CallSite, v: Value, index: number): number {
  const n = bigIntOf(site, v, index);
  if (n > 2_147_483_647n || n < -2_147_483_648n) fail(site, msg('argumentTooLarge', site.call.name, index + 1));
  return Number(n);
}

/**
 * Truth value of a condition. Decision: Booleans are themselves, "True"/"False" in any case
 * are that value, numbers are true when not zero, null is false; any other text is an error.
 */
export function truthOf(site: CallSite, v: Value, index: number): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  const text = textOf(site, v, index);
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (INTEGER.test(text) || /^\s*[+-]?\d*\.\d+\s*$/.test(text)) return Number(text) !== 0;
  fail(site, msg('argumentNotTruthValue', site.call.name, index + 1, text));
}

/** A DateTime from a DateTime value or date text. Decision: strings are read with CDate's rules. */
export function dateOf(site: CallSite, v: Exclude<Value, null>, index: number): DateTime {
  if (isDateTime(v)) return v;
  return dateFromText(textOf(site, v, index), site.offset);
}

/**
 * Applies a text function to a value. Decision: a multi-valued input is processed value
 * by value and gives a multi-valued result; null results are left out.
 */
export function mapText(v: Exclude<Value, null>, f: (text: string) => Value): Value {
  if (!isList(v)) {
    const text = scalarText(v);
    return f(text as string);
  }
  const out: string[] = [];
  for (const item of listItems(v)) appendValue(out, f(item));
  return out.length === 0 ? null : out;
}

/** Adds a value's text(s) to a list; null adds nothing. */
function appendValue(out: string[], v: Value): void {
  if (v === null) return;
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'boolean') out.push(booleanText(v));
  else if (Array.isArray(v)) out.push(...v);
  else if (v instanceof ObjectList) out.push(...listItems(v));
  else out.push(scalarText(v) as string);
}

/** Items of a value seen as a list: null → none, a single value → one item. */
export function itemsOf(v: Value): readonly string[] {
  if (v === null) return [];
  if (isList(v)) return listItems(v);
  return [scalarText(v) as string];
}
