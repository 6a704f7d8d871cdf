/**
 * The logs workbench's browser side. The host owns the data (it queries Graph page by page and
 * streams the events here); this page owns the view: the filter form, grouping, the quick filter,
 * what is collapsed, the selection and the scroll, kept with getState/setState. Filters go to the
 * host; grouping and the quick filter run here on what was loaded. Only rows in view are drawn.
 */
import { explainProvisioningError } from '../../src/shared/provisioningErrorCatalog';
import { prepareLogs, type LogEvent } from '../../src/shared/provisioningLogs';
import { logActions, logStatuses } from '../../src/shared/logsWorkbench/protocol';
import type {
  Grouping,
  InitMessage,
  LogEventDetails,
  LogsRequest,
  LogsWebviewMessage,
  LogsWorkbenchStringKey,
  LogsWorkbenchStrings,
  QueryState,
  ResponseResult,
  ResultsMessage,
} from '../../src/shared/logsWorkbench/protocol';
import { button, dropdown, h, progress, textField } from '../components';
import { filtersFromForm, formFromFilters } from './filterForm';
import { LogsHostApi } from './hostApi';
import { resultView, rowOfEvent, type ResultRow, type ResultView } from './resultRows';
import { emptyForm, LogsViewStateStore, type FilterForm, type WebviewStateStorage } from './viewState';
import { VirtualList } from './virtualList';

/** What acquireVsCodeApi() gives the page. */
export interface VsCodeApi extends WebviewStateStorage {
  postMessage(message: LogsWebviewMessage): void;
}

type QueryPhase = QueryState | 'idle';

export class LogsWorkbenchApp {
  private readonly view: LogsViewStateStore;
  private readonly host: LogsHostApi;
  private init?: InitMessage;
  private events: LogEvent[] = [];
  private queryId = 0;
  private phase: QueryPhase = 'idle';
  private total = 0;
  private queryError = '';
  private result: ResultView = { rows: [], matching: 0, groups: 0 };
  private collapsed = new Set<string>();
  /** The row the keyboard is on (a group header or an event). */
  private cursor = -1;
  private details?: LogEventDetails;
  private recomputePending = 0;
  private list?: VirtualList;
  private readonly parts: Partial<Record<'status' | 'notice' | 'detail' | 'loadMore' | 'cancel' | 'ring' | 'counts', HTMLElement>> = {};
  private dateFormat?: Intl.DateTimeFormat;

  constructor(
    api: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    this.view = new LogsViewStateStore(api);
    this.collapsed = new Set(this.view.state.collapsed);
    this.host = new LogsHostApi({ postMessage: (m) => api.postMessage(m), source: window, onMessage: (m) => (m.type === 'init' ? this.start(m) : this.results(m)) });
  }

  /** Tells the host the page is ready for data. */
  ready(): void {
    this.host.ready();
  }

  private t(key: LogsWorkbenchStringKey, ...args: (string | number)[]): string {
    const template = this.init?.strings[key] ?? key;
    return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
  }

  private number(n: number): string {
    return n.toLocaleString(this.init?.language || undefined);
  }

  private time(iso: string): string {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : (this.dateFormat ??= new Intl.DateTimeFormat(this.init?.language || undefined, { dateStyle: 'short', timeStyle: 'medium' })).format(d);
  }

  // ------------------------------------------------------------------------------------------
  // Messages

  private start(init: InitMessage): void {
    this.init = init;
    this.dateFormat = undefined;
    const state = this.view.state;
    // Another scope's state (a panel reused by VS Code) does not carry over.
    const sameScope = state.scope && JSON.stringify(state.scope) === JSON.stringify(init.scope);
    if (!sameScope || init.override) {
      state.form = undefined;
      state.selectedId = undefined;
      state.scrollTop = 0;
      state.collapsed = [];
      this.collapsed.clear();
    }
    state.scope = init.scope;
    state.form ??= formFromFilters(init.filters);
    this.view.save();
    this.render(init.strings);
    void this.runQuery(true);
  }

