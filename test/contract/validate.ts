// Validates JSON values against the Graph v1.0 metadata (csdl.ts) as OData's JSON format writes
// them, with the documented departures from the metadata (metadataExceptions.ts) and nothing else.
import type { CsdlEnumType, CsdlModel, CsdlProperty, CsdlStructuredType } from './csdl';
import { graphMetadata } from './csdl';
import type { MetadataException } from './metadataExceptions';
import { METADATA_EXCEPTIONS } from './metadataExceptions';

/** One way a value departs from its type; `path` is JSONPath-like (`$.value[2].status.code`). */
export interface Violation {
  readonly path: string;
  readonly message: string;
}

/** Which non-nullable properties must be present. */
export interface ValidateOptions {
  /**
   * For the top-level object: `'all'` when Graph returns the whole object (synchronization
   * resources, logs); `'none'` for a default property set or a request body that sends only what it
   * sets; a list of names for a `$select`: exactly those, each present (null or not), no others.
   * Default `'all'`.
   */
  readonly required?: 'all' | 'none' | readonly string[];
  /** Whether values below the top level must carry all their non-nullable properties (default true). */
  readonly nestedRequired?: boolean;
  /**
   * Types (with the types derived from them) that Graph returns as a default property set
   * wherever they appear, so that their non-nullable properties need not all be present.
   */
  readonly defaultPropertySets?: readonly string[];
}

/** Where the validator is in a value, and what it requires there. */
interface Context {
  readonly required: 'all' | 'none' | readonly string[];
  readonly nested: boolean;
  readonly partial: ReadonlySet<string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
// Edm.Duration is xs:dayTimeDuration: days, hours, minutes, seconds; no years or months.
const DURATION = /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
// OData writes Edm.Binary as base64url; Graph's examples also use standard base64.
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;
const INT_RANGES: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255], 'Edm.SByte': [-128, 127], 'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647], 'Edm.Int64': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 60)}...` : v}"` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`);

/** A validator bound to a model and its exceptions. */
export class ShapeValidator {
  private readonly extra = new Map<string, Map<string, string>>();
  private readonly optional = new Set<string>();
  private readonly inline = new Set<string>();
  private readonly spacedFlags = new Set<string>();
  private readonly dynamicNames = new Map<string, RegExp>();

  constructor(private readonly model: CsdlModel, exceptions: readonly MetadataException[]) {
    for (const e of exceptions) {
      const known = e.kind === 'spacedFlags' ? e.enumType : e.type;
      if (!model.types.has(known)) throw new Error(`metadata exception names an unknown type '${known}'`);
      if (e.kind === 'extraProperty') {
        if (!this.extra.has(e.type)) this.extra.set(e.type, new Map());
        this.extra.get(e.type)!.set(e.property, e.propertyType);
      } else if (e.kind === 'optionalProperty') this.optional.add(`${e.type}.${e.property}`);
      else if (e.kind === 'inlineNavigation') this.inline.add(`${e.type}.${e.property}`);
      else if (e.kind === 'spacedFlags') this.spacedFlags.add(e.enumType);
      else this.dynamicNames.set(e.type, e.pattern);
    }
  }

  /** Violations of `value` against `type` (`Edm.X`, a type name, or `Collection(...)`). */
  validate(value: unknown, type: string, options: ValidateOptions = {}): Violation[] {
    const out: Violation[] = [];
    this.value(value, type, false, '$', out, context(options));
    return out;
  }

  /**
   * Violations of a collection response (`{"value": [...]}` with OData annotations such as
   * `@odata.context` and `@odata.nextLink`); `options` apply to each item.
   */
  validateCollection(body: unknown, itemType: string, options: ValidateOptions = {}): Violation[] {
    const out: Violation[] = [];
    if (!isObject(body)) return [{ path: '$', message: `expected a collection response object, got ${describe(body)}` }];
    for (const key of Object.keys(body)) if (key !== 'value' && !key.includes('@')) out.push({ path: `$.${key}`, message: `'${key}' is not part of a collection response` });
    if (!Array.isArray(body.value)) {
      out.push({ path: '$.value', message: `expected an array, got ${describe(body.value)}` });
      return out;
    }
    body.value.forEach((item, i) => this.value(item, itemType, false, `$.value[${i}]`, out, context(options)));
    return out;
  }

  /** The structured type `name`, or throws: a misspelled type in a test is the test's bug. */
  structuredType(name: string): CsdlStructuredType {
    const t = this.model.types.get(name);
    if (!t || t.kind === 'enum') throw new Error(`'${name}' is not an entity or complex type of the metadata`);
    return t;
  }

