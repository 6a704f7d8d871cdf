// The fleet: every provisioning job of every connected tenant, sorted by what needs attention
// (issue #16). Classification, grouping, refresh planning and the per-tenant state live here,
// host-free, so that unit tests and bench/fleet exercise exactly what the view runs; the view
// (src/tree/fleetProvider.ts) only turns rows into tree items.
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import { isNeverTime, nextCycleDueAt, summarizeJob, type JobStatusSummary, type JobStatusWords } from './jobStatus';

/** The fleet view's groups, in the order it shows them: what needs attention first. */
export const fleetGroups = ['quarantined', 'failing', 'paused', 'running', 'healthy', 'notStarted'] as const;
export type FleetGroup = (typeof fleetGroups)[number];

/** Why a job is in its group, for the row's description and tooltip (the host puts it in words). */
export type FleetReason =
  | { readonly kind: 'quarantine'; readonly reason: string; readonly message?: string }
  | { readonly kind: 'cycleFailed'; readonly code?: string; readonly message?: string }
  | { readonly kind: 'escrowed'; readonly count: number }
  | { readonly kind: 'successiveFailures'; readonly count: number };

/** One job as the fleet knows it: where it lives and its status as last read. */
export interface FleetJob {
  readonly connectionId: string;
  readonly servicePrincipalId: string;
  readonly appDisplayName: string;
  readonly job: SynchronizationJob;
}

export interface FleetClassification {
  readonly group: FleetGroup;
  readonly reasons: readonly FleetReason[];
  readonly summary: JobStatusSummary;
}

/** A job's row: the job, its group and reasons, and the times the row shows. */
export interface FleetRow extends FleetJob, FleetClassification {
  /** `connectionId/spId/jobId`: stable across refreshes. */
  readonly key: string;
  /** When the last cycle ended (or began, while one is under way); undefined for never. */
  readonly lastCycle?: string;
  /** When the next cycle (or, in quarantine, the next attempt) is expected, ms since the epoch. */
  readonly nextCycle?: number;
}

/** The fleet's rows by group (only groups with rows), and how many jobs need attention. */
export interface FleetModel {
  readonly groups: ReadonlyArray<{ readonly group: FleetGroup; readonly rows: readonly FleetRow[] }>;
  /** Quarantined plus failing: what the status bar counts. */
  readonly attention: number;
  readonly total: number;
}

export function fleetKey(connectionId: string, servicePrincipalId: string, jobId: string): string {
  return `${connectionId}/${servicePrincipalId}/${jobId}`;
}

/**
 * The signs of recent failure the job's own status carries: the last cycle failed or ended with
 * errors on some objects (escrowed, retried next cycle), or cycles failed several times in a row.
 */
function failureReasons(job: SynchronizationJob): FleetReason[] {
  const status = job.status ?? {};
  const last = status.lastExecution ?? undefined;
  const reasons: FleetReason[] = [];
  const ended = last && !isNeverTime(last.timeEnded);
  if (ended && (last.state === 'Failed' || last.error?.code)) {
    reasons.push({ kind: 'cycleFailed', code: last.error?.code ?? undefined, message: last.error?.message ?? undefined });
  }
  const escrowed = last?.countEscrowed ?? 0;
  if (escrowed > 0) reasons.push({ kind: 'escrowed', count: escrowed });
  const successive = status.countSuccessiveCompleteFailures ?? 0;
  if (successive > 1) reasons.push({ kind: 'successiveFailures', count: successive });
  return reasons;
}

/**
 * A job's group. Quarantine and pause are the service's own states and win; a cycle under way is
 * running (its last execution is that cycle, not a failure yet); an idle job with signs of recent
 * failure is failing; one never run (or without credentials) is not started; the rest are healthy.
 */
