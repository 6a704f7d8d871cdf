import * as vscode from 'vscode';
import type { StoredDocument } from '../host/readOnlyDocuments';
import { clockTime } from '../shared/clockTime';
import { CommandId } from '../shared/commandIds';
import type { HasJobTarget, JobTarget } from '../shared/targets';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import { LeafNode } from './leafNode';
import type { TreeNode } from './treeNode';

/** The folder of a job's on-demand reports among the read-only documents. */
export function onDemandReportsFolder(target: JobTarget): string {
  return ['on-demand', target.connectionId, target.servicePrincipalId, target.jobId].map(encodeURIComponent).join('/');
}

/** The reports of this session's provision-on-demand runs for a job, newest first; each opens rendered. */
export class OnDemandResultsNode extends FolderNode implements HasJobTarget {
  constructor(
    private readonly job: JobNode,
    private readonly reports: () => readonly StoredDocument[],
  ) {
    super(`${job.id}/onDemand`, job, vscode.l10n.t('On-demand results'), 'history', 'onDemandResults');
  }

  get jobTarget() {
    return this.job.jobTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    return this.reports().map(
      (report) =>
        new LeafNode(`${this.id}/${report.uri.path}`, this, {
          label: report.summary,
          description: clockTime(report.added, vscode.env.language, { seconds: true }),
          tooltip: report.summary,
          icon: new vscode.ThemeIcon('report'),
          contextValue: 'onDemandResult',
          // Rendered, as the run showed it; the URI stays valid for the whole session.
          command: { command: CommandId.openReport, title: vscode.l10n.t('Open report'), arguments: [{ uri: report.uri.toString() }] },
        }),
    );
  }
}
