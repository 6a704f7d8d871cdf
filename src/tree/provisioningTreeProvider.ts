import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import { TenantNode } from './tenantNode';
import type { TreeNode } from './treeNode';

/** Data provider of the `entraProvisioning.apps` view: tenants at the root, everything else below. */
export class ProvisioningTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionStore) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) return node.getChildren();
    const current = this.connections.current;
    return this.connections.list().map((c) => new TenantNode(c, c.id === current?.id));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
