import { EventEmitter } from 'node:events';
import type { SandboxStore } from '../state/store';
import { intervalFor } from '../sync/jobFactory';
import type { JobRecord, KeyStringValue, SynchronizationError } from '../types';
import type { JobControl, OnDemandSubject } from './api';
import { groupEscrowKey, runCycle } from './cycle';
import { TOO_MANY_DELETES } from './deletionThreshold';
import type { CycleDeps, CycleResult } from './cycle';
import { provisionOnDemand } from './onDemand';
import { ProvisioningLogIngestion } from './audit';
import { paceSettings, RateGate } from './pace';
import { endInterrupted } from './status';
import type { PaceSettings } from './pace';
import { ScimClient } from './scimClient';
import { connect, testConnection } from './target';
import type { ConnectorEndpoints } from './target';

/** The longest delay a Node timer keeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Entra's schedule interval (40 minutes). */
export const DEFAULT_INTERVAL_SECONDS = 40 * 60;

/** Engine settings. */
export interface EngineOptions {
  /** Seconds between incremental cycles. */
  intervalSeconds?: number;
  /** Users processed in parallel within a cycle. */
  concurrency?: number;
  /** Waits until the target app's state is observable (SCIM app on a worker thread). */
  settle?: () => Promise<void>;
  /** Queue delay and export rate (default: the `real` pace). */
  pace?: PaceSettings;
  /** Where cycles and provision on demand write provisioning log entries (default: at once into the store). */
  logs?: ProvisioningLogIngestion;
}

/** Event emitted after every cycle. */
export interface CycleEvent { spId: string; jobId: string; result: CycleResult }

/**
 * Runs provisioning jobs: schedules cycles, honours pause/restart, and serializes cycles per job
 * so a cycle never overlaps the next one of the same job.
 */
export class ProvisioningEngine implements JobControl {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<CycleResult | undefined>>();
  /** Rate gates of running cycles, woken when a cycle has to stop. */
  private readonly gates = new Map<string, RateGate>();
  /** Jobs whose running cycle was told to stop by a restart. */
  private readonly cancelled = new Set<string>();
  /** Jobs restarted during a cycle: queued again when that cycle has stopped. */
  private readonly requeued = new Set<string>();
  private readonly events = new EventEmitter();
  private closed = false;
  private readonly deps: CycleDeps;
  readonly intervalSeconds: number;
  readonly pace: PaceSettings;

  constructor(private readonly store: SandboxStore, endpoints: ConnectorEndpoints, options: EngineOptions = {}) {
    this.intervalSeconds = options.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
    this.pace = options.pace ?? paceSettings({});
    const logs = options.logs ?? new ProvisioningLogIngestion(store, 0, Math.random);
    this.deps = { store, endpoints, concurrency: options.concurrency ?? 8, intervalMs: this.intervalSeconds * 1000, settle: options.settle, logs };
    this.events.setMaxListeners(0);
  }

  /** Re-arms the schedule of jobs that were active when state was saved (after a restart), and ends cycles cut short then. */
  resume(): void {
    for (const [spId, sync] of Object.entries(this.store.data.synchronization)) {
      for (const job of sync.jobs) {
        endInterrupted(job);
        if (job.schedule.state !== 'Active') continue;
        const due = job.runtime.nextRun ?? Date.now();
        this.schedule(spId, job.id, Math.max(0, due - Date.now()));
      }
    }
  }

  private findJob(spId: string, jobId: string): JobRecord | undefined {
    return this.store.data.synchronization[spId]?.jobs.find((j) => j.id === jobId);
  }

