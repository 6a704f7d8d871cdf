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
  cycle(cycleId: string): string;
  nobody(): string;
  error(code: string, reason: string): string;
  recommendedAction(action: string): string;
  watching(job: string, code: string): string;
  watchingQuarantined(job: string, code: string): string;
  cycleStarted(job: string, total: number | undefined): string;
  progress(job: string, completed: number, total: number): string;
  cycleFinished(job: string, state: string, imported: number, exported: number, escrowed: number, seconds: number | undefined): string;
  cycleFailed(job: string, code: string, message: string): string;
  quarantineEntered(job: string, reason: string, nextAttempt: string | undefined): string;
  quarantineLeft(job: string): string;
  paused(job: string): string;
  resumed(job: string): string;
  statusChanged(job: string, from: string, to: string): string;
}

/** English words, for plain Node (tests, benchmarks). */
export const englishWords: ActivityWords = {
  cycle: (id) => `cycle ${id}`,
  nobody: () => '(none)',
  error: (code, reason) => `${code}: ${reason}`,
  recommendedAction: (action) => `Recommended action: ${action}`,
  watching: (job, code) => `Watching ${job} (status ${code}).`,
  watchingQuarantined: (job, code) => `Watching ${job} (status ${code}); it is in quarantine.`,
  cycleStarted: (job, total) => (total === undefined ? `${job}: cycle started.` : `${job}: cycle started, ${total} objects to process.`),
  progress: (job, completed, total) => `${job}: ${completed} of ${total} objects processed.`,
  cycleFinished: (job, state, imported, exported, escrowed, seconds) =>
    `${job}: cycle finished (${state}): ${imported} imported, ${exported} exported, ${escrowed} escrowed${seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`}.`,
  cycleFailed: (job, code, message) => `${job}: cycle failed: ${code}: ${message}`,
  quarantineEntered: (job, reason, next) => `${job}: entered quarantine (${reason})${next ? `; next attempt ${next}` : ''}.`,
  quarantineLeft: (job) => `${job}: left quarantine.`,
  paused: (job) => `${job}: paused.`,
  resumed: (job) => `${job}: resumed.`,
  statusChanged: (job, from, to) => `${job}: status ${from} → ${to}.`,
};

/** `2025-03-01 12:00:05Z`: seconds are enough to read a stream; the details keep the full time. */
function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function identity(i: ActivityEvent['sourceIdentity'], words: ActivityWords): string {
  const name = i?.displayName?.trim();
  const id = i?.id?.trim();
  if (name && id && name !== id) return `${name} (${id})`;
  return name || id || words.nobody();
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

const levelOfStatus: Record<string, LineLevel> = { failure: 'error', warning: 'warn' };

/**
 * One line per event: time, cycle, action, status, source → target, and for failures the error
 * code, reason and recommended action. `withApp` prefixes the app name (streams of many jobs).
 */
export function formatEvent(event: ActivityEvent, words: ActivityWords = englishWords, withApp = false): ActivityLine {
  const status = eventStatus(event);
  const parts = [
    shortTime(event.activityDateTime),
    ...(withApp ? [`[${event.servicePrincipal?.displayName ?? event.servicePrincipal?.id ?? '?'}]`] : []),
    words.cycle((event.cycleId ?? '—').slice(0, 8)),
    eventAction(event),
    status,
    `${identity(event.sourceIdentity, words)} → ${identity(event.targetIdentity, words)}`,
  ];
  let text = parts.join('  ');
  const info = event.provisioningStatusInfo?.errorInformation;
  if (info && (status === 'failure' || status === 'warning')) {
    if (info.errorCode || info.reason) text += `  ${words.error(info.errorCode ?? '?', oneLine(info.reason ?? ''))}`;
    if (info.recommendedAction) text += `  ${words.recommendedAction(oneLine(info.recommendedAction))}`;
  }
  return { level: levelOfStatus[status] ?? 'info', text, eventId: event.id ?? undefined };
}

/** One line per job change; `job` names the job (app and template, or the job id). */
export function formatJobChange(job: string, change: JobChange, words: ActivityWords = englishWords): ActivityLine {
  switch (change.kind) {
    case 'watching':
      return { level: change.quarantined ? 'warn' : 'info', text: change.quarantined ? words.watchingQuarantined(job, change.code) : words.watching(job, change.code) };
    case 'cycleStarted':
      return { level: 'info', text: words.cycleStarted(job, change.total) };
    case 'progress':
      return { level: 'info', text: words.progress(job, change.completed, change.total) };
    case 'cycleFinished':
      if (change.state === 'Failed' && change.errorCode) return { level: 'error', text: words.cycleFailed(job, change.errorCode, oneLine(change.errorMessage ?? '')) };
      return {
        level: change.state === 'Succeeded' ? 'info' : 'warn',
        text: words.cycleFinished(job, change.state, change.imported, change.exported, change.escrowed, change.seconds),
      };
    case 'quarantineEntered':
      return { level: 'error', text: words.quarantineEntered(job, change.errorCode ? `${change.reason}, ${change.errorCode}` : change.reason, change.nextAttempt ? shortTime(change.nextAttempt) : undefined) };
    case 'quarantineLeft':
      return { level: 'info', text: words.quarantineLeft(job) };
    case 'paused':
      return { level: 'warn', text: words.paused(job) };
    case 'resumed':
      return { level: 'info', text: words.resumed(job) };
    case 'statusChanged':
      return { level: 'info', text: words.statusChanged(job, change.from, change.to) };
  }
}
