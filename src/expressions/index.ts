/**
 * The attribute-mapping expression engine: parse, check, format, convert and evaluate Entra
 * provisioning expressions offline. Host-free (no vscode, no Node-only APIs): the webview bundles it.
 *
 * Limits worth knowing:
 * - Regexes are .NET patterns translated to JS. Atomic and conditional groups, balancing groups,
 *   class subtraction, `\G`, mid-pattern inline options and the `x` option are rejected; `\D`, `\W`
 *   inside `[...]` and `\b` use JS's ASCII definitions.
 * - JS regexes cannot be interrupted: inputs are capped at 4,096 characters and validateExpression
 *   warns about nested repetition, but a pathological pattern can still run for a long time.
 * - CDate/DateDiff/NumFromDate read ISO 8601, `M/d/yyyy h:mm:ss tt` and RFC 1123, not every form
 *   .NET's DateTime.Parse accepts.
 */
export type {
  AttributeExpression,
  CallExpression,
  ComparisonExpression,
  ComparisonOperator,
  EnumExpression,
  Expression,
  NumberExpression,
  Span,
  StringExpression,
} from './ast';
export { spanOf } from './ast';
export { ExpressionError } from './errors';
export type { ExpressionWarning } from './errors';
export type { CompiledExpression } from './evaluate';
export { compileExpression, evaluateExpression } from './evaluate';
export type { FunctionDescription, FunctionHelpKey, ParameterDescription, ValueKind } from './functionCatalog';
export { describeFunction, functionDescriptions, functionHelpEntries, functionHelpKey } from './functionCatalog';
export { formatExpression } from './format';
export type { AttributeMappingSource } from './graphSource';
export { fromAttributeMappingSource, toAttributeMappingSource } from './graphSource';
export { lintExpression } from './lint';
export type { ExpressionMessage, ExpressionMessageArgs, ExpressionMessageId, NestedMessages } from './messages';
export { englishMessage, expressionMessageIds, expressionMessages, fillTemplate, localizeMessage, msg } from './messages';
export { MAX_EXPRESSION_LENGTH, parseExpression } from './parser';
export type { EvaluateOptions } from './runtime';
export type { ValidationResult } from './validate';
export { validateExpression } from './validate';
export type { EvaluationResult, SourceObject, SourceValue } from './values';
