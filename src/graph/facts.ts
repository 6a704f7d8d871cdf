// The values of the Graph layer that need no Graph client: the only graph/ module the activation
// bundle may take values from (a lint rule and test/unit/activationBundle.test.ts keep it so), so
// that the Graph client and its API classes stay in the lazily loaded dist/graphRuntime.js.
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';

// The status vocabulary in shared/ needs it too, and shared/ may not import graph/.
export { isNeverTime } from '../shared/jobStatus';

/** Whether the job is in quarantine because a cycle would delete more than the accidental-deletion threshold allows. */
export function holdsDeletions(job: SynchronizationJob | undefined): boolean {
  return job?.status?.quarantine?.reason === 'TooManyDeletes';
}

/** A value the service hid from us: nothing, or a run of asterisks. */
export function isMaskedSecret(value: string | null | undefined): boolean {
  return value === null || value === undefined || /^\*+$/.test(value);
}

/**
 * Secret keys that hold a job's provisioning settings (edited by Provisioning Settings) rather than
 * credentials for the target app: the service keeps both in the same list.
 */
export const PROVISIONING_SETTING_KEYS: ReadonlySet<string> = new Set(['SyncNotificationSettings', 'SyncAll', 'SkipOutOfScopeDeletions']);

export { DEFAULT_ACCESS_ROLE_ID } from '../shared/scoping';
