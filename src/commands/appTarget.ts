import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { hasAppTarget, type AppTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { InputFlow, type FlowSearchItem } from './inputFlow';
import type { Services } from './services';

/**
 * The app a command was invoked for: a tree node, a plain `{ servicePrincipalId, connectionId? }`
 * argument, or, from the palette, one the user searches for (as a step of `flow` when the command
 * asks more afterwards, so the prompt stays on screen between the steps).
 */
export async function resolveAppTarget(services: Services, context: CommandContext, arg: unknown, flow?: InputFlow): Promise<AppTarget | undefined> {
  if (hasAppTarget(arg)) {
    services.tree.rememberApp(arg.appTarget.connectionId, arg.appTarget.servicePrincipalId);
    return arg.appTarget;
  }
  if (arg && typeof arg === 'object' && (arg as { servicePrincipalId?: unknown }).servicePrincipalId !== undefined) {
    const { servicePrincipalId, connectionId } = arg as Record<string, unknown>;
    if (typeof servicePrincipalId !== 'string' || !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give servicePrincipalId as a non-empty string.'));
    const id = services.graph.connection(typeof connectionId === 'string' ? connectionId : undefined).id;
    services.tree.rememberApp(id, servicePrincipalId);
    return { connectionId: id, servicePrincipalId };
  }
  if (flow) return pickApp(services, context, flow);
  const ownFlow = new InputFlow(context, vscode.l10n.t('No enterprise app was chosen.'));
  try {
    return await pickApp(services, context, ownFlow);
  } finally {
    ownFlow.dispose();
  }
}

/**
 * A quick pick that searches enterprise apps on the server as the user types; the app the user is
 * working on (selected in the tree, else last used) comes first and highlighted.
 */
async function pickApp(services: Services, context: CommandContext, flow: InputFlow): Promise<AppTarget | undefined> {
  const connection = services.graph.connection();
  const service = await services.graph.service(connection.id);
  const working = services.tree.workingApp(connection.id);
  type Row = FlowSearchItem & { id: string };
  const row = (app: ServicePrincipal, note?: string): Row => ({ label: app.displayName ?? app.id ?? '', description: [note, app.appId].filter(Boolean).join(' · ') || undefined, id: app.id ?? '' });
  const [chosen] = await flow.searchPick<Row>({
    title: vscode.l10n.t('Which enterprise app?'),
    placeholder: vscode.l10n.t('Type to search {0}', connection.label),
    matchOnDescription: true,
    noMatch: (search) => vscode.l10n.t('No enterprise app matches "{0}".', search),
    onError: (error) => services.logger.child('commands').warn(`app search failed: ${error.message}`),
    load: async (search) => {
      const page = await service.apps.listApps({ search, top: 50, signal: context.signal });
      if (search || !working) return page.items.map((app) => row(app));
      // The working app first, read on its own when it is not on the first page.
      const current = page.items.find((app) => app.id === working) ?? (await service.apps.getApp(working, context.signal).catch(() => undefined));
      const rest = page.items.filter((app) => app.id !== working).map((app) => row(app));
      return current ? [row(current, vscode.l10n.t('current')), ...rest] : rest;
    },
    preferred: (items) => items.find((item) => item.id === working),
  }) ?? [];
  if (!chosen) return undefined;
  services.tree.rememberApp(connection.id, chosen.id);
  return { connectionId: connection.id, servicePrincipalId: chosen.id, displayName: chosen.label };
}
