import * as vscode from 'vscode';
import type { ActivityChannel } from '../activity/activityChannel';
import { allCommandIds, CommandId } from '../shared/commandIds';
import { loadCommandHandlers } from './commandHandlersLoader';
import type { CommandRunner } from './commandRunner';
import type { Services } from './services';

/**
 * Registers every command id through the one wrapper. The handlers live in their own bundle
 * (dist/commandHandlers.js), required when the first command runs, so activation only pays for the
 * ids; an id without a handler is a programming error reported when it is invoked (and by a test).
 *
 * The activity streamer lives in that bundle too, so the services handed to the handlers build it
 * on first use; the returned services are the ones the handlers see (tests reach them).
 */
export function registerCommands(runner: CommandRunner, base: Omit<Services, 'activity'>): { services: Services; disposables: vscode.Disposable[] } {
  let activity: ActivityChannel | undefined;
  const services: Services = {
    ...base,
    get activity() {
      return (activity ??= new (loadCommandHandlers().ActivityChannel)(base.graph, base.connections, base.logger, CommandId.stopActivity));
    },
  };
  const disposables = allCommandIds.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      const definition = loadCommandHandlers().commandCatalog.find((d) => d.id === id);
      if (!definition) throw new Error(`Command ${id} has no handler.`);
      return runner.run(id, (context, ...rest) => definition.handler(services, context, ...rest), args);
    }),
  );
  return { services, disposables: [...disposables, { dispose: () => activity?.dispose() }] };
}