  private value(v: unknown, type: string, nullable: boolean, path: string, out: Violation[], ctx: Context): void {
    const collection = /^Collection\((.+)\)$/.exec(type);
    if (v === null) {
      if (!nullable) out.push({ path, message: `null where ${type} is not nullable` });
      return;
    }
    if (collection) {
      if (!Array.isArray(v)) {
        out.push({ path, message: `expected an array (${type}), got ${describe(v)}` });
        return;
      }
      // In CSDL a collection property's Nullable is about its items.
      v.forEach((item, i) => this.value(item, collection[1], nullable, `${path}[${i}]`, out, below(ctx)));
      return;
    }
    if (type.startsWith('Edm.')) {
      const problem = primitiveProblem(v, type);
      if (problem) out.push({ path, message: problem });
      return;
    }
    const t = this.model.types.get(type);
    if (!t) {
      out.push({ path, message: `type '${type}' is not in the metadata subset` });
      return;
    }
    if (t.kind === 'enum') this.enumValue(v, t, path, out);
    else this.structured(v, t, path, out, ctx);
  }

  private enumValue(v: unknown, t: CsdlEnumType, path: string, out: Violation[]): void {
    if (typeof v !== 'string') {
      out.push({ path, message: `expected a ${t.name} member name (string), got ${describe(v)}` });
      return;
    }
    const parts = t.isFlags ? v.split(',') : [v];
    for (const raw of parts) {
      const name = raw.trim();
      if (raw !== name && !this.spacedFlags.has(t.name)) out.push({ path, message: `${t.name} members are separated by "," without spaces, got "${v}"` });
      if (!t.members.has(name)) out.push({ path, message: `"${name}" is not a member of ${t.name} (${[...t.members].join(', ')})` });
    }
  }

