import type { JobRecord, JobStatus, SynchronizationError, TaskExecution } from '../types';
import { NEVER_TIME } from '../types';

/** Complete failures in a row (e.g. bad credentials) after which a job is quarantined. */
export const QUARANTINE_AFTER_FAILURES = 3;

const HOUR_MS = 3_600_000;
/** Entra's incremental cycle interval, the unit the quarantine retries below are measured against. */
const ENTRA_INTERVAL_MS = 40 * 60_000;

/**
 * How long a quarantined job waits before its next attempt, after its `attempt`-th failure in
 * quarantine (1 for the failure that put it there). Entra's quarantine doc ("Retry duration"):
 * the first retry 6 hours after the failure, the second 12 and the third 24 hours after it, then
 * every 24 hours, so cycles slow down "gradually ... to once per day". The hours scale with the
 * sandbox's cycle interval: at Entra's 40 minutes they are the documented ones, and a sandbox
 * with shorter cycles retries proportionally sooner.
 */
export function quarantineRetryMs(attempt: number, intervalMs: number): number {
  const hours = attempt <= 2 ? 6 : attempt === 3 ? 12 : 24;
  return Math.round(hours * HOUR_MS * (intervalMs / ENTRA_INTERVAL_MS));
}

/** Counters of one cycle. */
export interface CycleCounts {
  imported: number;
  entitled: number;
  exported: number;
  escrowed: number;
}

function execution(cycleId: string, began: Date, state: TaskExecution['state'], counts: CycleCounts, error: SynchronizationError | null, timeEnded = new Date().toISOString()): TaskExecution {
  return {
    activityIdentifier: cycleId,
    countEntitled: counts.entitled,
    countEntitledForProvisioning: counts.entitled,
    countEscrowed: counts.escrowed,
    countEscrowedRaw: counts.escrowed,
    countExported: counts.exported,
    countExports: counts.exported,
    countImported: counts.imported,
    countImportedDeltas: counts.imported,
    countImportedReferenceDeltas: 0,
    error,
    state,
    timeBegan: began.toISOString(),
    timeEnded,
  };
}

/** Objects provisioned so far by type, as `synchronizedEntryCountByType` reports them. */
function entryCounts(job: JobRecord): JobStatus['synchronizedEntryCountByType'] {
  const counts = [{ key: 'User to User', value: Object.keys(job.runtime.provisioned).length }];
  const groups = Object.keys(job.runtime.provisionedGroups ?? {}).length;
  if (groups > 0) counts.push({ key: 'Group to Group', value: groups });
  return counts;
}

/**
 * Publishes a cycle under way: its progress, the execution so far as `lastExecution` and the
 * objects provisioned so far by type. The docs give no shape for an execution that has not ended
 * and `timeEnded` cannot be null, so it holds the service's "never" (0001-01-01) until the end;
 * `state` is what the cycle would end with now. `lastSuccessfulExecution*` wait for the end.
 */
export function recordRunning(job: JobRecord, cycleId: string, began: Date, counts: CycleCounts, completed: number, total: number): void {
  const s = job.status;
  s.lastExecution = execution(cycleId, began, counts.escrowed > 0 ? 'EntryLevelErrors' : 'Succeeded', counts, null, NEVER_TIME);
  s.synchronizedEntryCountByType = entryCounts(job);
  s.progress = [{ completedUnits: completed, totalUnits: Math.max(total, completed), units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
}

/**
 * Records a cycle that ran (with or without object-level errors). A cycle stopped part way (pause,
 * restart) still ends its execution, but it is neither a successful one nor a steady state.
 */
export function recordCycle(job: JobRecord, cycleId: string, began: Date, counts: CycleCounts, complete = true): void {
  const s = job.status;
  const state: TaskExecution['state'] = counts.escrowed > 0 ? 'EntryLevelErrors' : 'Succeeded';
  const exec = execution(cycleId, began, state, counts, null);
  s.lastExecution = exec;
  s.synchronizedEntryCountByType = entryCounts(job);
  s.progress = [];
  if (!complete) return;
  if (state === 'Succeeded') s.lastSuccessfulExecution = exec;
  if (counts.exported > 0) s.lastSuccessfulExecutionWithExports = exec;
  s.countSuccessiveCompleteFailures = 0;
  s.quarantine = null;
  if (job.schedule.state === 'Active') s.code = 'Active';
  if (counts.escrowed === 0 && Object.keys(job.runtime.escrows).length === 0) {
    const now = exec.timeEnded;
    if (s.steadyStateFirstAchievedTime === NEVER_TIME) s.steadyStateFirstAchievedTime = now;
    s.steadyStateLastAchievedTime = now;
  }
}

/**
 * Ends the execution of a cycle that was under way when the sandbox stopped without closing
 * (killed, with its state saved mid-cycle): it ended when it was last observed.
 */
export function endInterrupted(job: JobRecord): void {
  const s = job.status;
  if (s.lastExecution?.timeEnded === NEVER_TIME) s.lastExecution.timeEnded = s.progress[0]?.progressObservationDateTime ?? s.lastExecution.timeBegan;
  s.progress = [];
}

/**
 * Records a cycle that could not run at all; quarantines after repeated failures, or at once when
 * `quarantineNow` (the target cannot be reached with the saved credentials: Entra's quarantine doc
 * says such a job goes into quarantine whatever its failure count, with reason
 * `EncounteredQuarantineException`).
 */
export function recordFailure(job: JobRecord, cycleId: string, began: Date, error: SynchronizationError, intervalMs: number, quarantineNow = false): void {
  const s = job.status;
  s.lastExecution = execution(cycleId, began, 'Failed', { imported: 0, entitled: 0, exported: 0, escrowed: 0 }, error);
  s.countSuccessiveCompleteFailures++;
  s.progress = [];
  if (quarantineNow || s.countSuccessiveCompleteFailures >= QUARANTINE_AFTER_FAILURES) {
    const now = new Date();
    const previous = s.quarantine;
    const seriesCount = (previous?.seriesCount ?? 0) + 1;
    s.code = 'Quarantine';
    s.quarantine = {
      reason: 'EncounteredQuarantineException',
      currentBegan: now.toISOString(),
      nextAttempt: new Date(now.getTime() + quarantineRetryMs(seriesCount, intervalMs)).toISOString(),
      seriesBegan: previous?.seriesBegan ?? now.toISOString(),
      seriesCount,
      error,
    };
  }
}
