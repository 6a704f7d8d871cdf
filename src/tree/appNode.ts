import * as vscode from 'vscode';
import { escapeMarkdown } from './markdown';
import type { AppTarget, HasAppTarget } from '../shared/targets';
import { CommandId } from '../shared/commandIds';
import { AssignmentsNode } from './assignmentsNode';
import { JobNode } from './jobNode';
import { jobLabel } from './jobStatusText';
import { localizedStatusWords } from '../host/jobStatusWords';
import { summarizeJob } from '../shared/jobStatus';
import { InfoNode } from './messageNodes';
import { appContext, RowKind } from './contextValues';
import type { TenantNode } from './tenantNode';
import type { TreeNode } from './treeNode';

/** An enterprise app (service principal); its children are its provisioning jobs. */
export class AppNode implements TreeNode, HasAppTarget {
  readonly id: string;
  private readonly jobNodes = new Map<string, JobNode>();

  constructor(
    readonly tenant: TenantNode,
    readonly servicePrincipalId: string,
  ) {
    this.id = `${tenant.id}/app/${servicePrincipalId}`;
  }

  get app() {
    return this.tenant.model.app(this.servicePrincipalId);
  }

  get jobs() {
    return this.tenant.model.jobs.get(this.servicePrincipalId) ?? [];
  }

  get appTarget(): AppTarget {
    return { connectionId: this.tenant.connection.id, servicePrincipalId: this.servicePrincipalId, displayName: this.app?.displayName ?? undefined };
  }

  getTreeItem(): vscode.TreeItem {
    const app = this.app;
    const jobs = this.jobs;
    const item = new vscode.TreeItem(app?.displayName ?? this.servicePrincipalId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const error = this.tenant.model.jobErrors.get(this.servicePrincipalId);
    // App names are long: the row keeps only what needs attention, the job rows and the tooltip say the rest.
    const statusLines: string[] = [];
    if (error) {
      item.description = vscode.l10n.t('status unavailable');
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      statusLines.push(vscode.l10n.t('Could not load the provisioning status.'));
    } else if (jobs.length === 0) {
      item.description = vscode.l10n.t('not set up');
      item.iconPath = new vscode.ThemeIcon('window');
      statusLines.push(vscode.l10n.t('No provisioning job yet.'));
    } else {
      item.iconPath = new vscode.ThemeIcon('window', new vscode.ThemeColor('charts.blue'));
      const now = new Date();
      const words = localizedStatusWords();
      for (const job of jobs) {
        const view = summarizeJob(job, now, words, this.tenant.model.cycleRequests.get(job.id ?? ''));
        statusLines.push(`${escapeMarkdown(jobLabel(job, { jobsOfApp: jobs.length }))}: ${escapeMarkdown(view.status)}, ${escapeMarkdown(view.schedule)}`);
      }
    }
    item.tooltip = new vscode.MarkdownString(
      [`**${escapeMarkdown(app?.displayName ?? '')}**`, '', ...statusLines.flatMap((line) => [line, '']), vscode.l10n.t('Object ID: {0}', this.servicePrincipalId), '', vscode.l10n.t('Application ID: {0}', app?.appId ?? '-')].join('\n'),
    );
    item.contextValue = appContext(jobs.length > 0, this.tenant.connection.kind === 'sandbox');
    return item;
  }

  getChildren(): TreeNode[] {
    const nodes: TreeNode[] = this.jobs.map((job) => this.jobNode(job.id ?? ''));
    if (nodes.length === 0) {
      nodes.push(
        new InfoNode(`${this.id}/createJob`, this, vscode.l10n.t('Set up provisioning (create a job)…'), 'add', {
          command: CommandId.createJob,
          title: vscode.l10n.t('Create provisioning job'),
          arguments: [this],
        }, RowKind.createJob),
      );
      nodes.push(new AssignmentsNode(this, undefined));
    }
    return nodes;
  }

  getParent(): TenantNode {
    return this.tenant;
  }

  jobNode(jobId: string): JobNode {
    let node = this.jobNodes.get(jobId);
    if (!node) {
      node = new JobNode(this, jobId);
      this.jobNodes.set(jobId, node);
    }
    return node;
  }

  knownJobNodes(): JobNode[] {
    return [...this.jobNodes.values()];
  }
}
