import type { ExpressionMessage, ExpressionMessageId, NestedMessages } from './messages';
import { englishMessage, msg } from './messages';

/**
 * The one error type of the expression engine. Parse errors, arity errors and evaluation errors all
 * carry a 0-based offset into the expression text so the editor can put a squiggle under it, and a
 * message id with arguments so the editor can show the sentence in the user's language.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** Key of the sentence in `expressionMessages` (`text` for a sentence without a template). */
  readonly messageId: ExpressionMessageId;
  /** Values for the template's `{0}`, `{1}`… */
  readonly args: readonly string[];
  /** Arguments that are sentences of their own (a reason), by position. */
  readonly nested?: NestedMessages;

  /**
   * @param message A message id with arguments (see `msg`), or a ready sentence (kept as id `text`).
   *   `.message` is the English sentence, e.g. "Expected ',' or ')' after argument 2 of Join.".
   * @param offset 0-based index into the expression text where the problem starts (0 when unknown).
   * @param end 0-based index just past the problem, when a range is known.
   */
  constructor(
    message: string | ExpressionMessage,
    readonly offset: number,
    readonly end?: number,
  ) {
    const m: ExpressionMessage = typeof message === 'string' ? { id: 'text', args: [message] } : message;
    super(englishMessage(m));
    this.messageId = m.id;
    this.args = m.args;
    if (m.nested) this.nested = m.nested;
  }

  /** The same error with its range inside a text of `length` characters (a squiggle cannot go past the end). */
  within(length: number): ExpressionError {
    if (this.offset <= length && (this.end === undefined || this.end <= length)) return this;
    return new ExpressionError(this.expressionMessage, Math.min(this.offset, length), this.end === undefined ? undefined : Math.min(this.end, length));
  }

  /** The error's sentence as a message, to nest inside another one. */
  get expressionMessage(): ExpressionMessage {
    return this.nested ? { id: this.messageId, args: this.args, nested: this.nested } : { id: this.messageId, args: this.args };
  }
}

/**
 * Why a regex, a date format or a Graph tree cannot be used, thrown by the helpers that check them
 * (they have no position); the caller wraps it into a positioned ExpressionError.
 */
export class ReasonError extends Error {
  override readonly name = 'ReasonError';

  constructor(readonly reason: ExpressionMessage) {
    super(englishMessage(reason));
  }
}

/** The reason an error gives, as a message to nest (foreign errors keep their own text). */
export function reasonOf(error: unknown): ExpressionMessage {
  if (error instanceof ReasonError) return error.reason;
  if (error instanceof ExpressionError) return error.expressionMessage;
  return msg('text', error instanceof Error ? error.message : String(error));
}

/** A non-fatal remark about an expression (a construct the service documents as unreliable). */
export interface ExpressionWarning {
  /** 0-based index into the expression text (0 when unknown). */
  readonly offset: number;
  /** The English sentence. */
  readonly message: string;
  /** Key of the sentence in `expressionMessages`, and the values for its placeholders. */
  readonly messageId: ExpressionMessageId;
  readonly args: readonly string[];
}

/** A warning at `offset` from a message. */
export function warning(offset: number, message: ExpressionMessage): ExpressionWarning {
  return { offset, message: englishMessage(message), messageId: message.id, args: message.args };
}
