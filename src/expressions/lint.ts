/**
 * Warnings about expressions that parse but that the docs describe as unreliable or misused. They do
 * not stop evaluation; the editor shows them as hints.
 */
import type { Expression } from './ast';
import { spanOf } from './ast';
import { hasNestedRepetition, MAX_REGEX_INPUT } from './dotnetRegex';
import type { ExpressionWarning } from './errors';

const NULL_TESTS = new Set(['IsPresent', 'IsNull', 'IsNullOrEmpty']);

/** Remarks about a parsed tree; `text` (the parsed text) enables the spelling check. */
export function lintExpression(tree: Expression, text?: string): ExpressionWarning[] {
  const warnings: ExpressionWarning[] = [];
  const at = (node: Expression): number => spanOf(node)?.start ?? 0;
  if (tree.kind === 'attribute' && tree.name.toLowerCase() === 'approleassignments') {
    warnings.push({ offset: 0, message: '[appRoleAssignments] must not be mapped directly; use SingleAppRoleAssignment or AppRoleAssignmentsComplex.' });
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
      // Decision (§10.1): names are matched case-insensitively, but the documented spelling is safer.
      warnings.push({ offset, message: `Write ${node.name} with this exact spelling; the docs call the syntax case-sensitive.` });
    }
    if (node.name === 'SelectUniqueValue' && !topLevel) {
      warnings.push({ offset, message: 'SelectUniqueValue must be the outermost function of the mapping.' });
    }
    const first = node.args[0];
    if (node.name === 'Switch' && first?.kind === 'call' && NULL_TESTS.has(first.name)) {
      // Decision (§10.6/§10.7): evaluated with the documented Switch semantics, with this warning.
      warnings.push({
        offset,
        message: `The docs warn against ${first.name} as the source of Switch; it yields True/False, so keys must be "True" or "False".`,
      });
    }
    const pattern = node.name === 'Replace' ? node.args[2] : undefined;
    if (pattern?.kind === 'string' && hasNestedRepetition(pattern.value)) {
      // JS regexes cannot be interrupted; the engine only caps the input length (MAX_REGEX_INPUT).
      warnings.push({
        offset: at(pattern),
        message: `This pattern repeats a group that itself repeats (like (a+)+), which can take exponential time on some inputs; the preview runs regexes on at most ${MAX_REGEX_INPUT} characters and cannot stop a runaway match.`,
      });
    }
    if (node.name === 'IIF') {
      warnings.push({ offset, message: 'IIF cannot be evaluated reliably when an attribute inside it is null or empty; Switch or Coalesce are safer.' });
    }
    for (const a of node.args) visit(a, false);
  };
  visit(tree, true);
  return warnings;
}
