import type { JobRecord, SynchronizationError, TaskExecution } from '../types';
import { NEVER_TIME } from '../types';

/** Complete failures in a row (e.g. bad credentials) after which a job is quarantined. */
export const QUARANTINE_AFTER_FAILURES = 3;

/** Counters of one cycle. */
export interface CycleCounts {
  imported: number;
  entitled: number;
  exported: number;
  escrowed: number;
}

function execution(cycleId: string, began: Date, state: TaskExecution['state'], counts: CycleCounts, error: SynchronizationError | null): TaskExecution {
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
    timeEnded: new Date().toISOString(),
  };
}

/** Records a cycle that ran (with or without object-level errors). */
export function recordCycle(job: JobRecord, cycleId: string, began: Date, counts: CycleCounts): void {
  const s = job.status;
  const state: TaskExecution['state'] = counts.escrowed > 0 ? 'EntryLevelErrors' : 'Succeeded';
  const exec = execution(cycleId, began, state, counts, null);
  s.lastExecution = exec;
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
  s.synchronizedEntryCountByType = [{ key: 'User to User', value: Object.keys(job.runtime.provisioned).length }];
  const groups = Object.keys(job.runtime.provisionedGroups ?? {}).length;
  if (groups > 0) s.synchronizedEntryCountByType.push({ key: 'Group to Group', value: groups });
  s.progress = [];
}

/** Records a cycle that could not run at all; quarantines after repeated failures. */
export function recordFailure(job: JobRecord, cycleId: string, began: Date, error: SynchronizationError, retryMs: number): void {
  const s = job.status;
  s.lastExecution = execution(cycleId, began, 'Failed', { imported: 0, entitled: 0, exported: 0, escrowed: 0 }, error);
  s.countSuccessiveCompleteFailures++;
  s.progress = [];
  if (s.countSuccessiveCompleteFailures >= QUARANTINE_AFTER_FAILURES) {
    const now = new Date();
    const previous = s.quarantine;
    s.code = 'Quarantine';
    s.quarantine = {
      reason: 'EncounteredQuarantineException',
      currentBegan: now.toISOString(),
      nextAttempt: new Date(now.getTime() + retryMs).toISOString(),
      seriesBegan: previous?.seriesBegan ?? now.toISOString(),
      seriesCount: (previous?.seriesCount ?? 0) + 1,
      error,
    };
  }
}

/** Publishes cycle progress on the job status. */
export function recordProgress(job: JobRecord, completed: number, total: number): void {
  job.status.progress = [{ completedUnits: completed, totalUnits: total, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
}
