import type * as vscode from 'vscode';
import type { Logger } from '../shared/logger';
import { CycleWaitBackoff, type CycleWait } from './cycleWaitBackoff';
import { jobActivity } from './jobStatusText';
import type { ProvisioningTreeProvider } from './provisioningTreeProvider';

const INTERVAL_MS = 10_000;
const PASS_TIMEOUT_MS = 30_000;

/**
 * While the view is visible and a job is mid-cycle, reloads the status of the running jobs' apps
 * (one $batch per 20 apps) and redraws only the apps that changed. Apps whose jobs wait for a cycle
 * to begin (the first one, or a scheduled one that is due) are reloaded too, less often after a
 * while (see CycleWaitBackoff), so the tree shows a scheduled cycle when it starts.
 */
export class JobStatusRefresher implements vscode.Disposable {
  private timer?: NodeJS.Timeout;
  private readonly visibility: vscode.Disposable;
  private inFlight?: Promise<number>;
  private redrawn = 0;
  private readonly cycleWait = new CycleWaitBackoff();

  constructor(
    private readonly tree: ProvisioningTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
    private readonly logger: Logger,
  ) {
    // The timer runs only while the view is visible: a hidden view costs no wake-ups.
    this.visibility = view.onDidChangeVisibility(({ visible }) => this.runTimer(visible));
    this.runTimer(view.visible);
  }

  private runTimer(run: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    // A slow tenant must not stack passes: the timer skips while one is under way.
    if (run) this.timer = setInterval(() => {
      if (!this.inFlight) void this.tick();
    }, INTERVAL_MS);
  }

  /** How many app rows all passes so far have redrawn (the timer's and explicit ones). */
  get redrawCount(): number {
    return this.redrawn;
  }

  get viewVisible(): boolean {
    return this.view.visible;
  }

  /**
   * One refresh pass; returns how many apps it redrew. A pass already under way is waited for
   * first, so an explicit refresh is never silently swallowed by the timer's.
   */
  async tick(): Promise<number> {
    while (this.inFlight) await this.inFlight;
    if (!this.view.visible) return 0;
    const pass = this.refreshWatchedApps();
    this.inFlight = pass;
    try {
      return await pass;
    } finally {
      this.inFlight = undefined;
    }
  }

  private async refreshWatchedApps(): Promise<number> {
    let redrawn = 0;
    const stillWaiting = new Set<string>();
    for (const tenant of this.tree.tenantNodes()) {
      if (!tenant.model.isLoaded) continue;
      const now = new Date();
      const watched = tenant.knownAppNodes().filter((app) => {
        const activities = app.jobs.map((job) => jobActivity(job, now, tenant.model.cycleRequests.get(job.id ?? ''))).filter((a) => a.running || a.cycleDue);
        if (activities.length === 0) return false;
        const key = `${tenant.id}/${app.servicePrincipalId}`;
        const inCycle = activities.some((a) => a.running && !a.awaitingFirstCycle);
        const wait: CycleWait | undefined = inCycle ? undefined : activities.some((a) => a.awaitingFirstCycle) ? 'first' : 'scheduled';
        if (wait) stillWaiting.add(key);
        return this.cycleWait.due(key, wait, now.getTime());
      });
      if (watched.length === 0) continue;
      try {
        // A hung request must not hold up later passes (or a tick() waiting for this one).
        const changed = new Set(await tenant.model.refreshJobs(watched.map((a) => a.servicePrincipalId), AbortSignal.timeout(PASS_TIMEOUT_MS)));
        for (const app of watched) {
          if (!changed.has(app.servicePrincipalId)) continue;
          this.tree.redraw(app);
          redrawn++;
          this.redrawn++;
        }
      } catch (error) {
        // One tenant failing (signed out, offline) must not stop the others' refresh.
        this.logger.debug(`job status refresh of ${tenant.id} failed: ${(error as Error).message}`);
      }
    }
    this.cycleWait.keepOnly(stillWaiting);
    return redrawn;
  }

  dispose(): void {
    this.visibility.dispose();
    clearInterval(this.timer);
  }
}
