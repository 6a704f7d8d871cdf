import * as vscode from 'vscode';
import type { HasJobTarget } from '../shared/targets';
import { testUserLabel, type TestUser } from '../shared/testUsers';
import { RowKind } from './contextValues';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import type { TreeNode } from './treeNode';

/** The saved test users of a job (workspace state), each a row that Remove Test User acts on. */
export class TestUsersNode extends FolderNode implements HasJobTarget {
  constructor(
    private readonly job: JobNode,
    private readonly users: () => readonly TestUser[],
  ) {
    super(`${job.id}/testUsers`, job, vscode.l10n.t('Test users'), 'beaker', RowKind.testUsers);
  }

  get jobTarget() {
    return this.job.jobTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    return this.users().map((user) => new TestUserNode(this, user));
  }
}

/** One saved test user: its name, its UPN beside it. */
export class TestUserNode implements TreeNode, HasJobTarget {
  readonly id: string;

  constructor(
    private readonly folder: TestUsersNode,
    readonly testUser: TestUser,
  ) {
    this.id = `${folder.id}/${testUser.id}`;
  }

  get jobTarget() {
    return this.folder.jobTarget;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(testUserLabel(this.testUser), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.testUser.userPrincipalName && this.testUser.userPrincipalName !== item.label ? this.testUser.userPrincipalName : undefined;
    item.tooltip = this.testUser.id;
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = RowKind.testUser;
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }

  getParent(): TestUsersNode {
    return this.folder;
  }
}
