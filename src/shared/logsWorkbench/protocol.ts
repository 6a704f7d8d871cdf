/**
 * The contract between the logs workbench webview and the extension, in one file: every message is
 * declared here, used by both bundles, and validated at runtime on receipt on both sides (the
 * webview is another trust domain, and the host's messages are checked before the webview acts on
 * them). The webview sends `ready` first; the host sends data only after it. Requests carry an id
 * that their response repeats. Result rows travel as the compact LogEvent of ../provisioningLogs
 * (100,000 of them stay small); the detail of one event (steps, modified properties) is asked for
 * when it is selected, as a trimmed copy of Graph's provisioningObjectSummary.
 */
import { messageBoundsProblem } from '../messageBounds';
import { LOG_ACTIONS as logActions, LOG_STATUSES as logStatuses, type LogAction, type LogEvent, type LogStatus } from '../provisioningLogs';

// ---------------------------------------------------------------------------------------------
// Shared shapes

/** What the workbench covers: one job, every job of an app, or the whole tenant of a connection. */
export interface LogsScope {
  readonly connectionId: string;
  readonly servicePrincipalId?: string;
  /** Only with `servicePrincipalId`. */
  readonly jobId?: string;
}

/** The statuses and actions the service writes (Graph's casing): the logs query's own lists. */
export { logActions, logStatuses, type LogAction, type LogStatus };

/** The server-side filters of a query (each optional; all given ones must hold). */
export interface LogsFilters {
  /** A source or target object id, or a user principal name. */
  readonly user?: string;
  /** Events at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Events at or before this instant (ISO 8601). */
  readonly to?: string;
  readonly status?: LogStatus;
  readonly action?: LogAction;
  /** A job of the scope's app (or of any app, for a tenant scope). */
  readonly jobId?: string;
  readonly cycleId?: string;
}

/** Client-side grouping of the loaded events. */
export const groupings = ['none', 'cycle', 'error', 'user'] as const;
export type Grouping = (typeof groupings)[number];

/** One named thing in an event (`sourceIdentity`, `targetIdentity`, `servicePrincipal`). */
export interface LogIdentity {
  readonly id?: string;
  readonly displayName?: string;
  readonly identityType?: string;
  /** The user principal name when the service gives one (from the identity's details). */
  readonly userPrincipalName?: string;
}

export interface LogStep {
  readonly name?: string;
  readonly provisioningStepType?: string;
  readonly status?: string;
  readonly description?: string;
}

export interface LogModifiedProperty {
  readonly displayName?: string;
  readonly oldValue?: string | null;
  readonly newValue?: string | null;
}

export interface LogErrorInformation {
  readonly errorCode?: string | null;
  readonly reason?: string | null;
  readonly additionalDetails?: string | null;
  readonly errorCategory?: string | null;
  readonly recommendedAction?: string | null;
}

/** One provisioning event's detail as the webview gets it: the fields of Graph's provisioningObjectSummary it shows. */
export interface LogEventDetails {
  readonly id: string;
  readonly activityDateTime?: string;
  readonly jobId?: string;
  readonly cycleId?: string;
  readonly changeId?: string;
  readonly durationInMilliseconds?: number;
  readonly provisioningAction?: string;
  readonly provisioningStatusInfo?: { readonly status?: string; readonly errorInformation?: LogErrorInformation | null };
  readonly provisioningSteps?: readonly LogStep[];
  readonly modifiedProperties?: readonly LogModifiedProperty[];
  readonly servicePrincipal?: LogIdentity;
  readonly sourceIdentity?: LogIdentity;
  readonly targetIdentity?: LogIdentity;
}

// ---------------------------------------------------------------------------------------------
// Webview → extension

/** Sent once the webview's script runs; the host sends data only after it. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** What the webview can ask; each request gets exactly one response. */
export type LogsRequest =
  /** Start a new query (the running one, if any, is cancelled): pages stream as `results` messages. */
  | { readonly kind: 'query'; readonly filters: LogsFilters }
  /** Read further pages of the current query (after it paused at its cap). */
  | { readonly kind: 'loadMore'; readonly queryId: number }
  /** Stop reading pages of the current query. */
  | { readonly kind: 'cancel'; readonly queryId: number }
  /** Save the events the host holds for the current query as a file the user picks. */
  | { readonly kind: 'export'; readonly format: 'csv' | 'json' }
  /** The detail of one event of the current query (steps, modified properties, error). */
  | { readonly kind: 'details'; readonly eventId: string }
  /** Open the documentation of an error code (the host looks the address up; the webview sends none). */
  | { readonly kind: 'openDocs'; readonly code: string };

