import type * as vscode from 'vscode';
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
import { testUserKey, type TestUser, type TestUserStore } from '../shared/testUsers';
import { onDemandReportsFolder } from './onDemandResultsNode';

/**
 * The provisioning tree: tenants at the root, everything else below. Loaded with its nodes on first
 * need (see ProvisioningTreeShell, what VS Code is given at activation); the shell owns the view's
 * change event, which this fires.
 */
export class ProvisioningTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost {
  readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined>;
  private readonly tenants = new Map<string, TenantNode>();
  /** Per connection, the app a command last acted on: what pickers offer first. */
  private readonly lastApps = new Map<string, string>();
  private view?: vscode.TreeView<TreeNode>;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly graph: GraphConnections,
    private readonly logger: Logger,
    private readonly documents: ReadOnlyDocuments,
    private readonly testUserStore: TestUserStore,
    private readonly changed: vscode.EventEmitter<TreeNode | undefined>,
  ) {
    this.onDidChangeTreeData = changed.event;
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
  /**
   * Notes that a cycle of the job was just asked for (start, restart; `before` is the job as read
   * before asking), so that until one begins the tree shows it queued and keeps its row fresh.
   */
  cycleRequested(connectionId: string, before: SynchronizationJob, at = Date.now()): void {
    if (before.id) this.tenant(connectionId)?.model.cycleRequests.set(before.id, { at, previousBegan: before.status?.lastExecution?.timeBegan ?? null });
  }

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

  /** The row selected in the view (the first, when several are), if any: palette commands offer it first. */
  selectedNode(): TreeNode | undefined {
    return this.view?.selection[0];
  }

  /** Every row selected in the view (several with multi-select), in the view's order. */
  selectedNodes(): readonly TreeNode[] {
    return this.view?.selection ?? [];
  }

  /** The view that shows this provider: where reveal() selects, and whose selection workingApp() reads. */
  attachView(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  /**
   * The app the user is working on in a tenant: the one selected in the tree (or whose job or
   * folder is selected), else the one a command last acted on; what pickers offer first.
   */
  workingApp(connectionId: string): string | undefined {
    for (const selected of this.view?.selection ?? []) {
      let node: TreeNode | undefined = selected;
      while (node && !(node instanceof AppNode)) node = node.getParent();
      if (node instanceof AppNode && node.tenant.connection.id === connectionId) return node.servicePrincipalId;
    }
    return this.lastApps.get(connectionId);
  }

  /** Records the app a command acted on, for workingApp(). */
  rememberApp(connectionId: string, servicePrincipalId: string): void {
    this.lastApps.set(connectionId, servicePrincipalId);
  }

  /**
   * Shows an app in the tree and selects it without taking focus (after adding it, so the user sees
   * where it went); remembered as the app being worked on. False when the view could not show it.
   */
  async revealApp(connectionId: string, servicePrincipalId: string): Promise<boolean> {
    this.rememberApp(connectionId, servicePrincipalId);
    const tenant = this.tenant(connectionId);
    if (!this.view || !tenant) return false;
    try {
      await this.view.reveal(tenant.appNode(servicePrincipalId), { select: true, focus: false, expand: false });
      return true;
    } catch (error) {
      // Hidden by the tenant's search or "with provisioning only": the app exists, the tree just filters it out.
      this.logger.warn(`could not reveal app ${servicePrincipalId}: ${(error as Error).message}`);
      return false;
    }
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

  private readonly drifted = new Map<string, string>();

  driftedFile(target: JobTarget): string | undefined {
    return this.drifted.get(driftKey(target));
  }

  /**
   * Records a drift check's findings (issue #15): the jobs whose provisioning file drifted are marked
   * until a later check finds them in step again; every job a check covered is redrawn.
   */
  driftChecked(checked: readonly JobTarget[], drifted: ReadonlyArray<JobTarget & { file: string }>): void {
    for (const target of checked) this.drifted.delete(driftKey(target));
    for (const target of drifted) this.drifted.set(driftKey(target), target.file);
    for (const target of checked) {
      const tenant = this.tenant(target.connectionId);
      if (tenant?.model.isLoaded && tenant.model.app(target.servicePrincipalId)) this.redraw(tenant.appNode(target.servicePrincipalId).jobNode(target.jobId));
    }
  }

  testUsers(target: JobTarget): readonly TestUser[] {
    const tenantId = this.connections.list().find((c) => c.id === target.connectionId)?.tenantId;
    return this.testUserStore.list(testUserKey(target, tenantId));
  }

  /** Redraws a job's row after its test users changed, so its "Test users" folder shows the list. */
  testUsersChanged(target: JobTarget): void {
    this.onDemandReportAdded(target);
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
}

function driftKey(target: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>): string {
  return `${target.connectionId}\n${target.servicePrincipalId}\n${target.jobId}`;
}
