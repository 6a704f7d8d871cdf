import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphSessions } from '../auth/graphSessions';
import { TenantNode } from './tenantNode';
import type { TreeHost, TreeNode } from './treeNode';

/** Data provider of the `entraProvisioning.apps` view: tenants at the root, everything else below. */
export class ProvisioningTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly tenants = new Map<string, TenantNode>();

  constructor(
    private readonly connections: ConnectionStore,
    private readonly graph: GraphSessions,
  ) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  /** Fires a change; a tenant node also forgets what it loaded, so its apps load again. */
  refresh(node?: TreeNode): void {
    if (node instanceof TenantNode) node.model.reset();
    this.changed.fire(node);
  }

  /** Redraws a node from what is already loaded (no reload of a tenant's apps). */
  redraw(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) return node.getChildren();
    return this.tenantNodes();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  /** The tenant nodes, one per open connection, reused across refreshes. */
  tenantNodes(): TenantNode[] {
    const current = this.connections.current;
    const list = this.connections.list();
    for (const id of this.tenants.keys()) if (!list.some((c) => c.id === id)) this.tenants.delete(id);
    return list.map((connection) => {
      let node = this.tenants.get(connection.id);
      if (!node) {
        node = new TenantNode(connection, this, () => this.graph.service(connection.id));
        this.tenants.set(connection.id, node);
      }
      node.update(connection, connection.id === current?.id);
      return node;
    });
  }

  /** The tenant node of a connection, if the tree shows it. */
  tenant(connectionId: string): TenantNode | undefined {
    return this.tenantNodes().find((t) => t.connection.id === connectionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