export interface RequestMessage {
  readonly type: 'request';
  /** Positive integer chosen by the webview; the response carries it back. */
  readonly requestId: number;
  readonly request: LogsRequest;
}

export type LogsWebviewMessage = ReadyMessage | RequestMessage;

// ---------------------------------------------------------------------------------------------
// Extension → webview

/** Sentences the webview shows, localized by the host (the webview hard-codes none). */
export const logsWorkbenchStringKeys = [
  'title', 'scopeJob', 'scopeApp', 'scopeTenant', 'user', 'userPlaceholder', 'from', 'to', 'status', 'action', 'job', 'cycle', 'any',
  'statusSuccess', 'statusWarning', 'statusFailure', 'statusSkipped',
  'actionCreate', 'actionUpdate', 'actionDelete', 'actionDisable', 'actionStagedDelete', 'actionOther',
  'search', 'clear', 'groupBy', 'groupNone', 'groupCycle', 'groupError', 'groupUser', 'quickFilter', 'quickFilterPlaceholder',
  'loadMore', 'cancel', 'exportCsv', 'exportJson', 'loading', 'loadedOne', 'loadedMany', 'shownOf', 'moreAvailable', 'done', 'cancelled', 'failed',
  'noEvents', 'selectEvent', 'time', 'source', 'target', 'app', 'errorCode', 'reason', 'details', 'steps', 'modifiedProperties', 'property',
  'oldValue', 'newValue', 'explanation', 'fix', 'docs', 'unknownCode', 'noError', 'noCode', 'noUser', 'noCycle',
  'eventsOne', 'eventsMany', 'failuresMany', 'duration', 'changeId', 'recommendedAction', 'requestFailed', 'exported', 'filtersInvalid',
] as const;

export type LogsWorkbenchStringKey = (typeof logsWorkbenchStringKeys)[number];
export type LogsWorkbenchStrings = Readonly<Record<LogsWorkbenchStringKey, string>>;

/** Each key standing for itself: what unit tests of the webview logic send. */
export function untranslatedLogsStrings(): LogsWorkbenchStrings {
  return Object.fromEntries(logsWorkbenchStringKeys.map((key) => [key, key])) as LogsWorkbenchStrings;
}

/** First message after every `ready` (a webview shown again starts over). */
export interface InitMessage {
  readonly type: 'init';
  readonly strings: LogsWorkbenchStrings;
  /** Kept in the webview's state so VS Code can restore the panel after a reload. */
  readonly scope: LogsScope;
  /** What the header says the workbench covers (app name, job, tenant). */
  readonly scopeLabel: string;
  /** Filters to start with when the webview has none of its own (the command's arguments). */
  readonly filters?: LogsFilters;
  /** How many events one round of automatic paging reads before it waits for "Load more". */
  readonly pageCap: number;
  /** VS Code's display language (`en`, `sv`), for dates and the error catalogue's texts. */
  readonly language: string;
  /** The workbench was opened again with filters: they replace the ones the webview kept. */
  readonly override?: boolean;
}

/** Where a query stands. `paused`: more pages exist and wait for "Load more". */
export type QueryState = 'loading' | 'paused' | 'done' | 'cancelled' | 'failed';

/** Events of a query, page by page, and its state. */
export interface ResultsMessage {
  readonly type: 'results';
  readonly queryId: number;
  /** Events to add to what the webview holds for this query. */
  readonly events: readonly LogEvent[];
  /** How many events the host holds for the query after this page. */
  readonly total: number;
  readonly state: QueryState;
  /** Why it failed (one sentence), with `failed`. */
  readonly error?: string;
}

export type ResponseResult =
  | { readonly kind: 'query'; readonly queryId: number }
  | { readonly kind: 'done' }
  /** The export was written (`count` events), or the user cancelled the save dialog (`saved: false`). */
  | { readonly kind: 'exported'; readonly saved: boolean; readonly count: number }
  /** The detail of an event; undefined when the logs no longer hold it. */
  | { readonly kind: 'details'; readonly event?: LogEventDetails }
  /** A newer request of the same kind replaced this one before it ran. */
  | { readonly kind: 'superseded' };

