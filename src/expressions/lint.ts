/**
 * Warnings about expressions that parse but that the docs describe as unreliable or misused. They do
 * not stop evaluation; the editor shows them as hints.
 */
import type { Expression } from './ast';
import { spanOf } from './ast';
import { compileDotNetRegex, MAX_REGEX_INPUT } from './dotnetRegex';
import type { ExpressionWarning } from './errors';
import { warning } from './errors';
import { msg } from './messages';

const NULL_TESTS = new Set(['IsPresent', 'IsNull', 'IsNullOrEmpty']);

/**
 * The longest value a pattern runs on when only the backtracking engine takes it (lookaround or a
 * backreference) and its step budget allows less than every value; undefined otherwise (an unusable
 * pattern is reported as an error when the expression compiles).
 */
function backtrackingLimit(pattern: string): number | undefined {
  try {
    const compiled = compileDotNetRegex(pattern);
    return compiled.linear === null && compiled.nativeLimit < MAX_REGEX_INPUT ? compiled.nativeLimit : undefined;
  } catch {
    return undefined;
  }
}

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
    const limit = pattern?.kind === 'string' ? backtrackingLimit(pattern.value) : undefined;
    if (pattern && limit !== undefined) warnings.push(warning(at(pattern), msg('regexBacktrackingLimit', limit)));
    if (node.name === 'IIF') {
      warnings.push(warning(offset, msg('iifUnreliable')));
    }
    for (const a of node.args) visit(a, false);
  };
  visit(tree, true);
  return warnings;
}
