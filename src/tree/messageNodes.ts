import * as vscode from 'vscode';
import { signInFailureOf, signInHelp } from '../auth/signInHelp';
import { CommandId } from '../shared/commandIds';
import { redactSecrets } from '../shared/logger';
import { RowKind } from './contextValues';
import type { TreeNode } from './treeNode';

/** A failed load: says what failed and retries the load on click (the tree never goes dead). */
export class ErrorNode implements TreeNode {
  readonly id: string;

  constructor(
    private readonly parent: TreeNode,
    private readonly what: string,
    readonly error: unknown,
  ) {
    this.id = `${parent.id}/error`;
  }

  getTreeItem(): vscode.TreeItem {
    // A refused sign-in says what fixes it, as the command's notification does.
    const signIn = signInFailureOf(this.error);
    const message = signIn ? signInHelp(signIn.problem, signIn.code, signIn.detail).message : this.error instanceof Error ? this.error.message : String(this.error);
    const item = new vscode.TreeItem(this.what, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('Retry');
    item.tooltip = redactSecrets(message);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = RowKind.error;
    item.command = { command: CommandId.refresh, title: vscode.l10n.t('Retry'), arguments: [this.parent] };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }

  getParent(): TreeNode {
    return this.parent;
  }
}

/** A leaf that only informs, optionally running a command on click (e.g. "Create a provisioning job…"). */
export class InfoNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly parent: TreeNode,
    private readonly label: string,
    private readonly icon: string,
    private readonly command?: vscode.Command,
    private readonly contextValue: string = RowKind.info,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.command = this.command;
    item.contextValue = this.contextValue;
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }

  getParent(): TreeNode {
    return this.parent;
  }
}
