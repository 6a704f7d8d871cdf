import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandContext, CommandRunner } from './commandRunner';
import type { Services } from './services';
import { connectSandbox } from './connectSandbox';
import { refresh } from './refresh';
import { showLog } from './showLog';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchTenant } from './switchTenant';

type Handler = (services: Services, context: CommandContext, ...args: unknown[]) => unknown;

/** Each command id linked to its handler and the title its progress and errors use. */
const handlers: Record<CommandId, { handler: Handler; title: () => string }> = {
  [CommandId.showLog]: { handler: showLog, title: () => vscode.l10n.t('Show Log') },
  [CommandId.refresh]: { handler: refresh, title: () => vscode.l10n.t('Refresh') },
  [CommandId.signIn]: { handler: signIn, title: () => vscode.l10n.t('Sign in') },
  [CommandId.signOut]: { handler: signOut, title: () => vscode.l10n.t('Sign out') },
  [CommandId.switchTenant]: { handler: switchTenant, title: () => vscode.l10n.t('Switch tenant') },
  [CommandId.connectSandbox]: { handler: connectSandbox, title: () => vscode.l10n.t('Connect to sandbox tenant') },
};

/** Registers every command through the one wrapper. */
export function registerCommands(runner: CommandRunner, services: Services): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, { handler, title }]) =>
    runner.register(id as CommandId, title(), (context, ...args) => handler(services, context, ...args)),
  );
}
