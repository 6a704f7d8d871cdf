// Reading and writing Entra-style SCIM target attribute names (`name.givenName`,
// `emails[type eq "work"].value`, `urn:...:enterprise:2.0:User:department`) on SCIM JSON objects,
// and turning differences into PatchOp operations.

/** Parsed target attribute name. */
export interface ScimPath {
  /** Schema URN for extension attributes, else undefined. */
  urn?: string;
  attribute: string;
  /** `type eq "work"` filter on a multi-valued attribute. */
  filterType?: string;
  subAttribute?: string;
}

const URN_RE = /^(urn:[^\s]+):([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)?)$/;
const FILTER_RE = /^([A-Za-z0-9_$-]+)\[type eq "([^"]*)"\](?:\.([A-Za-z0-9_$-]+))?$/i;

/** Parses a target attribute name. */
export function parseScimPath(name: string): ScimPath {
  const urn = URN_RE.exec(name);
  if (urn) {
    const [attribute, subAttribute] = urn[2].split('.');
    return { urn: urn[1], attribute, subAttribute };
  }
  const filtered = FILTER_RE.exec(name);
  if (filtered) return { attribute: filtered[1], filterType: filtered[2], subAttribute: filtered[3] ?? 'value' };
  const [attribute, subAttribute] = name.split('.');
  return { attribute, subAttribute };
}

type Json = Record<string, unknown>;

function container(obj: Json, path: ScimPath, create: boolean): Json | undefined {
  if (!path.urn) return obj;
  let ext = obj[path.urn] as Json | undefined;
  if (!ext && create) {
    ext = {};
    obj[path.urn] = ext;
  }
  return ext;
}

function findEntry(list: unknown, type: string): Json | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.find((e) => typeof e === 'object' && e !== null && String((e as Json).type).toLowerCase() === type.toLowerCase()) as Json | undefined;
}

/** Reads a value at a target path (undefined when absent). */
export function getScimValue(obj: Json, path: ScimPath): unknown {
  const c = container(obj, path, false);
  if (!c) return undefined;
  if (path.filterType !== undefined) return findEntry(c[path.attribute], path.filterType)?.[path.subAttribute ?? 'value'];
  const v = c[path.attribute];
  if (path.subAttribute) return typeof v === 'object' && v !== null ? (v as Json)[path.subAttribute] : undefined;
  return v;
}

/** Writes a value at a target path, creating containers and multi-valued entries as needed. */
export function setScimValue(obj: Json, path: ScimPath, value: unknown): void {
  const c = container(obj, path, true)!;
  if (path.filterType !== undefined) {
    let list = c[path.attribute] as Json[] | undefined;
    if (!Array.isArray(list)) {
      list = [];
      c[path.attribute] = list;
    }
    let entry = findEntry(list, path.filterType);
    if (!entry) {
      entry = { type: path.filterType };
      // Entra marks the work email as primary; SCIM apps often rely on it.
      if (path.attribute === 'emails' && path.filterType === 'work') entry.primary = true;
      list.push(entry);
    }
    entry[path.subAttribute ?? 'value'] = value;
    return;
  }
  if (path.subAttribute) {
    const inner = (typeof c[path.attribute] === 'object' && c[path.attribute] !== null ? c[path.attribute] : {}) as Json;
    inner[path.subAttribute] = value;
    c[path.attribute] = inner;
    return;
  }
  c[path.attribute] = value;
}

/** One PatchOp operation. */
export interface PatchOperation { op: 'add' | 'replace'; path?: string; value: unknown }

/**
 * Builds PatchOp operations for changed attributes. Filtered multi-valued paths whose entry does
 * not exist yet are sent as one `add` of a whole entry per type, because SCIM servers answer
 * `noTarget` to a `replace` on a filter that matches nothing.
 */
export function buildPatch(target: Json, changes: { name: string; path: ScimPath; value: unknown }[]): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const newEntries = new Map<string, Json>();
  for (const change of changes) {
    const p = change.path;
    if (p.filterType !== undefined && !findEntry(container(target, p, false)?.[p.attribute], p.filterType)) {
      const key = `${p.urn ?? ''}|${p.attribute}|${p.filterType}`;
      let entry = newEntries.get(key);
      if (!entry) {
        entry = { type: p.filterType };
        if (p.attribute === 'emails' && p.filterType === 'work') entry.primary = true;
        newEntries.set(key, entry);
        const value = p.urn ? { [p.urn]: { [p.attribute]: [entry] } } : { [p.attribute]: [entry] };
        ops.push({ op: 'add', value });
      }
      entry[p.subAttribute ?? 'value'] = change.value;
      continue;
    }
    ops.push({ op: 'replace', path: change.name, value: change.value });
  }
  return ops;
}
