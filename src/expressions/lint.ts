/**
 * Warnings about expressions that parse but that the docs describe as unreliable or misused. They do
 * not stop evaluation; the editor shows them as hints.
 */
import type { Expression } from './ast';
import { spanOf } from './ast';
import { hasNestedRepetition, MAX_REGEX_INPUT } from './dotnetRegex';
import type { ExpressionWarning } from './errors';
import { warning } from './errors';
import { msg } from './messages';

const NULL_TESTS = new Set(['IsPresent', 'IsNull', 'IsNullOrEmpty']);

/** Remarks about a parsed tree; `text` (the parsed text) enables the spelling check. */
export function lintExpression(tree: Expression, text?: string): ExpressionWarning[] {
  const warnings: ExpressionWarning[] = [];
  const at = (node: Expression): number => spanOf(node)?.start ?? 0;
  if (tree.kind === 'attribute' && tree.name.toLowerCase() === 'approleassignments') {
    warnings.push(warning(0, msg('appRoleAssignmentsDirect')));
  }
  const visit = (node: Expression | null, topLevel: boolean): void => {
    if (!node) return;
    if (node.kind === 'comparison') {
      visit(node.left, false);
      visit(node.right, false);
      return;
    }
    if (node.kind !== 'call') return;
    const offset = at(node);
    if (text !== undefined && spanOf(node) && !text.startsWith(node.name, offset)) {
      // Decision: names are matched case-insensitively, but the documented spelling is safer.
      warnings.push(warning(offset, msg('exactSpelling', node.name)));
    }
    if (node.name === 'SelectUniqueValue' && !topLevel) {
      warnings.push(warning(offset, msg('selectUniqueValueOutermost')));
    }
    const first = node.args[0];
    if (node.name === 'Switch' && first?.kind === 'call' && NULL_TESTS.has(first.name)) {
      // Decision: evaluated with the documented Switch semantics, with this warning.
      warnings.push(warning(offset, msg('switchOnNullTest', first.name)));
    }
    const pattern = node.name === 'Replace' ? node.args[2] : undefined;
    if (pattern?.kind === 'string' && hasNestedRepetition(pattern.value)) {
      // JS regexes cannot be interrupted; the engine only caps the input length (MAX_REGEX_INPUT).
      warnings.push(warning(at(pattern), msg('nestedRepetition', MAX_REGEX_INPUT)));
    }
    if (node.name === 'IIF') {
      warnings.push(warning(offset, msg('iifUnreliable')));
    }
    for (const a of node.args) visit(a, false);
  };
  visit(tree, true);
  return warnings;
}
