import type { CommandId } from '../shared/commandIds';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * A command: its id, the title its progress and errors use, and its handler. Each feature folder
 * exports a list of these; activate() registers them all through the one wrapper.
 */
export interface CommandDefinition {
  readonly id: CommandId;
  readonly title: () => string;
  readonly handler: (services: Services, context: CommandContext, ...args: unknown[]) => unknown;
}
