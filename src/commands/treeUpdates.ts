import type { Services } from './services';

/**
 * After a command changed an app or job: reload that app's jobs and redraw it (adding the app to
 * the tree when it is new), without reloading the whole tenant.
 */
export async function refreshAppInTree(services: Services, connectionId: string, servicePrincipalId: string, signal?: AbortSignal): Promise<void> {
  const tenant = services.tree.tenant(connectionId);
  if (!tenant?.model.isLoaded) return;
  try {
    if (tenant.model.app(servicePrincipalId)) {
      await tenant.model.refreshJobs([servicePrincipalId], signal);
      services.tree.redraw(tenant.appNode(servicePrincipalId));
    } else {
      await tenant.model.upsertApp(servicePrincipalId, signal);
      services.tree.redraw(tenant);
    }
  } catch (error) {
    // The command itself succeeded; a stale row is fixed by the next refresh.
    services.logger.child('tree').warn(`could not redraw app ${servicePrincipalId}: ${(error as Error).message}`);
  }
}
