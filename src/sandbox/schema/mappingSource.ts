import type { AttributeMapping, MappingSource } from '../types';

// Builders for attributeMappingSource trees used by the default schemas. The engine evaluates the
// `expression` string; the tree is there because Graph clients read it.

/** `[name]` */
export function attributeSource(name: string): MappingSource {
  return { expression: `[${name}]`, name, type: 'Attribute', parameters: [] };
}

/** `"value"` */
export function constantSource(value: string): MappingSource {
  return { expression: `"${value.replace(/"/g, '\\"')}"`, name: value, type: 'Constant', parameters: [] };
}

/** A function call with named parameters. */
export function functionSource(name: string, parameters: [string, MappingSource][]): MappingSource {
  const args = parameters.map(([, v]) => v.expression ?? '').join(', ');
  return { expression: `${name}(${args})`, name, type: 'Function', parameters: parameters.map(([key, value]) => ({ key, value })) };
}

/** One attribute mapping with Graph's defaults. */
export function mapping(target: string, source: MappingSource | null, extra: Partial<AttributeMapping> = {}): AttributeMapping {
  return {
    targetAttributeName: target,
    source,
    defaultValue: null,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    exportMissingReferences: false,
    ...extra,
  };
}

/** The documented default mapping of `active`: false when the source is soft-deleted. */
export const ACTIVE_EXPRESSION = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

/** Source tree of {@link ACTIVE_EXPRESSION}. */
export function activeSource(): MappingSource {
  return {
    expression: ACTIVE_EXPRESSION,
    name: 'Switch',
    type: 'Function',
    parameters: [
      { key: 'source', value: attributeSource('IsSoftDeleted') },
      { key: 'key', value: constantSource('False') },
      { key: 'value', value: constantSource('True') },
      { key: 'key', value: constantSource('True') },
      { key: 'value', value: constantSource('False') },
    ],
  };
}
