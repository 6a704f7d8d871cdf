import * as vscode from 'vscode';
import type { AppTarget, HasAppTarget, HasJobTarget, JobTarget } from '../shared/targets';
import { holdsDeletions } from '../graph/facts';
import { ActivityNode } from './activityNode';
import type { AppNode } from './appNode';
import { AssignmentsNode } from './assignmentsNode';
import { jobContext } from './contextValues';
import { CredentialsNode } from './credentialsNode';
import { describeJobStatus, jobLabel, type JobHealth } from './jobStatusText';
import { MappingsNode } from './mappingsNode';
import { OnDemandResultsNode } from './onDemandResultsNode';
import { TestUsersNode } from './testUsersNode';
import type { TreeNode } from './treeNode';
import type { CycleRequest } from '../shared/jobStatus';

const icons: Record<JobHealth, [string, string?]> = {
  active: ['pass', 'testing.iconPassed'],
  running: ['sync~spin', 'charts.blue'],
  paused: ['debug-pause', 'disabledForeground'],
  quarantine: ['warning', 'problemsWarningIcon.foreground'],
  failed: ['error', 'errorForeground'],
  notRun: ['circle-large-outline'],
  notConfigured: ['key', 'problemsWarningIcon.foreground'],
  unknown: ['question'],
};

/** A provisioning (synchronization) job with its status at a glance and sync details in the tooltip. */
export class JobNode implements TreeNode, HasJobTarget, HasAppTarget {
  readonly id: string;
  private children?: TreeNode[];
  private onDemandResults?: OnDemandResultsNode;
  private testUsers?: TestUsersNode;

  constructor(
    readonly appNode: AppNode,
    readonly jobId: string,
  ) {
    this.id = `${appNode.id}/job/${jobId}`;
  }

  get job() {
    return this.appNode.jobs.find((j) => j.id === this.jobId);
  }

  get jobTarget(): JobTarget {
    return { connectionId: this.appNode.tenant.connection.id, servicePrincipalId: this.appNode.servicePrincipalId, jobId: this.jobId, appDisplayName: this.appNode.app?.displayName ?? undefined };
  }

  get appTarget(): AppTarget {
    return this.appNode.appTarget;
  }

  private get cycleRequest(): CycleRequest | undefined {
    return this.appNode.tenant.model.cycleRequests.get(this.jobId);
  }

  /** Whether a cycle is under way (the tree refreshes running jobs while visible). */
  get running(): boolean {
    const job = this.job;
    return job ? describeJobStatus(job, new Date(), this.cycleRequest).running : false;
  }

  getTreeItem(): vscode.TreeItem {
    const job = this.job;
    const view = job ? describeJobStatus(job, new Date(), this.cycleRequest) : undefined;
    const item = new vscode.TreeItem(jobLabel(job, { jobId: this.jobId, jobsOfApp: this.appNode.jobs.length }), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const driftedFile = this.appNode.tenant.host.driftedFile(this.jobTarget);
    item.description = view?.description ?? vscode.l10n.t('not found');
    if (driftedFile) item.description = vscode.l10n.t('{0} · drifted from its file', item.description);
    const [icon, color] = icons[view?.health ?? 'unknown'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const driftNote = driftedFile ? vscode.l10n.t('Changed in the tenant since {0} was exported or last applied: Plan shows what differs.', vscode.workspace.asRelativePath(driftedFile)) : undefined;
    item.tooltip = view ? new vscode.MarkdownString([view.details, driftNote].filter(Boolean).join('\n\n')) : undefined;
    item.contextValue = jobContext({ statusCode: job?.status?.code, health: view?.health ?? 'unknown', running: view?.running ?? false, heldDeletions: holdsDeletions(job), sandbox: this.appNode.tenant.connection.kind === 'sandbox', drifted: driftedFile !== undefined });
    return item;
  }

  getChildren(): TreeNode[] {
    this.children ??= [new CredentialsNode(this), new MappingsNode(this), new AssignmentsNode(this.appNode, this), new ActivityNode(this)];
    // Shown once the job has test users or a report, so empty folders do not crowd every job.
    const host = this.appNode.tenant.host;
    const shown: TreeNode[] = [...this.children];
    if (host.testUsers(this.jobTarget).length > 0) shown.push((this.testUsers ??= new TestUsersNode(this, () => host.testUsers(this.jobTarget))));
    if (host.onDemandReports(this.jobTarget).length > 0) shown.push((this.onDemandResults ??= new OnDemandResultsNode(this, () => host.onDemandReports(this.jobTarget))));
    return shown;
  }

  getParent(): AppNode {
    return this.appNode;
  }
}
