import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import { holdsDeletions, isNeverTime } from '../graph/facts';
import { clockTime } from '../shared/clockTime';
import { escapeMarkdown } from './markdown';


export type JobHealth = 'active' | 'running' | 'paused' | 'quarantine' | 'notRun' | 'notConfigured' | 'failed' | 'unknown';

export interface JobStatusView extends JobActivity {
  readonly health: JobHealth;
  /** Short text for the tree item's description. */
  readonly description: string;
  /** Markdown for the tooltip: what the portal's "sync details" shows. */
  readonly details: string;
}


/** How long ago `iso` was, in words ("5 min ago"), or undefined for never. */
export function ago(iso: string | null | undefined, now: Date): string | undefined {
  if (!iso || isNeverTime(iso)) return undefined;
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return undefined;
  if (seconds < 60) return vscode.l10n.t('just now');
  if (seconds < 3600) return vscode.l10n.t('{0} min ago', Math.round(seconds / 60));
  if (seconds < 86_400) return vscode.l10n.t('{0} h ago', Math.round(seconds / 3600));
  return vscode.l10n.t('{0} d ago', Math.round(seconds / 86_400));
}

/** Days, hours, minutes and seconds of an ISO 8601 duration such as PT40M; undefined unless it is a real, positive one. */
function intervalParts(interval: string | null | undefined): { d: number; h: number; m: number; s: number; ms: number } | undefined {
  const match = interval ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(interval) : null;
  if (!match || match.slice(1).every((x) => x === undefined)) return undefined;
  const [d, h, m, s] = match.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
  return Number.isFinite(ms) && ms > 0 ? { d, h, m, s, ms } : undefined;
}

/** .NET's TimeSpan.MaxValue (about 29,000 years) is how the service writes "no schedule". */
const NEVER_DAYS = 36500;

/** ISO 8601 duration (PT40M, P10675199DT2H48M5.4775807S) in words; "never" for .NET's TimeSpan.MaxValue. */
function describeInterval(interval: string | null | undefined): string | undefined {
  if (!interval) return undefined;
  const parsed = intervalParts(interval);
  if (!parsed) return interval;
  const { d, h, m, s } = parsed;
  if (d > NEVER_DAYS) return vscode.l10n.t('never (not scheduled)');
  const parts: string[] = [];
  if (d) parts.push(vscode.l10n.t('{0} d', d));
  if (h) parts.push(vscode.l10n.t('{0} h', h));
  if (m) parts.push(vscode.l10n.t('{0} min', m));
  if (s) parts.push(vscode.l10n.t('{0} s', Math.round(s)));
  return parts.join(' ') || vscode.l10n.t('0 s');
}

/**
 * When (ms since the epoch) the next scheduled cycle of an active, idle job should start: about one
 * schedule interval after the last cycle ended. Undefined when none is expected (paused, in
 * quarantine, never run, or no schedule).
 */
