/**
 * The value model of the evaluator: what attribute values become inside the engine and
 * how results are rendered as the service's strings.
 */
import { formatDateTimeText } from './dateTime';
import type { DateTime } from './dateTime';
import { isDateTime } from './dateTime';

/** Attribute values of a sample object; a missing key means the attribute is null. */
export type SourceValue = string | readonly string[] | boolean | number | readonly object[];

/** A sample source object: attribute name → value. */
export type SourceObject = Readonly<Record<string, SourceValue | null | undefined>>;

/** What an evaluation yields: a string, a multi-valued list, or null ("nothing flows"). */
export type EvaluationResult = string | string[] | null;

/**
 * A list whose items are objects (app role assignments, role objects produced for SCIM). Kept apart
 * from string lists so that role functions can read the objects' fields.
 */
export class ObjectList {
  constructor(readonly items: readonly (object | string)[]) {}
}

/**
 * A value inside the engine. Numbers are carried as their decimal text (the language has no arithmetic
 * and numbers render as decimal strings anyway); Booleans stay booleans until rendered.
 */
export type Value = null | string | boolean | DateTime | readonly string[] | ObjectList;

/** Text form of a Boolean (VB/.NET style). */
export function booleanText(b: boolean): string {
  return b ? 'True' : 'False';
}

/**
 * Reads one attribute of the source object into the value model.
 * Decision: string values "true"/"false" in any case are read as Booleans, because Graph's test
 * input passes "false" for Boolean attributes such as IsSoftDeleted; they render as True/False.
 * Decision: an empty array is an attribute with no values, i.e. null.
 * Decision: attribute names match exactly (case-sensitive), as documented for directory
 * extensions; a case-insensitive fallback would scan the keys for every absent attribute.
 */
export function readAttribute(source: SourceObject, name: string): Value {
  // Own properties only: `[constructor]` must not find Object.prototype.constructor.
  const raw = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
  if (typeof raw === 'string') {
    // Cheap pre-check (length and first letter) keeps the common case free of allocations.
    const n = raw.length;
    const first = raw.charCodeAt(0) | 0x20;
    if ((n === 4 && first === 0x74) || (n === 5 && first === 0x66)) {
      const lower = raw.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
    }
    return raw;
  }
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return numberText(raw);
  if (Array.isArray(raw)) return readList(raw as readonly unknown[]);
  return null;
}

function readList(raw: readonly unknown[]): Value {
  if (raw.length === 0) return null;
  let allStrings = true;
  let anyObject = false;
  for (const item of raw) {
    if (typeof item !== 'string') allStrings = false;
    if (typeof item === 'object' && item !== null) anyObject = true;
  }
  if (allStrings) return raw as readonly string[];
  if (anyObject) return new ObjectList(raw.filter((x): x is object | string => (typeof x === 'object' && x !== null) || typeof x === 'string'));
  return raw.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === 'boolean' ? booleanText(x) : typeof x === 'number' ? numberText(x) : String(x)));
}

/** Invariant decimal text of a number (no grouping, `-` for negatives). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && Number.isFinite(n)) return BigInt(n).toString();
  return String(n);
}

/** True for lists (string lists and object lists). */
export function isList(v: Value): v is readonly string[] | ObjectList {
  return Array.isArray(v) || v instanceof ObjectList;
}

/** Text of one item of an object list (a role object is shown as JSON, like the PATCH payloads). */
export function itemText(item: object | string): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}

/** The string items of any list value. */
export function listItems(v: readonly string[] | ObjectList): readonly string[] {
  return Array.isArray(v) ? v : (v as ObjectList).items.map(itemText);
}

/** Text of a single value; lists are not single values and return undefined. */
export function scalarText(v: Exclude<Value, null>): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return booleanText(v);
  if (isDateTime(v)) return formatDateTimeText(v);
  return undefined;
}

/** Renders an engine value as the service's result shape. */
export function toResult(v: Value): EvaluationResult {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return booleanText(v);
  if (Array.isArray(v)) return v.slice();
  if (v instanceof ObjectList) return v.items.map(itemText);
  return formatDateTimeText(v as DateTime);
}
