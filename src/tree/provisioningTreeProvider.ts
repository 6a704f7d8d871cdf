import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphSessions } from '../auth/graphSessions';
import { AppNode } from './appNode';
import { JobNode } from './jobNode';
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
    this.subscription = connections.onDidChange(() => this.changed.fire(undefined));
  }

  /**
   * Reloads from Graph and redraws: everything (no node), a tenant's apps, or an app's or job's
   * status; folders below a job reload their rows when redrawn.
   */
  async refresh(node?: TreeNode): Promise<void> {
    if (!node) {
      for (const tenant of this.tenants.values()) tenant.model.reset();
    } else if (node instanceof TenantNode) {
      node.model.reset();
    } else {
      const app = node instanceof AppNode ? node : node instanceof JobNode ? node.appNode : undefined;
      if (app?.tenant.model.isLoaded) {
        try {
          await app.tenant.model.refreshJobs([app.servicePrincipalId]);
        } catch {
          // The redraw shows what is known; the app row reports jobs it could not load.
        }
        node = app;
      }
    }
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
