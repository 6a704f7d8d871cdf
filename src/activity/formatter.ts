import { localTime } from '../shared/clockTime';
import { describeSchedule, describeStatusCode, englishStatusWords, summarizeJob, type JobStatusWords } from '../shared/jobStatus';
import { explainProvisioningError } from '../shared/provisioningErrorCatalog';
import { isOnDemand } from '../shared/provisioningEvents';
import type { JobChange } from './jobChanges';
import type { ActivityEvent } from './types';
import { eventAction, eventStatus } from './types';

/** How loud a line is in the LogOutputChannel (users pick the level they see). */
export type LineLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** One line of the stream. */
export interface ActivityLine {
  readonly level: LineLevel;
  readonly text: string;
  /** The event the line reports, when it reports one. */
  readonly eventId?: string;
}

/**
 * The words of the stream. The host-free default is English; the extension passes one built with
 * `vscode.l10n.t`, so the formatter stays testable in plain Node and the text stays translatable.
 */
export interface ActivityWords {
  /** A job's status and schedule: the same words as the tree's. */
  readonly status: JobStatusWords;
  /** A service time as a local time (the channel stamps each line with its own time; this is the event's). */
  time(iso: string): string | undefined;
  nobody(): string;
  error(code: string, reason: string): string;
  /** The error catalogue's short title of a code (`Credentials rejected`); undefined when the catalogue does not know it. */
  errorTitle(code: string): string | undefined;
  recommendedAction(action: string): string;
  /** Replaces the action of an entry from provisioning on demand; `action` is undefined for Graph's "other". */
  onDemand(action: string | undefined): string;
  watching(job: string, status: string, schedule: string): string;
  cycleStarted(job: string, total: number | undefined): string;
  progress(job: string, completed: number, total: number): string;
  cycleFinished(job: string, outcome: string, imported: number, exported: number, escrowed: number, seconds: number | undefined): string;
  /** The first of a run of cycles that changed nothing; the rest are counted, not listed. */
  cycleIdle(job: string): string;
  /** Written when something happens again after `count` unlisted idle cycles, the last at `last`. */
  idleCycles(job: string, count: number, last: string | undefined): string;
  cycleFailed(job: string, code: string, message: string): string;
  quarantineEntered(job: string, reason: string, nextAttempt: string | undefined): string;
  quarantineLeft(job: string): string;
  paused(job: string): string;
  resumed(job: string, schedule: string): string;
  statusChanged(job: string, from: string, to: string, schedule: string): string;
}