  private results(message: ResultsMessage): void {
    if (message.queryId !== this.queryId) return;
    if (message.events.length) {
      for (const e of message.events) this.events.push(e);
      // Index the new page now, while it arrives, so the next keystroke in the quick filter or a
      // change of grouping over 100,000 events does not pay for all of them at once.
      prepareLogs(this.events);
    }
    this.total = message.total;
    this.phase = message.state;
    this.queryError = message.error ?? '';
    this.scheduleRecompute();
  }

  private async request(request: LogsRequest, sent?: (id: number) => void): Promise<ResponseResult | undefined> {
    try {
      return await this.host.request(request, sent);
    } catch (error) {
      this.notice(this.t('requestFailed', error instanceof Error ? error.message : String(error)), true);
      return undefined;
    }
  }

  private notice(text: string, isError = false): void {
    const n = this.parts.notice;
    if (!n) return;
    n.textContent = text;
    n.classList.toggle('error', isError);
  }

  // ------------------------------------------------------------------------------------------
  // Query

  /** Sends the form's filters as a new query; the list empties and fills as pages arrive. */
  private async runQuery(restoring = false): Promise<void> {
    const form = this.view.state.form ?? emptyForm();
    const parsed = filtersFromForm(form);
    if ('invalid' in parsed) {
      this.notice(this.t('filtersInvalid', this.fieldLabel(parsed.invalid)), true);
      return;
    }
    this.notice('');
    this.events = [];
    this.total = 0;
    this.phase = 'loading';
    this.queryError = '';
    this.details = undefined;
    this.detailsAsked = '';
    if (!restoring) {
      this.view.state.selectedId = undefined;
      this.view.state.scrollTop = 0;
      this.view.save();
    }
    this.recompute(restoring);
    await this.request({ kind: 'query', filters: parsed.filters }, (id) => (this.queryId = id));
  }

  private fieldLabel(field: keyof FilterForm): string {
    const keys: Record<keyof FilterForm, LogsWorkbenchStringKey> = { user: 'user', from: 'from', to: 'to', status: 'status', action: 'action', jobId: 'job', cycleId: 'cycle' };
    return this.t(keys[field]);
  }

  private scheduleRecompute(): void {
    if (this.recomputePending) return;
    this.recomputePending = requestAnimationFrame(() => {
      this.recomputePending = 0;
      this.recompute(true);
    });
  }

  /** Rebuilds the rows from the events (after new pages, a grouping, a quick filter or a toggle). */
  private recompute(keepScroll: boolean): void {
    const state = this.view.state;
    this.result = resultView(this.events, state.grouping, state.quickFilter, this.collapsed);
    this.cursor = state.selectedId ? rowOfEvent(this.result, this.events, state.selectedId) : Math.min(this.cursor, this.result.rows.length - 1);
    if (this.list) {
      this.list.reset(this.result.rows.length);
      if (keepScroll) this.list.scrollTo(state.scrollTop);
    }
    this.renderStatus();
    if (state.selectedId && !this.details) this.renderDetail();
  }

  // ------------------------------------------------------------------------------------------
  // Layout

