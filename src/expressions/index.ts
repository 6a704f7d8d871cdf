/**
 * The attribute-mapping expression engine: parse, check, format, convert and evaluate Entra
 * provisioning expressions offline. Host-free (no vscode, no Node-only APIs): the webview bundles it.
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
export type { FunctionDescription, ParameterDescription, ValueKind } from './functionCatalog';
export { describeFunction, functionDescriptions } from './functionCatalog';
export { formatExpression } from './format';
export type { AttributeMappingSource } from './graphSource';
export { fromAttributeMappingSource, toAttributeMappingSource } from './graphSource';
export { lintExpression } from './lint';
export { MAX_EXPRESSION_LENGTH, parseExpression } from './parser';
export type { EvaluateOptions } from './runtime';
export type { ValidationResult } from './validate';
export { validateExpression } from './validate';
export type { EvaluationResult, SourceObject, SourceValue } from './values';
