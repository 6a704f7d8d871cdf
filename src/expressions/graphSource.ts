/**
 * Conversion to and from Graph's `attributeMappingSource` tree: what the
 * service stores for an Expression-type mapping, so the editor can save it.
 */
import type { ComparisonOperator, Expression } from './ast';
import { ExpressionError, reasonOf } from './errors';
import type { ExpressionMessage } from './messages';
import { msg } from './messages';
import { describeFunction, parameterAt } from './functionCatalog';
import { formatInline } from './format';
import { checkCallArguments, parseExpression } from './parser';

/** Graph's `attributeMappingSource`. */
export interface AttributeMappingSource {
  /** Text form of this node. */
  expression?: string | null;
  /** Function name, attribute name or constant value, depending on `type`. */
  name?: string | null;
  /** `Attribute` (Graph's default), `Constant` or `Function`. */
  type?: 'Attribute' | 'Constant' | 'Function' | string | null;
  /** Function arguments keyed by parameter name; empty for other types. */
  parameters?: { key: string; value: AttributeMappingSource }[] | null;
}

const OPERATORS: readonly string[] = ['=', '<>', '>', '>=', '<', '<='];

/**
 * Graph tree of an expression. Parameters are keyed by the function's parameter names (Graph's names
 * for Replace), empty slots are left out, and every node carries its text in `expression`.
 * Decision: a comparison (`[a] = "b"`), whose Graph shape is not documented, is a `Function` node
 * named by its operator with parameters `left` and `right`.
 */
export function toAttributeMappingSource(expression: string | Expression): AttributeMappingSource {
  const tree = typeof expression === 'string' ? parseExpression(expression) : expression;
  return toSource(tree);
}

function toSource(node: Expression): AttributeMappingSource {
  const expression = formatInline(node);
  switch (node.kind) {
    case 'attribute':
      return { expression, name: node.name, type: 'Attribute', parameters: [] };
    case 'string':
      return { expression, name: node.value, type: 'Constant', parameters: [] };
    case 'number':
      return { expression, name: node.text, type: 'Constant', parameters: [] };
    case 'enum':
      return { expression, name: node.name, type: 'Constant', parameters: [] };
    case 'comparison':
      return {
        expression,
        name: node.operator,
        type: 'Function',
        parameters: [
          { key: 'left', value: toSource(node.left) },
          { key: 'right', value: toSource(node.right) },
        ],
      };
    case 'call': {
      const description = describeFunction(node.name);
      const parameters: { key: string; value: AttributeMappingSource }[] = [];
      node.args.forEach((arg, slot) => {
        if (!arg) return;
        const key = (description && parameterAt(description, slot)?.graphKey) ?? `argument${slot + 1}`;
        parameters.push({ key, value: toSource(arg) });
      });
      return { expression, name: node.name, type: 'Function', parameters };
    }
  }
}

function invalid(path: string, message: ExpressionMessage): ExpressionError {
  return new ExpressionError(msg('graphSourceInvalid', path, message), 0);
}

/**
 * Syntax tree of a Graph `attributeMappingSource`. The input is checked at run time (it comes from the
 * service or the webview). Constants keep their kind (string, number, enum) when `expression` tells it.
 * @throws ExpressionError (offset 0) naming the path of the first problem.
 */
export function fromAttributeMappingSource(source: AttributeMappingSource): Expression {
  return fromSource(source, '', 0);
}

function fromSource(source: unknown, path: string, depth: number): Expression {
  if (depth > 100) throw invalid(path, msg('sourceNestedTooDeeply'));
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw invalid(path, msg('sourceNotAnObject'));
  const s = source as AttributeMappingSource;
  const type = (s.type ?? 'Attribute').toString().toLowerCase();
  const name = s.name;
  if (typeof name !== 'string') throw invalid(path, msg('sourceNameNotText'));
  if (type === 'attribute') {
    if (name === '' || name.includes(']') || name.includes('[')) throw invalid(path, msg('sourceNameUnusable', name));
    return { kind: 'attribute', name };
  }
  if (type === 'constant') return constantNode(name, s.expression);
  if (type !== 'function') throw invalid(path, msg('sourceTypeUnknown', String(s.type)));
  const parameters = s.parameters ?? [];
  if (!Array.isArray(parameters)) throw invalid(path, msg('sourceParametersNotList'));
  const child = (i: number): Expression => {
    const pair: unknown = parameters[i];
    if (typeof pair !== 'object' || pair === null || typeof (pair as { key?: unknown }).key !== 'string') {
      throw invalid(`${path}.parameters[${i}]`, msg('sourceParameterShape'));
    }
    return fromSource((pair as { value?: unknown }).value, `${path}.parameters[${i}].value`, depth + 1);
  };
  if (OPERATORS.includes(name)) {
    if (parameters.length !== 2) throw invalid(path, msg('sourceComparisonParameters', name));
    return { kind: 'comparison', operator: name as ComparisonOperator, left: child(0), right: child(1) };
  }
  const description = describeFunction(name);
  if (!description) throw invalid(path, msg('sourceFunctionUnknown', name));
  const fixed = description.parameters;
  const group = description.repeating?.parameters ?? [];
  const matches = (p: { name: string; graphKey: string }, key: string): boolean => p.graphKey.toLowerCase() === key || p.name.toLowerCase() === key;
  const slots: (Expression | null)[] = [];
  let repeated = 0;
  parameters.forEach((pair, i) => {
    const value = child(i);
    const key = pair.key.toLowerCase();
    const fixedIndex = fixed.findIndex((p) => matches(p, key));
    if (fixedIndex >= 0) {
      if (slots[fixedIndex]) throw invalid(`${path}.parameters[${i}]`, msg('sourceParameterTwice', pair.key));
      slots[fixedIndex] = value;
      return;
    }
    const expected = group[repeated % Math.max(group.length, 1)];
    if (!expected || !matches(expected, key)) {
      const reason = expected ? msg('sourceParameterUnexpectedWanted', pair.key, description.name, expected.graphKey) : msg('sourceParameterUnexpected', pair.key, description.name);
      throw invalid(`${path}.parameters[${i}]`, reason);
    }
    slots[fixed.length + repeated] = value;
    repeated++;
  });
  const args = Array.from({ length: slots.length }, (_, i) => slots[i] ?? null);
  try {
    return { kind: 'call', name: description.name, args: checkCallArguments(description, args, [], 0) };
  } catch (e) {
    throw invalid(path, reasonOf(e));
  }
}

function constantNode(name: string, expression: unknown): Expression {
  if (typeof expression === 'string' && expression.trim() !== '' && !expression.trim().startsWith('"')) {
    // A number or enum constant: its text form says so (a string constant is always quoted).
    try {
      const parsed = parseExpression(expression);
      // Fresh nodes: the parsed ones carry positions in `expression`, not in any text the caller has.
      if (parsed.kind === 'number' && parsed.text === name) return { kind: 'number', text: name };
      if (parsed.kind === 'enum' && parsed.name === name) return { kind: 'enum', name };
    } catch {
      // Not a literal: fall through to a string constant.
    }
  }
  return { kind: 'string', value: name };
}
