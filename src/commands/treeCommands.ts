import * as vscode from 'vscode';
import type { FleetSummary } from '../tree/fleetProvider';
import type { TenantNode } from '../tree/tenantNode';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

function tenantOf(services: Services, arg: unknown): TenantNode | undefined {
  // By identity, not instanceof: the tree's classes are in their own bundle (dist/treeRuntime.js), this handler is not.
  const node = services.tree.tenantNodes().find((t) => t === arg);
  if (node) return node;
  const connectionId = (arg as { connectionId?: unknown } | undefined)?.connectionId;
  const id = typeof connectionId === 'string' ? connectionId : services.connections.current?.id;
  return id ? services.tree.tenant(id) : undefined;
}

/** Reloads a node from Graph (a tenant its apps, an app or job its status), or the whole tree. */
export async function refresh(services: Services, _context: CommandContext, node?: unknown): Promise<void> {
  await services.tree.refresh(node && typeof (node as TreeNode).getChildren === 'function' ? (node as TreeNode) : undefined);
}

/**
 * Lists every connected tenant's apps again and reads all their jobs (the fleet view's Refresh);
 * returns the fleet by group, for scripts.
 */
export function refreshFleet(services: Services): Promise<FleetSummary> {
  return services.fleet.refresh();
}

/** Filters a tenant's apps by a server-side search; empty clears it. Scripted: `{ search, connectionId? }`. */
export async function searchApps(services: Services, context: CommandContext, arg?: unknown): Promise<{ search: string } | undefined> {
  const tenant = tenantOf(services, arg);
  if (!tenant) return undefined;
  let search = (arg as { search?: unknown } | undefined)?.search;
  if (typeof search !== 'string') {
    search = await context.waitForUser(() => vscode.window.showInputBox({ title: vscode.l10n.t('Search enterprise apps in {0}', tenant.connection.label), prompt: vscode.l10n.t('Display name to search for; leave empty to show all apps'), value: tenant.model.search }, context.token));
    if (search === undefined) return undefined;
  }
  await services.tree.search(tenant, search as string);
  return { search: tenant.model.search };
}

/** Shows only apps with provisioning jobs, or all apps again. */
export function toggleProvisioningOnly(services: Services, _context: CommandContext, arg?: unknown): { provisioningOnly: boolean } | undefined {
  const tenant = tenantOf(services, arg);
  if (!tenant) return undefined;
  return { provisioningOnly: services.tree.toggleProvisioningOnly(tenant) };
}

/** Loads the next page of a tenant's apps. */
export async function loadMoreApps(services: Services, context: CommandContext, arg?: unknown): Promise<void> {
  const tenant = tenantOf(services, arg);
  if (!tenant) return;
  context.report(vscode.l10n.t('Loading more apps…'));
  await services.tree.loadMore(tenant, context.signal);
}
