import { evaluateExpression, parseExpression } from './expressionEngine';
import type { Expression } from './expressionEngine';
import type { AttributeMapping, MappingSource, ObjectDefinition } from '../types';
import type { SourceAttributes } from './sourceObject';
import { parseScimPath } from './scimPaths';
import type { ScimPath } from './scimPaths';

/** An attribute mapping prepared for a cycle: expression parsed once, target path parsed once. */
export interface CompiledMapping {
  target: string;
  path: ScimPath;
  expression: Expression | null;
  defaultValue: string | null;
  flowType: string;
  matchingPriority: number;
  /** Target attribute is Boolean: "True"/"False" results become JSON booleans (RFC-compliant SCIM). */
  boolean: boolean;
  multivalued: boolean;
}

/** Rebuilds expression text from an attributeMappingSource that carries no `expression` string. */
export function sourceText(source: MappingSource): string {
  if (source.expression) return source.expression;
  if (source.type === 'Attribute') return `[${source.name ?? ''}]`;
  if (source.type === 'Constant') return `"${(source.name ?? '').replace(/"/g, '\\"')}"`;
  return `${source.name ?? ''}(${(source.parameters ?? []).map((p) => sourceText(p.value)).join(', ')})`;
}

/** A mapping whose expression does not parse; the cycle reports it instead of guessing. */
export class MappingError extends Error {
  constructor(readonly target: string, message: string) {
    super(`Mapping to '${target}' is invalid: ${message}`);
    this.name = 'MappingError';
  }
}

/** Compiles the attribute mappings of one object mapping against the target object definition. */
export function compileMappings(mappings: AttributeMapping[], targetObject: ObjectDefinition | undefined): CompiledMapping[] {
  const attrTypes = new Map((targetObject?.attributes ?? []).map((a) => [a.name.toLowerCase(), a]));
  return mappings.map((m) => {
    let expression: Expression | null = null;
    if (m.source) {
      try {
        expression = parseExpression(sourceText(m.source));
      } catch (e) {
        throw new MappingError(m.targetAttributeName, (e as Error).message);
      }
    }
    const def = attrTypes.get(m.targetAttributeName.toLowerCase());
    return {
      target: m.targetAttributeName,
      path: parseScimPath(m.targetAttributeName),
      expression,
      defaultValue: m.defaultValue ?? null,
      flowType: m.flowType ?? 'Always',
      matchingPriority: m.matchingPriority ?? 0,
      boolean: def ? def.type === 'Boolean' : m.targetAttributeName === 'active',
      multivalued: def?.multivalued ?? false,
    };
  });
}

/** The JSON value a mapping produces for a source object, or null when nothing flows. */
export function mappingValue(m: CompiledMapping, source: SourceAttributes, creating: boolean): unknown {
  let result: string | string[] | null = m.expression ? evaluateExpression(m.expression, source) : null;
  if ((result === null || result === undefined) && creating && m.defaultValue !== null && m.defaultValue !== '') result = m.defaultValue;
  if (result === null || result === undefined) return null;
  if (Array.isArray(result) && !m.multivalued) result = result.length ? result[0] : null;
  if (result === null) return null;
  if (m.boolean && typeof result === 'string') {
    const lower = result.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return result;
}