/** English words, for plain Node (tests, benchmarks). */
export const englishWords: ActivityWords = {
  status: englishStatusWords,
  time: (iso) => localTime(iso, 'en', new Date(), { seconds: true }),
  nobody: () => '(none)',
  error: (code, reason) => `${code}: ${reason}`,
  errorTitle: (code) => knownErrorTitle(code, 'en'),
  recommendedAction: (action) => `Recommended action: ${action}`,
  onDemand: (action) => (action ? `${action} on demand` : 'on-demand provisioning'),
  watching: (job, status, schedule) => `Watching ${job}: ${status}, ${schedule}.`,
  cycleStarted: (job, total) => (total === undefined ? `${job}: cycle started.` : `${job}: cycle started, ${total} objects to process.`),
  progress: (job, completed, total) => `${job}: ${completed} of ${total} objects processed.`,
  cycleFinished: (job, outcome, imported, exported, escrowed, seconds) =>
    `${job}: cycle finished (${outcome}): ${imported} imported, ${exported} exported, ${escrowed} escrowed${seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`}.`,
  cycleIdle: (job) => `${job}: cycle finished with nothing to change. Further cycles like it are counted, not listed.`,
  idleCycles: (job, count, last) =>
    last ? (count === 1 ? `${job}: 1 more cycle with nothing to change, at ${last}.` : `${job}: ${count} more cycles with nothing to change, the last at ${last}.`) : `${job}: ${count} more cycles with nothing to change.`,
  cycleFailed: (job, code, message) => `${job}: cycle failed: ${code}: ${message}`,
  quarantineEntered: (job, reason, next) => `${job}: entered quarantine (${reason})${next ? `; next attempt ${next}` : ''}.`,
  quarantineLeft: (job) => `${job}: left quarantine.`,
  paused: (job) => `${job}: paused.`,
  resumed: (job, schedule) => `${job}: resumed, ${schedule}.`,
  statusChanged: (job, from, to, schedule) => `${job}: ${from} → ${to}, ${schedule}.`,
};

/** The error catalogue's title of `code` in `locale`, undefined for a code it does not know. */
export function knownErrorTitle(code: string, locale: string): string | undefined {
  const explained = explainProvisioningError(code, locale);
  return explained.known ? explained.title : undefined;
}

/** A code with its title in parentheses, so a reader of the stream knows what it means without looking it up. */
function codeWithTitle(code: string, words: ActivityWords): string {
  const title = words.errorTitle(code);
  return title ? `${code} (${title})` : code;
}

/** Who an identity is, as the user knows it: the display name, the id only when there is no name. */
function identity(i: ActivityEvent['sourceIdentity'], words: ActivityWords): string {
  return i?.displayName?.trim() || i?.id?.trim() || words.nobody();
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

const levelOfStatus: Record<string, LineLevel> = { failure: 'error', warning: 'warn' };

/**
 * One line per event: action, status, source → target, and for failures the error code, reason and
 * recommended action. The channel stamps the time; the cycle is in the lines around the events and
 * in the details. `withApp` prefixes the app name (streams of many jobs).
 */
export function formatEvent(event: ActivityEvent, words: ActivityWords = englishWords, withApp = false): ActivityLine {
  const status = eventStatus(event);
  const action = eventAction(event);
  const parts = [
    ...(withApp ? [`[${event.servicePrincipal?.displayName ?? event.servicePrincipal?.id ?? '?'}]`] : []),
    isOnDemand(event) ? words.onDemand(action === 'other' ? undefined : action) : action,
    status,
    `${identity(event.sourceIdentity, words)} → ${identity(event.targetIdentity, words)}`,
  ];
  let text = parts.join('  ');
  const info = event.provisioningStatusInfo?.errorInformation;
  if (info && (status === 'failure' || status === 'warning')) {
    if (info.errorCode || info.reason) text += `  ${words.error(info.errorCode ? codeWithTitle(info.errorCode, words) : '?', oneLine(info.reason ?? ''))}`;
    if (info.recommendedAction) text += `  ${words.recommendedAction(oneLine(info.recommendedAction))}`;
  }
  return { level: levelOfStatus[status] ?? 'info', text, eventId: event.id ?? undefined };
}

/** One line per job change; `job` names the job (app and template, or the job id). */
export function formatJobChange(job: string, change: JobChange, words: ActivityWords = englishWords): ActivityLine {
  switch (change.kind) {
    case 'watching': {
      const summary = summarizeJob(change.job, new Date(), words.status);
      return { level: change.quarantined ? 'warn' : 'info', text: words.watching(job, summary.status, summary.schedule) };
    }
    case 'cycleStarted':
      return { level: 'info', text: words.cycleStarted(job, change.total) };
    case 'progress':
      return { level: 'info', text: words.progress(job, change.completed, change.total) };
    case 'cycleFinished':
      if (change.state === 'Failed' && change.errorCode) return { level: 'error', text: words.cycleFailed(job, codeWithTitle(change.errorCode, words), oneLine(change.errorMessage ?? '')) };
      return {
        level: change.state === 'Succeeded' ? 'info' : 'warn',
        text: words.cycleFinished(job, words.status.cycleOutcome(change.state), change.imported, change.exported, change.escrowed, change.seconds),
      };
    case 'quarantineEntered': {
      // The error says more than the reason (EncounteredQuarantineException is any failure to connect): its title goes last.
      const code = change.errorCode ?? change.reason;
      const title = words.errorTitle(code);
      const cause = change.errorCode && change.errorCode !== change.reason ? `${change.reason}, ${change.errorCode}` : code;
      return { level: 'error', text: words.quarantineEntered(job, title ? `${cause}: ${title}` : cause, change.nextAttempt ? words.time(change.nextAttempt) : undefined) };
    }
    case 'quarantineLeft':
      return { level: 'info', text: words.quarantineLeft(job) };
    case 'paused':
      return { level: 'warn', text: words.paused(job) };
    case 'resumed':
      return { level: 'info', text: words.resumed(job, describeSchedule(change.job, words.status)) };
    case 'statusChanged':
      return { level: 'info', text: words.statusChanged(job, describeStatusCode(change.from, words.status), describeStatusCode(change.to, words.status), describeSchedule(change.job, words.status)) };
  }
}

/** The line that sums up the idle cycles a stream did not list, once something happens again. */
export function formatIdleCycles(job: string, count: number, lastEnded: string | undefined, words: ActivityWords = englishWords): ActivityLine {
  return { level: 'info', text: words.idleCycles(job, count, lastEnded ? words.time(lastEnded) : undefined) };
}
