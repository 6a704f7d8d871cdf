/** Small helpers shared by the expression-engine tests. */
import * as assert from 'node:assert/strict';
import type { EvaluateOptions, EvaluationResult, SourceObject } from '../../../src/expressions';
import { evaluateExpression, ExpressionError } from '../../../src/expressions';

/** Evaluates `text` for `source` (default: no attributes). */
export function ev(text: string, source: SourceObject = {}, options?: EvaluateOptions): EvaluationResult {
  return evaluateExpression(text, source, options);
}

/** Asserts that `f` throws an ExpressionError whose message matches `message` (and offset, if given). */
export function assertExpressionError(f: () => unknown, message: RegExp, offset?: number): ExpressionError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ExpressionError, `expected an ExpressionError, got ${String(caught)}`);
  assert.match(caught.message, message);
  if (offset !== undefined) assert.equal(caught.offset, offset, `offset of "${caught.message}"`);
  return caught;
}

/** A fixed clock and a deterministic random source for the non-deterministic functions. */
export const fixedNow = new Date(Date.UTC(2021, 6, 2, 15, 33, 38));

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
