// A provisioning job's status and schedule in words: the one vocabulary the tree, the job pickers,
// the notifications and the activity stream share, so that they never contradict each other. The
// words come in as a parameter (English here, `vscode.l10n.t` in host/jobStatusWords.ts), which keeps
// this module host-free and testable in plain Node.
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';

/** The service writes .NET's DateTime.MinValue (0001-01-01) for "never" (no run yet, no retry planned). */
export function isNeverTime(iso: string | null | undefined): boolean {
  return !iso || iso.startsWith('0001-01-01');
}

/** What the tree's icon and the short status show. */
export type JobHealth = 'active' | 'running' | 'paused' | 'quarantine' | 'notRun' | 'notConfigured' | 'failed' | 'unknown';

/** The unit a schedule interval is said in: the largest one that divides it evenly. */
export type IntervalUnit = 'second' | 'minute' | 'hour' | 'day';

/** The words of a job's status and schedule; every function returns a short phrase. */
export interface JobStatusWords {
  active(): string;
  /** A cycle under way, with its progress when the service reports one. */
  running(progress?: { completed: number; total: number }): string;
  /** Turned on; the first cycle has not begun yet. */
  starting(): string;
  lastCycleFailed(): string;
  paused(): string;
  inQuarantine(): string;
  notStarted(): string;
  needsCredentials(): string;
  /** A status code this extension does not know, shown as the service sent it. */
  unknown(code: string): string;
  /** "every minute", "every 40 minutes". */
  every(amount: number, unit: IntervalUnit): string;
  notScheduled(): string;
  schedulePaused(): string;
  /** How a cycle ended (Graph's `synchronizationTaskExecution.state`: Succeeded, Failed, EntryLevelErrors). */
  cycleOutcome(state: string): string;
}

/** English words, for plain Node (tests, benchmarks). */
export const englishStatusWords: JobStatusWords = {
  active: () => 'Active',
  running: (p) => (p ? `Running ${p.completed}/${p.total}` : 'Running'),
  starting: () => 'Starting',
  lastCycleFailed: () => 'Last cycle failed',
  paused: () => 'Paused',
  inQuarantine: () => 'In quarantine',
  notStarted: () => 'Not started',
  needsCredentials: () => 'Needs credentials',
  unknown: (code) => code,
  every: (amount, unit) => (amount === 1 ? `every ${unit}` : `every ${amount} ${unit}s`),
  notScheduled: () => 'not scheduled',
  schedulePaused: () => 'paused',
  cycleOutcome: (state) => ({ Succeeded: 'succeeded', Failed: 'failed', EntryLevelErrors: 'some objects failed' })[state] ?? state,
};

/** .NET's TimeSpan.MaxValue (about 29,000 years) is how the service writes "no schedule". */
const NEVER_DAYS = 36500;

/** Milliseconds of an ISO 8601 duration such as PT40M; undefined unless it is a real, positive one. */
function intervalMs(interval: string | null | undefined): { ms: number; days: number } | undefined {
  const match = interval ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(interval) : null;
  if (!match || match.slice(1).every((x) => x === undefined)) return undefined;
  const [d, h, m, s] = match.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
  return Number.isFinite(ms) && ms > 0 ? { ms, days: d } : undefined;
}

const UNIT_MS: ReadonlyArray<[IntervalUnit, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]];

/**
 * A job's schedule in words, from the job itself: "every 40 minutes" on Entra, "every minute" in a
 * sandbox started so; "not scheduled" for a job never started (the service writes TimeSpan.MaxValue
 * then) and "paused" for a stopped one.
 */
export function describeSchedule(job: SynchronizationJob, words: JobStatusWords): string {
  const schedule = job.schedule;
  if (schedule?.state === 'Paused' || job.status?.code === 'Paused') return words.schedulePaused();
  const parsed = intervalMs(schedule?.interval);
  if (schedule?.state !== 'Active' || !parsed || parsed.days > NEVER_DAYS) return words.notScheduled();
  const ms = Math.round(parsed.ms / 1000) * 1000 || 1000;
  const [unit, size] = UNIT_MS.find(([, size]) => ms % size === 0) ?? ['second', 1000];
  return words.every(ms / size, unit);
}

/**
 * When (ms since the epoch) the next scheduled cycle of an active, idle job should start: about one
 * schedule interval after the last cycle ended. Undefined when none is expected (paused, in
 * quarantine, never run, or no schedule).
 */
