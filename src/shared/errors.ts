/**
 * An error whose message is written for the user: one sentence that says what happened and what to
 * do. The command wrapper shows it as is; any other error is shown by its first line.
 */
export class UserFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** True for the ways a cancelled operation ends: AbortSignal aborts and VS Code cancellations. */
export function isCancellation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || error.name === 'Canceled' || error.name === 'CancellationError';
}
