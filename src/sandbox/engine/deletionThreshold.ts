import { secretValue } from '../sync/secrets';
import type { JobRecord, KeyStringValue } from '../types';
import { NEVER_TIME } from '../types';

/** Quarantine reason the service gives when a cycle would delete more accounts than allowed. */
export const TOO_MANY_DELETES = 'TooManyDeletes';

/**
 * The accidental-deletion threshold of a job, or null when the protection is off. It is switched on
 * in the `SyncNotificationSettings` secret (`DeleteThresholdEnabled`); the number is its
 * `DeleteThresholdValue`, else the job's `QuarantineTooManyDeletesThreshold` setting.
 */
export function deletionThreshold(secrets: KeyStringValue[], job: JobRecord): number | null {
  let settings: { DeleteThresholdEnabled?: unknown; DeleteThresholdValue?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(secretValue(secrets, 'SyncNotificationSettings') ?? '{}');
    if (parsed && typeof parsed === 'object') settings = parsed as typeof settings;
  } catch {
    // An unreadable settings value leaves the protection off, as an absent one does.
  }
  if (settings.DeleteThresholdEnabled !== true) return null;
  const own = Number(settings.DeleteThresholdValue);
  if (Number.isInteger(own) && own >= 0) return own;
  const fromJob = Number(job.synchronizationJobSettings.find((s) => s.name === 'QuarantineTooManyDeletesThreshold')?.value);
  return Number.isInteger(fromJob) && fromJob >= 0 ? fromJob : 500;
}

/** Puts the job in quarantine until an admin allows the held deletions (or fixes their cause and restarts). */
export function quarantineForDeletes(job: JobRecord, held: number, threshold: number): void {
  const now = new Date().toISOString();
  const s = job.status;
  s.code = 'Quarantine';
  s.quarantine = {
    reason: TOO_MANY_DELETES,
    currentBegan: now,
    // Nothing is retried on its own: the job waits for a restart.
    nextAttempt: NEVER_TIME,
    seriesBegan: s.quarantine?.reason === TOO_MANY_DELETES ? s.quarantine.seriesBegan : now,
    seriesCount: s.quarantine?.reason === TOO_MANY_DELETES ? s.quarantine.seriesCount + 1 : 1,
    error: {
      code: TOO_MANY_DELETES,
      message: `This cycle would disable or delete ${held} accounts in the app, more than the accidental-deletion threshold of ${threshold}; those changes are held. Restart with ForceDeletes to allow them, or fix their cause (assignments, scoping filter) and restart.`,
      tenantActionable: true,
    },
  };
}
