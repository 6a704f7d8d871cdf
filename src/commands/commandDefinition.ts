import type { CommandId } from '../shared/commandIds';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * A command: its id and its handler (its title is in package.nls.json). commandCatalog.ts lists
 * them all; registerCommands() registers every id through the one wrapper.
 */
export interface CommandDefinition {
  readonly id: CommandId;
  readonly handler: (services: Services, context: CommandContext, ...args: unknown[]) => unknown;
}