  private schedule(spId: string, jobId: string, delayMs: number): void {
    if (this.closed) return;
    const old = this.timers.get(jobId);
    if (old) clearTimeout(old);
    const job = this.findJob(spId, jobId);
    const due = Date.now() + delayMs;
    if (job) job.runtime.nextRun = due;
    // Node fires a timer of more than 2^31-1 ms at once; a later run (a long cycle interval, a
    // quarantined job's daily retry scaled up by it) waits in steps instead.
    this.timers.set(jobId, setTimeout(() => {
      this.timers.delete(jobId);
      if (Date.now() < due) this.schedule(spId, jobId, due - Date.now());
      else void this.trigger(spId, jobId, true);
    }, Math.min(delayMs, MAX_TIMER_MS)));
  }

  /** Schedules the next cycle at a point in time, recorded as the job's next run exactly. */
  private scheduleAt(spId: string, jobId: string, at: number): void {
    this.schedule(spId, jobId, Math.max(0, at - Date.now()));
    const job = this.findJob(spId, jobId);
    if (job && !this.closed) job.runtime.nextRun = at;
  }

  /** Runs a cycle unless one is running (then waits for that one); reschedules when `scheduled`. */
  private trigger(spId: string, jobId: string, scheduled: boolean): Promise<CycleResult | undefined> {
    const current = this.running.get(jobId);
    if (current) return current;
    const job = this.findJob(spId, jobId);
    if (!job || this.closed) return Promise.resolve(undefined);
    if (scheduled && job.schedule.state !== 'Active') return Promise.resolve(undefined);
    // Held deletions wait for an admin: no scheduled cycle until the job is started or restarted.
    if (scheduled && job.status.quarantine?.reason === TOO_MANY_DELETES) {
      job.runtime.nextRun = null;
      return Promise.resolve(undefined);
    }
    const gate = this.pace.exportRatePerSecond > 0 ? new RateGate(this.pace.exportRatePerSecond) : undefined;
    if (gate) this.gates.set(jobId, gate);
    const run = (async () => {
      // A pause or restart during the cycle stops it between objects; a manual run of a paused or disabled job still completes.
      const stateAtStart = job.schedule.state;
      const stop = () => this.closed || this.cancelled.has(jobId) || !this.findJob(spId, jobId) || (job.schedule.state !== stateAtStart && job.schedule.state !== 'Active');
      const result = await runCycle({ ...this.deps, gate }, spId, job, stop);
      this.events.emit('cycle', { spId, jobId, result } satisfies CycleEvent);
      return result;
    })().catch((e: unknown) => {
      this.events.emit('cycleError', e);
      return undefined;
    }).finally(() => {
      this.running.delete(jobId);
      this.gates.delete(jobId);
      this.cancelled.delete(jobId);
      const requeued = this.requeued.delete(jobId);
      const still = this.findJob(spId, jobId);
      if (still && still.schedule.state === 'Active' && !this.closed) {
        if (requeued) this.schedule(spId, jobId, this.pace.queueDelayMs);
        // Held deletions wait for the admin: no next run to show until a start or restart.
        else if (still.status.quarantine?.reason === TOO_MANY_DELETES) still.runtime.nextRun = null;
        // A quarantined job runs again when its status says it will (less and less often).
        else if (still.status.code === 'Quarantine' && still.status.quarantine) this.scheduleAt(spId, jobId, Date.parse(still.status.quarantine.nextAttempt));
        else this.schedule(spId, jobId, this.intervalSeconds * 1000);
      }
    });
    this.running.set(jobId, run);
    return run;
  }

  /** Resolves with the result of the next cycle of a job that completes. */
  nextCycle(jobId: string): Promise<CycleResult> {
    return new Promise((resolve) => {
      const listener = (e: CycleEvent): void => {
        if (e.jobId !== jobId) return;
        this.events.off('cycle', listener);
        resolve(e.result);
      };
      this.events.on('cycle', listener);
    });
  }

  /** Subscribe to every completed cycle. */
  onCycle(listener: (e: CycleEvent) => void): () => void {
    this.events.on('cycle', listener);
    return () => this.events.off('cycle', listener);
  }

