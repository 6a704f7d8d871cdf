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

/**
 * The lower-cased text of many events in one string, each event's fields joined by \u0001 and
 * events by \n (a word, having no white space, cannot match across either), with where each event
 * starts. One native `indexOf` over it finds a word in 100,000 events far faster than 100,000
 * `includes` calls, and it is built once per loaded event: a workbench appends pages, and so does
 * this text.
 */
interface SearchText {
  /** The events it covers: the first `count` of the array, the last of them `last`. */
  count: number;
  last: LogEvent | undefined;
  /** Chunks of text, each with the index of its first event and its events' start offsets. */
  chunks: { text: string; first: number; starts: Int32Array }[];
}

const searchTexts = new WeakMap<readonly LogEvent[], SearchText>();

function eventText(e: LogEvent): string {
  return `${e.id}\u0001${e.cycleId}\u0001${e.jobId}\u0001${e.changeId}\u0001${e.app}\u0001${e.action}\u0001${e.status}\u0001${e.errorCode}\u0001${e.reason}\u0001${e.sourceId}\u0001${e.sourceName}\u0001${e.targetId}\u0001${e.targetName}`;
}

/** Events per chunk of search text: small enough that what a chunk's building leaves behind dies young. */
const CHUNK = 2048;

function chunkOf(items: readonly LogEvent[], from: number, to: number): SearchText['chunks'][number] {
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
  if (text.length === at - 1 || to === from) return { text, first: from, starts };
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

/** The search text of `items`, extended when events were appended since, rebuilt when they changed otherwise. */
function searchTextOf(items: readonly LogEvent[]): SearchText {
  let st = searchTexts.get(items);
  if (!st || st.count > items.length || (st.count > 0 && items[st.count - 1] !== st.last)) {
    st = { count: 0, last: undefined, chunks: [] };
    searchTexts.set(items, st);
  }
  for (let from = st.count; from < items.length; from += CHUNK) st.chunks.push(chunkOf(items, from, Math.min(items.length, from + CHUNK)));
  if (st.count < items.length) {
    st.count = items.length;
    st.last = items[items.length - 1];
  }
  return st;
}

/** Marks in `hit` the events whose text contains `word`. */
function markWord(st: SearchText, word: string, hit: Uint8Array): void {
  for (const chunk of st.chunks) {
    const { text, starts, first } = chunk;
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
    const st = searchTextOf(items);
    matches = new Uint8Array(items.length);
    markWord(st, words[0], matches);
    for (const w of words.slice(1)) {
      const also = new Uint8Array(items.length);
      markWord(st, w, also);
      for (let i = 0; i < matches.length; i++) matches[i] &= also[i];
    }
  }
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (matches && matches[i] === 0) continue;
    const e = items[i];
    if (statuses && !statuses.has(e.status)) continue;
    if (actions && !actions.has(e.action)) continue;
    if (code !== undefined && e.errorCode !== code) continue;
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
  /** How many events of each status the group holds. */
  readonly statusCounts: Readonly<Record<string, number>>;
}

type MutableGroup = { -readonly [K in keyof LogGroup]: LogGroup[K] } & { statusCounts: Record<string, number> };

function keyOf(e: LogEvent, by: LogGroupBy): string {
  if (by === 'cycle') return e.cycleId;
  if (by === 'error') return e.errorCode;
  return e.sourceId || e.targetId;
}

/**
 * Groups events (or the given subset of indexes, such as filterLogs' answer) by cycle, error code
 * or user. Groups come newest activity first (by `lastTime`), ties by key.
 */
export function groupLogs(items: readonly LogEvent[], by: LogGroupBy, subset?: readonly number[]): LogGroup[] {
  const groups = new Map<string, MutableGroup>();
  const list: MutableGroup[] = [];
  const byUser = by === 'user';
  const n = subset ? subset.length : items.length;
  for (let j = 0; j < n; j++) {
    const i = subset ? subset[j] : j;
    const e = items[i];
    const key = keyOf(e, by);
    let g = groups.get(key);
    if (g === undefined) {
      // Every group starts with the same four counts, so all share one object shape.
      g = { key, label: byUser ? e.sourceName || e.targetName || key : key, count: 0, indexes: [], firstTime: e.time, lastTime: e.time, statusCounts: { success: 0, failure: 0, skipped: 0, warning: 0 } };
      groups.set(key, g);
      list.push(g);
    } else {
      if (e.time < g.firstTime) g.firstTime = e.time;
      else if (e.time > g.lastTime) g.lastTime = e.time;
      // A user's name may be missing on some entries (a failed create has no target name).
      if (byUser && g.label === key && (e.sourceName || e.targetName)) g.label = e.sourceName || e.targetName;
    }
    g.count++;
    g.indexes.push(i);
    g.statusCounts[e.status] = (g.statusCounts[e.status] ?? 0) + 1;
  }
  return list.sort((a, b) => (a.lastTime === b.lastTime ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.lastTime < b.lastTime ? 1 : -1));
}

// ---------------------------------------------------------------------------------------------
// Export

/** The CSV columns, in order: a stable contract for spreadsheets and scripts. */
export const LOG_CSV_COLUMNS = [
  'time', 'cycleId', 'jobId', 'app', 'action', 'status', 'errorCode', 'reason',
  'sourceId', 'sourceName', 'targetId', 'targetName', 'changeId', 'id',
] as const satisfies readonly (keyof LogEvent)[];

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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
