import type * as vscode from 'vscode';
import type { StoredDocument } from '../host/readOnlyDocuments';
import type { JobTarget } from '../shared/targets';
import type { TestUser } from '../shared/testUsers';

/** A node of the provisioning tree. Ids are paths of Graph ids, so a refresh keeps expansion. */
export interface TreeNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;
  getChildren(): TreeNode[] | Promise<TreeNode[]>;
  getParent(): TreeNode | undefined;
}

/** What nodes need from the provider: fire a change for a node (undefined: everything), the job's reports. */
export interface TreeHost {
  refresh(node?: TreeNode): Promise<void>;
  /** The job's provision-on-demand reports of this session, newest first. */
  onDemandReports(target: JobTarget): readonly StoredDocument[];
  /** The job's saved test users (workspace state). */
  testUsers(target: JobTarget): readonly TestUser[];
  /** The workspace's provisioning file of the job that the last drift check found drifted, if any. */
  driftedFile(target: JobTarget): string | undefined;
}
