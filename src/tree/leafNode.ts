import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

export interface LeafOptions {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string | vscode.MarkdownString;
  readonly icon?: vscode.ThemeIcon;
  readonly contextValue: string;
  readonly command?: vscode.Command;
}

/** A leaf row under a folder node (a credential key, an object mapping, an assignment, an event). */
export class LeafNode<T = unknown> implements TreeNode {
  constructor(
    readonly id: string,
    private readonly parent: TreeNode,
    private readonly options: LeafOptions,
    /** What the row stands for, for commands invoked on it. */
    readonly data?: T,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.options.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.tooltip = this.options.tooltip;
    item.iconPath = this.options.icon;
    item.contextValue = this.options.contextValue;
    item.command = this.options.command;
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }

  getParent(): TreeNode {
    return this.parent;
  }
}
