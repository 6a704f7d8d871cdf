import { badRequest } from '../http/graphError';
import { requireObject } from '../http/validate';
import { evaluateExpression, ExpressionError, functionDescriptions, parseExpression, toAttributeMappingSource } from '../engine/expressionEngine';
import type { Expression } from '../engine/expressionEngine';
import type { SchemaExtensions } from './schema';

/** Graph attributeType for a catalog value kind. */
function attributeType(kind: string): string {
  if (kind === 'Number') return 'Integer';
  if (kind === 'Boolean' || kind === 'DateTime') return kind;
  return 'String';
}

/** attributeMappingFunctionSchema list, from the project's function catalog (emits `id` and `name`, as Graph's docs disagree). */
export function functionSchemas(): unknown[] {
  return functionDescriptions.map((f) => ({
    id: f.name,
    name: f.name,
    parameters: [
      ...f.parameters.map((p) => ({ name: p.graphKey, required: p.required, allowMultipleOccurrences: false, type: attributeType(p.type) })),
      ...(f.repeating?.parameters ?? []).map((p) => ({ name: p.graphKey, required: f.repeating!.min > 0, allowMultipleOccurrences: true, type: attributeType(p.type) })),
    ],
  }));
}

function testInput(raw: unknown): Record<string, string | string[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const obj = requireObject(raw, 'testInputObject');
  const props = obj.properties ?? [];
  if (!Array.isArray(props)) throw badRequest("'testInputObject.properties' must be an array of {key, value}.");
  const out: Record<string, string | string[]> = {};
  for (const [i, p] of props.entries()) {
    const pair = requireObject(p, `properties[${i}]`);
    if (typeof pair.key !== 'string') throw badRequest(`properties[${i}].key must be a string.`);
    const v = pair.value;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[pair.key] = v.map(String);
    else if (typeof v === 'boolean') out[pair.key] = v ? 'True' : 'False';
    else out[pair.key] = String(v);
  }
  return out;
}

/** parseExpression: parse, convert to attributeMappingSource, evaluate against the test input if given. */
export function parseExpressionResponse(body: unknown): Record<string, unknown> {
  const b = requireObject(body);
  if (typeof b.expression !== 'string') throw badRequest("Property 'expression' is required and must be a string.");
  const input = testInput(b.testInputObject);
  let tree: Expression;
  try {
    tree = parseExpression(b.expression);
  } catch (e) {
    const err = e as Error & { offset?: number };
    return {
      parsingSucceeded: false, parsedExpression: null, evaluationSucceeded: false, evaluationResult: null,
      error: { code: 'InvalidExpression', message: err.message, target: e instanceof ExpressionError ? String(err.offset) : null, details: [] },
    };
  }
  const parsedExpression = toAttributeMappingSource(tree);
  if (!input) return { parsingSucceeded: true, parsedExpression, evaluationSucceeded: false, evaluationResult: null, error: null };
  try {
    const result = evaluateExpression(tree, input);
    return {
      parsingSucceeded: true, parsedExpression, evaluationSucceeded: true,
      evaluationResult: result === null ? [] : Array.isArray(result) ? result : [result], error: null,
    };
  } catch (e) {
    return {
      parsingSucceeded: true, parsedExpression, evaluationSucceeded: false, evaluationResult: null,
      error: { code: 'EvaluationFailed', message: (e as Error).message, target: null, details: [] },
    };
  }
}

/** The schema sub-resources backed by the expression engine. */
export const schemaExtensions: SchemaExtensions = { functions: functionSchemas, parseExpression: parseExpressionResponse };