export function nextCycleDueAt(job: SynchronizationJob): number | undefined {
  const ended = Date.parse(job.status?.lastExecution?.timeEnded ?? '');
  const interval = intervalMs(job.schedule?.interval);
  if (job.schedule?.state !== 'Active' || job.status?.code !== 'Active' || job.status?.quarantine || !Number.isFinite(ended) || !interval || interval.days > NEVER_DAYS) return undefined;
  const due = ended + interval.ms;
  // A schedule that has expired runs no more cycles.
  const expires = Date.parse(job.schedule?.expiration ?? '');
  return Number.isFinite(expires) && due > expires ? undefined : due;
}

/** After its due time a scheduled cycle gets this long to begin before the tree starts looking for it. */
const DUE_GRACE_MS = 60_000;

export interface JobActivity {
  /** True while a cycle is under way (the tree refreshes such jobs by itself). */
  readonly running: boolean;
  /** Running only in the sense that it was turned on and its first cycle has not begun yet. */
  readonly awaitingFirstCycle: boolean;
  /** Idle, but its next scheduled cycle is due: the tree watches for that cycle to begin. */
  readonly cycleDue: boolean;
}

/** The first progress entry that counts something: the service's report of a cycle under way. */
function progressOf(job: SynchronizationJob): { completed: number; total: number } | undefined {
  const progress = (job.status?.progress ?? []).find((p) => (p.totalUnits ?? 0) > 0);
  return progress ? { completed: progress.completedUnits ?? 0, total: progress.totalUnits ?? 0 } : undefined;
}

/** Whether a job is in a cycle or waiting for one: the cheap part of the status, for every refresh pass. */
export function jobActivity(job: SynchronizationJob, now: Date): JobActivity {
  const status = job.status ?? {};
  const code = status.code ?? 'unknown';
  const last = status.lastExecution ?? undefined;
  const progress = progressOf(job);
  // Turned on but no cycle yet: the first one is about to start, so the row is kept fresh like a running one.
  const turnedOnNoCycle = !last && job.schedule?.state === 'Active' && (code === 'NotRun' || code === 'Active');
  const running = turnedOnNoCycle || Boolean(progress && progress.completed < progress.total) || Boolean(last?.timeBegan && isNeverTime(last.timeEnded) && code !== 'Paused');
  const dueAt = running ? undefined : nextCycleDueAt(job);
  return { running, awaitingFirstCycle: turnedOnNoCycle && !progress, cycleDue: dueAt !== undefined && dueAt + DUE_GRACE_MS <= now.getTime() };
}

/** The health of a status code alone, for a job whose cycle is not under way. */
function healthOfCode(code: string | null | undefined): JobHealth {
  switch (code) {
    case 'Active': return 'active';
    case 'Paused': return 'paused';
    case 'Quarantine': return 'quarantine';
    case 'NotRun': return 'notRun';
    case 'NotConfigured': return 'notConfigured';
    default: return 'unknown';
  }
}

/** A job's health: its status code, refined by a cycle under way or a last cycle that failed. */
export function jobHealth(job: SynchronizationJob, activity: JobActivity): JobHealth {
  const health = healthOfCode(job.status?.code);
  if ((health === 'active' || health === 'notRun') && activity.running) return 'running';
  if (health === 'active' && job.status?.lastExecution?.state === 'Failed') return 'failed';
  return health;
}

/** A health in words; `code` is what an unknown one shows. */
function healthText(health: JobHealth, code: string, words: JobStatusWords): string {
  switch (health) {
    case 'active': return words.active();
    case 'running': return words.running();
    case 'failed': return words.lastCycleFailed();
    case 'paused': return words.paused();
    case 'quarantine': return words.inQuarantine();
    case 'notRun': return words.notStarted();
    case 'notConfigured': return words.needsCredentials();
    case 'unknown': return words.unknown(code);
  }
}

/** A status code in words ("NotRun" is "Not started"), for reports of a change from one code to another. */
export function describeStatusCode(code: string | null | undefined, words: JobStatusWords): string {
  return healthText(healthOfCode(code), code ?? '?', words);
}

/** What a job's row, a picker and a notification show of its status. */
export interface JobStatusSummary extends JobActivity {
  readonly health: JobHealth;
  /** One or two words: "Active", "Running 12/50", "Not started". */
  readonly status: string;
  /** The schedule in words, taken from the job: "every 40 minutes", "not scheduled". */
  readonly schedule: string;
}

/** A job's status and schedule in words. */
export function summarizeJob(job: SynchronizationJob, now: Date, words: JobStatusWords): JobStatusSummary {
  const activity = jobActivity(job, now);
  const health = jobHealth(job, activity);
  const progress = progressOf(job);
  const status = health === 'running' ? (progress ? words.running(progress) : activity.awaitingFirstCycle ? words.starting() : words.running()) : healthText(health, job.status?.code ?? '?', words);
  return { ...activity, health, status, schedule: describeSchedule(job, words) };
}