export type ResponseMessage =
  | { readonly type: 'response'; readonly requestId: number; readonly ok: true; readonly result: ResponseResult }
  | { readonly type: 'response'; readonly requestId: number; readonly ok: false; readonly error: string };

export type LogsHostMessage = InitMessage | ResultsMessage | ResponseMessage;

// ---------------------------------------------------------------------------------------------
// Runtime validation: each parser returns the value typed, or undefined when it does not fit.

type Obj = Record<string, unknown>;

const MAX_ID = 200;
const MAX_TEXT = 10_000;
/** Most events one `results` message carries. */
export const MAX_EVENTS_PER_MESSAGE = 2_000;

/** Deepest nesting of a message from the webview (request → filters → value is 4). */
export const MAX_MESSAGE_DEPTH = 6;
/** Largest message from the webview: the longest field is a user filter, so a few kB is plenty. */
export const MAX_MESSAGE_SIZE = 20_000;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isText(v: unknown, max = MAX_TEXT): v is string {
  return typeof v === 'string' && v.length <= max;
}
function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}
function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
function hasOnly(v: Obj, keys: readonly string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}
function isOneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
function optional<T>(v: unknown, check: (x: unknown) => x is T): boolean {
  return v === undefined || check(v);
}
function isNullableText(v: unknown, max = MAX_TEXT): v is string | null {
  return v === null || isText(v, max);
}

/** An ISO 8601 instant (what Graph's `activityDateTime` filters take). */
export function isInstant(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 40 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
}

/** A filter value that is safe to put into an OData string literal and short enough to be an id or a name. */
function isFilterText(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= 320 && !/[\u0000-\u001f]/.test(v);
}

const filterKeys = ['user', 'from', 'to', 'status', 'action', 'jobId', 'cycleId'] as const;

/** Narrows filters received from the webview (or read from its stored state); only the given ones are copied. */
export function parseLogsFilters(v: unknown): LogsFilters | undefined {
  if (!isObj(v) || !hasOnly(v, filterKeys)) return undefined;
  if (!optional(v.user, isFilterText) || !optional(v.from, isInstant) || !optional(v.to, isInstant)) return undefined;
  if (!optional(v.status, (x): x is LogStatus => isOneOf(x, logStatuses)) || !optional(v.action, (x): x is LogAction => isOneOf(x, logActions))) return undefined;
  if (!optional(v.jobId, isFilterText) || !optional(v.cycleId, isFilterText)) return undefined;
  if (typeof v.from === 'string' && typeof v.to === 'string' && Date.parse(v.from) > Date.parse(v.to)) return undefined;
  const filters: Record<string, string> = {};
  for (const key of filterKeys) if (typeof v[key] === 'string') filters[key] = v[key] as string;
  return filters as LogsFilters;
}

/** Narrows a scope (from the command, or from a restored webview's state, which is not trusted either). */
export function parseLogsScope(v: unknown): LogsScope | undefined {
  if (!isObj(v) || !hasOnly(v, ['connectionId', 'servicePrincipalId', 'jobId']) || !isId(v.connectionId)) return undefined;
  if (!optional(v.servicePrincipalId, isId) || !optional(v.jobId, isId) || (v.jobId !== undefined && v.servicePrincipalId === undefined)) return undefined;
  return {
    connectionId: v.connectionId,
    ...(v.servicePrincipalId !== undefined ? { servicePrincipalId: v.servicePrincipalId as string } : {}),
    ...(v.jobId !== undefined ? { jobId: v.jobId as string } : {}),
  };
}

function parseRequest(v: unknown): LogsRequest | undefined {
  if (!isObj(v)) return undefined;
  switch (v.kind) {
    case 'query': {
      const filters = hasOnly(v, ['kind', 'filters']) ? parseLogsFilters(v.filters) : undefined;
      return filters ? { kind: 'query', filters } : undefined;
    }
    case 'loadMore':
    case 'cancel':
      return hasOnly(v, ['kind', 'queryId']) && isInt(v.queryId, 1, Number.MAX_SAFE_INTEGER) ? { kind: v.kind, queryId: v.queryId } : undefined;
    case 'export':
      return hasOnly(v, ['kind', 'format']) && isOneOf(v.format, ['csv', 'json'] as const) ? { kind: 'export', format: v.format } : undefined;
    case 'details':
      return hasOnly(v, ['kind', 'eventId']) && isId(v.eventId) ? { kind: 'details', eventId: v.eventId } : undefined;
    case 'openDocs':
      return hasOnly(v, ['kind', 'code']) && isFilterText(v.code) ? { kind: 'openDocs', code: v.code } : undefined;
    default:
      return undefined;
  }
}

