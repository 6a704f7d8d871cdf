/** A cheap, non-throwing check of expression text for the editor and the parseExpression endpoint. */
import type { Expression } from './ast';
import { compileTree } from './compiler';
import { ExpressionError } from './errors';
import type { ExpressionWarning } from './errors';
import { lintExpression } from './lint';
import type { ExpressionMessageId, NestedMessages } from './messages';
import { parseExpression } from './parser';

/** Outcome of {@link validateExpression}. */
export type ValidationResult =
  | { readonly ok: true; readonly expression: Expression; readonly warnings: readonly ExpressionWarning[] }
  | {
      readonly ok: false;
      /** `message` is the English sentence; `messageId` and `args` select and fill its localized template. */
      readonly error: { readonly offset: number; readonly end?: number; readonly message: string; readonly messageId: ExpressionMessageId; readonly args: readonly string[]; readonly nested?: NestedMessages };
    };

/**
 * Parses and compiles an expression without evaluating it (so constant regexes and formats are
 * checked too) and never throws.
 */
export function validateExpression(text: string): ValidationResult {
  try {
    const expression = parseExpression(text);
    compileTree(expression);
    return { ok: true, expression, warnings: lintExpression(expression, text) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: { offset: e.offset, end: e.end, message: e.message, messageId: e.messageId, args: e.args, ...(e.nested ? { nested: e.nested } : {}) } };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { offset: 0, message: `Internal error: ${detail}`, messageId: 'internalError', args: [detail] } };
  }
}
