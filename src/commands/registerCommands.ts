import * as vscode from 'vscode';
import { loadFeaturesRuntime } from '../runtimeLoader';
import { allCommandIds } from './commandIds';
import type { CommandRunner } from './commandRunner';
import type { Services } from './services';

/**
 * Registers every command id through the one wrapper. The handlers live in the features runtime
 * (dist/featuresRuntime.js), required when the first command runs, so activation only pays for the
 * ids; an id without a handler is a programming error reported when it is invoked (and by a test).
 * A command's result also ticks the walkthrough step it completes.
 */
export function registerCommands(runner: CommandRunner, services: Services): vscode.Disposable[] {
  return allCommandIds.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      const definition = loadFeaturesRuntime().commandCatalog.find((d) => d.id === id);
      if (!definition) throw new Error(`Command ${id} has no handler.`);
      return runner.run(id, definition.title(), (context, ...rest) => definition.handler(services, context, ...rest), args).then((result) => {
        services.walkthrough.commandFinished(id, result);
        return result;
      });
    }),
  );
}
