import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** Makes another open connection current, or signs in to a new one. `{ connectionId }` skips the pick. */
export async function switchTenant(services: Services, context: CommandContext, args?: unknown): Promise<{ connectionId: string } | undefined> {
  let connectionId = (args as { connectionId?: unknown } | undefined)?.connectionId;
  if (typeof connectionId !== 'string') {
    const current = services.connections.current;
    const items: Array<vscode.QuickPickItem & { id?: string; command?: string }> = services.connections.list().map((c) => ({
      label: `${c.id === current?.id ? '$(check) ' : ''}${c.label}`,
      description: c.accountLabel ?? c.tenantId,
      detail: c.graphBaseUrl,
      id: c.id,
    }));
    items.push({ label: `$(sign-in) ${vscode.l10n.t('Sign in to another tenant…')}`, command: CommandId.signIn });
    items.push({ label: `$(beaker) ${vscode.l10n.t('Connect to the sandbox tenant')}`, command: CommandId.connectSandbox });
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(items, { title: vscode.l10n.t('Switch tenant') }));
    if (!picked) return undefined;
    if (picked.command) {
      await vscode.commands.executeCommand(picked.command);
      return services.connections.current ? { connectionId: services.connections.current.id } : undefined;
    }
    connectionId = picked.id;
  }
  const connection = services.connections.list().find((c) => c.id === connectionId);
  if (!connection) return undefined;
  await services.connections.upsert(connection);
  return { connectionId: connection.id };
}
