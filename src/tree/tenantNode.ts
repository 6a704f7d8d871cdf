import * as vscode from 'vscode';
import type { ConnectionInfo } from '../auth/connectionStore';
import type { TreeNode } from './treeNode';

/** One tenant connection at the top of the tree. */
export class TenantNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly connection: ConnectionInfo,
    private readonly isCurrent: boolean,
  ) {
    this.id = `tenant/${connection.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.connection.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.connection.accountLabel;
    item.iconPath = new vscode.ThemeIcon(this.connection.kind === 'sandbox' ? 'beaker' : 'organization');
    item.contextValue = `tenant ${this.connection.kind}${this.isCurrent ? ' current' : ''}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${this.connection.label}**`,
        '',
        vscode.l10n.t('Tenant ID: {0}', this.connection.tenantId),
        '',
        vscode.l10n.t('Graph: {0}', this.connection.graphBaseUrl),
      ].join('\n'),
    );
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }

  getParent(): undefined {
    return undefined;
  }
}
