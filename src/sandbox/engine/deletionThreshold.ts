import { secretValue } from '../sync/secrets';
import type { JobRecord, KeyStringValue, Quarantine } from '../types';
import type { ObjectOutcome } from './audit';
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

/**
 * Puts the job in quarantine until an admin allows the held deletions (or fixes their cause and
 * restarts); `before` is the quarantine the job was in when the cycle ended, to continue its series.
 */
export function quarantineForDeletes(job: JobRecord, held: number, threshold: number, before: Quarantine | null): void {
  const now = new Date().toISOString();
  const s = job.status;
  const series = before?.reason === TOO_MANY_DELETES ? before : null;
  s.code = 'Quarantine';
  s.quarantine = {
    reason: TOO_MANY_DELETES,
    currentBegan: now,
    // Nothing is retried on its own: the job waits for a restart.
    nextAttempt: NEVER_TIME,
    seriesBegan: series?.seriesBegan ?? now,
    seriesCount: (series?.seriesCount ?? 0) + 1,
    error: {
      code: TOO_MANY_DELETES,
      message: `This cycle would disable or delete ${held} accounts and groups in the app, more than the accidental-deletion threshold of ${threshold}; those changes are held. Restart with ForceDeletes to allow them, or fix their cause (assignments, scoping filter) and restart.`,
      tenantActionable: true,
    },
  };
}

/** The log entry of a user disable or group delete the threshold held back. */
export function heldOutcome(
  source: { id: string; displayName: string; name: string; identityType: 'User' | 'Group' },
  targetId: string | undefined,
  reason: string,
  held: number,
  threshold: number,
): ObjectOutcome {
  const kind = source.identityType;
  return {
    action: kind === 'User' ? 'disable' : 'delete',
    status: 'skipped',
    identityType: kind,
    source: { id: source.id, displayName: source.displayName },
    target: { id: targetId ?? '', displayName: '' },
    modifiedProperties: [],
    durationMs: 0,
    steps: [
      { name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'success', description: `${kind} '${source.name}' is to be ${kind === 'User' ? 'disabled' : 'deleted'}: ${reason}.`, details: {} },
      {
        name: kind === 'User' ? 'EntryExportUpdate' : 'EntryExportDelete', provisioningStepType: 'export', status: 'skipped',
        description: `Held by the accidental-deletion threshold: this cycle would disable or delete ${held} objects, more than ${threshold}. A restart with ForceDeletes lets it through.`,
        details: { SkipReason: 'AccidentalDeletionThreshold' },
      },
    ],
  };
}
