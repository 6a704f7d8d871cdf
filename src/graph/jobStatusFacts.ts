import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';

/** The service writes .NET's DateTime.MinValue (0001-01-01) for "never" (no run yet, no retry planned). */
export function isNeverTime(iso: string | null | undefined): boolean {
  return !iso || iso.startsWith('0001-01-01');
}

/** Whether the job is in quarantine because a cycle would delete more than the accidental-deletion threshold allows. */
export function holdsDeletions(job: SynchronizationJob | undefined): boolean {
  return job?.status?.quarantine?.reason === 'TooManyDeletes';
}