  /** Runs a cycle now (after any running one) regardless of the schedule; for tests and benchmarks. */
  async runCycleNow(spId: string, jobId: string): Promise<CycleResult> {
    await this.running.get(jobId);
    const result = await this.trigger(spId, jobId, false);
    if (!result) throw new Error(`Job ${jobId} could not run.`);
    return result;
  }

  /**
   * Turns a job on: like Entra, the call only queues a cycle, which begins after the queue delay
   * (on a job already in a cycle, nothing more happens: the docs warn against starting a running job).
   */
  start(spId: string, job: JobRecord): void {
    job.schedule = { expiration: null, interval: intervalFor(this.intervalSeconds), state: 'Active' };
    // Start resumes paused jobs and lifts quarantine.
    job.status.quarantine = null;
    job.status.countSuccessiveCompleteFailures = 0;
    job.status.code = job.status.lastExecution ? 'Active' : 'NotRun';
    this.store.changed();
    if (!this.running.has(job.id)) this.schedule(spId, job.id, this.pace.queueDelayMs);
  }

  pause(_spId: string, job: JobRecord): void {
    job.schedule.state = 'Paused';
    job.status.code = 'Paused';
    job.runtime.nextRun = null;
    const timer = this.timers.get(job.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(job.id);
    this.requeued.delete(job.id);
    // A cycle waiting for its next export slot sees the pause now rather than after the wait.
    this.gates.get(job.id)?.wake();
    this.store.changed();
  }

  /** Clears state as the reset scopes say and queues a new cycle; a running cycle stops first. */
  restart(spId: string, job: JobRecord, resetScope: string[]): void {
    if (this.running.has(job.id)) {
      this.cancelled.add(job.id);
      this.requeued.add(job.id);
      this.gates.get(job.id)?.wake();
    }
    const scopes = new Set(resetScope);
    if (scopes.has('Watermark')) job.runtime.watermark = 0;
    if (scopes.has('Escrows')) {
      job.runtime.escrows = {};
      job.status.escrowsPruned = true;
    }
    if (scopes.has('ConnectorDataStore')) {
      // Forget what was provisioned: the next cycle matches every user again. Accounts whose
      // disabling is held are kept, or a Full restart would forget them instead of disabling them.
      const held = new Set(job.runtime.heldDeletes ?? []);
      const keep = <T>(entries: Record<string, T> | undefined, key: (id: string) => string): Record<string, T> =>
        Object.fromEntries(Object.entries(entries ?? {}).filter(([id]) => held.has(key(id))));
      job.runtime.provisioned = keep(job.runtime.provisioned, (id) => id);
      job.runtime.provisionedGroups = keep(job.runtime.provisionedGroups, groupEscrowKey);
      job.runtime.watermark = 0;
    }
    if (scopes.has('ForceDeletes')) job.runtime.forceDeletes = true;
    if (scopes.has('QuarantineState')) {
      job.status.quarantine = null;
      job.status.countSuccessiveCompleteFailures = 0;
    }
    if (scopes.size === 1 && scopes.has('None') && job.status.code === 'Quarantine') job.status.quarantine = null;
    this.start(spId, job);
  }

  removeJob(jobId: string): void {
    const timer = this.timers.get(jobId);
    if (timer) clearTimeout(timer);
    this.timers.delete(jobId);
    this.gates.get(jobId)?.wake();
  }

  async validateCredentials(_spId: string, job: JobRecord, credentials: KeyStringValue[]): Promise<SynchronizationError | null> {
    const client = connect(job.templateId, credentials, this.deps.endpoints);
    if (!(client instanceof ScimClient)) return client;
    return testConnection(client);
  }

  provisionOnDemand(spId: string, job: JobRecord, _ruleId: string, subjects: OnDemandSubject[], assignmentVisible?: (assignmentId: string) => boolean): Promise<{ key: string; value: string }> {
    return provisionOnDemand(this.deps, spId, job, subjects, assignmentVisible);
  }

  /** Stops timers and waits for running cycles to stop. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const gate of this.gates.values()) gate.wake();
    await Promise.all([...this.running.values()]);
  }
}
