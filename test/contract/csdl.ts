// A reader for the CSDL (OData's XML metadata) subset in this folder: structured types with their
// properties, base types and openness, and enum types with their members. It reads only what the
// shape contract checks; annotations, keys and the entity container are skipped.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A property of a structured type; `type` is `Edm.X`, a type name, or `Collection(...)` of either. */
export interface CsdlProperty {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  /** A navigation property: a relationship, not part of the entity's own JSON unless expanded. */
  readonly navigation: boolean;
}

/** An entity or complex type. */
export interface CsdlStructuredType {
  readonly kind: 'entity' | 'complex';
  readonly name: string;
  readonly baseType?: string;
  readonly abstract: boolean;
  readonly openType: boolean;
  readonly properties: ReadonlyMap<string, CsdlProperty>;
}

/** An enum type; a flags enum's JSON value may name several members. */
export interface CsdlEnumType {
  readonly kind: 'enum';
  readonly name: string;
  readonly isFlags: boolean;
  readonly members: ReadonlySet<string>;
}

export type CsdlType = CsdlStructuredType | CsdlEnumType;

/** The types of one schema namespace, by unqualified name. */
export interface CsdlModel {
  readonly namespace: string;
  readonly types: ReadonlyMap<string, CsdlType>;
}

/** The file name of the metadata subset kept next to this module. */
export const METADATA_FILE = 'graph-v1-provisioning.csdl.xml';

const ATTRIBUTE = /([\w:.]+)="([^"]*)"/g;

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUTE)) out[m[1]] = m[2].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return out;
}

/**
 * Parses CSDL XML. Only the elements that matter are tracked (Schema, EntityType, ComplexType,
 * EnumType and their Property, NavigationProperty and Member children); the rest is skipped by
 * depth, so a Property inside an Annotation is never taken for a type's property.
 */
export function parseCsdl(xml: string): CsdlModel {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const types = new Map<string, CsdlType>();
  let namespace = '';
  let alias = '';
  const stack: string[] = [];
  let current: { kind: 'entity' | 'complex' | 'enum'; attrs: Record<string, string>; properties: Map<string, CsdlProperty>; members: Set<string> } | undefined;
  const local = (name: string) => name.replace(/^.*:/, '');
  for (const m of text.matchAll(/<(\/?)([\w:.]+)([^>]*?)(\/?)>/g)) {
    const [, closing, rawName, rest, selfClosing] = m;
    const name = local(rawName);
    if (closing) {
      stack.pop();
      if (current && (name === 'EntityType' || name === 'ComplexType' || name === 'EnumType') && stack.length === 3) finish();
      continue;
    }
    const attrs = attributes(rest);
    const parent = stack.at(-1);
    if (name === 'Schema') {
      namespace = attrs.Namespace ?? '';
      alias = attrs.Alias ?? '';
    } else if (parent === 'Schema' && (name === 'EntityType' || name === 'ComplexType' || name === 'EnumType')) {
      current = { kind: name === 'EntityType' ? 'entity' : name === 'ComplexType' ? 'complex' : 'enum', attrs, properties: new Map(), members: new Set() };
      if (selfClosing) finish();
    } else if (current && (parent === 'EntityType' || parent === 'ComplexType') && (name === 'Property' || name === 'NavigationProperty')) {
      current.properties.set(attrs.Name, { name: attrs.Name, type: attrs.Type, nullable: attrs.Nullable !== 'false', navigation: name === 'NavigationProperty' });
    } else if (current && parent === 'EnumType' && name === 'Member') {
      current.members.add(attrs.Name);
    }
    if (!selfClosing) stack.push(name);
  }

  function finish(): void {
    const c = current!;
    current = undefined;
    const name = c.attrs.Name;
    if (c.kind === 'enum') {
      types.set(name, { kind: 'enum', name, isFlags: c.attrs.IsFlags === 'true', members: c.members });
      return;
    }
    types.set(name, {
      kind: c.kind, name, baseType: c.attrs.BaseType ? unqualify(c.attrs.BaseType) : undefined,
      abstract: c.attrs.Abstract === 'true', openType: c.attrs.OpenType === 'true', properties: c.properties,
    });
  }
  function unqualify(typeName: string): string {
    for (const prefix of [`${namespace}.`, `${alias}.`]) if (prefix !== '.' && typeName.startsWith(prefix)) return typeName.slice(prefix.length);
    return typeName;
  }
  if (!namespace) throw new Error('No <Schema Namespace="..."> in the metadata.');
  return { namespace, types: normaliseTypeNames(types, unqualify) };
}

/** Property types refer to schema types by unqualified name (`Collection(graph.x)` becomes `Collection(x)`). */
function normaliseTypeNames(types: Map<string, CsdlType>, unqualify: (name: string) => string): Map<string, CsdlType> {
  for (const [name, t] of types) {
    if (t.kind === 'enum') continue;
    const properties = new Map<string, CsdlProperty>();
    for (const [key, p] of t.properties) {
      const collection = /^Collection\((.+)\)$/.exec(p.type);
      properties.set(key, { ...p, type: collection ? `Collection(${unqualify(collection[1])})` : unqualify(p.type) });
    }
    types.set(name, { ...t, properties });
  }
  return types;
}

/**
 * Finds the metadata file: next to this module when run from source (mocha with tsx), or in the
 * repository's test/contract when run from a bundle (the in-host suite runs from out/test/integration).
 */
export function findMetadataFile(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    for (const candidate of [join(dir, METADATA_FILE), join(dir, 'test', 'contract', METADATA_FILE)]) if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${METADATA_FILE} not found above ${start}.`);
    dir = parent;
  }
}

let cached: CsdlModel | undefined;

/** The Graph v1.0 metadata subset, parsed once per process. */
export function graphMetadata(): CsdlModel {
  cached ??= parseCsdl(readFileSync(findMetadataFile(), 'utf8'));
  return cached;
}
