import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import { AppNode } from './appNode';
import { JobNode } from './jobNode';
import { TenantNode } from './tenantNode';
import type { TreeHost, TreeNode } from './treeNode';
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import type { Logger } from '../shared/logger';
import type { ReadOnlyDocuments, StoredDocument } from '../host/readOnlyDocuments';
import type { JobTarget } from '../shared/targets';
import { onDemandReportsFolder } from './onDemandResultsNode';

/** Data provider of the `entraProvisioning.apps` view: tenants at the root, everything else below. */
export class ProvisioningTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly tenants = new Map<string, TenantNode>();
  private selection: readonly TreeNode[] = [];

  constructor(
    private readonly connections: ConnectionStore,
    private readonly graph: GraphConnections,
    private readonly logger: Logger,
    private readonly documents: ReadOnlyDocuments,
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

  /**
   * After a command changed an app or its jobs: reads that app's jobs once, redraws the app (adding
   * it to the tree when it is new) and returns them, so the command need not read them again.
   * Undefined when the tree has not loaded that tenant, or the read failed (the next refresh fixes a
   * stale row; the command itself succeeded).
   */
  async jobsChanged(connectionId: string, servicePrincipalId: string, signal?: AbortSignal): Promise<SynchronizationJob[] | undefined> {
    const tenant = this.tenant(connectionId);
    if (!tenant?.model.isLoaded) return undefined;
    try {
      if (tenant.model.app(servicePrincipalId)) {
        await tenant.model.refreshJobs([servicePrincipalId], signal);
        this.redraw(tenant.appNode(servicePrincipalId));
      } else {
        await tenant.model.upsertApp(servicePrincipalId, signal);
        this.redraw(tenant);
      }
      return tenant.model.jobs.get(servicePrincipalId);
    } catch (error) {
      this.logger.warn(`could not redraw app ${servicePrincipalId}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Follows the view's selection, so commands run from the palette can offer the selected row first. */
  trackSelection(view: vscode.TreeView<TreeNode>): vscode.Disposable {
    this.selection = view.selection;
    return view.onDidChangeSelection((event) => (this.selection = event.selection));
  }

  /** The row selected in the view (the first, when several are), if any. */
  selectedNode(): TreeNode | undefined {
    return this.selection[0];
  }

  /** Filters a tenant's apps by a server-side search ('' shows all) and reloads them. */
  async search(tenant: TenantNode, text: string): Promise<void> {
    tenant.model.search = text.trim();
    await this.refresh(tenant);
  }

  /** Shows only the tenant's apps with provisioning jobs, or all of them again; returns which. */
  toggleProvisioningOnly(tenant: TenantNode): boolean {
    tenant.model.provisioningOnly = !tenant.model.provisioningOnly;
    this.redraw(tenant);
    return tenant.model.provisioningOnly;
  }

  /** Loads the tenant's next page of apps. */
  async loadMore(tenant: TenantNode, signal?: AbortSignal): Promise<void> {
    await tenant.model.loadMore(signal);
    this.redraw(tenant);
  }

  onDemandReports(target: JobTarget): readonly StoredDocument[] {
    return this.documents.list(onDemandReportsFolder(target));
  }

  /** Redraws a job's row after a provision-on-demand report was stored for it, so the row lists it. */
  onDemandReportAdded(target: JobTarget): void {
    const tenant = this.tenant(target.connectionId);
    if (tenant?.model.isLoaded && tenant.model.app(target.servicePrincipalId)) this.redraw(tenant.appNode(target.servicePrincipalId).jobNode(target.jobId));
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
