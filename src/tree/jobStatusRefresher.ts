import type * as vscode from 'vscode';
import type { Logger } from '../shared/logger';
import { describeJobStatus } from './jobStatusText';
import type { ProvisioningTreeProvider } from './provisioningTreeProvider';


const INTERVAL_MS = 10_000;

/**
 * While the view is visible and a job is mid-cycle, reloads the status of the running jobs' apps
 * (one $batch per 20 apps) and redraws only the apps that changed.
 */
export class JobStatusRefresher implements vscode.Disposable {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly tree: ProvisioningTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
  }

  /** One refresh pass; returns how many apps were redrawn. Exposed for tests. */
  async tick(): Promise<number> {
    if (this.busy || !this.view.visible) return 0;
    this.busy = true;
    let redrawn = 0;
    try {
      for (const tenant of this.tree.tenantNodes()) {
        if (!tenant.model.isLoaded) continue;
        const now = new Date();
        const running = tenant.knownAppNodes().filter((app) => app.jobs.some((job) => describeJobStatus(job, now).running));
        if (running.length === 0) continue;
        const changed = new Set(await tenant.model.refreshJobs(running.map((a) => a.servicePrincipalId)));
        for (const app of running) {
          if (!changed.has(app.servicePrincipalId)) continue;
          this.tree.redraw(app);
          redrawn++;
        }
      }
    } catch (error) {
      this.logger.debug(`job status refresh failed: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
    return redrawn;
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
