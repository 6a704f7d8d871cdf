/**
 * What the result list shows, computed from the loaded events, the quick filter, the grouping and
 * which groups are collapsed: one flat list of rows (group headers and events), so the list can draw
 * only the rows in view whatever their number. No DOM: unit tests and the benchmark run it in Node.
 */
import { filterLogs, groupLogs } from '../../src/shared/provisioningLogs';
import type { LogEvent, LogGroup } from '../../src/shared/provisioningLogs';
import type { Grouping } from '../../src/shared/logsWorkbench/protocol';

export type ResultRow =
  | { readonly kind: 'group'; readonly group: LogGroup; readonly expanded: boolean }
  | { readonly kind: 'event'; readonly index: number; readonly grouped: boolean };

export interface ResultView {
  readonly rows: readonly ResultRow[];
  /** How many events pass the quick filter. */
  readonly matching: number;
  readonly groups: number;
}

/** The rows for the events; `collapsed` holds the keys of groups the user closed. */
export function resultView(events: readonly LogEvent[], grouping: Grouping, quickFilter: string, collapsed: ReadonlySet<string>): ResultView {
  const text = quickFilter.trim();
  const subset = text ? filterLogs(events, { text }) : undefined;
  const matching = subset ? subset.length : events.length;
  if (grouping === 'none') {
    const rows: ResultRow[] = new Array(matching);
    for (let j = 0; j < matching; j++) rows[j] = { kind: 'event', index: subset ? subset[j] : j, grouped: false };
    return { rows, matching, groups: 0 };
  }
  const groups = groupLogs(events, grouping, subset);
  const rows: ResultRow[] = [];
  for (const group of groups) {
    const expanded = !collapsed.has(group.key);
    rows.push({ kind: 'group', group, expanded });
    if (expanded) for (const index of group.indexes) rows.push({ kind: 'event', index, grouped: true });
  }
  return { rows, matching, groups: groups.length };
}

/** The row of an event, or -1 when it is not shown (filtered out, or in a collapsed group). */
export function rowOfEvent(view: ResultView, events: readonly LogEvent[], eventId: string): number {
  for (let i = 0; i < view.rows.length; i++) {
    const row = view.rows[i];
    if (row.kind === 'event' && events[row.index].id === eventId) return i;
  }
  return -1;
}
