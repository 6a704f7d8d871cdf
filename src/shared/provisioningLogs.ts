/**
 * Provisioning logs as the logs workbench and `entraProvisioning.queryLogs` see them: a compact
 * projection of Graph's provisioningObjectSummary, the server-side query's vocabulary, and pure
 * client-side filtering, grouping and export. No Node-only API and no vscode: the webview bundle
 * imports this file too.
 */

/** `provisioningStatusInfo/status` values (enum provisioningResult of the Graph v1.0 metadata). */
export const LOG_STATUSES = ['success', 'failure', 'skipped', 'warning'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/** `provisioningAction` values (enum provisioningAction of the Graph v1.0 metadata). */
export const LOG_ACTIONS = ['create', 'update', 'delete', 'disable', 'other', 'stagedDelete'] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

/** How many events a logs query reads at most (`entraProvisioning.queryLogs` states it; it says when there were more). */
export const LOG_QUERY_CAP = 10_000;

/** What the logs can be grouped by. */
export const LOG_GROUP_BYS = ['cycle', 'error', 'user'] as const;
export type LogGroupBy = (typeof LOG_GROUP_BYS)[number];

/**
 * The server-side part of a logs query (Graph `$filter`). Every field is optional; given fields are
 * combined with `and`.
 */
export interface LogServerFilter {
  readonly servicePrincipalId?: string;
  readonly jobId?: string;
  /**
   * A user: a source or target object id (Entra object id, the target app's id, an HR worker id), or
   * a user principal name. See provisioningLogFilter for how each is matched.
   */
  readonly user?: string;
  /**
   * Object ids a user principal name stands for (its Entra object id, read by the caller), matched
   * as source or target ids alongside `user`.
   */
  readonly userObjectIds?: readonly string[];
  /** Events at or after this instant (ISO 8601, UTC). */
  readonly from?: string;
  /** Events at or before this instant (ISO 8601, UTC). */
  readonly to?: string;
  readonly status?: LogStatus | readonly LogStatus[];
  readonly action?: LogAction | readonly LogAction[];
  readonly cycleId?: string;
}

/**
 * One provisioning log entry, reduced to what the workbench shows, filters, groups and exports
 * (100,000 of them stay small). Absent values are empty strings, so every field is a string.
 */
export interface LogEvent {
  /** The entry's id (Graph `id`). */
  readonly id: string;
  /** `activityDateTime`, normalised to `toISOString()` form so that strings sort as times. */
  readonly time: string;
  readonly cycleId: string;
  readonly jobId: string;
  readonly changeId: string;
  readonly servicePrincipalId: string;
  /** The app's (service principal's) display name. */
  readonly app: string;
  /** `provisioningAction`. */
  readonly action: string;
  /** `provisioningStatusInfo.status`. */
  readonly status: string;
  /** `provisioningStatusInfo.errorInformation.errorCode`. */
  readonly errorCode: string;
  /** `provisioningStatusInfo.errorInformation.reason`. */
  readonly reason: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly targetId: string;
  readonly targetName: string;
  /** `sourceIdentity.identityType` (or the target's): `User`, `Group`, ... */
  readonly identityType: string;
  /** `initiatedBy.initiatorType`: `system` for scheduled cycles, `user`/`application` on demand. */
  readonly initiatorType: string;
  readonly durationMs: number;
}

/** The shape of a Graph provisioningObjectSummary this module reads (every part may be missing). */
export interface ProvisioningSummaryLike {
  readonly id?: string | null;
  readonly activityDateTime?: string | null;
  readonly cycleId?: string | null;
  readonly jobId?: string | null;
  readonly changeId?: string | null;
  readonly durationInMilliseconds?: number | null;
  readonly provisioningAction?: string | null;
  readonly provisioningStatusInfo?: { readonly status?: string | null; readonly errorInformation?: { readonly errorCode?: string | null; readonly reason?: string | null } | null } | null;
  readonly servicePrincipal?: { readonly id?: string | null; readonly displayName?: string | null } | null;
  readonly sourceIdentity?: { readonly id?: string | null; readonly displayName?: string | null; readonly identityType?: string | null } | null;
  readonly targetIdentity?: { readonly id?: string | null; readonly displayName?: string | null; readonly identityType?: string | null } | null;
  readonly initiatedBy?: { readonly initiatorType?: string | null } | null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function isoTime(v: unknown): string {
  if (typeof v !== 'string') return '';
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

/** Projects a Graph provisioningObjectSummary onto a LogEvent. */
export function toLogEvent(s: ProvisioningSummaryLike): LogEvent {
  const status = s.provisioningStatusInfo;
  const error = status?.errorInformation;
  return {
    id: str(s.id),
    time: isoTime(s.activityDateTime),
    cycleId: str(s.cycleId),
    jobId: str(s.jobId),
    changeId: str(s.changeId),
    servicePrincipalId: str(s.servicePrincipal?.id),
    app: str(s.servicePrincipal?.displayName),
    action: str(s.provisioningAction),
    status: str(status?.status),
    errorCode: str(error?.errorCode),
    reason: str(error?.reason),
    sourceId: str(s.sourceIdentity?.id),
    sourceName: str(s.sourceIdentity?.displayName),
    targetId: str(s.targetIdentity?.id),
    targetName: str(s.targetIdentity?.displayName),
    identityType: str(s.sourceIdentity?.identityType) || str(s.targetIdentity?.identityType),
    initiatorType: str(s.initiatedBy?.initiatorType),
    durationMs: typeof s.durationInMilliseconds === 'number' ? s.durationInMilliseconds : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// What filtering and grouping keep per loaded array of events

/**
 * Built once per loaded event and kept beside the array (a workbench appends pages, and this
 * follows): the lower-cased search text, and for each grouping the events' group numbers. Filtering
 * and grouping 100,000 events then run over typed arrays and one native `indexOf` per word, instead
 * of touching 100,000 objects and strings per keystroke.
 */
interface Prepared {
  /** The events covered: the first `count` of the array, the last of them `last`. */
  count: number;
  last: LogEvent | undefined;
  /** The search text in chunks: events' fields joined by \u0001, events by \n (words have no white space, so cannot match across). */
  chunks: { text: string; first: number; starts: Int32Array }[];
  /** Covered by the chunks so far. */
  textCount: number;
  tables: Partial<Record<LogGroupBy, KeyTable>>;
  /** Each event's time in milliseconds (NaN when it has none), covering the first `timeCount` events. */
  times: Float64Array;
  timeCount: number;
}

/** The groups of one grouping: each event's group number, and per group its key and label. */
interface KeyTable {
  count: number;
  ids: Int32Array;
  numbers: Map<string, number>;
  keys: string[];
  labels: string[];
}

const prepared = new WeakMap<readonly LogEvent[], Prepared>();

function preparedOf(items: readonly LogEvent[]): Prepared {
  let p = prepared.get(items);
  if (!p || p.count > items.length || (p.count > 0 && items[p.count - 1] !== p.last)) {
    // Not the events this was built for (the array was changed other than by appending): start over.
    p = { count: 0, last: undefined, chunks: [], textCount: 0, tables: {}, times: new Float64Array(0), timeCount: 0 };
    prepared.set(items, p);
  }
  p.count = items.length;
  p.last = items[items.length - 1];
  return p;
}

/**
 * Builds what filterLogs and groupLogs need for the events not yet covered, so that a workbench can
 * pay for it as pages arrive rather than on the next keystroke. Optional: both build it themselves.
 */
export function prepareLogs(items: readonly LogEvent[]): void {
  const p = preparedOf(items);
  extendText(p, items);
  timesOf(p, items);
  for (const by of LOG_GROUP_BYS) tableOf(p, items, by);
}

function grow<T extends Int32Array | Float64Array>(array: T, filled: number, needed: number, make: (n: number) => T): T {
  if (array.length >= needed) return array;
  const grown = make(Math.max(needed, array.length * 2));
  grown.set(array.subarray(0, filled));
  return grown;
}

function timesOf(p: Prepared, items: readonly LogEvent[]): Float64Array {
  if (p.timeCount < items.length) {
    p.times = grow(p.times, p.timeCount, items.length, (n) => new Float64Array(n));
    for (let i = p.timeCount; i < items.length; i++) p.times[i] = Date.parse(items[i].time);
    p.timeCount = items.length;
  }
  return p.times;
}

// ---------------------------------------------------------------------------------------------
// Client-side filter

/** A filter over loaded events; every given part must match. */
export interface LogClientFilter {
  /**
   * Words that must all occur (case-insensitively) in the event's ids, names, app, action, status,
   * error code or reason.
   */
  readonly text?: string;
  readonly status?: string | readonly string[];
  readonly action?: string | readonly string[];
  /** An exact error code; `''` selects events without one. */
  readonly errorCode?: string;
}

function asSet(v: string | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  return list.length ? new Set(list) : undefined;
}

function eventText(e: LogEvent): string {
  return `${e.id}\u0001${e.cycleId}\u0001${e.jobId}\u0001${e.changeId}\u0001${e.app}\u0001${e.action}\u0001${e.status}\u0001${e.errorCode}\u0001${e.reason}\u0001${e.sourceId}\u0001${e.sourceName}\u0001${e.targetId}\u0001${e.targetName}`;
}

/** Events per chunk of search text: small enough that what building one leaves behind dies young. */
const CHUNK = 2048;

function chunkOf(items: readonly LogEvent[], from: number, to: number): Prepared['chunks'][number] {
  const parts = new Array<string>(to - from);
  const starts = new Int32Array(to - from + 1);
  let at = 0;
  for (let i = from; i < to; i++) {
    const t = eventText(items[i]);
    parts[i - from] = t;
    starts[i - from] = at;
    at += t.length + 1;
  }
  starts[to - from] = at;
  const text = parts.join('\n').toLowerCase();
  if (text.length === at - 1) return { text, first: from, starts };
  // Lower-casing changed the length (a few non-ASCII letters do), which would shift the offsets:
  // lower-case event by event instead.
  at = 0;
  for (let i = 0; i < parts.length; i++) {
    parts[i] = parts[i].toLowerCase();
    starts[i] = at;
    at += parts[i].length + 1;
  }
  starts[parts.length] = at;
  return { text: parts.join('\n'), first: from, starts };
}

function extendText(p: Prepared, items: readonly LogEvent[]): void {
  // A last chunk left short by a smaller page is rebuilt whole, so chunks stay large.
  const lastChunk = p.chunks[p.chunks.length - 1];
  if (lastChunk && p.textCount < items.length && p.textCount - lastChunk.first < CHUNK) {
    p.chunks.pop();
    p.textCount = lastChunk.first;
  }
  for (let from = p.textCount; from < items.length; from += CHUNK) p.chunks.push(chunkOf(items, from, Math.min(items.length, from + CHUNK)));
  p.textCount = items.length;
}

/** Marks in `hit` the events whose text contains `word`. */
function markWord(p: Prepared, word: string, hit: Uint8Array): void {
  for (const { text, starts, first } of p.chunks) {
    let event = 0;
    let pos = text.indexOf(word);
    while (pos !== -1) {
      while (starts[event + 1] <= pos) event++;
      hit[first + event] = 1;
      // On to the next event: one hit is enough.
      pos = text.indexOf(word, starts[event + 1]);
    }
  }
}

/** The indexes (ascending) of the events that match the filter. */
export function filterLogs(items: readonly LogEvent[], filter: LogClientFilter): number[] {
  const statuses = asSet(filter.status);
  const actions = asSet(filter.action);
  const code = filter.errorCode;
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  let matches: Uint8Array | undefined;
  if (words.length) {
    const p = preparedOf(items);
    extendText(p, items);
    matches = new Uint8Array(items.length);
    markWord(p, words[0], matches);
    for (const w of words.slice(1)) {
      const also = new Uint8Array(items.length);
      markWord(p, w, also);
      for (let i = 0; i < matches.length; i++) matches[i] &= also[i];
    }
  }
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (matches && matches[i] === 0) continue;
    if (statuses || actions || code !== undefined) {
      const e = items[i];
      if (statuses && !statuses.has(e.status)) continue;
      if (actions && !actions.has(e.action)) continue;
      if (code !== undefined && e.errorCode !== code) continue;
    }
    out.push(i);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grouping

/** A group of events. */
export interface LogGroup {
  /**
   * What the events share: the cycle id, the error code, or the user (source id, else target id).
   * `''` collects events without one (no error code, say); the UI names that group.
   */
  readonly key: string;
  /** A readable name: the cycle id, the error code, the user's display name (else its id). */
  readonly label: string;
  readonly count: number;
  /** Indexes into the grouped array, in its order. */
  readonly indexes: number[];
  /** Earliest and latest `time` in the group. */
  readonly firstTime: string;
  readonly lastTime: string;
  /** How many events of each status the group holds (the four statuses always present). */
  readonly statusCounts: Readonly<Record<string, number>>;
}

function keyOf(e: LogEvent, by: LogGroupBy): string {
  if (by === 'cycle') return e.cycleId;
  if (by === 'error') return e.errorCode;
  return e.sourceId || e.targetId;
}

function tableOf(p: Prepared, items: readonly LogEvent[], by: LogGroupBy): KeyTable {
  let t = p.tables[by];
  if (!t) {
    t = { count: 0, ids: new Int32Array(items.length), numbers: new Map(), keys: [], labels: [] };
    p.tables[by] = t;
  }
  if (t.count < items.length) {
    t.ids = grow(t.ids, t.count, items.length, (n) => new Int32Array(n));
    const byUser = by === 'user';
    for (let i = t.count; i < items.length; i++) {
      const e = items[i];
      const key = keyOf(e, by);
      let n = t.numbers.get(key);
      if (n === undefined) {
        n = t.keys.length;
        t.numbers.set(key, n);
        t.keys.push(key);
        t.labels.push(byUser ? e.sourceName || e.targetName || key : key);
      } else if (byUser && t.labels[n] === key && (e.sourceName || e.targetName)) {
        // A user's name may be missing on some entries (a failed create has no target name).
        t.labels[n] = e.sourceName || e.targetName;
      }
      t.ids[i] = n;
    }
    t.count = items.length;
  }
  return t;
}

/**
 * Groups events (or the given subset of indexes, such as filterLogs' answer) by cycle, error code
 * or user. Groups come newest activity first (by `lastTime`), ties by key.
 */
export function groupLogs(items: readonly LogEvent[], by: LogGroupBy, subset?: readonly number[]): LogGroup[] {
  const p = preparedOf(items);
  const t = tableOf(p, items, by);
  const times = timesOf(p, items);
  const groupCount = t.keys.length;
  const counts = new Int32Array(groupCount);
  // The events holding each group's first and last time (-1: none yet).
  const firstAt = new Int32Array(groupCount).fill(-1);
  const lastAt = new Int32Array(groupCount).fill(-1);
  const n = subset ? subset.length : items.length;
  const ids = t.ids;
  for (let j = 0; j < n; j++) {
    const i = subset ? subset[j] : j;
    const g = ids[i];
    counts[g]++;
    const f = firstAt[g];
    const time = times[i];
    // Times compared as numbers; an event without one (NaN) is a bound only until one with a time comes.
    if (f === -1 || (Number.isNaN(times[f]) && !Number.isNaN(time))) {
      firstAt[g] = i;
      lastAt[g] = i;
    } else if (time < times[f]) {
      firstAt[g] = i;
    } else if (time > times[lastAt[g]]) {
      lastAt[g] = i;
    }
  }
  const groups: (LogGroup & { indexes: number[]; statusCounts: Record<string, number> })[] = [];
  const slot: (number[] | undefined)[] = new Array(groupCount);
  const statusSlot: (Record<string, number> | undefined)[] = new Array(groupCount);
  const fill = new Int32Array(groupCount);
  /** Each listed group's number. */
  const numbers: number[] = [];
  for (let g = 0; g < groupCount; g++) {
    if (counts[g] === 0) continue;
    const indexes = new Array<number>(counts[g]);
    const statusCounts = { success: 0, failure: 0, skipped: 0, warning: 0 } as Record<string, number>;
    slot[g] = indexes;
    statusSlot[g] = statusCounts;
    numbers.push(g);
    groups.push({ key: t.keys[g], label: t.labels[g], count: counts[g], indexes, firstTime: items[firstAt[g]].time, lastTime: items[lastAt[g]].time, statusCounts });
  }
  for (let j = 0; j < n; j++) {
    const i = subset ? subset[j] : j;
    const g = ids[i];
    slot[g]![fill[g]++] = i;
    const c = statusSlot[g]!;
    const s = items[i].status;
    // Compared, not used as a key: a status string read from JSON is usually not interned.
    if (s === 'success') c.success++;
    else if (s === 'failure') c.failure++;
    else if (s === 'skipped') c.skipped++;
    else if (s === 'warning') c.warning++;
    else c[s] = (c[s] ?? 0) + 1;
  }
  const lastMs = new Float64Array(groups.length);
  for (let k = 0; k < groups.length; k++) lastMs[k] = times[lastAt[numbers[k]]];
  const order = Array.from(groups.keys()).sort((a, b) => {
    const x = lastMs[a];
    const y = lastMs[b];
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : y - x;
    const ka = groups[a].key;
    const kb = groups[b].key;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return order.map((k) => groups[k]);
}

// ---------------------------------------------------------------------------------------------
// Export

/** The CSV columns, in order: a stable contract for spreadsheets and scripts. */
export const LOG_CSV_COLUMNS = [
  'time', 'cycleId', 'jobId', 'app', 'action', 'status', 'errorCode', 'reason',
  'sourceId', 'sourceName', 'targetId', 'targetName', 'changeId', 'id',
] as const satisfies readonly (keyof LogEvent)[];

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. A
 * value a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or CR) gets a leading
 * apostrophe first: reasons come from the target app and names from the directory, so an export an
 * admin opens in Excel must not run what someone typed there
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** The events as CSV (RFC 4180: CRLF line ends, a header row of LOG_CSV_COLUMNS). */
export function logsToCsv(items: readonly LogEvent[]): string {
  const lines = [LOG_CSV_COLUMNS.join(',')];
  for (const e of items) lines.push(LOG_CSV_COLUMNS.map((c) => csvField(String(e[c]))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The events as a JSON array, two-space indented, one object per event. */
export function logsToJson(items: readonly LogEvent[]): string {
  return JSON.stringify(items, null, 2) + '\n';
}
