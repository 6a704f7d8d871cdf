import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './commandDefinition';
import type { CommandRunner } from './commandRunner';
import type { Services } from './services';
import { connectSandbox } from './connectSandbox';
import { refresh } from './refresh';
import { showLog } from './showLog';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchTenant } from './switchTenant';

/** Connection and view commands; feature folders export their own lists. */
export const coreCommands: CommandDefinition[] = [
  { id: CommandId.showLog, handler: showLog, title: () => vscode.l10n.t('Show Log') },
  { id: CommandId.refresh, handler: refresh, title: () => vscode.l10n.t('Refresh') },
  { id: CommandId.signIn, handler: signIn, title: () => vscode.l10n.t('Sign in') },
  { id: CommandId.signOut, handler: signOut, title: () => vscode.l10n.t('Sign out') },
  { id: CommandId.switchTenant, handler: switchTenant, title: () => vscode.l10n.t('Switch tenant') },
  { id: CommandId.connectSandbox, handler: connectSandbox, title: () => vscode.l10n.t('Connect to sandbox tenant') },
];

/** Registers every command through the one wrapper; an id registered twice is a programming error. */
export function registerCommands(runner: CommandRunner, services: Services, definitions: readonly CommandDefinition[]): vscode.Disposable[] {
  const seen = new Set<string>();
  return definitions.map(({ id, handler, title }) => {
    if (seen.has(id)) throw new Error(`Command ${id} is defined twice.`);
    seen.add(id);
    return runner.register(id, title(), (context, ...args) => handler(services, context, ...args));
  });
}
