import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import type { Logger } from '../shared/logger';
import type { FleetNode, FleetView } from './fleetProvider';
import { loadFleetRuntime } from './fleetRuntimeLoader';

/** After activation, how long the opt-in quarantine watch waits before its first look (activation stays quick). */
const WATCH_DELAY_MS = 5_000;

/**
 * The data provider VS Code is given for the `entraProvisioning.fleet` view at activation. It owns
 * the view's change event and answers an empty root (nothing connected) by itself; the fleet proper
 * is loaded from its own bundle the first time the view shows a tenant, a command reaches `fleet`,
 * or, with `entraProvisioning.fleet.notifyOnQuarantine` on, a tenant is connected.
 */
export class FleetShell implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private view?: vscode.TreeView<FleetNode>;
  private loaded?: FleetView;
  private watchTimer?: NodeJS.Timeout;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly graph: GraphConnections,
    private readonly logger: Logger,
    private readonly appsTreeChanged: vscode.Event<unknown>,
  ) {
    this.subscriptions = [
      connections.onDidChange(() => {
        if (!this.loaded) this.changed.fire(undefined);
        this.watchIfWanted(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('entraProvisioning.fleet.notifyOnQuarantine')) this.watchIfWanted(0);
      }),
    ];
    this.watchIfWanted(WATCH_DELAY_MS);
  }

  /** The view that shows this provider; attached right after createTreeView, before any use of `fleet`. */
  attachView(view: vscode.TreeView<FleetNode>): void {
    this.view = view;
  }

  /** The fleet proper (loaded on first use). */
  get fleet(): FleetView {
    if (this.loaded) return this.loaded;
    if (!this.view) throw new Error('The fleet view is not attached yet.');
    const runtime = loadFleetRuntime();
    this.loaded = new runtime.FleetView({ connections: this.connections, graph: this.graph, logger: this.logger, changed: this.changed, view: this.view, appsTreeChanged: this.appsTreeChanged });
    return this.loaded;
  }

  /** The quarantine notification needs the fleet watched even while its view is hidden: load it then. */
  private watchIfWanted(delayMs: number): void {
    if (this.loaded || this.watchTimer) return;
    const wanted = () => this.connections.list().length > 0 && vscode.workspace.getConfiguration('entraProvisioning').get<boolean>('fleet.notifyOnQuarantine') === true;
    if (!wanted()) return;
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      if (!this.loaded && wanted()) void this.fleet.getChildren();
    }, delayMs);
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: FleetNode): FleetNode[] | Promise<FleetNode[]> {
    if (!node && !this.loaded && this.connections.list().length === 0) return [];
    return this.fleet.getChildren(node);
  }

  getParent(node: FleetNode): FleetNode | undefined {
    return node.getParent();
  }

  dispose(): void {
    clearTimeout(this.watchTimer);
    this.loaded?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
