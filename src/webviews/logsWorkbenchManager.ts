import * as vscode from 'vscode';
import type { GraphConnections } from '../auth/graphConnections';
import type { Logger } from '../shared/logger';
import { parseLogsScope, type LogsFilters, type LogsScope } from '../shared/logsWorkbench';
import { LOGS_WORKBENCH_VIEW_TYPE, logsWorkbenchResourceRoots } from './logsWorkbenchHtml';
import { LogsWorkbenchSession, type LogsPaging } from './logsWorkbenchSession';

export interface LogsWorkbenchManagerDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly graph: GraphConnections;
}

/** Key of a scope's workbench: one panel per job, app or tenant. */
export function logsWorkbenchKey(scope: LogsScope): string {
  return `${scope.connectionId}/${scope.servicePrincipalId ?? '*'}/${scope.jobId ?? '*'}`;
}

/**
 * Opens logs workbenches (one per scope; opening again reveals it) and restores them after a reload.
 * Part of the workbench's own bundle: LogsWorkbenchPanels builds it on first use and registers the
 * panel serializer at activation.
 */
export class LogsWorkbenchManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly sessions = new Map<string, LogsWorkbenchSession>();

  constructor(private readonly deps: LogsWorkbenchManagerDeps) {}

  /** The open workbench of a scope, if any. */
  get(scope: LogsScope): LogsWorkbenchSession | undefined {
    return this.sessions.get(logsWorkbenchKey(scope));
  }

  list(): LogsWorkbenchSession[] {
    return [...this.sessions.values()];
  }

  /**
   * Opens the workbench of a scope, or reveals it when it is open (given filters then replace the
   * ones it shows). `label` names the scope (app name, tenant); read when not given. `paging`
   * changes the page size and the cap of a round of a new workbench (tests page through a few events).
   */
  async open(scope: LogsScope, options: { label?: string; filters?: LogsFilters; signal?: AbortSignal; paging?: LogsPaging } = {}): Promise<LogsWorkbenchSession> {
    const existing = this.get(scope);
    if (existing) {
      existing.reveal();
      if (options.filters) existing.applyFilters(options.filters);
      return existing;
    }
    const label = options.label ?? (await this.labelOf(scope, options.signal));
    // Checked again: another open of the same scope may have finished while the label was read.
    const raced = this.get(scope);
    if (raced) return raced;
    const panel = vscode.window.createWebviewPanel(LOGS_WORKBENCH_VIEW_TYPE, label, vscode.ViewColumn.Active, this.panelOptions());
    return this.adopt(scope, label, panel, options.filters, options.paging);
  }

  /** Brings back a panel VS Code restored after a reload, from the scope the webview kept in its state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const scope = parseLogsScope(typeof state === 'object' && state !== null ? (state as { scope?: unknown }).scope : undefined);
    let known = false;
    try {
      known = Boolean(scope && this.deps.graph.connection(scope.connectionId));
    } catch {
      known = false;
    }
    if (!scope || !known || this.get(scope)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.panelOptions();
    // Closing the restored tab while its label is read stops that read, and nothing is adopted.
    const closed = new AbortController();
    const watch = panel.onDidDispose(() => closed.abort());
    try {
      const label = await this.labelOf(scope, closed.signal);
      if (closed.signal.aborted || this.get(scope)) return;
      this.adopt(scope, label, panel, undefined);
    } finally {
      watch.dispose();
    }
  }

  private panelOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: logsWorkbenchResourceRoots(this.deps.extensionUri) };
  }

  private adopt(scope: LogsScope, label: string, panel: vscode.WebviewPanel, filters: LogsFilters | undefined, paging?: LogsPaging): LogsWorkbenchSession {
    const key = logsWorkbenchKey(scope);
    const session = new LogsWorkbenchSession(key, scope, label, panel, this.deps, filters, paging);
    this.sessions.set(key, session);
    session.onDidClose(() => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
    });
    this.deps.logger.info(`opened the logs workbench for ${key}`);
    return session;
  }

  /** The app's name (and the job's id) or the tenant's label; ids when the app cannot be read. */
  private async labelOf(scope: LogsScope, signal?: AbortSignal): Promise<string> {
    if (!scope.servicePrincipalId) return this.deps.graph.connection(scope.connectionId).label;
    let name = scope.servicePrincipalId;
    try {
      const service = await this.deps.graph.service(scope.connectionId);
      name = (await service.apps.getApp(scope.servicePrincipalId, signal)).displayName ?? name;
    } catch (error) {
      this.deps.logger.warn(`could not read the name of app ${scope.servicePrincipalId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return scope.jobId ? `${name} · ${scope.jobId}` : name;
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.panel.dispose();
    this.sessions.clear();
  }
}
