import type { ServicePrincipal, SynchronizationJob } from '@microsoft/microsoft-graph-types';
import type { ProvisioningService } from '../graph/provisioningService';
import type { CycleRequest } from '../shared/jobStatus';

const PAGE_SIZE = 100;

/**
 * What the tree knows about one tenant: the app pages loaded so far (server-side search), the jobs
 * of those apps (loaded through $batch), and the view options. Kept across refreshes of children,
 * reset by a refresh of the tenant.
 */
export class TenantModel {
  search = '';
  provisioningOnly = false;
  apps: ServicePrincipal[] = [];
  nextLink?: string;
  readonly jobs = new Map<string, SynchronizationJob[]>();
  readonly jobErrors = new Map<string, Error>();
  /** The cycle last asked for from here (start, restart), by job id: Graph shows no queue. */
  readonly cycleRequests = new Map<string, CycleRequest>();
  private loaded = false;
  /** Bumped by reset(): a load that started before it drops its results (a search replaced it). */
  private generation = 0;
  private loading?: { generation: number; promise: Promise<void> };

  constructor(private readonly service: () => Promise<ProvisioningService>) {}

  get isLoaded(): boolean {
    return this.loaded;
  }

  reset(): void {
    this.generation++;
    this.loaded = false;
    this.apps = [];
    this.nextLink = undefined;
    this.jobs.clear();
    this.jobErrors.clear();
  }

  /**
   * Loads the first page (again). Unsignalled calls while a load of the same generation is under way
   * share it: VS Code and a command both asking for a tenant's rows must not load it twice, and a
   * second load answered later could overwrite newer job statuses with the state it read.
   */
  load(signal?: AbortSignal): Promise<void> {
    if (!signal && this.loading?.generation === this.generation) return this.loading.promise;
    const generation = this.generation;
    const promise = this.loadFirstPage(generation, signal);
    if (!signal) {
      const entry = { generation, promise };
      this.loading = entry;
      const clear = () => {
        if (this.loading === entry) this.loading = undefined;
      };
      promise.then(clear, clear);
    }
    return promise;
  }

  private async loadFirstPage(generation: number, signal?: AbortSignal): Promise<void> {
    const service = await this.service();
    const page = await service.apps.listApps({ search: this.search || undefined, top: PAGE_SIZE, signal });
    const jobs = await this.jobsOf(service, page.items, signal);
    if (generation !== this.generation) return;
    this.apps = [];
    this.jobs.clear();
    this.jobErrors.clear();
    this.addPage(page.items, jobs);
    this.nextLink = page.nextLink;
    this.loaded = true;
  }

  /** Loads the next page of apps, if any. */
  async loadMore(signal?: AbortSignal): Promise<void> {
    if (!this.nextLink) return;
    const generation = this.generation;
    const service = await this.service();
    const page = await service.apps.listApps({ nextLink: this.nextLink, signal });
    const jobs = await this.jobsOf(service, page.items, signal);
    if (generation !== this.generation) return;
    this.addPage(page.items, jobs);
    this.nextLink = page.nextLink;
  }

  /** Reloads the jobs (status) of the given apps; returns the ids whose jobs changed. */
  async refreshJobs(spIds: readonly string[], signal?: AbortSignal): Promise<string[]> {
    if (spIds.length === 0) return [];
    const generation = this.generation;
    const service = await this.service();
    const result = await service.jobs.jobsForApps(spIds, signal);
    // Read before a reset: the load that follows the reset has newer statuses than these.
    if (generation !== this.generation) return [];
    const changed: string[] = [];
    for (const [spId, entry] of result) {
      const before = JSON.stringify(this.jobs.get(spId) ?? null);
      if (entry.jobs) {
        this.jobs.set(spId, entry.jobs);
        this.jobErrors.delete(spId);
      } else if (entry.error) {
        this.jobErrors.set(spId, entry.error);
      }
      if (JSON.stringify(this.jobs.get(spId) ?? null) !== before) changed.push(spId);
    }
    return changed;
  }

  /** Apps to show: those with provisioning jobs first, then the rest (unless only those with jobs). */
  visibleApps(): ServicePrincipal[] {
    const withJobs = this.apps.filter((a) => (this.jobs.get(a.id ?? '')?.length ?? 0) > 0);
    const without = this.apps.filter((a) => (this.jobs.get(a.id ?? '')?.length ?? 0) === 0);
    return this.provisioningOnly ? withJobs : [...withJobs, ...without];
  }

  app(spId: string): ServicePrincipal | undefined {
    return this.apps.find((a) => a.id === spId);
  }

  /** Adds or updates one app (after instantiating from the gallery or creating a job). */
  async upsertApp(spId: string, signal?: AbortSignal): Promise<void> {
    const generation = this.generation;
    const service = await this.service();
    const app = await service.apps.getApp(spId, signal);
    // After a reset the app belongs to the next load's page (or to no page, under a search).
    if (generation !== this.generation) return;
    const index = this.apps.findIndex((a) => a.id === spId);
    if (index >= 0) this.apps[index] = app;
    else this.apps.unshift(app);
    await this.refreshJobs([spId], signal);
  }

  private jobsOf(service: ProvisioningService, items: ServicePrincipal[], signal?: AbortSignal) {
    return service.jobs.jobsForApps(items.filter((a) => a.id).map((a) => a.id as string), signal);
  }

  private addPage(items: ServicePrincipal[], jobs: Awaited<ReturnType<TenantModel['jobsOf']>>): void {
    const known = new Set(this.apps.map((a) => a.id));
    this.apps.push(...items.filter((a) => a.id && !known.has(a.id)));
    for (const [spId, entry] of jobs) {
      if (entry.jobs) this.jobs.set(spId, entry.jobs);
      else if (entry.error) this.jobErrors.set(spId, entry.error);
    }
  }
}