/** A message from the webview, or why it was refused (with its request id when it names a valid one, so it can be answered). */
export type LogsMessageReading = { readonly message: LogsWebviewMessage } | { readonly problem: string; readonly requestId?: number };

/** Reads a value received from the webview: bounded in size and depth first, then checked field by field. */
export function readLogsWebviewMessage(value: unknown): LogsMessageReading {
  const requestId = isObj(value) && value.type === 'request' && isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER) ? value.requestId : undefined;
  const bounds = messageBoundsProblem(value, MAX_MESSAGE_SIZE, MAX_MESSAGE_DEPTH);
  const message = bounds ? undefined : parseWebviewFields(value);
  if (message) return { message };
  return { problem: bounds ?? 'not a protocol message', ...(requestId !== undefined ? { requestId } : {}) };
}

function parseWebviewFields(value: unknown): LogsWebviewMessage | undefined {
  if (!isObj(value)) return undefined;
  if (value.type === 'ready') return hasOnly(value, ['type']) ? { type: 'ready' } : undefined;
  if (value.type !== 'request' || !hasOnly(value, ['type', 'requestId', 'request']) || !isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER)) return undefined;
  const request = parseRequest(value.request);
  return request ? { type: 'request', requestId: value.requestId, request } : undefined;
}

// --- extension → webview

function isIdentity(v: unknown): v is LogIdentity {
  return isObj(v) && optional(v.id, (x): x is string => isText(x, 1000)) && optional(v.displayName, (x): x is string => isText(x, 1000))
    && optional(v.identityType, (x): x is string => isText(x, 200)) && optional(v.userPrincipalName, (x): x is string => isText(x, 1000));
}

function isStep(v: unknown): v is LogStep {
  return isObj(v) && ['name', 'provisioningStepType', 'status', 'description'].every((k) => optional(v[k], (x): x is string => isText(x)));
}

function isModifiedProperty(v: unknown): v is LogModifiedProperty {
  return isObj(v) && optional(v.displayName, (x): x is string => isText(x, 1000)) && (v.oldValue === undefined || isNullableText(v.oldValue)) && (v.newValue === undefined || isNullableText(v.newValue));
}

function isList<T>(v: unknown, item: (x: unknown) => x is T, max: number): v is T[] {
  if (!Array.isArray(v) || v.length > max) return false;
  for (let i = 0; i < v.length; i++) if (!(i in v) || !item(v[i])) return false;
  return true;
}

function isErrorInformation(v: unknown): v is LogErrorInformation | null {
  return v === null || (isObj(v) && ['errorCode', 'reason', 'additionalDetails', 'errorCategory', 'recommendedAction'].every((k) => v[k] === undefined || isNullableText(v[k])));
}

/** Narrows one event's detail received from the host. */
export function isLogEventDetails(v: unknown): v is LogEventDetails {
  if (!isObj(v) || !isId(v.id)) return false;
  for (const k of ['activityDateTime', 'jobId', 'cycleId', 'changeId', 'provisioningAction']) if (!optional(v[k], (x): x is string => isText(x, 1000))) return false;
  if (v.durationInMilliseconds !== undefined && typeof v.durationInMilliseconds !== 'number') return false;
  const info = v.provisioningStatusInfo;
  if (info !== undefined && !(isObj(info) && optional(info.status, (x): x is string => isText(x, 100)) && (info.errorInformation === undefined || isErrorInformation(info.errorInformation)))) return false;
  if (v.provisioningSteps !== undefined && !isList(v.provisioningSteps, isStep, 50)) return false;
  if (v.modifiedProperties !== undefined && !isList(v.modifiedProperties, isModifiedProperty, 1000)) return false;
  return ['servicePrincipal', 'sourceIdentity', 'targetIdentity'].every((k) => optional(v[k], isIdentity));
}

