import * as vscode from 'vscode';
import { escapeMarkdown } from './markdown';
import { redactSecrets } from '../shared/logger';
import type { HasJobTarget } from '../shared/targets';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import { LeafNode } from './leafNode';
import { activityEventContext, RowKind } from './contextValues';
import type { TreeNode } from './treeNode';
import { localTime } from '../shared/clockTime';
import { isOnDemand } from '../shared/provisioningEvents';
import { CommandId } from '../shared/commandIds';

const RECENT = 15;
/** How long after a cycle its log entries may still be on their way (Entra's logs lag by minutes). */
const LOG_LAG_MS = 10 * 60_000;

const actionIcons: Record<string, string> = { create: 'add', update: 'edit', disable: 'circle-slash', delete: 'trash', other: 'info' };

/** Graph's action and status enum values in the user's language (unknown values shown as they come). */
function word(value: string): string {
  const words: Record<string, string> = {
    create: vscode.l10n.t('create'),
    update: vscode.l10n.t('update'),
    disable: vscode.l10n.t('disable'),
    delete: vscode.l10n.t('delete'),
    stageddelete: vscode.l10n.t('staged delete'),
    other: vscode.l10n.t('other'),
    success: vscode.l10n.t('success'),
    warning: vscode.l10n.t('warning'),
    failure: vscode.l10n.t('failure'),
    skipped: vscode.l10n.t('skipped'),
  };
  return words[value] ?? value;
}

/** The job's last provisioning events, newest first, failures highlighted. */
export class ActivityNode extends FolderNode implements HasJobTarget {
  constructor(private readonly job: JobNode) {
    super(`${job.id}/activity`, job, vscode.l10n.t('Recent activity'), 'pulse', RowKind.activity);
  }

  get jobTarget() {
    return this.job.jobTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    const service = await this.job.appNode.tenant.service();
    const events = await service.logs.recent(this.job.appNode.servicePrincipalId, this.job.jobId, RECENT);
    const pending = this.lastCycleNotLoggedYet(events);
    const hint = pending
      ? [new LeafNode(`${this.id}/pending`, this, { label: vscode.l10n.t('The last cycle\'s entries can take a few minutes to appear'), icon: new vscode.ThemeIcon('watch'), tooltip: vscode.l10n.t('Microsoft Entra writes provisioning log entries some time after the cycle that made them. Refresh to see them.'), contextValue: RowKind.activityEmpty })]
      : [];
    if (events.length === 0) return hint.length ? hint : [new LeafNode(`${this.id}/none`, this, { label: vscode.l10n.t('No provisioning events yet'), icon: new vscode.ThemeIcon('info'), contextValue: RowKind.activityEmpty })];
    return [...hint, ...events.map((event) => {
      const status = String(event.provisioningStatusInfo?.status ?? 'unknown').toLowerCase();
      const action = String(event.provisioningAction ?? 'other').toLowerCase();
      const failed = status === 'failure';
      const error = event.provisioningStatusInfo?.errorInformation;
      const onDemand = isOnDemand(event);
      const actionWord = onDemand ? (action === 'other' ? vscode.l10n.t('on demand') : vscode.l10n.t('{0} on demand', word(action))) : word(action);
      // The person is what a reader scans for, then what happened (or, when it did not succeed, the
      // status); the rows come newest first, and the time is in the tooltip, so the row fits the sidebar.
      return new LeafNode(`${this.id}/${event.id}`, this, {
        label: event.sourceIdentity?.displayName || event.sourceIdentity?.id || '',
        description: status === 'success' ? actionWord : word(status),
        tooltip: new vscode.MarkdownString([
          `**${actionWord}** ${escapeMarkdown(event.sourceIdentity?.displayName ?? '')} → ${escapeMarkdown(event.targetIdentity?.displayName ?? event.targetIdentity?.id ?? '')}`,
          '',
          `${vscode.l10n.t('Status')}: ${word(status)}`,
          '',
          `${vscode.l10n.t('Time')}: ${localTime(event.activityDateTime, vscode.env.language, new Date(), { seconds: true }) ?? '-'}`,
          failed && error ? `\n${escapeMarkdown(error.errorCode ?? '')}: ${escapeMarkdown(redactSecrets(error.reason ?? ''))}\n\n${escapeMarkdown(error.recommendedAction ?? '')}` : '',
        ].join('\n')),
        icon: failed ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(actionIcons[action] ?? 'info', status === 'skipped' ? new vscode.ThemeColor('disabledForeground') : undefined),
        contextValue: activityEventContext(status),
        command: { command: CommandId.showActivityDetails, title: vscode.l10n.t('Show details'), arguments: [{ eventId: event.id }] },
      }, event);
    })];
  }

  /**
   * Whether the job's last cycle ended lately and the log shows nothing of it yet: the logs lag the
   * cycle, and an unexplained empty or stale list reads as "nothing happened".
   */
  private lastCycleNotLoggedYet(events: ReadonlyArray<{ activityDateTime?: string | null }>): boolean {
    const last = this.job.job?.status?.lastExecution;
    const began = Date.parse(last?.timeBegan ?? '');
    const ended = Date.parse(last?.timeEnded ?? '');
    if (!Number.isFinite(began) || !Number.isFinite(ended) || ended < began || Date.now() - ended > LOG_LAG_MS) return false;
    if ((last?.countExported ?? 0) === 0 && (last?.countEscrowed ?? 0) === 0) return false;
    return !events.some((e) => Date.parse(e.activityDateTime ?? '') >= began);
  }
}