  private structured(v: unknown, declared: CsdlStructuredType, path: string, out: Violation[], ctx: Context): void {
    if (!isObject(v)) {
      out.push({ path, message: `expected a ${declared.name} object, got ${describe(v)}` });
      return;
    }
    let t = declared;
    const odataType = v['@odata.type'];
    if (odataType !== undefined) {
      const name = typeof odataType === 'string' ? odataType.replace(/^#/, '').replace(new RegExp(`^${this.model.namespace.replace(/\./g, '\\.')}\\.`), '') : '';
      const actual = this.model.types.get(name);
      if (!actual || actual.kind === 'enum') {
        out.push({ path: `${path}.@odata.type`, message: `${describe(odataType)} is not a type of the metadata` });
        return;
      }
      if (!this.chain(actual).includes(declared)) {
        out.push({ path: `${path}.@odata.type`, message: `${actual.name} does not derive from ${declared.name}` });
        return;
      }
      t = actual;
    }
    if (t.abstract && odataType === undefined && t.kind === 'complex') out.push({ path, message: `${t.name} is abstract: the value needs an @odata.type naming a derived type` });

    const properties = this.properties(t);
    const extra = new Map<string, string>();
    for (const c of this.chain(t)) for (const [k, pt] of this.extra.get(c.name) ?? []) extra.set(k, pt);
    const open = this.chain(t).some((c) => c.openType);
    const dynamic = this.chain(t).map((c) => this.dynamicNames.get(c.name)).find(Boolean);
    const selected = Array.isArray(ctx.required) ? new Set(ctx.required) : undefined;
    const inner = below(ctx);

    for (const [key, propertyValue] of Object.entries(v)) {
      // A value built in memory may hold `undefined`, which JSON leaves out: it is absent.
      if (propertyValue === undefined) continue;
      const at = `${path}.${key}`;
      if (key.includes('@')) continue; // OData annotations (@odata.context, name@odata.type, ...)
      if (selected && !selected.has(key)) out.push({ path: at, message: `'${key}' was not in $select` });
      const p = properties.get(key);
      if (p && !p.navigation) {
        this.value(propertyValue, p.type, p.nullable, at, out, inner);
      } else if (p && this.inlineAllowed(t, key)) {
        this.value(propertyValue, p.type, true, at, out, inner);
      } else if (p) {
        out.push({ path: at, message: `'${key}' is a navigation property of ${t.name}: Graph returns it only when expanded` });
      } else if (extra.has(key)) {
        this.value(propertyValue, extra.get(key)!, true, at, out, inner);
      } else if (!open || (dynamic && !dynamic.test(key))) {
        out.push({ path: at, message: `'${key}' is not a property of ${t.name}` });
      }
    }

    if (selected) {
      for (const name of selected) if (v[name] === undefined) out.push({ path: `${path}.${name}`, message: `'${name}' was selected but is missing` });
    } else if (ctx.required === 'all' && !this.chain(t).some((c) => ctx.partial.has(c.name))) {
      for (const p of properties.values()) {
        if (p.navigation || p.nullable || v[p.name] !== undefined) continue;
        if (this.chain(t).some((c) => this.optional.has(`${c.name}.${p.name}`))) continue;
        out.push({ path: `${path}.${p.name}`, message: `non-nullable ${t.name}.${p.name} (${p.type}) is missing` });
      }
    }
  }

  private inlineAllowed(t: CsdlStructuredType, key: string): boolean {
    return this.chain(t).some((c) => this.inline.has(`${c.name}.${key}`));
  }

  /** The type and its base types, most derived first. */
  private chain(t: CsdlStructuredType): CsdlStructuredType[] {
    const out: CsdlStructuredType[] = [];
    for (let c: CsdlStructuredType | undefined = t; c; c = c.baseType ? this.structuredType(c.baseType) : undefined) out.push(c);
    return out;
  }

  /** Declared properties including inherited ones (a derived type's declaration wins). */
  private properties(t: CsdlStructuredType): Map<string, CsdlProperty> {
    const out = new Map<string, CsdlProperty>();
    for (const c of this.chain(t).reverse()) for (const [k, p] of c.properties) out.set(k, p);
    return out;
  }
}

function context(options: ValidateOptions): Context {
  return { required: options.required ?? 'all', nested: options.nestedRequired ?? true, partial: new Set(options.defaultPropertySets ?? []) };
}

/** The context one level down: nested values are whole unless the options said otherwise. */
function below(ctx: Context): Context {
  return { ...ctx, required: ctx.nested ? 'all' : 'none' };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why `v` is not a JSON value of the primitive type, or undefined. */
export function primitiveProblem(v: unknown, type: string): string | undefined {
  const expect = (what: string) => `expected ${what} (${type}), got ${describe(v)}`;
  switch (type) {
    case 'Edm.String':
      return typeof v === 'string' ? undefined : expect('a string');
    case 'Edm.Boolean':
      return typeof v === 'boolean' ? undefined : expect('true or false');
    case 'Edm.Byte': case 'Edm.SByte': case 'Edm.Int16': case 'Edm.Int32': case 'Edm.Int64': {
      const [min, max] = INT_RANGES[type];
      return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : expect('an integer in range');
    }
    case 'Edm.Double': case 'Edm.Single': case 'Edm.Decimal':
      return typeof v === 'number' || v === 'INF' || v === '-INF' || v === 'NaN' ? undefined : expect('a number');
    case 'Edm.Guid':
      return typeof v === 'string' && GUID.test(v) ? undefined : expect('a GUID');
    case 'Edm.DateTimeOffset': {
      const m = typeof v === 'string' ? DATE_TIME_OFFSET.exec(v) : null;
      if (!m) return expect('an ISO 8601 date-time with Z or an offset');
      const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[7] ?? '0'].map(Number);
      return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 ? undefined : expect('a valid date-time');
    }
    case 'Edm.Date':
      return typeof v === 'string' && DATE.test(v) ? undefined : expect('a date YYYY-MM-DD');
    case 'Edm.TimeOfDay':
      return typeof v === 'string' && TIME_OF_DAY.test(v) ? undefined : expect('a time of day');
    case 'Edm.Duration':
      return typeof v === 'string' && DURATION.test(v) ? undefined : expect('an ISO 8601 day-time duration such as PT40M');
    case 'Edm.Binary':
      return typeof v === 'string' && BASE64.test(v) ? undefined : expect('base64');
    case 'Edm.Stream':
      return `a stream property is not part of the object's JSON (${type})`;
    case 'Edm.Untyped': case 'Edm.PrimitiveType':
      return undefined;
    default:
      return `primitive type ${type} is not handled by the validator`;
  }
}

let shared: ShapeValidator | undefined;

/** The validator for the Graph v1.0 metadata subset and the documented exceptions. */
export function graphShapes(): ShapeValidator {
  shared ??= new ShapeValidator(graphMetadata(), METADATA_EXCEPTIONS);
  return shared;
}

/** Formats violations one per line, for assertion messages. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `  ${v.path}: ${v.message}`).join('\n');
}
