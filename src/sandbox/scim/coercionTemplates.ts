import SCIMMY from 'scimmy';

/** scimmy's attribute definitions, as far as the shape of a resource is concerned. */
type Definition = InstanceType<typeof SCIMMY.Types.SchemaDefinition>;
type AttributeDef = InstanceType<typeof SCIMMY.Types.Attribute>;
type Member = AttributeDef | Definition;

/** JSON text of scimmy's result with the positions of the plain values left open. */
interface Template {
  /** Literal JSON text around the values: `parts.length === slots.length + 1`. */
  parts: string[];
  slots: number[];
}

/** Private-use characters that bracket a placeholder; a value containing them is not treated as plain. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Placeholders of timestamps are instants of the year 1001, each a millisecond after the one before. */
const PROBE_EPOCH = Date.UTC(1001, 0, 1);
const PLACEHOLDER = /\uE000(\d+)\uE001|1001-01-01T(\d\d):(\d\d):(\d\d)\.(\d{3})Z/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Signatures remembered per template set; beyond this, new shapes take scimmy's own path. */
const MAX_TEMPLATES = 512;

function isAttribute(m: Member): m is AttributeDef {
  return m instanceof SCIMMY.Types.Attribute;
}

/** Members by lower-cased name (scimmy matches names case-insensitively), per list of members. */
const memberIndex = new WeakMap<readonly Member[], Map<string, Member>>();

function findMember(members: readonly Member[] | undefined, key: string): Member | undefined {
  if (!members) return undefined;
  let index = memberIndex.get(members);
  if (!index) {
    index = new Map();
    // The first of two members with the same lower-cased name is the one scimmy finds.
    for (const m of [...members].reverse()) index.set((isAttribute(m) ? m.name : m.id).toLowerCase(), m);
    memberIndex.set(members, index);
  }
  return index.get(key.toLowerCase());
}

/** A string scimmy only copies: a single-valued `string` attribute without canonical values, or a canonical ISO timestamp. */
function plainKind(member: Member | undefined, value: string): 'string' | 'dateTime' | undefined {
  if (!member || !isAttribute(member) || member.config.multiValued) return undefined;
  // An empty string is falsy, and scimmy tests some values for truth (the id in `meta.location`).
  if (value === '' || value.includes(OPEN) || value.includes(CLOSE) || LONE_SURROGATE.test(value)) return undefined;
  if (member.type === 'string' && !Array.isArray(member.config.canonicalValues)) return 'string';
  if (member.type === 'dateTime' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value) return 'dateTime';
  return undefined;
}

function placeholder(kind: 'string' | 'dateTime', index: number): string {
  return kind === 'string' ? `${OPEN}${index}${CLOSE}` : new Date(PROBE_EPOCH + index).toISOString();
}

/** Returned by {@link walk} for a value it cannot take apart faithfully. */
const UNFIT = Symbol('unfit');

/**
 * Walks a JSON value beside the schema's definition, collecting its shape into `sig` and its plain
 * values into `values`. With `probe`, returns a copy whose plain values are placeholders (else the
 * value itself). UNFIT for what a copy cannot reproduce as data (`__proto__` keys) or placeholders
 * could be confused with.
 */
