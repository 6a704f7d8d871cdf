/**
 * The one error type of the expression engine. Parse errors, arity errors and evaluation errors all
 * carry a 0-based offset into the expression text so the editor can put a squiggle under it.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  /**
   * @param message A sentence a person understands, e.g. "expected ',' or ')' after argument 2 of Join".
   * @param offset 0-based index into the expression text where the problem starts (0 when unknown).
   * @param end 0-based index just past the problem, when a range is known.
   */
  constructor(
    message: string,
    readonly offset: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

/** A non-fatal remark about an expression (a construct the service documents as unreliable). */
export interface ExpressionWarning {
  /** 0-based index into the expression text (0 when unknown). */
  readonly offset: number;
  readonly message: string;
}