function nextCycleDueAt(job: SynchronizationJob): number | undefined {
  const ended = Date.parse(job.status?.lastExecution?.timeEnded ?? '');
  const interval = intervalParts(job.schedule?.interval);
  if (job.schedule?.state !== 'Active' || job.status?.code !== 'Active' || job.status?.quarantine || !Number.isFinite(ended) || !interval || interval.d > NEVER_DAYS) return undefined;
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

/** Whether a job is in a cycle or waiting for one: the cheap part of describeJobStatus, for every refresh pass. */
export function jobActivity(job: SynchronizationJob, now: Date): JobActivity {
  const status = job.status ?? {};
  const code = status.code ?? 'unknown';
  const last = status.lastExecution ?? undefined;
  const progress = (status.progress ?? []).find((p) => (p.totalUnits ?? 0) > 0);
  // Turned on but no cycle yet: the first one is about to start, so the row is kept fresh like a running one.
  const turnedOnNoCycle = !last && job.schedule?.state === 'Active' && (code === 'NotRun' || code === 'Active');
  const running = turnedOnNoCycle || Boolean(progress && (progress.completedUnits ?? 0) < (progress.totalUnits ?? 0)) || Boolean(last?.timeBegan && !last.timeEnded && code !== 'Paused');
  const dueAt = running ? undefined : nextCycleDueAt(job);
  return { running, awaitingFirstCycle: turnedOnNoCycle && !progress, cycleDue: dueAt !== undefined && dueAt + DUE_GRACE_MS <= now.getTime() };
}

/**
 * When the next scheduled cycle should start, in words: the service runs one about an interval after
 * the last one ended (every 40 minutes by default). Undefined when none is expected (paused, in
 * quarantine, running, never run, or no schedule).
 */
function describeNextCycle(job: SynchronizationJob, now: Date): string | undefined {
  const dueAt = nextCycleDueAt(job);
  if (dueAt === undefined) return undefined;
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return vscode.l10n.t('due now');
  // The clock time stays true when the tooltip is read long after the tree was drawn.
  const at = clockTime(due, vscode.env.language);
  return minutes < 120 ? vscode.l10n.t('about {0} (in {1} min)', at, minutes) : vscode.l10n.t('about {0} (in {1} h)', at, Math.round(minutes / 60));
}

/** Turns a job's status into what the tree shows: icon health, one-line description and details. */
export function describeJobStatus(job: SynchronizationJob, now: Date): JobStatusView {
  const status = job.status ?? {};
  const code = status.code ?? 'unknown';
  const last = status.lastExecution ?? undefined;
  const progress = (status.progress ?? []).find((p) => (p.totalUnits ?? 0) > 0);
  const activity = jobActivity(job, now);
  const { running, awaitingFirstCycle } = activity;
  let health: JobHealth;
  switch (code) {
    case 'Active': health = running ? 'running' : last?.state === 'Failed' ? 'failed' : 'active'; break;
    case 'Paused': health = 'paused'; break;
    case 'Quarantine': health = 'quarantine'; break;
    case 'NotRun': health = running ? 'running' : 'notRun'; break;
    case 'NotConfigured': health = 'notConfigured'; break;
    default: health = 'unknown';
  }

  const parts: string[] = [];
  switch (health) {
    case 'running': parts.push(progress ? vscode.l10n.t('Running {0}/{1}', progress.completedUnits ?? 0, progress.totalUnits ?? 0) : awaitingFirstCycle ? vscode.l10n.t('Starting the first cycle') : vscode.l10n.t('Running')); break;
    case 'active': parts.push(vscode.l10n.t('Active')); break;
    case 'failed': parts.push(vscode.l10n.t('Active, last cycle failed')); break;
    case 'paused': parts.push(vscode.l10n.t('Paused')); break;
    case 'quarantine': parts.push(vscode.l10n.t('Quarantine: {0}', status.quarantine?.reason ?? vscode.l10n.t('unknown reason'))); break;
    case 'notRun': parts.push(vscode.l10n.t('Not started')); break;
    case 'notConfigured': parts.push(vscode.l10n.t('Needs credentials')); break;
    default: parts.push(code);
  }
  const lastEnded = ago(last?.timeEnded, now);
  if (lastEnded && health !== 'running') parts.push(vscode.l10n.t('last cycle {0}', lastEnded));
  if (last && (last.countExported ?? 0) > 0 && health !== 'running') parts.push(vscode.l10n.t('{0} exported', last.countExported ?? 0));

  const lines = [
    `**${vscode.l10n.t('Provisioning job')}** \`${job.id ?? ''}\``,
    '',
    `| | |`,
    `|---|---|`,
    `| ${vscode.l10n.t('Status')} | ${code} |`,
    `| ${vscode.l10n.t('Schedule')} | ${job.schedule?.state ?? '-'}, ${vscode.l10n.t('every {0}', describeInterval(job.schedule?.interval) ?? '-')} |`,
  ];
  const next = running ? undefined : describeNextCycle(job, now);
  if (next) lines.push(`| ${vscode.l10n.t('Next cycle')} | ${next} |`);
  if (last) {
    lines.push(`| ${vscode.l10n.t('Last cycle')} | ${last.state ?? '-'}, ${last.timeBegan ?? '-'} → ${last.timeEnded ?? vscode.l10n.t('running')} |`);
    lines.push(`| ${vscode.l10n.t('Imported / exported')} | ${last.countImported ?? 0} / ${last.countExported ?? 0} |`);
    if ((last.countEscrowed ?? 0) > 0) lines.push(`| ${vscode.l10n.t('Escrowed (will retry)')} | ${last.countEscrowed} |`);
    if (last.error?.message) lines.push(`| ${vscode.l10n.t('Error')} | ${escapeCell(`${last.error.code ?? ''}: ${last.error.message}`)} |`);
  }
  const lastOk = status.lastSuccessfulExecution;
  if (lastOk?.timeEnded) lines.push(`| ${vscode.l10n.t('Last successful cycle')} | ${lastOk.timeEnded} |`);
  if (progress) lines.push(`| ${vscode.l10n.t('Progress')} | ${progress.completedUnits ?? 0} / ${progress.totalUnits ?? 0} ${progress.units ?? ''} |`);
  const quarantine = status.quarantine;
  if (quarantine) {
    lines.push(`| ${vscode.l10n.t('Quarantine reason')} | ${quarantine.reason ?? '-'} |`);
    lines.push(`| ${vscode.l10n.t('In quarantine since')} | ${quarantine.seriesBegan ?? quarantine.currentBegan ?? '-'} |`);
    const nextAttempt = isNeverTime(quarantine.nextAttempt) ? vscode.l10n.t('none: waits for a restart') : quarantine.nextAttempt;
    lines.push(`| ${vscode.l10n.t('Next attempt')} | ${nextAttempt} |`);
    if (quarantine.error?.message) lines.push(`| ${vscode.l10n.t('Why')} | ${escapeCell(quarantine.error.message)} |`);
    if (holdsDeletions(job)) {
      lines.push(`| ${vscode.l10n.t('What now')} | ${vscode.l10n.t('Check the held deletions in Recent activity. To apply them, run Allow Held Deletions on the job; otherwise fix their cause (assignments, scoping filter) and restart.')} |`);
    }
  }
  const steady = status.steadyStateLastAchievedTime;
  if (!isNeverTime(steady)) lines.push(`| ${vscode.l10n.t('Steady state reached')} | ${steady} |`);
  for (const count of status.synchronizedEntryCountByType ?? []) lines.push(`| ${escapeCell(count.key ?? '')} | ${count.value ?? 0} |`);
  return { health, description: parts.join(' · '), details: lines.join('\n'), ...activity };
}

/** Service text in a table cell: inert Markdown (the error text may echo what a target app sent). */
function escapeCell(text: string): string {
  return escapeMarkdown(text);
}
