/**
 * Canonical text form of a syntax tree: one spelling per tree, so the same mapping always formats the
 * same way (stable diffs), and parsing the output gives the same tree back.
 */
import type { Expression } from './ast';

// Past this width a call is broken into one argument per line; short mappings stay on one line.
const MAX_LINE = 100;
const INDENT = '  ';

/** Quotes a string constant with the language's two escapes. */
export function quoteString(value: string): string {
  return '"' + value.replace(/[\\"]/g, '\\$&') + '"';
}

/** The one-line canonical form of a tree (no line breaks added). */
export function formatInline(expression: Expression): string {
  switch (expression.kind) {
    case 'attribute':
      return `[${expression.name}]`;
    case 'string':
      return quoteString(expression.value);
    case 'number':
      return expression.text;
    case 'enum':
      return expression.name;
    case 'comparison':
      return `${formatInline(expression.left)} ${expression.operator} ${formatInline(expression.right)}`;
    case 'call':
      return `${expression.name}(${expression.args.map((a) => (a ? formatInline(a) : '')).join(', ')})`;
  }
}

/**
 * A canonical, readable form: one line when it fits in 100 columns, otherwise calls are broken with one
 * argument per line and two-space indentation.
 */
export function formatExpression(expression: Expression): string {
  return formatAt(expression, 0);
}

function formatAt(expression: Expression, depth: number): string {
  const inline = formatInline(expression);
  if (expression.kind !== 'call' || expression.args.length === 0 || inline.length + depth * INDENT.length <= MAX_LINE) return inline;
  const inner = INDENT.repeat(depth + 1);
  const lines = expression.args.map((a) => (a ? inner + formatAt(a, depth + 1) : ''));
  return `${expression.name}(\n${lines.join(',\n')}\n${INDENT.repeat(depth)})`;
}
