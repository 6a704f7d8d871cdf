/** Evaluation entry points: run a parsed (or parsed-on-demand) expression against a source object. */
import type { Expression } from './ast';
import { compileTree } from './compiler';
import { ExpressionError, reasonOf } from './errors';
import { msg } from './messages';
import { parseExpression } from './parser';
import type { EvaluateOptions, EvalEnv, Thunk } from './runtime';
import { makeEnv } from './runtime';
import type { EvaluationResult, SourceObject } from './values';
import { toResult } from './values';

/** A compiled expression: evaluate it for one source object. */
export type CompiledExpression = (source: SourceObject, options?: EvaluateOptions) => EvaluationResult;

// The sandbox evaluates the same few mapping texts for every user; keep their trees.
const MAX_CACHED_TEXTS = 500;
const parsedTexts = new Map<string, Expression>();

function treeOf(expression: string | Expression): Expression {
  if (typeof expression !== 'string') {
    if (typeof expression !== 'object' || expression === null) throw new ExpressionError(msg('notTextOrTree'), 0);
    return expression;
  }
  let tree = parsedTexts.get(expression);
  if (!tree) {
    tree = parseExpression(expression);
    if (parsedTexts.size >= MAX_CACHED_TEXTS) parsedTexts.clear();
    parsedTexts.set(expression, tree);
  }
  return tree;
}

// Shared by evaluations without options, so the hot path allocates no environment.
const defaultEnv: EvalEnv = makeEnv({}, false);

function run(thunk: Thunk, source: SourceObject, options: EvaluateOptions | undefined): EvaluationResult {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new ExpressionError(msg('sourceNotObject'), 0);
  }
  try {
    return toResult(thunk(source, options ? makeEnv(options) : defaultEnv));
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    // Evaluation promises to fail only with ExpressionError; anything else is a defect worth reporting.
    throw new ExpressionError(msg('internalEvaluationError', e instanceof Error ? e.message : String(e)), 0);
  }
}

/**
 * Evaluates an expression for one source object. Results follow the service's value model: text,
 * Booleans as "True"/"False", numbers as decimal text, DateTimes as `M/d/yyyy h:mm:ss tt` (UTC),
 * multi-valued results as arrays, and null when nothing flows.
 * @throws ExpressionError for parse and evaluation errors (never anything else).
 */
export function evaluateExpression(expression: string | Expression, source: SourceObject, options?: EvaluateOptions): EvaluationResult {
  return run(compile(expression), source, options);
}

function compile(expression: string | Expression): Thunk {
  try {
    return compileTree(treeOf(expression));
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    throw new ExpressionError(msg('treeInvalid', reasonOf(e)), 0);
  }
}

/**
 * Compiles an expression once for evaluating it many times (the sandbox's provisioning loop).
 * @throws ExpressionError when the expression does not parse or uses an invalid constant regex.
 */
export function compileExpression(expression: string | Expression): CompiledExpression {
  const thunk = compile(expression);
  return (source, options) => run(thunk, source, options);
}