export function classifyJob(job: SynchronizationJob, now: Date, words: JobStatusWords): FleetClassification {
  const summary = summarizeJob(job, now, words);
  const code = job.status?.code;
  if (code === 'Quarantine' || summary.health === 'quarantine') {
    const q = job.status?.quarantine;
    return { group: 'quarantined', summary, reasons: [{ kind: 'quarantine', reason: q?.reason ?? 'Unknown', message: q?.error?.message ?? job.status?.lastExecution?.error?.message ?? undefined }] };
  }
  if (summary.health === 'paused') return { group: 'paused', summary, reasons: [] };
  if (summary.health === 'running') return { group: 'running', summary, reasons: [] };
  const reasons = failureReasons(job);
  if (reasons.length > 0 || summary.health === 'failed') return { group: 'failing', summary, reasons };
  if (summary.health === 'notRun' || summary.health === 'notConfigured') return { group: 'notStarted', summary, reasons: [] };
  return { group: 'healthy', summary, reasons: [] };
}

function lastCycleOf(job: SynchronizationJob): string | undefined {
  const last = job.status?.lastExecution;
  if (!last) return undefined;
  if (!isNeverTime(last.timeEnded)) return last.timeEnded ?? undefined;
  return isNeverTime(last.timeBegan) ? undefined : (last.timeBegan ?? undefined);
}

function nextCycleOf(job: SynchronizationJob): number | undefined {
  const attempt = job.status?.quarantine?.nextAttempt;
  if (job.status?.code === 'Quarantine') return isNeverTime(attempt) ? undefined : Date.parse(attempt ?? '') || undefined;
  return nextCycleDueAt(job);
}

/** A job's row. */
export function fleetRow(entry: FleetJob, now: Date, words: JobStatusWords): FleetRow {
  const classification = classifyJob(entry.job, now, words);
  return {
    ...entry,
    ...classification,
    key: fleetKey(entry.connectionId, entry.servicePrincipalId, entry.job.id ?? ''),
    lastCycle: lastCycleOf(entry.job),
    nextCycle: nextCycleOf(entry.job),
  };
}

/** The fleet's groups in the view's order, rows by app name (then job id, so the order is stable). */
export function buildFleet(entries: readonly FleetJob[], now: Date, words: JobStatusWords): FleetModel {
  const rows = entries.map((e) => fleetRow(e, now, words));
  const byGroup = new Map<FleetGroup, FleetRow[]>();
  for (const row of rows) {
    const list = byGroup.get(row.group) ?? [];
    list.push(row);
    byGroup.set(row.group, list);
  }
  const groups = fleetGroups
    .filter((g) => byGroup.has(g))
    .map((group) => ({ group, rows: byGroup.get(group)!.sort((a, b) => a.appDisplayName.localeCompare(b.appDisplayName) || a.key.localeCompare(b.key)) }));
  const attention = rows.filter((r) => r.group === 'quarantined' || r.group === 'failing').length;
  return { groups, attention, total: rows.length };
}

/**
 * Jobs that went into quarantine between two looks at the fleet: quarantined now, and known before
 * in another group. A job first seen in quarantine (at the first load, or found by a later
 * discovery) is not news.
 */
export function newlyQuarantined(before: ReadonlyMap<string, FleetGroup>, after: readonly FleetRow[]): FleetRow[] {
  return after.filter((row) => row.group === 'quarantined' && before.has(row.key) && before.get(row.key) !== 'quarantined');
}

/** Graph takes at most 20 requests in one $batch. */
export const FLEET_BATCH_SIZE = 20;

/** The most Graph requests a background refresh of `jobs` jobs may make: one $batch per 20 apps. */
export function refreshRequestBudget(jobs: number): number {
  return Math.ceil(jobs / FLEET_BATCH_SIZE);
}

/**
 * The apps a background refresh re-reads, per tenant: each app with a known job once (an app's jobs
 * come in one response), so a tenant's N jobs never need more than ⌈N/20⌉ batches. The budget holds
 * per tenant, not across tenants: each tenant is its own endpoint and token, so k tenants with a few
 * jobs each take k requests.
 */
