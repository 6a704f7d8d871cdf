/** What a provisioning step did to one user or group, in words (English by default, localized by the extension). */
export interface OutcomeWords {
  created(user: string, app: string): string;
  updated(user: string, app: string): string;
  disabled(user: string, app: string): string;
  deleted(user: string, app: string): string;
  /** A success with no more specific action (Graph's `Other`, a staged delete). */
  provisioned(user: string, app: string): string;
  withWarning(user: string, app: string): string;
  skipped(user: string, reason: string): string;
  failed(user: string, app: string, reason: string): string;
  /** Why the service skipped someone, from its SkipReason code; undefined for a code it does not know. */
  skipReason(code: string, app: string): string | undefined;
}

export const englishOutcomeWords: OutcomeWords = {
  created: (user, app) => `Created ${user} in ${app}`,
  updated: (user, app) => `Updated ${user} in ${app}`,
  disabled: (user, app) => `Disabled ${user} in ${app}`,
  deleted: (user, app) => `Deleted ${user} from ${app}`,
  provisioned: (user, app) => `Provisioned ${user} to ${app}`,
  withWarning: (user, app) => `Provisioned ${user} to ${app}, with a warning`,
  skipped: (user, reason) => `Skipped ${user}: ${reason}`,
  failed: (user, app, reason) => `Could not provision ${user} to ${app}: ${reason}`,
  skipReason: (code, app) =>
    ({
      noteffectivelyentitled: `not assigned to ${app}, or outside its scoping filter`,
      redundantexport: `already up to date in ${app}`,
      accidentaldeletionthreshold: 'held back by the accidental-deletion threshold',
    })[code.toLowerCase()],
};

/** One provisioning outcome as the service reports it (action and status in any case). */
export interface Outcome {
  readonly action?: string;
  readonly status?: string;
  readonly user: string;
  readonly app: string;
  /** The service's SkipReason or error code. */
  readonly code?: string;
  /** The service's error message, preferred over the code for failures. */
  readonly reason?: string;
}

/**
 * The outcome as a sentence that says what happened first ("Created Adele Vance in GoToMeeting",
 * "Skipped Adele Vance: not assigned to GoToMeeting, …"), so a reader need not decode status codes.
 */
export function describeOutcome(o: Outcome, words: OutcomeWords = englishOutcomeWords): string {
  const status = (o.status ?? '').toLowerCase();
  if (status === 'skipped') return words.skipped(o.user, (o.code && words.skipReason(o.code, o.app)) || o.reason || o.code || '—');
  if (status === 'failure') return words.failed(o.user, o.app, o.reason || o.code || '—');
  if (status === 'warning') return words.withWarning(o.user, o.app);
  switch ((o.action ?? '').toLowerCase()) {
    case 'create':
      return words.created(o.user, o.app);
    case 'update':
      return words.updated(o.user, o.app);
    case 'disable':
      return words.disabled(o.user, o.app);
    case 'delete':
      return words.deleted(o.user, o.app);
    default:
      return words.provisioned(o.user, o.app);
  }
}
