/**
 * What the logs webview owns and keeps across hide/show and reloads through getState/setState: the
 * scope (so VS Code can restore the panel), the filters as typed, grouping, quick filter, collapsed
 * groups, selection and scroll. Never the events: the host sends them again.
 */
import { groupings, parseLogsScope } from '../../src/shared/logsWorkbench/protocol';
import type { Grouping, LogsScope } from '../../src/shared/logsWorkbench/protocol';

/** The filter fields as the form holds them (empty = not set); dates as `datetime-local` values. */
export interface FilterForm {
  user: string;
  from: string;
  to: string;
  status: string;
  action: string;
  jobId: string;
  cycleId: string;
}

export interface LogsViewState {
  scope?: LogsScope;
  /** Undefined until the user (or the host's init) set filters: the host's then apply. */
  form?: FilterForm;
  grouping: Grouping;
  quickFilter: string;
  collapsed: string[];
  selectedId?: string;
  scrollTop: number;
}

export interface WebviewStateStorage {
  getState(): unknown;
  setState(state: unknown): void;
}

export function emptyForm(): FilterForm {
  return { user: '', from: '', to: '', status: '', action: '', jobId: '', cycleId: '' };
}

const formKeys = Object.keys(emptyForm()) as (keyof FilterForm)[];

/** Reads a stored state field by field: written by an older version, or tampered with, as far as we know. */
export function loadLogsViewState(raw: unknown): LogsViewState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown, max = 400) => (typeof v === 'string' && v.length <= max ? v : undefined);
  const storedForm = typeof r.form === 'object' && r.form !== null ? (r.form as Record<string, unknown>) : undefined;
  const form = storedForm ? Object.fromEntries(formKeys.map((k) => [k, text(storedForm[k]) ?? ''])) as unknown as FilterForm : undefined;
  return {
    scope: parseLogsScope(r.scope),
    form,
    grouping: (groupings as readonly unknown[]).includes(r.grouping) ? (r.grouping as Grouping) : 'none',
    quickFilter: text(r.quickFilter) ?? '',
    collapsed: Array.isArray(r.collapsed) ? r.collapsed.filter((k): k is string => typeof k === 'string' && k.length <= 400).slice(0, 1000) : [],
    selectedId: text(r.selectedId),
    scrollTop: typeof r.scrollTop === 'number' && Number.isFinite(r.scrollTop) && r.scrollTop >= 0 ? r.scrollTop : 0,
  };
}

export class LogsViewStateStore {
  readonly state: LogsViewState;

  constructor(private readonly storage: WebviewStateStorage) {
    this.state = loadLogsViewState(storage.getState());
  }

  save(): void {
    this.storage.setState(this.state);
  }
}
