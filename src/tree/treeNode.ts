import type * as vscode from 'vscode';

/** A node of the provisioning tree. Ids are paths of Graph ids, so a refresh keeps expansion. */
export interface TreeNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;
  getChildren(): TreeNode[] | Promise<TreeNode[]>;
  getParent(): TreeNode | undefined;
}

/** What nodes need from the provider: fire a change for a node (undefined: everything). */
export interface TreeHost {
  refresh(node?: TreeNode): Promise<void>;
}
