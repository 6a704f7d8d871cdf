import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { GraphConnections } from '../auth/graphConnections';
import type { LogQuery } from '../graph';
import { redactSecrets, type Logger } from '../shared/logger';
import { boundedLogEvent, MAX_EVENTS_PER_MESSAGE, readLogsWebviewMessage, toLogEventDetails } from '../shared/logsWorkbench';
import type { LogEventDetails, LogsFilters, LogsHostMessage, LogsRequest, LogsScope, QueryState, ResponseResult } from '../shared/logsWorkbench';
import { explainProvisioningError } from '../shared/provisioningErrorCatalog';
import { logsToCsv, logsToJson, type LogEvent } from '../shared/provisioningLogs';
import { LatestOnly, SUPERSEDED } from './latestOnly';
import { logsWorkbenchHtml } from './logsWorkbenchHtml';
import { logsWorkbenchStrings } from './logsWorkbenchStrings';
import { RejectedMessages } from './rejectedMessages';

/** Events read per Graph request. */
export const LOGS_PAGE_SIZE = 500;
/** Events one round of automatic paging reads before it waits for "Load more". */
export const LOGS_PAGE_CAP = 5_000;
/** Details of this many recently selected events are kept (a second look costs no request). */
const DETAILS_CACHE = 200;

/** How many events a Graph request and a round of automatic paging read (smaller in tests). */
export interface LogsPaging {
  readonly pageSize?: number;
  readonly pageCap?: number;
}

/** What the session needs from the extension. */
export interface LogsSessionDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly graph: GraphConnections;
}

/** A message from the webview that was refused, with why (also logged). */
/** One query's events as the host holds them (what exports write). */
interface HeldQuery {
  /** The id of the webview's request that started it; its pages carry it. */
  readonly id: number;
  readonly filters: LogsFilters;
  readonly events: LogEvent[];
  readonly ids: Set<string>;
  nextLink?: string;
  state: QueryState;
  /** Aborts the round of pages being read. */
  controller: AbortController;
}

/** Documentation the webview may have opened: Microsoft's own pages, over https. */
function isDocumentationUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && (url.hostname === 'learn.microsoft.com' || url.hostname === 'docs.microsoft.com');
  } catch {
    return false;
  }
}