const compactTextKeys = [
  'id', 'time', 'cycleId', 'jobId', 'changeId', 'servicePrincipalId', 'app', 'action', 'status', 'errorCode', 'reason',
  'sourceId', 'sourceName', 'targetId', 'targetName', 'identityType', 'initiatorType',
] as const satisfies readonly (keyof LogEvent)[];

/**
 * A row cut to what the webview accepts (each text at most 10,000 characters): the host sends rows
 * through this, and keeps the whole event for exports. The same object when it already fits.
 */
export function boundedLogEvent(e: LogEvent): LogEvent {
  if (compactTextKeys.every((key) => e[key].length <= MAX_TEXT)) return e;
  const copy: Record<string, unknown> = { ...e };
  for (const key of compactTextKeys) if (e[key].length > MAX_TEXT) copy[key] = `${e[key].slice(0, MAX_TEXT - 1)}…`;
  return copy as unknown as LogEvent;
}

/** Narrows one result row received from the host. */
export function isLogEvent(v: unknown): v is LogEvent {
  if (!isObj(v) || typeof v.durationMs !== 'number') return false;
  for (const key of compactTextKeys) if (!isText(v[key], MAX_TEXT)) return false;
  return true;
}

function isStrings(v: unknown): v is LogsWorkbenchStrings {
  return isObj(v) && logsWorkbenchStringKeys.every((k) => isText(v[k], 2000));
}

const queryStates: readonly QueryState[] = ['loading', 'paused', 'done', 'cancelled', 'failed'];

function parseResult(v: unknown): ResponseResult | undefined {
  if (!isObj(v)) return undefined;
  if (v.kind === 'query' && isInt(v.queryId, 1, Number.MAX_SAFE_INTEGER)) return { kind: 'query', queryId: v.queryId };
  if (v.kind === 'done') return { kind: 'done' };
  if (v.kind === 'superseded') return { kind: 'superseded' };
  if (v.kind === 'details' && hasOnly(v, ['kind', 'event']) && (v.event === undefined || isLogEventDetails(v.event))) return v.event === undefined ? { kind: 'details' } : { kind: 'details', event: v.event };
  if (v.kind === 'exported' && typeof v.saved === 'boolean' && isInt(v.count, 0, Number.MAX_SAFE_INTEGER)) return { kind: 'exported', saved: v.saved, count: v.count };
  return undefined;
}

/** Narrows a message received from the host (the webview checks before acting too). */
export function parseLogsHostMessage(value: unknown): LogsHostMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'init': {
      const scope = parseLogsScope(value.scope);
      const filters = value.filters === undefined ? undefined : parseLogsFilters(value.filters);
      if (!scope || !isStrings(value.strings) || !isText(value.scopeLabel, 1000) || (value.filters !== undefined && !filters) || !isInt(value.pageCap, 1, 1_000_000)) return undefined;
      if (typeof value.language !== 'string' || !/^[A-Za-z-]{0,35}$/.test(value.language)) return undefined;
      if (value.override !== undefined && typeof value.override !== 'boolean') return undefined;
      return { type: 'init', strings: value.strings, scope, scopeLabel: value.scopeLabel, pageCap: value.pageCap, language: value.language, ...(filters ? { filters } : {}), ...(value.override ? { override: true } : {}) };
    }
    case 'results': {
      if (!isInt(value.queryId, 1, Number.MAX_SAFE_INTEGER) || !isInt(value.total, 0, Number.MAX_SAFE_INTEGER) || !isOneOf(value.state, queryStates)) return undefined;
      if (!isList(value.events, isLogEvent, MAX_EVENTS_PER_MESSAGE) || !optional(value.error, (x): x is string => isText(x))) return undefined;
      return { type: 'results', queryId: value.queryId, events: value.events, total: value.total, state: value.state, ...(typeof value.error === 'string' ? { error: value.error } : {}) };
    }
    case 'response': {
      if (!isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER)) return undefined;
      if (value.ok === false && isText(value.error)) return { type: 'response', requestId: value.requestId, ok: false, error: value.error };
      const result = value.ok === true ? parseResult(value.result) : undefined;
      return result ? { type: 'response', requestId: value.requestId, ok: true, result } : undefined;
    }
    default:
      return undefined;
  }
}
