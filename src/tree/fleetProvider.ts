import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import type { ConnectionInfo, ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import { holdsDeletions } from '../graph/facts';
import { localizedStatusWords } from '../host/jobStatusWords';
import { clockTime } from '../shared/clockTime';
import { explainProvisioningError } from '../shared/provisioningErrorCatalog';
import { buildFleet, fleetRefreshInterval, FleetTenant, newlyQuarantined, type FleetGraph, type FleetGroup, type FleetModel, type FleetReason, type FleetRow } from '../shared/fleet';
import { CommandId } from '../shared/commandIds';
import { redactSecrets, type Logger } from '../shared/logger';
import type { AppTarget, HasAppTarget, HasJobTarget, JobTarget } from '../shared/targets';
import { jobContext, RowKind } from './contextValues';
import { ago, describeJobStatus } from './jobStatusText';
import { escapeMarkdown } from './markdown';

/** How often the fleet re-reads its jobs while the view is visible and the window focused. */
const VISIBLE_INTERVAL_MS = 30_000;
/**
 * While the view is hidden the status bar and the opt-in quarantine notification are all the fleet
 * feeds, so it refreshes seldom, and only when that notification is turned on.
 */
const HIDDEN_INTERVAL_MS = 5 * 60_000;
const PASS_TIMEOUT_MS = 60_000;

/** A row of the fleet view. */
export type FleetNode = FleetGroupNode | FleetJobNode | FleetMessageNode;

const groupIcons: Record<FleetGroup, [string, string?]> = {
  quarantined: ['warning', 'problemsWarningIcon.foreground'],
  failing: ['error', 'errorForeground'],
  paused: ['debug-pause', 'disabledForeground'],
  running: ['sync', 'charts.blue'],
  healthy: ['pass', 'testing.iconPassed'],
  notStarted: ['circle-large-outline'],
};

function groupLabel(group: FleetGroup): string {
  switch (group) {
    case 'quarantined': return vscode.l10n.t('Quarantined');
    case 'failing': return vscode.l10n.t('Failing');
    case 'paused': return vscode.l10n.t('Paused');
    case 'running': return vscode.l10n.t('Running');
    case 'healthy': return vscode.l10n.t('Healthy');
    case 'notStarted': return vscode.l10n.t('Not started');
  }
}

/** A reason in a few words, for the row's description. */
function reasonText(reason: FleetReason): string {
  switch (reason.kind) {
    case 'quarantine': return quarantineWords(reason.reason);
    case 'cycleFailed': return reason.code ? vscode.l10n.t('last cycle failed ({0})', reason.code) : vscode.l10n.t('last cycle failed');
    case 'escrowed': return vscode.l10n.t('{0} escrowed', reason.count);
    case 'successiveFailures': return vscode.l10n.t('{0} failures in a row', reason.count);
  }
}

/**
 * A quarantine reason in the catalogue's words, without its "Quarantined:" lead (the row sits in the
 * Quarantined group): "cannot connect to the target" says more in a narrow sidebar than
 * EncounteredQuarantineException. A reason the catalogue does not know stays as the service gave it.
 */
function quarantineWords(reason: string): string {
  const explained = explainProvisioningError(reason, vscode.env.language);
  if (!explained.known) return reason;
  const colon = explained.title.indexOf(': ');
  return colon > 0 ? explained.title.slice(colon + 2) : explained.title;
}

/** A group of the fleet: "Quarantined (2)". */
export class FleetGroupNode {
  readonly id: string;
  constructor(
    readonly group: FleetGroup,
    readonly rows: FleetJobNode[],
  ) {
    this.id = `fleet/${group}`;
  }

  getTreeItem(): vscode.TreeItem {
    // Attention groups open by themselves; the healthy crowd stays folded.
    const open = this.group === 'quarantined' || this.group === 'failing';
    const item = new vscode.TreeItem(groupLabel(this.group), open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.rows.length);
    const [icon, color] = groupIcons[this.group];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = RowKind.fleetGroup;
    return item;
  }

  getChildren(): FleetNode[] {
    return this.rows;
  }

  getParent(): undefined {
    return undefined;
  }
}

/** One job: app and tenant, why it is in its group, last and next cycle; a job target for the job commands. */
export class FleetJobNode implements HasJobTarget, HasAppTarget {
  readonly id: string;
  parent?: FleetGroupNode;

  constructor(
    readonly row: FleetRow,
    readonly connection: ConnectionInfo,
    private readonly jobsOfApp: number,
  ) {
    this.id = `fleet/job/${row.key}`;
  }

  get jobTarget(): JobTarget {
    return { connectionId: this.row.connectionId, servicePrincipalId: this.row.servicePrincipalId, jobId: this.row.job.id ?? '', appDisplayName: this.row.appDisplayName };
  }

  get appTarget(): AppTarget {
    return { connectionId: this.row.connectionId, servicePrincipalId: this.row.servicePrincipalId, displayName: this.row.appDisplayName };
  }

  getTreeItem(): vscode.TreeItem {
    const { row } = this;
    const now = new Date();
    const label = this.jobsOfApp > 1 ? `${row.appDisplayName} (${row.job.templateId ?? row.job.id})` : row.appDisplayName;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const last = ago(row.lastCycle, now);
    const next = row.nextCycle === undefined ? undefined : clockTime(new Date(row.nextCycle), vscode.env.language);
    // What a narrow sidebar shows first matters: why, then when; the tenant (the same on every row
    // while one is connected) comes last.
    item.description = [
      row.reasons.length > 0 ? row.reasons.map(reasonText).join(', ') : row.summary.status,
      vscode.l10n.t('last: {0}', last ?? vscode.l10n.t('never')),
      next && vscode.l10n.t('next: {0}', next),
      this.connection.label,
    ].filter(Boolean).join(' · ');
    const [icon, color] = groupIcons[row.group];
    item.iconPath = new vscode.ThemeIcon(row.group === 'running' ? 'sync~spin' : icon, color ? new vscode.ThemeColor(color) : undefined);
    const details = describeJobStatus(row.job, now).details;
    const reasons = row.reasons.flatMap((r) => (r.kind === 'cycleFailed' && r.message ? [`${reasonText(r)}: ${r.message}`] : []));
    item.tooltip = new vscode.MarkdownString([
      `**${escapeMarkdown(row.appDisplayName)}** · ${escapeMarkdown(this.connection.label)}`,
      ...reasons.map(escapeMarkdown),
      details,
    ].join('\n\n'));
    item.contextValue = jobContext({
      statusCode: row.job.status?.code,
      health: row.summary.health,
      running: row.summary.running,
      heldDeletions: holdsDeletions(row.job),
      sandbox: this.connection.kind === 'sandbox',
    });
    return item;
  }

  getChildren(): FleetNode[] {
    return [];
  }

  getParent(): FleetGroupNode | undefined {
    return this.parent;
  }
}

/**
 * A tenant the fleet could not read (or read only in part), or the note that no job exists anywhere.
 * An error row retries on click: a manual refresh of the fleet (convention 4).
 */
export class FleetMessageNode {
  constructor(
    readonly id: string,
    private readonly text: string,
    readonly detail?: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = this.detail ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('info');
    item.tooltip = this.detail;
    item.contextValue = this.detail ? RowKind.error : RowKind.info;
    if (this.detail) {
      item.description = vscode.l10n.t('Retry');
      item.command = { command: CommandId.refreshFleet, title: vscode.l10n.t('Retry') };
    }
    return item;
  }

  getChildren(): FleetNode[] {
    return [];
  }

  getParent(): undefined {
    return undefined;
  }
}

/** What went wrong with a tenant's last read, as a string that changes when that does. */
function problemOf(tenant: FleetTenant): string {
  return JSON.stringify([tenant.error?.message, tenant.appErrors.map((a) => [a.servicePrincipalId, a.error.message])]);
}

/**
 * A tenant's error rows: discovery failed (no rows of it), its last refresh failed (its rows are as
 * of an earlier read), or some apps' jobs could not be read (their rows, if any, are as before).
 */
function problemNodes(tenant: FleetTenant, label: string): FleetMessageNode[] {
  const nodes: FleetMessageNode[] = [];
  if (tenant.error) {
    const since = tenant.failedAt === undefined ? '' : clockTime(new Date(tenant.failedAt), vscode.env.language);
    const text = tenant.isDiscovered
      ? vscode.l10n.t('{0}: the last refresh failed ({1}); its rows may be out of date', label, since)
      : vscode.l10n.t('{0}: could not list its provisioning jobs', label);
    nodes.push(new FleetMessageNode(`fleet/error/${tenant.connectionId}`, text, redactSecrets(tenant.error.message)));
  }
  const apps = tenant.appErrors;
  if (apps.length > 0) {
    const text = apps.length === 1
      ? vscode.l10n.t('{0}: could not read the jobs of {1}', label, apps[0].appDisplayName)
      : vscode.l10n.t('{0}: could not read the jobs of {1} apps', label, apps.length);
    nodes.push(new FleetMessageNode(`fleet/appErrors/${tenant.connectionId}`, text, redactSecrets(apps.map((a) => `${a.appDisplayName}: ${a.error.message}`).join('\n'))));
  }
  return nodes;
}

/** The fleet in a form a script or a test can read: the refreshFleet command's answer. */
export interface FleetSummary {
  readonly total: number;
  readonly attention: number;
  readonly groups: ReadonlyArray<{
    readonly group: FleetGroup;
    readonly jobs: ReadonlyArray<{ connectionId: string; servicePrincipalId: string; jobId: string; appDisplayName: string; status: string; reasons: readonly FleetReason[] }>;
  }>;
  /** Tenants that could not be read, with why. */
  readonly errors: ReadonlyArray<{ connectionId: string; message: string }>;
}

/** The parts the fleet view is built from (what activation has, and the shell's change event). */
export interface FleetParts {
  readonly connections: ConnectionStore;
  readonly graph: GraphConnections;
  readonly logger: Logger;
  readonly changed: vscode.EventEmitter<FleetNode | undefined>;
  readonly view: vscode.TreeView<FleetNode>;
  /** The apps tree's change event: an app redrawn there after a command carries its fresh jobs. */
  readonly appsTreeChanged: vscode.Event<unknown>;
}

/** An app row of the apps tree, as far as the fleet reads it (no import of the tree's node classes). */
interface RedrawnApp {
  readonly servicePrincipalId: string;
  readonly app?: { displayName?: string | null };
  readonly tenant: { readonly connection: { readonly id: string }; readonly model: { readonly jobs: ReadonlyMap<string, SynchronizationJob[]> } };
}

function isRedrawnApp(node: unknown): node is RedrawnApp {
  const candidate = node as Partial<RedrawnApp> | undefined;
  return typeof candidate?.servicePrincipalId === 'string' && candidate.tenant?.model?.jobs instanceof Map && typeof candidate.tenant.connection?.id === 'string';
}

/**
 * The fleet view's data: every tenant's jobs (discovered on first show and on a manual refresh,
 * re-read in the background while the view is visible and the window focused), the rows, the
 * status bar count of jobs that need attention, and the opt-in notification of a job newly in
 * quarantine.
 */
export class FleetView implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  readonly onDidChangeTreeData: vscode.Event<FleetNode | undefined>;
  private readonly tenants = new Map<string, FleetTenant>();
  private roots: FleetNode[] = [];
  private jobNodes = new Map<string, FleetJobNode>();
  private current: FleetModel = { groups: [], attention: 0, total: 0 };
  /** Each known job's group at the last look: what tells a job newly in quarantine. */
  private lastGroups = new Map<string, FleetGroup>();
  private loading?: Promise<void>;
  private inFlight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private timerInterval?: number;
  private lastPass = 0;
  private statusBarVisible = false;
  private readonly statusBar: vscode.StatusBarItem;
  /** Keys of the jobs whose quarantine was notified, oldest first (tests read it: notifications cannot be). */
  readonly notified: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly parts: FleetParts) {
    this.onDidChangeTreeData = parts.changed.event;
    this.statusBar = vscode.window.createStatusBarItem('entraProvisioning.fleetAttention', vscode.StatusBarAlignment.Left, 9);
    this.statusBar.name = vscode.l10n.t('Provisioning jobs that need attention');
    this.statusBar.command = 'entraProvisioning.fleet.focus';
    this.disposables.push(
      this.statusBar,
      parts.view.onDidChangeVisibility(() => this.runTimer()),
      vscode.window.onDidChangeWindowState(() => this.runTimer()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('entraProvisioning.fleet.notifyOnQuarantine')) this.runTimer();
      }),
      parts.connections.onDidChange(() => this.connectionsChanged()),
      parts.appsTreeChanged((node) => this.appRedrawn(node)),
    );
    this.runTimer();
  }

  /** The fleet as last read. */
  get model(): FleetModel {
    return this.current;
  }

  get viewVisible(): boolean {
    return this.parts.view.visible;
  }

  private get notifyOnQuarantine(): boolean {
    return vscode.workspace.getConfiguration('entraProvisioning').get<boolean>('fleet.notifyOnQuarantine') === true;
  }

  /** The timer runs only while the window has focus, and while the view shows or the notification is wanted. */
  private runTimer(): void {
    const interval = fleetRefreshInterval({ focused: vscode.window.state.focused, viewVisible: this.parts.view.visible, notifyOnQuarantine: this.notifyOnQuarantine }, VISIBLE_INTERVAL_MS, HIDDEN_INTERVAL_MS);
    if (interval === this.timerInterval) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.timerInterval = interval;
    if (interval === undefined) return;
    // Back in view after a long while: catch up at once rather than a full interval later.
    if (this.tenants.size > 0 && Date.now() - this.lastPass > interval) void this.tick();
    // A slow tenant must not stack passes: the timer skips while one is under way.
    this.timer = setInterval(() => {
      if (!this.inFlight) void this.tick();
    }, interval);
  }

  private graphOf(connectionId: string): () => Promise<FleetGraph> {
    return async () => {
      const service = await this.parts.graph.service(connectionId);
      return { listAllAppNames: (limit, signal) => service.apps.listAllAppNames(limit, signal), jobsForApps: (ids, signal) => service.jobs.jobsForApps(ids, signal) };
    };
  }

  /** Discovers the tenants not yet discovered (all of them with `all`), each on its own: one failing does not hide the others. */
  private discover(all: boolean): Promise<void> {
    if (this.loading) return this.loading;
    const connections = this.parts.connections.list();
    const pending = connections.filter((c) => all || !this.tenants.get(c.id)?.isDiscovered);
    if (pending.length === 0) return Promise.resolve();
    const run = (async () => {
      await Promise.all(pending.map(async (connection) => {
        const tenant = this.tenants.get(connection.id) ?? new FleetTenant(connection.id);
        this.tenants.set(connection.id, tenant);
        try {
          const graph = await this.graphOf(connection.id)().catch((error: unknown) => {
            tenant.fail(error);
            throw error;
          });
          await tenant.discover(graph, AbortSignal.timeout(PASS_TIMEOUT_MS * 5));
        } catch (error) {
          this.parts.logger.warn(`fleet: could not list the jobs of ${connection.label}: ${(error as Error).message}`);
        }
      }));
      this.lastPass = Date.now();
      this.rebuild();
    })();
    this.loading = run;
    const clear = () => {
      if (this.loading === run) this.loading = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * A manual refresh: lists every tenant's apps again (new jobs appear, deleted ones go) and reads
   * all their jobs. Returns the fleet as read.
   */
  async refresh(): Promise<FleetSummary> {
    while (this.loading) await this.loading;
    while (this.inFlight) await this.inFlight;
    await this.discover(true);
    return this.summary();
  }

  /**
   * One background pass: re-reads the jobs of the apps known to have some (one $batch per 20 apps
   * per tenant), then redraws and notifies. A pass under way is waited for first.
   */
  async tick(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.loading) return this.loading;
    const pass = this.refreshKnown();
    this.inFlight = pass;
    try {
      await pass;
    } finally {
      this.inFlight = undefined;
    }
  }

  /**
   * Re-reads each tenant's known jobs; a tenant whose discovery failed is discovered again. A tenant
   * that keeps failing is tried with a growing delay (fleetRetryDelayMs), and its failure is shown,
   * not swallowed: an error row over its (stale) rows, and the status bar says its count may be stale.
   */
  private async refreshKnown(): Promise<void> {
    let changed = false;
    const now = Date.now();
    const labels = new Map(this.parts.connections.list().map((c) => [c.id, c.label]));
    await Promise.all([...this.tenants.values()].filter((t) => labels.has(t.connectionId) && t.retryDue(now)).map(async (tenant) => {
      const before = problemOf(tenant);
      try {
        const graph = await this.graphOf(tenant.connectionId)().catch((error: unknown) => {
          // Getting a token can fail too (signed out, expired): that is this tenant's failure.
          tenant.fail(error);
          throw error;
        });
        if (!tenant.isDiscovered) {
          await tenant.discover(graph, AbortSignal.timeout(PASS_TIMEOUT_MS * 5));
          changed = true;
        } else if ((await tenant.refresh(graph, AbortSignal.timeout(PASS_TIMEOUT_MS))).length > 0) changed = true;
      } catch (error) {
        // One tenant failing (signed out, offline) must not stop the others' refresh.
        this.parts.logger.warn(`fleet: refresh of ${labels.get(tenant.connectionId)} failed (${tenant.failures} in a row): ${redactSecrets((error as Error).message)}`);
      }
      if (problemOf(tenant) !== before) changed = true;
    }));
    this.lastPass = Date.now();
    if (changed) this.rebuild();
    else this.updateStatusBar();
  }

  private connectionsChanged(): void {
    const ids = new Set(this.parts.connections.list().map((c) => c.id));
    for (const id of this.tenants.keys()) if (!ids.has(id)) this.tenants.delete(id);
    this.rebuild();
    // A new tenant is discovered when the view asks for its rows, or now when the notification is wanted.
    if ((this.parts.view.visible || this.notifyOnQuarantine) && this.parts.connections.list().some((c) => !this.tenants.has(c.id))) void this.discover(false);
  }

  /** An app the apps tree just redrew (after a command) carries its jobs as read then: no request needed. */
  private appRedrawn(node: unknown): void {
    if (!isRedrawnApp(node)) return;
    const tenant = this.tenants.get(node.tenant.connection.id);
    const jobs = node.tenant.model.jobs.get(node.servicePrincipalId);
    if (!tenant?.isDiscovered || !jobs) return;
    if (tenant.update(node.servicePrincipalId, jobs, node.app?.displayName ?? undefined)) this.rebuild();
  }

  /** Rebuilds the rows from what is known, notifies new quarantines, updates the status bar and redraws. */
  private rebuild(): void {
    const connections = new Map(this.parts.connections.list().map((c) => [c.id, c]));
    const entries = [...this.tenants.values()].filter((t) => connections.has(t.connectionId)).flatMap((t) => t.jobs());
    const model = buildFleet(entries, new Date(), localizedStatusWords());
    const rows = model.groups.flatMap((g) => g.rows);
    const news = newlyQuarantined(this.lastGroups, rows);
    this.lastGroups = new Map(rows.map((r) => [r.key, r.group]));
    this.current = model;

    const perApp = new Map<string, number>();
    for (const row of rows) perApp.set(`${row.connectionId}/${row.servicePrincipalId}`, (perApp.get(`${row.connectionId}/${row.servicePrincipalId}`) ?? 0) + 1);
    this.jobNodes = new Map();
    const groups = model.groups.map((g) => {
      const nodes = g.rows.map((row) => new FleetJobNode(row, connections.get(row.connectionId)!, perApp.get(`${row.connectionId}/${row.servicePrincipalId}`) ?? 1));
      const node = new FleetGroupNode(g.group, nodes);
      for (const n of nodes) {
        n.parent = node;
        this.jobNodes.set(n.row.key, n);
      }
      return node;
    });
    const errors = [...this.tenants.values()].filter((t) => connections.has(t.connectionId)).flatMap((t) => problemNodes(t, connections.get(t.connectionId)!.label));
    const empty = groups.length === 0 && errors.length === 0 && this.tenants.size > 0 ? [new FleetMessageNode('fleet/empty', vscode.l10n.t('No provisioning jobs in the connected tenants.'))] : [];
    this.roots = [...errors, ...groups, ...empty];
    this.updateStatusBar();
    this.parts.changed.fire(undefined);
    if (news.length > 0 && this.notifyOnQuarantine) for (const row of news) void this.notifyQuarantine(row);
  }

  /**
   * The count of jobs that need attention. When a tenant's last read failed the count is as of an
   * earlier read: the item then shows (even at 0, which would otherwise read as "all is well") with
   * a mark, and its tooltip names the tenants and why.
   */
  private updateStatusBar(): void {
    const attention = this.current.attention;
    const connections = this.parts.connections.list();
    const stale = connections.flatMap((c) => {
      const tenant = this.tenants.get(c.id);
      return tenant && (tenant.error || tenant.appErrors.length > 0) ? [c.label] : [];
    });
    this.statusBarVisible = connections.length > 0 && (attention > 0 || stale.length > 0);
    if (!this.statusBarVisible) {
      this.statusBar.hide();
      return;
    }
    const quarantined = this.current.groups.find((g) => g.group === 'quarantined')?.rows.length ?? 0;
    this.statusBar.text = [attention > 0 ? `$(warning) ${attention}` : '', stale.length > 0 ? '$(sync-ignored)' : ''].filter(Boolean).join(' ');
    this.statusBar.tooltip = [
      vscode.l10n.t('Provisioning jobs that need attention: {0} in quarantine, {1} failing. Click to show the fleet.', quarantined, attention - quarantined),
      stale.length > 0 ? vscode.l10n.t('The count may be out of date: the last refresh of {0} failed.', stale.join(', ')) : '',
    ].filter(Boolean).join('\n\n');
    this.statusBar.show();
  }

  /** Status bar text and visibility, for tests. */
  get statusBarState(): { text: string; visible: boolean } {
    return { text: this.statusBar.text, visible: this.statusBarVisible };
  }

  /** The status bar item's tooltip, for tests. */
  get statusBarTooltip(): string {
    return typeof this.statusBar.tooltip === 'string' ? this.statusBar.tooltip : (this.statusBar.tooltip?.value ?? '');
  }

  private async notifyQuarantine(row: FleetRow): Promise<void> {
    this.notified.push(row.key);
    const tenant = this.parts.connections.list().find((c) => c.id === row.connectionId)?.label ?? row.connectionId;
    const reason = row.reasons.find((r) => r.kind === 'quarantine');
    const show = vscode.l10n.t('Show Job');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Provisioning of {0} ({1}) went into quarantine: {2}', row.appDisplayName, tenant, reason ? reasonText(reason) : row.summary.status),
      show,
    );
    if (choice === show) await this.reveal(row.key);
  }

  /** Shows a job's row in the fleet view, selected and focused. */
  async reveal(key: string): Promise<boolean> {
    const node = this.jobNodes.get(key);
    if (!node) return false;
    await vscode.commands.executeCommand('entraProvisioning.fleet.focus');
    await this.parts.view.reveal(node, { select: true, focus: true });
    return true;
  }

  /** The fleet as a plain object (the refreshFleet command's answer). */
  summary(): FleetSummary {
    return {
      total: this.current.total,
      attention: this.current.attention,
      groups: this.current.groups.map((g) => ({
        group: g.group,
        jobs: g.rows.map((r) => ({ connectionId: r.connectionId, servicePrincipalId: r.servicePrincipalId, jobId: r.job.id ?? '', appDisplayName: r.appDisplayName, status: r.summary.status, reasons: r.reasons })),
      })),
      errors: [...this.tenants.values()].flatMap((t) => [
        ...(t.error ? [{ connectionId: t.connectionId, message: redactSecrets(t.error.message) }] : []),
        ...t.appErrors.map((a) => ({ connectionId: t.connectionId, message: redactSecrets(`${a.appDisplayName}: ${a.error.message}`) })),
      ]),
    };
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: FleetNode): Promise<FleetNode[]> {
    if (node) return node.getChildren();
    if (this.parts.connections.list().some((c) => !this.tenants.get(c.id)?.isDiscovered && !this.tenants.get(c.id)?.error)) await this.discover(false);
    return this.roots;
  }

  getParent(node: FleetNode): FleetNode | undefined {
    return node.getParent();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