function walk(value: unknown, member: Member | undefined, members: readonly Member[] | undefined, sig: string[], values: string[], probe: boolean): unknown {
  if (typeof value === 'string') {
    const kind = plainKind(member, value);
    if (!kind) {
      sig.push(JSON.stringify(value));
      return value;
    }
    sig.push(kind === 'string' ? '$' : '@');
    values.push(value);
    return probe ? placeholder(kind, values.length - 1) : value;
  }
  if (value === null || typeof value !== 'object') {
    sig.push(JSON.stringify(value) ?? 'undefined');
    return value;
  }
  if (Array.isArray(value)) {
    sig.push('[');
    // Items of a multi-valued complex attribute have its sub-attributes; other items are taken as they are.
    const itemMembers = member && isAttribute(member) && member.type === 'complex' ? member.subAttributes : undefined;
    const copy: unknown[] = [];
    for (const item of value) {
      const r = walk(item, undefined, itemMembers, sig, values, probe);
      if (r === UNFIT) return UNFIT;
      if (probe) copy.push(r);
    }
    sig.push(']');
    return probe ? copy : value;
  }
  sig.push('{');
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key.includes(OPEN) || key.includes(CLOSE)) return UNFIT;
    sig.push(JSON.stringify(key), ':');
    const child = findMember(members, key);
    const childMembers = child === undefined ? undefined : isAttribute(child) ? (child.type === 'complex' ? child.subAttributes : undefined) : child.attributes;
    const r = walk((value as Record<string, unknown>)[key], child, childMembers, sig, values, probe);
    if (r === UNFIT) return UNFIT;
    if (probe) copy[key] = r;
  }
  sig.push('}');
  return probe ? copy : value;
}

function compile(json: string, count: number): Template | undefined {
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of json.matchAll(PLACEHOLDER)) {
    const slot = m[1] !== undefined ? Number(m[1]) : Date.parse(m[0]) - PROBE_EPOCH;
    if (!(slot >= 0 && slot < count)) return undefined;
    parts.push(json.slice(last, m.index));
    slots.push(slot);
    last = m.index! + m[0].length;
  }
  parts.push(json.slice(last));
  return { parts, slots };
}

function fill(t: Template, values: string[]): string {
  let out = t.parts[0];
  for (let i = 0; i < t.slots.length; i++) out += JSON.stringify(values[t.slots[i]]).slice(1, -1) + t.parts[i + 1];
  return out;
}

/**
 * scimmy's validation and formatting of a resource (its Schema class), remembered per shape.
 *
 * Constructing a scimmy schema instance costs about a quarter of a millisecond (it defines accessors
 * for every attribute of User and its extension, per instance), twice per created user: that was
 * most of the SCIM app's time in a 10,000-user cycle. Resources of one kind mostly share a shape
 * (the same keys, the same booleans and type values) and differ only in plain strings, which scimmy
 * copies unchanged. So the first resource of a shape runs through scimmy twice: as it is, and as a
 * probe whose plain strings are placeholders. The probe's JSON, with the placeholders left open, is
 * the template for that shape; it is kept only if filling it with the first resource's own strings
 * gives exactly scimmy's answer for that resource. Later resources of the shape fill the template.
 * A resource that scimmy refuses, or whose shape was not kept, always goes through scimmy.
 */
export class CoercionTemplates {
  private readonly templates = new Map<string, Template | null>();

  /**
   * @param definition The schema definition the resource is walked against.
   * @param coerce scimmy's own coercion of a resource, as JSON text (throws what scimmy throws).
   */
  constructor(private readonly definition: Definition, private readonly coerce: (data: Record<string, unknown>) => string) {}

  /** JSON text of scimmy's coercion of `data`, from a template when one fits. */
  render(data: Record<string, unknown>): string {
    const sig: string[] = [];
    const values: string[] = [];
    if (walk(data, undefined, this.definition.attributes as Member[], sig, values, false) === UNFIT) return this.coerce(data);
    const key = sig.join('');
    const known = this.templates.get(key);
    if (known) return fill(known, values);
    const real = this.coerce(data);
    if (known === undefined && this.templates.size < MAX_TEMPLATES) this.templates.set(key, this.learn(data, values, real));
    return real;
  }

  /** Number of shapes remembered (with or without a template), for tests. */
  get size(): number {
    return this.templates.size;
  }

  private learn(data: Record<string, unknown>, values: string[], real: string): Template | null {
    const probe = walk(data, undefined, this.definition.attributes as Member[], [], [], true) as Record<string, unknown>;
    let template: Template | undefined;
    try {
      template = compile(this.coerce(probe), values.length);
    } catch {
      return null;
    }
    return template && fill(template, values) === real ? template : null;
  }
}
