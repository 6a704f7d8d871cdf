import * as vscode from 'vscode';
import { ErrorNode } from './messageNodes';
import type { TreeNode } from './treeNode';

/**
 * A folder under a job whose rows are loaded from Graph on expand (and again on refresh). A failed
 * load becomes an error row with Retry.
 */
export abstract class FolderNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly parent: TreeNode,
    private readonly label: string,
    private readonly icon: string,
    private readonly contextValue: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    try {
      return await this.load();
    } catch (error) {
      return [new ErrorNode(this, vscode.l10n.t('Could not load {0}', this.label.toLowerCase()), error)];
    }
  }

  getParent(): TreeNode {
    return this.parent;
  }

  protected abstract load(): Promise<TreeNode[]>;
}
