import * as vscode from 'vscode';
import { escapeMarkdown } from './markdown';
import type { ConnectionInfo } from '../auth/connectionStore';
import { CommandId } from '../shared/commandIds';
import type { ProvisioningService } from '../graph/provisioningService';
import { AppNode } from './appNode';
import { ErrorNode, InfoNode } from './messageNodes';
import { RowKind, tenantContext } from './contextValues';
import { TenantModel } from './tenantModel';
import type { TreeHost, TreeNode } from './treeNode';

/** One tenant connection at the top of the tree; its children are the enterprise apps. */
export class TenantNode implements TreeNode {
  readonly id: string;
  readonly model: TenantModel;
  private readonly appNodes = new Map<string, AppNode>();
  private isCurrent = false;

  constructor(
    public connection: ConnectionInfo,
    readonly host: TreeHost,
    readonly service: () => Promise<ProvisioningService>,
  ) {
    this.id = `tenant/${connection.id}`;
    this.model = new TenantModel(service);
  }

  update(connection: ConnectionInfo, isCurrent: boolean): void {
    this.connection = connection;
    this.isCurrent = isCurrent;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.connection.label, this.isCurrent ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const filters = [
      this.model.search ? vscode.l10n.t('search: "{0}"', this.model.search) : undefined,
      this.model.provisioningOnly ? vscode.l10n.t('with provisioning only') : undefined,
    ].filter(Boolean);
    item.description = [this.connection.accountLabel, ...filters].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(this.connection.kind === 'sandbox' ? 'beaker' : 'organization');
    item.contextValue = tenantContext(this.connection.kind, { current: this.isCurrent, filtered: !!this.model.search, provisioningOnly: this.model.provisioningOnly });
    item.tooltip = new vscode.MarkdownString(
      [`**${escapeMarkdown(this.connection.label)}**`, '', vscode.l10n.t('Tenant ID: {0}', this.connection.tenantId), '', vscode.l10n.t('Graph: {0}', this.connection.graphBaseUrl)].join('\n'),
    );
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    try {
      if (!this.model.isLoaded) await this.model.load();
    } catch (error) {
      return [new ErrorNode(this, vscode.l10n.t('Could not load enterprise apps'), error)];
    }
    const apps = this.model.visibleApps();
    const nodes: TreeNode[] = apps.map((app) => this.appNode(app.id as string));
    if (this.model.nextLink) {
      nodes.push(new InfoNode(`${this.id}/more`, this, vscode.l10n.t('Load more apps…'), 'ellipsis', { command: CommandId.loadMoreApps, title: vscode.l10n.t('Load more'), arguments: [this] }, RowKind.loadMore));
    }
    // A tenant with no provisioning anywhere yet: the first step of the tutorial, one click away.
    if (nodes.length > 0 && !this.model.search && !this.model.apps.some((app) => (this.model.jobs.get(app.id ?? '')?.length ?? 0) > 0)) {
      nodes.unshift(new InfoNode(`${this.id}/next`, this, vscode.l10n.t('Next: add an app from the gallery…'), 'lightbulb', { command: CommandId.addGalleryApp, title: vscode.l10n.t('Add App from Gallery'), arguments: [] }));
    }
    if (nodes.length === 0) {
      nodes.push(new InfoNode(`${this.id}/empty`, this, this.model.search ? vscode.l10n.t('No app matches "{0}"', this.model.search) : vscode.l10n.t('No enterprise apps yet. Add one from the gallery…'), 'info', this.model.search ? undefined : { command: CommandId.addGalleryApp, title: '', arguments: [] }));
    }
    return nodes;
  }

  getParent(): undefined {
    return undefined;
  }

  /** The stable node of an app (same object across refreshes, so VS Code keeps its expansion). */
  appNode(spId: string): AppNode {
    let node = this.appNodes.get(spId);
    if (!node) {
      node = new AppNode(this, spId);
      this.appNodes.set(spId, node);
    }
    return node;
  }

  /** App nodes created so far (for status refreshes). */
  knownAppNodes(): AppNode[] {
    return [...this.appNodes.values()];
  }
}