function errorText(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/**
 * One open logs workbench: the panel over the provisioning logs of a job, an app or a tenant. The
 * host owns the data: it queries Graph page by page with the webview's filters (validated first),
 * streams the pages to the webview, holds the events for exports, and reads an event's details
 * when it is selected.
 */
export class LogsWorkbenchSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<LogsHostMessage>();
  private readonly closed = new vscode.EventEmitter<void>();
  /** Every message sent to the webview (tests wait on pages and responses through it). */
  readonly onDidPostMessage = this.posted.event;
  /** Fires once when the panel is closed. */
  readonly onDidClose = this.closed.event;
  /** Messages refused since the panel opened, newest last (each is logged too). */
  readonly rejected: RejectedMessages;
  private current: HeldQuery | undefined;
  /**
   * One round of pages reads at a time and only the newest request waits: a webview that floods
   * queries (a held key, a script) becomes at most two rounds of Graph reads.
   */
  private readonly rounds = new LatestOnly<ResponseResult>();
  private readonly detailReads = new LatestOnly<ResponseResult>();
  private readonly detailsCache = new Map<string, LogEventDetails>();
  private disposed = false;
  private readonly pageCap: number;
  private readonly pageSize: number;

  constructor(
    readonly key: string,
    readonly scope: LogsScope,
    readonly label: string,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: LogsSessionDeps,
    private initialFilters: LogsFilters | undefined,
    paging: LogsPaging = {},
  ) {
    this.rejected = new RejectedMessages(deps.logger, 'logs workbench');
    this.pageCap = paging.pageCap ?? LOGS_PAGE_CAP;
    this.pageSize = paging.pageSize ?? LOGS_PAGE_SIZE;
    panel.webview.html = logsWorkbenchHtml(panel.webview, deps.extensionUri);
    panel.title = vscode.l10n.t('Logs: {0}', label);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.handleMessage(message).catch((e: unknown) => deps.logger.error(e instanceof Error ? e : String(e)));
      }),
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
  }

  /** The events the host holds for the current query, in Graph's order (newest first). */
  get events(): readonly LogEvent[] {
    return this.current?.events ?? [];
  }

  /** Where the current query stands (undefined before the first). */
  get queryState(): QueryState | undefined {
    return this.current?.state;
  }

  /** The current query's filters. */
  get filters(): LogsFilters | undefined {
    return this.current?.filters;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Opening the workbench again with filters: the webview starts over with them. */
  applyFilters(filters: LogsFilters): void {
    this.initialFilters = filters;
    this.post(this.initMessage(true));
  }

  private post(message: LogsHostMessage): void {
    if (this.disposed) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private reject(reason: string, message: unknown): void {
    this.rejected.record(reason, message);
  }

  private initMessage(override = false): LogsHostMessage {
    return {
      type: 'init',
      strings: logsWorkbenchStrings(),
      scope: this.scope,
      scopeLabel: this.label,
      pageCap: this.pageCap,
      language: vscode.env.language,
      ...(this.initialFilters ? { filters: this.initialFilters } : {}),
      ...(override ? { override: true } : {}),
    };
  }

  /**
   * Handles one message from the webview: validated first, refused (and logged) when it is not a
   * protocol message. Public so tests drive it with the messages the webview would send.
   */
  async handleMessage(raw: unknown): Promise<void> {
    const reading = readLogsWebviewMessage(raw);
    if (!('message' in reading)) {
      this.reject(reading.problem, raw);
      if (reading.requestId !== undefined) this.post({ type: 'response', requestId: reading.requestId, ok: false, error: vscode.l10n.t('The extension refused a request from the logs workbench that it could not read (the log says why).') });
      return;
    }
    const { message } = reading;
    if (message.type === 'ready') {
      this.post(this.initMessage());
      return;
    }
    const { requestId, request } = message;
    try {
      const result = await this.answer(requestId, request);
      this.post({ type: 'response', requestId, ok: true, result });
    } catch (error) {
      this.deps.logger.warn(`logs workbench ${request.kind} failed: ${errorText(error)}`);
      this.post({ type: 'response', requestId, ok: false, error: errorText(error) });
    }
  }

  private async answer(requestId: number, request: LogsRequest): Promise<ResponseResult> {
    switch (request.kind) {
      case 'query': {
        // The running round stops now; this one runs when it has ended, unless a newer one replaces it.
        this.current?.controller.abort();
        const result = await this.rounds.run(() => this.startQuery(requestId, request.filters));
        return result === SUPERSEDED ? SUPERSEDED : result;
      }
      case 'loadMore': {
        const held = this.current;
        if (!held || held.id !== request.queryId) throw new Error(vscode.l10n.t('That query is no longer the current one.'));
        if (held.state !== 'paused') return { kind: 'done' };
        const result = await this.rounds.run(() => this.readRound(held).then(() => ({ kind: 'done' as const })));
        return result === SUPERSEDED ? SUPERSEDED : result;
      }
      case 'cancel': {
        const held = this.current;
        if (held && held.id === request.queryId) this.cancel(held);
        return { kind: 'done' };
      }
      case 'export':
        return this.exportWithDialog(request.format);
      case 'details': {
        const held = this.current;
        // Only events of the result the host holds: the webview names, the host reads.
        if (!held?.ids.has(request.eventId)) throw new Error(vscode.l10n.t('That event is not part of the current result.'));
        const result = await this.detailReads.run(async () => ({ kind: 'details' as const, event: await this.eventDetails(request.eventId) }));
        return result === SUPERSEDED ? SUPERSEDED : result;
      }
      case 'openDocs': {
        const docs = explainProvisioningError(request.code, vscode.env.language).docs;
        if (!isDocumentationUrl(docs)) throw new Error(vscode.l10n.t('The documentation address of {0} is not a Microsoft Learn page.', request.code));
        await vscode.env.openExternal(vscode.Uri.parse(docs, true));
        return { kind: 'done' };
      }
    }
  }

  /** Stops reading pages of a query; what was read stays (and can be exported). */
  private cancel(held: HeldQuery): void {
    held.controller.abort();
    if (held.state === 'paused' || held.state === 'loading') {
      held.state = 'cancelled';
      this.post({ type: 'results', queryId: held.id, events: [], total: held.events.length, state: 'cancelled' });
    }
  }

  private async startQuery(id: number, filters: LogsFilters): Promise<ResponseResult> {
    const held: HeldQuery = { id, filters, events: [], ids: new Set(), state: 'loading', controller: new AbortController() };
    this.current = held;
    this.deps.logger.info(`logs workbench query ${id} for ${this.key} (${Object.keys(filters).join(', ') || 'no filters'})`);
    await this.readRound(held);
    return { kind: 'query', queryId: id };
  }

  /** The Graph query of the scope and the filters: the scope's app and job win over the filters'. */
  private graphQuery(filters: LogsFilters): LogQuery {
    return {
      servicePrincipalId: this.scope.servicePrincipalId,
      jobId: this.scope.jobId ?? filters.jobId,
      user: filters.user?.trim(),
      from: filters.from,
      to: filters.to,
      status: filters.status,
      action: filters.action,
      cycleId: filters.cycleId?.trim(),
      top: this.pageSize,
    };
  }

  /** Reads pages until the cap of one round, the last page, a cancel or a failure; each page goes to the webview as it comes. */
  private async readRound(held: HeldQuery): Promise<void> {
    if (held.controller.signal.aborted) held.controller = new AbortController();
    const { signal } = held.controller;
    held.state = 'loading';
    let read = 0;
    try {
      const service = await this.deps.graph.service(this.scope.connectionId);
      const query = this.graphQuery(held.filters);
      // A fresh query starts at the first page; "Load more" where the last round paused.
      let link = held.nextLink;
      do {
        const page = await service.logs.queryPage(query, link, signal);
        if (signal.aborted) throw new Error('aborted');
        link = held.nextLink = page.nextLink;
        read += page.items.length;
        for (const event of page.items) {
          held.events.push(event);
          held.ids.add(event.id);
        }
        held.state = !page.nextLink ? 'done' : read >= this.pageCap ? 'paused' : 'loading';
        this.postPage(held, page.items);
      } while (held.state === 'loading' && !this.disposed);
    } catch (error) {
      if (signal.aborted || this.disposed) {
        // cancel() may have said so already while the page was on its way.
        if ((held.state as QueryState) !== 'cancelled') {
          held.state = 'cancelled';
          this.post({ type: 'results', queryId: held.id, events: [], total: held.events.length, state: 'cancelled' });
        }
        return;
      }
      held.state = 'failed';
      const text = errorText(error);
      this.deps.logger.warn(`logs workbench query ${held.id} failed: ${text}`);
      this.post({ type: 'results', queryId: held.id, events: [], total: held.events.length, state: 'failed', error: text });
    }
  }

  /** A page in messages of at most MAX_EVENTS_PER_MESSAGE events; the last one says the state. */
  private postPage(held: HeldQuery, items: readonly LogEvent[]): void {
    const upTo = held.events.length;
    if (items.length === 0) {
      this.post({ type: 'results', queryId: held.id, events: [], total: upTo, state: held.state });
      return;
    }
    for (let start = 0; start < items.length; start += MAX_EVENTS_PER_MESSAGE) {
      const chunk = items.slice(start, start + MAX_EVENTS_PER_MESSAGE).map(boundedLogEvent);
      const last = start + MAX_EVENTS_PER_MESSAGE >= items.length;
      this.post({ type: 'results', queryId: held.id, events: chunk, total: upTo - items.length + start + chunk.length, state: last ? held.state : 'loading' });
    }
  }

  private async eventDetails(eventId: string): Promise<LogEventDetails | undefined> {
    const cached = this.detailsCache.get(eventId);
    if (cached) return cached;
    const service = await this.deps.graph.service(this.scope.connectionId);
    const event = await service.logs.event(eventId);
    if (!event) return undefined;
    const details = toLogEventDetails(event);
    this.detailsCache.set(eventId, details);
    if (this.detailsCache.size > DETAILS_CACHE) this.detailsCache.delete(this.detailsCache.keys().next().value as string);
    return details;
  }

  /** Asks where to save, then writes the events the host holds for the current query. */
  private async exportWithDialog(format: 'csv' | 'json'): Promise<ResponseResult> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Provisioning Logs'),
      defaultUri: vscode.Uri.joinPath(folder, `provisioning-logs-${stamp}.${format}`),
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!uri) return { kind: 'exported', saved: false, count: 0 };
    const count = await this.exportTo(format, uri);
    return { kind: 'exported', saved: true, count };
  }

  /** Writes the current result as CSV or JSON (what the Export buttons do after the save dialog); returns how many events. */
  async exportTo(format: 'csv' | 'json', uri: vscode.Uri): Promise<number> {
    const events = [...this.events];
    const text = format === 'csv' ? logsToCsv(events) : logsToJson(events);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.deps.logger.info(`exported ${events.length} provisioning events as ${format.toUpperCase()} to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}`);
    return events.length;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.current?.controller.abort();
    this.posted.dispose();
    this.closed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
