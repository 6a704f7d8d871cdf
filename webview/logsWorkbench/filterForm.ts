/**
 * The filter form's values and the protocol's filters, both ways. Dates are typed as local
 * `datetime-local` values (what the input shows) and sent as UTC instants. No DOM: tested in Node.
 */
import { logActions, logStatuses, parseLogsFilters } from '../../src/shared/logsWorkbench/protocol';
import type { LogsFilters } from '../../src/shared/logsWorkbench/protocol';
import { emptyForm, type FilterForm } from './viewState';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as a `datetime-local` value in the page's time zone (`2026-12-03T14:05`). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A `datetime-local` value as a UTC instant, or undefined when it is empty or not a date. As the end
 * of a range (`end`), the minute it shows is included: its last millisecond.
 */
export function fromLocalInput(value: string, end = false): string | undefined {
  if (!value.trim()) return undefined;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return undefined;
  const minuteOnly = /T\d{2}:\d{2}$/.test(value.trim());
  return new Date(ms + (end && minuteOnly ? 59_999 : 0)).toISOString();
}

export function formFromFilters(filters: LogsFilters | undefined): FilterForm {
  const form = emptyForm();
  if (!filters) return form;
  return {
    ...form,
    user: filters.user ?? '',
    from: filters.from ? toLocalInput(filters.from) : '',
    to: filters.to ? toLocalInput(filters.to) : '',
    status: filters.status ?? '',
    action: filters.action ?? '',
    jobId: filters.jobId ?? '',
    cycleId: filters.cycleId ?? '',
  };
}

/**
 * The filters of a form, or the name of the first field that is not valid (a date that is not one,
 * a range that ends before it starts): the same check the host makes before querying.
 */
export function filtersFromForm(form: FilterForm): { filters: LogsFilters } | { invalid: keyof FilterForm } {
  const raw: Record<string, string> = {};
  const set = (key: keyof FilterForm, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  };
  set('user', form.user);
  if (form.from.trim() && !fromLocalInput(form.from)) return { invalid: 'from' };
  if (form.to.trim() && !fromLocalInput(form.to)) return { invalid: 'to' };
  set('from', fromLocalInput(form.from));
  set('to', fromLocalInput(form.to, true));
  if (form.status && !(logStatuses as readonly string[]).includes(form.status)) return { invalid: 'status' };
  if (form.action && !(logActions as readonly string[]).includes(form.action)) return { invalid: 'action' };
  set('status', form.status);
  set('action', form.action);
  set('jobId', form.jobId);
  set('cycleId', form.cycleId);
  const filters = parseLogsFilters(raw);
  if (filters) return { filters };
  if (raw.from && raw.to && Date.parse(raw.from) > Date.parse(raw.to)) return { invalid: 'to' };
  return { invalid: 'user' };
}
