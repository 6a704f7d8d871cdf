import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import type { ProvisioningService } from '../graph/provisioningService';
import { jobChanges, type JobChange } from './jobChanges';
import type { ActivityScope } from './types';

/** A job change with the name of the job it happened to. */
export interface NamedJobChange {
  readonly servicePrincipalId: string;
  readonly jobId: string;
  /** The app's name, with the job's template when the app has several jobs, e.g. `Contoso SCIM (scim)`. */
  readonly label: string;
  readonly change: JobChange;
}

/** Rounds between re-reading the tenant's apps (tenant-wide streams pick up new jobs this often). */
const APP_REFRESH_ROUNDS = 30;

type JobService = Pick<ProvisioningService, 'jobs' | 'apps'>;

/**
 * Polls the status of the jobs in a scope and reports what changed since the last poll: one job
 * (one request), an app's jobs (one request) or every job in the tenant (`$batch` of 20 apps).
 */
export class JobWatcher {
  private readonly last = new Map<string, SynchronizationJob>();
  private readonly appNames = new Map<string, string>();
  private tenantApps: string[] | undefined;
  private rounds = 0;

  constructor(
    private readonly service: JobService,
    private readonly scope: ActivityScope,
  ) {}

  /**
   * Reads the jobs and returns what changed; `commit()` makes this observation the baseline, so a
   * round that fails later (e.g. reading the logs) reports the same changes again next time.
   */
  async poll(signal?: AbortSignal): Promise<{ changes: NamedJobChange[]; commit: () => void }> {
    const jobs = await this.read(signal);
    this.rounds++;
    const changes: NamedJobChange[] = [];
    const jobsPerApp = new Map<string, number>();
    for (const { spId } of jobs) jobsPerApp.set(spId, (jobsPerApp.get(spId) ?? 0) + 1);
    for (const { spId, job } of jobs) {
      if (!job.id) continue;
      // Named as the tree names them: by the app, and by the template only where the app has several jobs.
      const app = this.appNames.get(spId) ?? spId;
      const label = (jobsPerApp.get(spId) ?? 0) > 1 ? `${app} (${job.templateId ?? job.id})` : app;
      for (const change of jobChanges(this.last.get(`${spId}/${job.id}`), job)) changes.push({ servicePrincipalId: spId, jobId: job.id, label, change });
    }
    const commit = () => {
      for (const { spId, job } of jobs) if (job.id) this.last.set(`${spId}/${job.id}`, job);
    };
    return { changes, commit };
  }

  private async read(signal?: AbortSignal): Promise<Array<{ spId: string; job: SynchronizationJob }>> {
    const scope = this.scope;
    switch (scope.kind) {
      case 'job': {
        await this.nameApp(scope.servicePrincipalId, signal);
        const job = await this.service.jobs.getJob(scope.servicePrincipalId, scope.jobId, signal);
        return [{ spId: scope.servicePrincipalId, job }];
      }
      case 'app': {
        await this.nameApp(scope.servicePrincipalId, signal);
        const jobs = await this.service.jobs.listJobs(scope.servicePrincipalId, signal);
        return jobs.map((job) => ({ spId: scope.servicePrincipalId, job }));
      }
      case 'tenant': {
        if (!this.tenantApps || this.rounds % APP_REFRESH_ROUNDS === 0) {
          const apps = await this.service.apps.listAllAppNames(5000, signal);
          for (const app of apps) this.appNames.set(app.id, app.displayName ?? app.id);
          this.tenantApps = apps.map((a) => a.id);
        }
        const byApp = await this.service.jobs.jobsForApps(this.tenantApps, signal);
        const result: Array<{ spId: string; job: SynchronizationJob }> = [];
        for (const [spId, entry] of byApp) {
          // Apps without provisioning answer 404 or an empty list; neither is worth a line.
          for (const job of entry.jobs ?? []) result.push({ spId, job });
        }
        // Later rounds ask only for apps that have jobs (or failed for a passing reason); the periodic
        // app refresh finds apps that got a job since.
        this.tenantApps = this.tenantApps.filter((id) => {
          const entry = byApp.get(id);
          return (entry?.jobs?.length ?? 0) > 0 || (entry?.error !== undefined && entry.error.kind !== 'notFound');
        });
        return result;
      }
    }
  }

  private async nameApp(spId: string, signal?: AbortSignal): Promise<void> {
    if (this.appNames.has(spId)) return;
    const app = await this.service.apps.getApp(spId, signal);
    this.appNames.set(spId, app.displayName ?? spId);
  }
}
