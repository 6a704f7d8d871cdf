import type { CommandId } from '../shared/commandIds';

/** What work run as a command is given: cancellation, and a way to say what it is doing. */
export interface CommandWork {
  readonly signal: AbortSignal;
  report(message: string): void;
}

/**
 * Runs work as the named command would, without a round trip through `executeCommand`: logged,
 * progress when slow, one error sentence with "Show Log", silent on cancel, walkthrough ticked.
 * Resolves to undefined when the work failed or was cancelled (the wrapper has told the user).
 */
export type RunAsCommand = <T>(id: CommandId, work: (context: CommandWork) => Promise<T>) => Promise<T | undefined>;
