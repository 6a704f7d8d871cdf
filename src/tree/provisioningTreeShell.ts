import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import type { ReadOnlyDocuments } from '../host/readOnlyDocuments';
import type { Logger } from '../shared/logger';
import type { TestUserStore } from '../shared/testUsers';
import type { JobStatusRefresher } from './jobStatusRefresher';
import type { ProvisioningTreeProvider } from './provisioningTreeProvider';
import type { TreeNode } from './treeNode';
import { loadTreeRuntime } from './treeRuntimeLoader';

/**
 * The data provider VS Code is given for the `entraProvisioning.apps` view at activation. It owns
 * the view's change event and answers an empty root (no connection: the welcome view shows) by
 * itself; everything else goes to the tree proper, loaded from its own bundle the first time there
 * is a tenant to show or a command reaches `tree`. The job status refresher starts with it: before
 * a tenant is loaded there is no status to refresh.
 */
export class ProvisioningTreeShell implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private view?: vscode.TreeView<TreeNode>;
  private loaded?: { tree: ProvisioningTreeProvider; refresher: JobStatusRefresher };

  constructor(
    private readonly connections: ConnectionStore,
    private readonly graph: GraphConnections,
    private readonly logger: Logger,
    private readonly documents: ReadOnlyDocuments,
    private readonly testUsers: TestUserStore,
  ) {
    this.subscription = connections.onDidChange(() => this.changed.fire(undefined));
  }

  /** The view that shows this provider; attached right after createTreeView, before any use of `tree`. */
  attachView(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  /** The tree proper (loaded on first use). */
  get tree(): ProvisioningTreeProvider {
    return this.load().tree;
  }

  /** The job status refresher (loaded, and its timer started, with the tree). */
  get refresher(): JobStatusRefresher {
    return this.load().refresher;
  }

  private load(): { tree: ProvisioningTreeProvider; refresher: JobStatusRefresher } {
    if (this.loaded) return this.loaded;
    if (!this.view) throw new Error('The tree view is not attached yet.');
    const runtime = loadTreeRuntime();
    const tree = new runtime.ProvisioningTreeProvider(this.connections, this.graph, this.logger, this.documents, this.testUsers, this.changed);
    tree.attachView(this.view);
    this.loaded = { tree, refresher: new runtime.JobStatusRefresher(tree, this.view, this.logger) };
    return this.loaded;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (!node && !this.loaded && this.connections.list().length === 0) return [];
    return this.tree.getChildren(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  dispose(): void {
    this.loaded?.refresher.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
