import * as vscode from 'vscode';
import { clientSecretKey } from '../auth/graphConnections';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * Closes a tenant connection: the tree node's, or one picked from the open ones. VS Code keeps the
 * Microsoft account itself (managed in the Accounts menu); a sandbox we started is stopped.
 */
export async function signOut(services: Services, context: CommandContext, target?: unknown): Promise<{ ok: boolean }> {
  let id: string | undefined;
  const node = services.tree.tenantNodes().find((t) => t === target);
  if (node) id = node.connection.id;
  else if (target && typeof target === 'object' && typeof (target as { connectionId?: unknown }).connectionId === 'string') {
    id = (target as { connectionId: string }).connectionId;
  } else {
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(
      services.connections.list().map((c) => ({ label: c.label, description: c.accountLabel, id: c.id })),
      { title: vscode.l10n.t('Sign out of which tenant?') },
    ));
    id = picked?.id;
  }
  if (!id) return { ok: false };
  services.sandboxes.forget(id);
  services.graph.forget(id);
  await services.secrets.delete(clientSecretKey(id));
  await services.connections.remove(id);
  return { ok: true };
}
