import type { CommandId } from './commandIds';

/** A command that fixes what an error reports, offered as a button beside "Show Log". */
export interface FollowUpAction {
  /** The button's label, localized, named as the user knows the command (e.g. "Save Admin Credentials"). */
  readonly title: string;
  readonly command: CommandId;
  /** The command's argument (a tree node's target, so the command does not ask again which job). */
  readonly argument?: unknown;
}

/**
 * An error whose message is written for the user: one sentence that says what happened and what to
 * do. The command wrapper shows it as is, with its follow-up actions as buttons; any other error is
 * shown by its first line.
 */
export class UserFacingError extends Error {
  readonly actions: readonly FollowUpAction[];

  constructor(message: string, options?: { cause?: unknown; actions?: readonly FollowUpAction[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserFacingError';
    this.actions = options?.actions ?? [];
  }
}

/** True for the ways a cancelled operation ends: AbortSignal aborts and VS Code cancellations. */
export function isCancellation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || error.name === 'Canceled' || error.name === 'CancellationError';
}