export function planRefresh(jobs: ReadonlyArray<Pick<FleetJob, 'connectionId' | 'servicePrincipalId'>>): Map<string, string[]> {
  const plan = new Map<string, Set<string>>();
  for (const job of jobs) {
    const apps = plan.get(job.connectionId) ?? new Set<string>();
    apps.add(job.servicePrincipalId);
    plan.set(job.connectionId, apps);
  }
  return new Map([...plan].map(([id, apps]) => [id, [...apps]]));
}

/** What the fleet needs from Graph (the extension's ProvisioningService has both, as `apps` and `jobs`). */
export interface FleetGraph {
  listAllAppNames(limit: number, signal?: AbortSignal): Promise<Array<{ id: string; displayName?: string }>>;
  jobsForApps(spIds: readonly string[], signal?: AbortSignal): Promise<Map<string, { jobs?: SynchronizationJob[]; error?: Error }>>;
}

/** How many enterprise apps discovery lists at most (as the tenant-wide activity stream does). */
export const FLEET_APP_LIMIT = 5000;

/** The longest a tenant that keeps failing waits between background retries. */
export const FLEET_MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * How long after its `failures`-th failure in a row a tenant is tried again by the background
 * passes: the next pass after the first (a blip), then 1, 2, 4, 8 minutes, at most 15. A signed-out
 * or unreachable tenant thus costs a few requests an hour, not one every 30 seconds.
 */
export function fleetRetryDelayMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(60_000 * 2 ** (failures - 2), FLEET_MAX_RETRY_DELAY_MS);
}

/**
 * How often the background refresh runs, or undefined for not at all: never while the window is
 * unfocused (nobody is looking; the status bar catches up on focus), every `visibleMs` while the
 * view shows, every `hiddenMs` while it is hidden only if the quarantine notification is wanted.
 */
export function fleetRefreshInterval(state: { focused: boolean; viewVisible: boolean; notifyOnQuarantine: boolean }, visibleMs: number, hiddenMs: number): number | undefined {
  if (!state.focused) return undefined;
  if (state.viewVisible) return visibleMs;
  return state.notifyOnQuarantine ? hiddenMs : undefined;
}

/** An app whose jobs could not be read in the last discovery or refresh (its rows, if any, are as read before). */
export interface FleetAppError {
  readonly servicePrincipalId: string;
  readonly appDisplayName: string;
  readonly error: Error;
}

/**
 * One tenant's part of the fleet: the apps with jobs found by the last discovery and their jobs as
 * last read. Discovery lists every enterprise app and reads all their jobs; a refresh re-reads only
 * the apps known to have jobs. A failure is kept (with when, and how many in a row) rather than
 * thrown away, so the view can say its rows are stale and back off its retries.
 */
export class FleetTenant {
  private readonly apps = new Map<string, { name: string; jobs: SynchronizationJob[] }>();
  private discovered = false;
  private failuresInRow = 0;
  private lastFailure = 0;
  private appFailures: FleetAppError[] = [];
  /** The last error of a discovery or refresh (cleared by a successful one). */
  error?: Error;
  /** When that error happened, ms since the epoch. */
  get failedAt(): number | undefined {
    return this.error ? this.lastFailure : undefined;
  }

  constructor(readonly connectionId: string) {}

  get isDiscovered(): boolean {
    return this.discovered;
  }

  /** Failed discoveries or refreshes in a row (0 after a success). */
  get failures(): number {
    return this.failuresInRow;
  }

  /** Apps whose jobs could not be read last time, though the tenant answered. */
  get appErrors(): readonly FleetAppError[] {
    return this.appFailures;
  }

  /** Whether a background pass should try this tenant now: always when it did not fail, else after the back-off. */
  retryDue(now: number): boolean {
    return this.failuresInRow === 0 || now - this.lastFailure >= fleetRetryDelayMs(this.failuresInRow);
  }

