import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { hasAppTarget, type AppTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import type { Services } from './services';

/**
 * The app a command was invoked for: a tree node, a plain `{ servicePrincipalId, connectionId? }`
 * argument, or, from the palette, one the user searches for (as a step of `flow` when the command
 * asks more afterwards, so the prompt stays on screen between the steps).
 */
export async function resolveAppTarget(services: Services, context: CommandContext, arg: unknown, flow?: InputFlow): Promise<AppTarget | undefined> {
  if (hasAppTarget(arg)) return arg.appTarget;
  if (arg && typeof arg === 'object' && (arg as { servicePrincipalId?: unknown }).servicePrincipalId !== undefined) {
    const { servicePrincipalId, connectionId } = arg as Record<string, unknown>;
    if (typeof servicePrincipalId !== 'string' || !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give servicePrincipalId as a non-empty string.'));
    return { connectionId: services.graph.connection(typeof connectionId === 'string' ? connectionId : undefined).id, servicePrincipalId };
  }
  if (flow) return pickApp(services, context, flow);
  const ownFlow = new InputFlow(context, vscode.l10n.t('No enterprise app was chosen.'));
  try {
    return await pickApp(services, context, ownFlow);
  } finally {
    ownFlow.dispose();
  }
}

/** A quick pick that searches enterprise apps on the server as the user types. */
async function pickApp(services: Services, context: CommandContext, flow: InputFlow): Promise<AppTarget | undefined> {
  const connection = services.graph.connection();
  const service = await services.graph.service(connection.id);
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  pick.title = vscode.l10n.t('Which enterprise app?');
  pick.placeholder = vscode.l10n.t('Type to search {0}', connection.label);
  pick.matchOnDescription = true;
  let generation = 0;
  const load = async (search: string) => {
    const mine = ++generation;
    pick.busy = true;
    try {
      const page = await service.apps.listApps({ search, top: 50, signal: context.signal });
      if (mine !== generation) return;
      pick.items = page.items.map((app) => ({ label: app.displayName ?? app.id ?? '', description: app.appId ?? undefined, id: app.id ?? '' }));
    } catch (error) {
      if (mine === generation) pick.items = [];
      services.logger.child('tree').warn(`app search failed: ${(error as Error).message}`);
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  pick.onDidChangeValue((value) => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(value), 250);
  });
  void load('');
  try {
    const chosen = await flow.step(pick, () => pick.selectedItems[0] ?? pick.activeItems[0]);
    return chosen ? { connectionId: connection.id, servicePrincipalId: chosen.id, displayName: chosen.label } : undefined;
  } finally {
    clearTimeout(timer);
  }
}