  private render(strings: LogsWorkbenchStrings): void {
    const init = this.init!;
    const state = this.view.state;
    const form = state.form!;
    const scopeWord = init.scope.jobId ? strings.scopeJob : init.scope.servicePrincipalId ? strings.scopeApp : strings.scopeTenant;
    const setForm = (key: keyof FilterForm) => (value: string) => {
      form[key] = value;
      this.view.save();
    };
    const dateField = (key: 'from' | 'to', label: string) => {
      const id = `date-${key}`;
      const input = h('input', { id, type: 'datetime-local', class: 'date-input', value: form[key], 'data-testid': `filter-${key}` }) as HTMLInputElement;
      input.value = form[key];
      input.addEventListener('change', () => setForm(key)(input.value));
      return h('div', { class: 'field' }, h('label', { for: id }, label), input);
    };
    const statusOptions: [string, string][] = [['', strings.any], ...logStatuses.map((s): [string, string] => [s, strings[`status${s[0].toUpperCase()}${s.slice(1)}` as LogsWorkbenchStringKey]])];
    const actionOptions: [string, string][] = [['', strings.any], ...logActions.map((a): [string, string] => [a, strings[`action${a[0].toUpperCase()}${a.slice(1)}` as LogsWorkbenchStringKey]])];
    const userField = textField(strings.user, form.user, setForm('user'), { placeholder: strings.userPlaceholder, testId: 'filter-user' });
    const enter = (e: KeyboardEvent) => {
      if (e.key === 'Enter') void this.runQuery();
    };
    const filters = h('form', { class: 'filters', 'aria-label': strings.search },
      userField,
      dateField('from', strings.from),
      dateField('to', strings.to),
      dropdown(strings.status, statusOptions, form.status, setForm('status'), 'filter-status'),
      dropdown(strings.action, actionOptions, form.action, setForm('action'), 'filter-action'),
      init.scope.jobId ? null : textField(strings.job, form.jobId, setForm('jobId'), { testId: 'filter-job' }),
      textField(strings.cycle, form.cycleId, setForm('cycleId'), { testId: 'filter-cycle' }),
      h('div', { class: 'filter-buttons' },
        button(strings.search, () => void this.runQuery(), { appearance: 'primary', testId: 'search' }),
        button(strings.clear, () => {
          state.form = emptyForm();
          this.view.save();
          this.render(strings);
          void this.runQuery();
        }, { testId: 'clear' }),
      ),
    );
    filters.addEventListener('keydown', enter);
    filters.addEventListener('submit', (e) => e.preventDefault());

    const groupingOptions: [Grouping, string][] = [['none', strings.groupNone], ['cycle', strings.groupCycle], ['error', strings.groupError], ['user', strings.groupUser]];
    const quick = textField(strings.quickFilter, state.quickFilter, (value) => {
      state.quickFilter = value;
      this.view.save();
      this.scheduleRecompute();
    }, { placeholder: strings.quickFilterPlaceholder, testId: 'quick-filter' });
    this.parts.loadMore = button(strings.loadMore, () => void this.request({ kind: 'loadMore', queryId: this.queryId }), { testId: 'load-more' });
    this.parts.cancel = button(strings.cancel, () => void this.request({ kind: 'cancel', queryId: this.queryId }), { testId: 'cancel' });
    this.parts.ring = progress();
    this.parts.status = h('span', { class: 'status', role: 'status', 'data-testid': 'status' });
    this.parts.counts = h('span', { class: 'counts' });
    const exportAs = (format: 'csv' | 'json') => async () => {
      const result = await this.request({ kind: 'export', format });
      if (result?.kind === 'exported' && result.saved) this.notice(this.t('exported', this.number(result.count)));
    };
    const toolbar = h('div', { class: 'toolbar' },
      dropdown(strings.groupBy, groupingOptions, state.grouping, (value) => {
        state.grouping = value as Grouping;
        this.view.save();
        this.recompute(false);
      }, 'group-by'),
      quick,
      h('div', { class: 'progress' }, this.parts.ring, this.parts.status, this.parts.counts, this.parts.loadMore, this.parts.cancel),
      h('div', { class: 'exports' },
        button(strings.exportCsv, () => void exportAs('csv')(), { testId: 'export-csv' }),
        button(strings.exportJson, () => void exportAs('json')(), { testId: 'export-json' }),
      ),
    );

    this.list = new VirtualList((i) => this.renderRow(i), strings.title, (top) => {
      state.scrollTop = top;
      this.view.save();
    });
    this.list.element.addEventListener('keydown', (e) => this.onListKey(e));
    this.list.element.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (row) this.activate(Number(row.dataset.row), true);
    });
    this.parts.detail = h('section', { class: 'detail', 'aria-label': strings.details, 'data-testid': 'detail' });
    this.parts.notice = h('div', { class: 'notice', role: 'alert' });

    this.root.replaceChildren(
      h('header', { class: 'header' }, h('h1', {}, strings.title), h('span', { class: 'scope', title: init.scopeLabel }, `${scopeWord}: ${init.scopeLabel}`)),
      filters,
      toolbar,
      this.parts.notice,
      h('div', { class: 'main' }, this.list.element, this.parts.detail),
    );
    this.root.removeAttribute('aria-busy');
    this.renderStatus();
    this.renderDetail();
  }

  private renderStatus(): void {
    const { status, counts, loadMore, cancel, ring } = this.parts;
    if (!status || !counts || !loadMore || !cancel || !ring) return;
    const loaded = this.events.length;
    const states: Record<QueryPhase, string> = { idle: '', loading: this.t('loading'), paused: this.t('moreAvailable'), done: this.t('done'), cancelled: this.t('cancelled'), failed: this.t('failed', this.queryError) };
    status.textContent = states[this.phase];
    status.classList.toggle('error', this.phase === 'failed');
    const loadedText = loaded === 1 ? this.t('loadedOne') : this.t('loadedMany', this.number(loaded));
    counts.textContent = this.result.matching !== loaded ? this.t('shownOf', this.number(this.result.matching), this.number(loaded)) : loadedText;
    loadMore.hidden = this.phase !== 'paused';
    cancel.hidden = this.phase !== 'loading';
    ring.hidden = this.phase !== 'loading';
    if (loaded === 0 && this.phase === 'done') counts.textContent = this.t('noEvents');
  }

  private statusLabel(status: string): string {
    const key = `status${status[0]?.toUpperCase() ?? ''}${status.slice(1)}` as LogsWorkbenchStringKey;
    return this.init?.strings[key] ?? status;
  }

  private actionLabel(action: string): string {
    const key = `action${action[0]?.toUpperCase() ?? ''}${action.slice(1)}` as LogsWorkbenchStringKey;
    return this.init?.strings[key] ?? action;
  }

  private groupLabel(row: Extract<ResultRow, { kind: 'group' }>): string {
    const { key, label } = row.group;
    if (key) return label;
    const grouping = this.view.state.grouping;
    return this.t(grouping === 'error' ? 'noError' : grouping === 'cycle' ? 'noCycle' : 'noUser');
  }

  private renderRow(index: number): HTMLElement {
    const row = this.result.rows[index];
    const selected = index === this.cursor;
    if (!row) return h('div', { class: 'row' });
    if (row.kind === 'group') {
      const failures = row.group.statusCounts.failure ?? 0;
      return h('div', { class: `row group${selected ? ' cursor' : ''}`, role: 'option', 'aria-selected': String(selected), 'aria-expanded': String(row.expanded), 'data-row': String(index), 'data-testid': 'group-row', title: row.group.key || undefined },
        h('span', { class: `codicon twisty ${row.expanded ? 'open' : ''}`, 'aria-hidden': 'true' }, row.expanded ? '▾' : '▸'),
        // Error codes share their start (SystemForCrossDomainIdentityManagement…) and differ at the end: cut at the start.
        this.view.state.grouping === 'error' ? h('span', { class: 'group-label keep-end' }, h('bdi', { dir: 'ltr' }, this.groupLabel(row))) : h('span', { class: 'group-label' }, this.groupLabel(row)),
        // A group that failed throughout says so by its count's colour; a mixed one names its failures.
        h('span', { class: `group-count${failures === row.group.count ? ' all-failed' : ''}` }, row.group.count === 1 ? this.t('eventsOne') : this.t('eventsMany', this.number(row.group.count))),
        failures && failures < row.group.count ? h('span', { class: 'group-failures' }, this.t('failuresMany', this.number(failures))) : null,
      );
    }
    const e = this.events[row.index];
    const user = e.sourceName || e.targetName || e.sourceId || e.targetId;
    return h('div', { class: `row event status-${e.status}${row.grouped ? ' grouped' : ''}${selected ? ' cursor' : ''}${e.id === this.view.state.selectedId ? ' selected' : ''}`, role: 'option', 'aria-selected': String(e.id === this.view.state.selectedId), 'data-row': String(index), 'data-testid': 'event-row' },
      h('span', { class: 'c-time' }, this.time(e.time)),
      h('span', { class: `c-status s-${e.status}` }, this.statusLabel(e.status)),
      h('span', { class: 'c-action' }, this.actionLabel(e.action)),
      h('span', { class: 'c-user', title: user }, user),
      // Grouped by error code, the group's header already says it.
      this.view.state.grouping === 'error' ? null : h('span', { class: 'c-code keep-end', title: e.errorCode }, h('bdi', { dir: 'ltr' }, e.errorCode)),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Selection and keyboard

  /** Moves the cursor to a row: an event is selected (and its detail asked for), a group toggled when `toggle`. */
  private activate(index: number, toggle: boolean): void {
    const row = this.result.rows[index];
    if (!row || !this.list) return;
    const previous = this.cursor;
    this.cursor = index;
    if (row.kind === 'group') {
      if (toggle) {
        this.toggle(row.group.key);
        return;
      }
      this.list.redraw(previous);
      this.list.redraw(index);
      this.list.reveal(index);
      return;
    }
    const id = this.events[row.index].id;
    const changed = this.view.state.selectedId !== id;
    this.view.state.selectedId = id;
    this.view.save();
    this.list.reset(this.result.rows.length);
    this.list.reveal(index);
    if (changed) {
      this.details = undefined;
      this.detailsAsked = '';
      this.renderDetail();
    }
  }

  private toggle(key: string): void {
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.view.state.collapsed = [...this.collapsed].slice(0, 1000);
    this.view.save();
    this.recompute(true);
    // The cursor stays on the group's header.
    const at = this.result.rows.findIndex((r) => r.kind === 'group' && r.group.key === key);
    if (at >= 0) {
      this.cursor = at;
      this.list?.reset(this.result.rows.length);
      this.list?.reveal(at);
    }
  }

  private onListKey(e: KeyboardEvent): void {
    const count = this.result.rows.length;
    if (!count || !this.list) return;
    const page = this.list.visibleRows;
    const at = Math.max(0, this.cursor);
    const row = this.result.rows[at];
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowDown': next = Math.min(count - 1, this.cursor + 1); break;
      case 'ArrowUp': next = Math.max(0, at - 1); break;
      case 'PageDown': next = Math.min(count - 1, at + page); break;
      case 'PageUp': next = Math.max(0, at - page); break;
      case 'Home': next = 0; break;
      case 'End': next = count - 1; break;
      case 'Enter':
      case ' ':
        if (row?.kind === 'group') this.toggle(row.group.key);
        e.preventDefault();
        return;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (row?.kind === 'group' && row.expanded === (e.key === 'ArrowLeft')) this.toggle(row.group.key);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.activate(next, false);
  }

  private async loadDetails(eventId: string): Promise<void> {
    const result = await this.request({ kind: 'details', eventId });
    // Another event was selected meanwhile: its own request answers it.
    if (this.view.state.selectedId !== eventId || result?.kind !== 'details') return;
    this.details = result.event;
    this.renderDetail();
  }

  // ------------------------------------------------------------------------------------------
  // Detail pane

  private renderDetail(): void {
    const pane = this.parts.detail;
    if (!pane) return;
    const id = this.view.state.selectedId;
    const event = id ? this.events.find((e) => e.id === id) : undefined;
    if (!event) {
      pane.replaceChildren(h('p', { class: 'placeholder' }, this.t('selectEvent')));
      return;
    }
    if (!this.details && id) void this.loadDetailsOnce(id);
    const d = this.details?.id === event.id ? this.details : undefined;
    const fact = (label: string, value: string | undefined, testId?: string) => (value ? [h('dt', {}, label), h('dd', { 'data-testid': testId }, value)] : []);
    const upn = d?.sourceIdentity?.userPrincipalName ?? d?.targetIdentity?.userPrincipalName;
    const who = (name: string, idText: string) => (name && idText ? `${name} (${idText})` : name || idText);
    const children: (Node | null)[] = [
      h('h2', {}, h('span', { class: `c-status s-${event.status}` }, this.statusLabel(event.status)), ' ', this.actionLabel(event.action), ' · ', event.sourceName || event.targetName || event.sourceId),
      h('dl', { class: 'facts' },
        ...fact(this.t('time'), this.time(event.time)),
        ...fact(this.t('source'), who(event.sourceName, event.sourceId)),
        ...fact('UPN', upn),
        ...fact(this.t('target'), who(event.targetName, event.targetId)),
        ...fact(this.t('app'), event.app || event.servicePrincipalId),
        ...fact(this.t('job'), event.jobId),
        ...fact(this.t('cycle'), event.cycleId),
        ...fact(this.t('changeId'), event.changeId),
        ...fact(this.t('duration'), event.durationMs ? `${this.number(event.durationMs)} ms` : undefined),
      ),
    ];
    if (event.errorCode || event.reason || event.status === 'failure') children.push(this.errorSection(event, d));
    if (d?.provisioningSteps?.length) {
      children.push(h('h3', {}, this.t('steps')), h('ol', { class: 'steps' }, ...d.provisioningSteps.map((s) =>
        h('li', { class: 'step' }, h('span', { class: `c-status s-${s.status ?? ''}` }, this.statusLabel(s.status ?? '')), ' ', h('strong', {}, s.name ?? s.provisioningStepType ?? ''), s.description ? h('div', { class: 'step-description' }, s.description) : null))));
    }
    if (d?.modifiedProperties?.length) {
      children.push(h('h3', {}, this.t('modifiedProperties')), h('table', { class: 'properties' },
        h('thead', {}, h('tr', {}, h('th', {}, this.t('property')), h('th', {}, this.t('oldValue')), h('th', {}, this.t('newValue')))),
        h('tbody', {}, ...d.modifiedProperties.map((p) => h('tr', {}, h('td', {}, p.displayName ?? ''), h('td', {}, p.oldValue ?? ''), h('td', {}, p.newValue ?? '')))),
      ));
    }
    pane.replaceChildren(...children.filter((c): c is Node => c !== null));
  }

  private detailsAsked = '';

  private async loadDetailsOnce(id: string): Promise<void> {
    if (this.detailsAsked === id) return;
    this.detailsAsked = id;
    await this.loadDetails(id);
  }

  private errorSection(event: LogEvent, d: LogEventDetails | undefined): HTMLElement {
    const info = d?.provisioningStatusInfo?.errorInformation;
    const code = event.errorCode || info?.errorCode || '';
    const section = h('section', { class: 'error-box', 'data-testid': 'error' },
      h('h3', {}, this.t('errorCode'), ': ', code ? h('code', {}, code) : this.t('noCode')),
      event.reason || info?.reason ? h('p', { class: 'reason' }, event.reason || info?.reason || '') : null,
      info?.additionalDetails ? h('p', { class: 'additional' }, info.additionalDetails) : null,
      info?.recommendedAction ? h('p', {}, h('strong', {}, this.t('recommendedAction'), ': '), info.recommendedAction) : null,
    );
    if (!code) return section;
    const explained = explainProvisioningError(code, this.init?.language);
    section.append(
      h('div', { class: `explanation${explained.known ? '' : ' unknown'}`, 'data-testid': 'explanation' },
        h('h4', {}, explained.title),
        h('p', {}, h('strong', {}, this.t('explanation'), ': '), explained.explanation),
        h('p', {}, h('strong', {}, this.t('fix'), ': '), explained.fix),
        explained.known ? null : h('p', { class: 'unknown-note' }, this.t('unknownCode')),
        button(this.t('docs'), () => void this.request({ kind: 'openDocs', code }), { appearance: 'secondary', testId: 'open-docs', title: explained.docs }),
      ),
    );
    return section;
  }
}