  /** Records a failed read of this tenant (also one before any request, such as getting a token). */
  fail(error: unknown, now = Date.now()): void {
    this.error = error instanceof Error ? error : new Error(String(error));
    this.failuresInRow++;
    this.lastFailure = now;
  }

  private succeeded(): void {
    this.error = undefined;
    this.failuresInRow = 0;
  }

  /** Lists every enterprise app and keeps those with provisioning jobs. */
  async discover(graph: FleetGraph, signal?: AbortSignal, now = Date.now()): Promise<void> {
    let apps: Array<{ id: string; displayName?: string }>;
    let jobs: Map<string, { jobs?: SynchronizationJob[]; error?: Error }>;
    try {
      apps = await graph.listAllAppNames(FLEET_APP_LIMIT, signal);
      jobs = await graph.jobsForApps(apps.map((a) => a.id), signal);
    } catch (error) {
      this.fail(error, now);
      throw error;
    }
    const names = new Map(apps.map((a) => [a.id, a.displayName ?? a.id]));
    const previous = new Map(this.apps);
    const appErrors: FleetAppError[] = [];
    this.apps.clear();
    for (const [spId, entry] of jobs) {
      if (entry.error) appErrors.push({ servicePrincipalId: spId, appDisplayName: names.get(spId) ?? spId, error: entry.error });
      // An app whose jobs could not be read this time keeps what was known of them.
      const list = entry.jobs ?? (entry.error ? previous.get(spId)?.jobs : undefined) ?? [];
      if (list.length > 0) this.apps.set(spId, { name: names.get(spId) ?? spId, jobs: list });
    }
    this.appFailures = appErrors;
    this.discovered = true;
    this.succeeded();
  }

  /**
   * Re-reads the jobs of the apps known to have some; returns the ids of the apps whose jobs changed.
   * An app whose read failed keeps its rows and is listed in `appErrors`; a failure of the whole
   * read is thrown, and kept in `error`.
   */
  async refresh(graph: FleetGraph, signal?: AbortSignal, now = Date.now()): Promise<string[]> {
    const spIds = planRefresh(this.jobs()).get(this.connectionId) ?? [];
    if (spIds.length === 0) {
      this.appFailures = [];
      this.succeeded();
      return [];
    }
    let result: Map<string, { jobs?: SynchronizationJob[]; error?: Error }>;
    try {
      result = await graph.jobsForApps(spIds, signal);
    } catch (error) {
      this.fail(error, now);
      throw error;
    }
    const changed: string[] = [];
    const appErrors: FleetAppError[] = [];
    for (const [spId, entry] of result) {
      const known = this.apps.get(spId);
      if (!known) continue;
      if (entry.error) appErrors.push({ servicePrincipalId: spId, appDisplayName: known.name, error: entry.error });
      if (!entry.jobs) continue;
      if (JSON.stringify(entry.jobs) === JSON.stringify(known.jobs)) continue;
      changed.push(spId);
      if (entry.jobs.length === 0) this.apps.delete(spId);
      else known.jobs = entry.jobs;
    }
    this.appFailures = appErrors;
    this.succeeded();
    return changed;
  }

  /** Replaces one app's jobs with a fresher read (after a command acted on it elsewhere). */
  update(servicePrincipalId: string, jobs: readonly SynchronizationJob[], name?: string): boolean {
    const known = this.apps.get(servicePrincipalId);
    if (!known && jobs.length === 0) return false;
    if (known && JSON.stringify(known.jobs) === JSON.stringify(jobs)) return false;
    if (jobs.length === 0) this.apps.delete(servicePrincipalId);
    else this.apps.set(servicePrincipalId, { name: name ?? known?.name ?? servicePrincipalId, jobs: [...jobs] });
    return true;
  }

  /** Every known job of the tenant. */
  jobs(): FleetJob[] {
    return [...this.apps].flatMap(([spId, app]) => app.jobs.map((job) => ({ connectionId: this.connectionId, servicePrincipalId: spId, appDisplayName: app.name, job })));
  }
}
