import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import { isNeverTime } from '../graph/facts';

/** A change in a job's status worth a line in the stream. */
export type JobChange =
  | { readonly kind: 'watching'; readonly code: string; readonly quarantined: boolean; readonly job: SynchronizationJob }
  | {
      readonly kind: 'cycleStarted';
      readonly total?: number;
      /** When the cycle began (ISO), when the service says: its place among the cycle's log entries. */
      readonly began?: string;
    }
  | {
      readonly kind: 'progress';
      readonly completed: number;
      readonly total: number;
      /** When the service observed this progress (ISO). */
      readonly observed?: string;
    }
  | {
      readonly kind: 'cycleFinished';
      readonly state: string;
      readonly imported: number;
      readonly exported: number;
      readonly escrowed: number;
      readonly seconds?: number;
      /** When the cycle ended (ISO), for the summary of idle cycles. */
      readonly ended?: string;
      readonly errorCode?: string;
      readonly errorMessage?: string;
    }
  | { readonly kind: 'quarantineEntered'; readonly reason: string; readonly nextAttempt?: string; readonly errorCode?: string }
  | { readonly kind: 'quarantineLeft' }
  | { readonly kind: 'paused' }
  | { readonly kind: 'resumed'; readonly job: SynchronizationJob }
  | { readonly kind: 'statusChanged'; readonly from: string; readonly to: string; readonly job: SynchronizationJob };

type Status = NonNullable<SynchronizationJob['status']>;

function progressOf(status: Status | undefined): { completed: number; total: number; observed?: string } | undefined {
  const p = status?.progress?.[0];
  if (!p || typeof p.totalUnits !== 'number') return undefined;
  return { completed: p.completedUnits ?? 0, total: p.totalUnits, observed: p.progressObservationDateTime ?? undefined };
}

/** When the cycle under way began: the running execution's begin time (it has no end yet). */
function beganOf(status: Status | undefined): string | undefined {
  const e = status?.lastExecution;
  return e?.timeBegan && isNeverTime(e.timeEnded) ? e.timeBegan : undefined;
}

/** Identifies a finished cycle: its activity id, or its end time when there is none. */
function executionKey(status: Status | undefined): string | undefined {
  const e = status?.lastExecution;
  // An execution under way has not finished: its timeEnded is "never" (0001-01-01) until it ends.
  if (!e || (e.timeEnded && isNeverTime(e.timeEnded))) return undefined;
  return e.activityIdentifier || e.timeEnded || undefined;
}

function paused(job: SynchronizationJob): boolean {
  return job.schedule?.state === 'Paused' || job.status?.code === 'Paused';
}

/**
 * What changed between two observations of a job (`previous` undefined: the first one). A cycle
 * shorter than the poll interval shows as finished without a start; its counts say what it did.
 */
export function jobChanges(previous: SynchronizationJob | undefined, next: SynchronizationJob): JobChange[] {
  const status = next.status ?? undefined;
  const code = status?.code ?? 'unknown';
  if (!previous) return [{ kind: 'watching', code, quarantined: !!status?.quarantine, job: next }];

  const changes: JobChange[] = [];
  const before = previous.status ?? undefined;
  const wasPaused = paused(previous);
  const isPaused = paused(next);
  if (!wasPaused && isPaused) changes.push({ kind: 'paused' });
  if (wasPaused && !isPaused) changes.push({ kind: 'resumed', job: next });

  const oldProgress = progressOf(before);
  const newProgress = progressOf(status);
  if (newProgress && (!oldProgress || newProgress.completed < oldProgress.completed || newProgress.total !== oldProgress.total)) {
    changes.push({ kind: 'cycleStarted', total: newProgress.total, began: beganOf(status) });
  }
  if (newProgress && oldProgress && newProgress.completed > oldProgress.completed && newProgress.total === oldProgress.total) {
    changes.push({ kind: 'progress', completed: newProgress.completed, total: newProgress.total, observed: newProgress.observed });
  }

  const finished = executionKey(status);
  if (finished && finished !== executionKey(before)) {
    const e = status!.lastExecution!;
    const began = e.timeBegan ? Date.parse(e.timeBegan) : Number.NaN;
    const ended = e.timeEnded ? Date.parse(e.timeEnded) : Number.NaN;
    changes.push({
      kind: 'cycleFinished',
      state: e.state ?? 'unknown',
      imported: e.countImported ?? 0,
      exported: e.countExported ?? 0,
      escrowed: e.countEscrowed ?? 0,
      seconds: Number.isFinite(began) && Number.isFinite(ended) ? Math.max(0, (ended - began) / 1000) : undefined,
      ended: e.timeEnded ?? undefined,
      errorCode: e.error?.code ?? undefined,
      errorMessage: e.error?.message ?? undefined,
    });
  }

  const wasQuarantined = !!before?.quarantine;
  const quarantine = status?.quarantine;
  if (!wasQuarantined && quarantine) {
    // A quarantine that waits for the admin has no next attempt.
    const nextAttempt = isNeverTime(quarantine.nextAttempt) ? undefined : (quarantine.nextAttempt ?? undefined);
    changes.push({ kind: 'quarantineEntered', reason: quarantine.reason ?? 'Unknown', nextAttempt, errorCode: quarantine.error?.code ?? undefined });
  }
  if (wasQuarantined && !quarantine) changes.push({ kind: 'quarantineLeft' });

  const oldCode = before?.code ?? 'unknown';
  // Pause and quarantine already have their own lines.
  if (oldCode !== code && !['Paused', 'Quarantine'].includes(code) && !['Paused', 'Quarantine'].includes(oldCode)) {
    changes.push({ kind: 'statusChanged', from: oldCode, to: code, job: next });
  }
  return changes;
}

/**
 * Whether a finished cycle changed nothing: it succeeded and exported nothing, with nothing left to
 * retry. A job on a short schedule finishes one such cycle after another; the stream lists only the first.
 */
export function isIdleCycle(change: JobChange): boolean {
  return change.kind === 'cycleFinished' && change.state === 'Succeeded' && change.exported === 0 && change.escrowed === 0 && !change.errorCode;
}
