import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import { holdsDeletions, isNeverTime } from '../graph/facts';
import { localizedStatusWords } from '../host/jobStatusWords';
import { clockTime, localTime } from '../shared/clockTime';
import { nextCycleDueAt, summarizeJob, type CycleRequest, type JobStatusSummary } from '../shared/jobStatus';
import { explainProvisioningError } from '../shared/provisioningErrorCatalog';
import { escapeMarkdown } from './markdown';

export { jobActivity } from '../shared/jobStatus';
export type { JobHealth } from '../shared/jobStatus';

export interface JobStatusView extends JobStatusSummary {
  /** Short text for the tree item's description: the status alone, so it fits the default sidebar width. */
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

/** A service time as a local time in the display language ("14:32", or with the day when not today); "-" for never. */
function at(iso: string | null | undefined, now: Date, options: { seconds?: boolean } = {}): string {
  return (isNeverTime(iso) ? undefined : localTime(iso, vscode.env.language, now, options)) ?? '-';
}

/**
 * When the next scheduled cycle should start, in words: the service runs one about an interval after
 * the last one ended. Undefined when none is expected (paused, in quarantine, running, never run, or
 * no schedule).
 */
function describeNextCycle(job: SynchronizationJob, now: Date): string | undefined {
  const dueAt = nextCycleDueAt(job);
  if (dueAt === undefined) return undefined;
  const due = new Date(dueAt);
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return vscode.l10n.t('due now');
  // The clock time stays true when the tooltip is read long after the tree was drawn.
  const clock = clockTime(due, vscode.env.language);
  return minutes < 120 ? vscode.l10n.t('about {0} (in {1} min)', clock, minutes) : vscode.l10n.t('about {0} (in {1} h)', clock, Math.round(minutes / 60));
}

/** Turns a job's status into what the tree shows: icon health, a short description and the details. */
export function describeJobStatus(job: SynchronizationJob, now: Date, request?: CycleRequest): JobStatusView {
  const words = localizedStatusWords();
  const summary = summarizeJob(job, now, words, request);
  const status = job.status ?? {};
  const last = status.lastExecution ?? undefined;
  const progress = (status.progress ?? []).find((p) => (p.totalUnits ?? 0) > 0);
  const quarantine = status.quarantine;

  const lines = [
    `**${escapeMarkdown(jobLabel(job, { withTemplate: true }))}** \`${job.id ?? ''}\``,
    '',
    `| | |`,
    `|---|---|`,
    `| ${vscode.l10n.t('Status')} | ${escapeCell(quarantine?.reason ? `${summary.status} (${quarantine.reason})` : summary.status)} |`,
    `| ${vscode.l10n.t('Schedule')} | ${summary.schedule} |`,
  ];
  const next = summary.running ? undefined : describeNextCycle(job, now);
  if (next) lines.push(`| ${vscode.l10n.t('Next cycle')} | ${next} |`);
  if (summary.queued && request) {
    lines.push(`| ${vscode.l10n.t('Next cycle')} | ${vscode.l10n.t('queued since {0}: the provisioning service begins it shortly', at(new Date(request.at).toISOString(), now, { seconds: true }))} |`);
  }
  if (last) {
    // A cycle under way has no end yet (the service writes 0001-01-01) and no outcome to tell.
    const underWay = isNeverTime(last.timeEnded);
    if (underWay) lines.push(`| ${vscode.l10n.t('Current cycle')} | ${vscode.l10n.t('began {0} ({1})', at(last.timeBegan, now, { seconds: true }), ago(last.timeBegan, now) ?? '-')} |`);
    else lines.push(`| ${vscode.l10n.t('Last cycle')} | ${escapeCell(words.cycleOutcome(last.state ?? '-'))}, ${at(last.timeBegan, now, { seconds: true })} → ${at(last.timeEnded, now, { seconds: true })} (${ago(last.timeEnded, now) ?? '-'}) |`);
    lines.push(`| ${vscode.l10n.t('Imported / exported')} | ${last.countImported ?? 0} / ${last.countExported ?? 0} |`);
    if ((last.countEscrowed ?? 0) > 0) lines.push(`| ${vscode.l10n.t('Escrowed (will retry)')} | ${last.countEscrowed} |`);
    if (last.error?.message) lines.push(`| ${vscode.l10n.t('Error')} | ${escapeCell(`${last.error.code ?? ''}: ${last.error.message}`)} |`);
  }
  const lastOk = status.lastSuccessfulExecution;
  if (lastOk?.timeEnded) lines.push(`| ${vscode.l10n.t('Last successful cycle')} | ${at(lastOk.timeEnded, now)} |`);
  if (progress) lines.push(`| ${vscode.l10n.t('Progress')} | ${progress.completedUnits ?? 0} / ${progress.totalUnits ?? 0} ${progress.units ?? ''} |`);
  if (quarantine) {
    lines.push(`| ${vscode.l10n.t('In quarantine since')} | ${at(quarantine.seriesBegan ?? quarantine.currentBegan, now)} |`);
    const nextAttempt = isNeverTime(quarantine.nextAttempt) ? vscode.l10n.t('none: waits for a restart') : at(quarantine.nextAttempt, now);
    lines.push(`| ${vscode.l10n.t('Next attempt')} | ${nextAttempt} |`);
    if (quarantine.error?.message) lines.push(`| ${vscode.l10n.t('Why')} | ${escapeCell(quarantine.error.message)} |`);
    if (holdsDeletions(job)) {
      lines.push(`| ${vscode.l10n.t('What now')} | ${vscode.l10n.t('Check the held deletions in Recent activity. To apply them, run Allow Held Deletions on the job; otherwise fix their cause (assignments, scoping filter) and restart.')} |`);
    } else {
      // The error names the cause; the reason alone (EncounteredQuarantineException) only says the job cannot connect.
      const explained = explainProvisioningError(quarantine.error?.code ?? quarantine.reason ?? '', vscode.env.language);
      if (explained.known) lines.push(`| ${vscode.l10n.t('What now')} | ${escapeCell(`${explained.title}: ${explained.fix}`)} [${vscode.l10n.t('Documentation')}](${explained.docs}) |`);
    }
  }
  const steady = status.steadyStateLastAchievedTime;
  if (!isNeverTime(steady)) lines.push(`| ${vscode.l10n.t('Steady state reached')} | ${at(steady, now)} |`);
  for (const count of status.synchronizedEntryCountByType ?? []) lines.push(`| ${escapeCell(count.key ?? '')} | ${count.value ?? 0} |`);
  return { ...summary, description: summary.status, details: lines.join('\n') };
}

/**
 * A job as the tree names it: "Provisioning", or "Provisioning (scim)" after the template it was made
 * from when the app has several jobs (or `withTemplate`), since only then does the template tell them apart.
 */
export function jobLabel(job: SynchronizationJob | undefined, options: { jobId?: string; jobsOfApp?: number; withTemplate?: boolean } = {}): string {
  if (!options.withTemplate && (options.jobsOfApp ?? 1) <= 1) return vscode.l10n.t('Provisioning');
  return vscode.l10n.t('Provisioning ({0})', job?.templateId ?? job?.id ?? options.jobId ?? '');
}

/** Service text in a table cell: inert Markdown (the error text may echo what a target app sent). */
function escapeCell(text: string): string {
  return escapeMarkdown(text);
}
