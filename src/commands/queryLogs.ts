import * as vscode from 'vscode';
import type { LogQuery } from '../graph/logsApi';
import { UserFacingError } from '../shared/errors';
import { groupLogs, LOG_ACTIONS, LOG_QUERY_CAP, LOG_GROUP_BYS, LOG_STATUSES, type LogEvent, type LogGroup, type LogGroupBy } from '../shared/provisioningLogs';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** The arguments of `entraProvisioning.queryLogs` (a public contract). */
export interface QueryLogsArgs {
  readonly servicePrincipalId?: string;
  readonly jobId?: string;
  readonly user?: string;
  readonly from?: string;
  readonly to?: string;
  readonly status?: string;
  readonly action?: string;
  readonly cycleId?: string;
  readonly groupBy?: LogGroupBy;
  readonly connectionId?: string;
}

/** What `entraProvisioning.queryLogs` answers (a public contract). */
export interface QueryLogsResult {
  /** Newest first, at most LOG_QUERY_CAP (10,000). */
  readonly items: LogEvent[];
  /** With `groupBy`: the groups, their `indexes` pointing into `items`. */
  readonly groups?: LogGroup[];
}

const KNOWN = ['servicePrincipalId', 'jobId', 'user', 'from', 'to', 'status', 'action', 'cycleId', 'groupBy', 'connectionId'] as const;

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UserFacingError(vscode.l10n.t('{0} must be one of {1} (got {2}).', name, allowed.join(', '), JSON.stringify(value) ?? String(value)));
  }
  return value as T;
}

const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date and time as a UTC instant. A time without an offset is UTC, as a date
 * alone is (JavaScript would read it in the extension host's zone). As the end of a range (`end`),
 * the whole unit written is included: all of a day, all of a minute, all of a second.
 */
function instant(name: string, value: string | undefined, end = false): string | undefined {
  if (value === undefined) return undefined;
  // ISO 8601 only: Date.parse also takes forms like "1/2/2026" whose meaning depends on the reader.
  const m = ISO_8601.exec(value);
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ''}${m[5] ?? 'Z'}`) : NaN;
  if (Number.isNaN(ms)) throw new UserFacingError(vscode.l10n.t('{0} must be an ISO 8601 date or date and time, such as 2026-01-31 or 2026-01-31T08:00:00Z (got {1}).', name, JSON.stringify(value)));
  const rest = !end || !m ? 0 : !m[2] ? 86_400_000 - 1 : !m[3] ? 59_999 : !m[4] ? 999 : 0;
  return new Date(ms + rest).toISOString();
}

/** Checks the arguments strictly: unknown names, wrong types, unparseable dates and unknown values fail with a sentence. */
export function parseQueryLogsArgs(arg: unknown): QueryLogsArgs & { fromIso?: string; toIso?: string } {
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== 'object' || Array.isArray(arg)) throw new UserFacingError(vscode.l10n.t('queryLogs takes one object of arguments, such as {0}.', '{ "jobId": "…", "groupBy": "cycle" }'));
  const a = arg as Record<string, unknown>;
  const unknown = Object.keys(a).filter((k) => !(KNOWN as readonly string[]).includes(k));
  if (unknown.length) throw new UserFacingError(vscode.l10n.t('Unknown argument {0}; queryLogs takes {1}.', unknown.join(', '), KNOWN.join(', ')));
  for (const k of ['servicePrincipalId', 'jobId', 'user', 'from', 'to', 'cycleId', 'connectionId'] as const) {
    const v = a[k];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) throw new UserFacingError(vscode.l10n.t('{0} must be a non-empty string.', k));
  }
  const s = (k: string) => (a[k] === undefined ? undefined : (a[k] as string).trim());
  const fromIso = instant('from', s('from'));
  const toIso = instant('to', s('to'), true);
  if (fromIso && toIso && fromIso > toIso) throw new UserFacingError(vscode.l10n.t('from ({0}) is later than to ({1}).', fromIso, toIso));
  return {
    servicePrincipalId: s('servicePrincipalId'),
    jobId: s('jobId'),
    user: s('user'),
    from: s('from'),
    to: s('to'),
    status: oneOf('status', a.status, LOG_STATUSES),
    action: oneOf('action', a.action, LOG_ACTIONS),
    cycleId: s('cycleId'),
    groupBy: oneOf('groupBy', a.groupBy, LOG_GROUP_BYS),
    connectionId: s('connectionId'),
    fromIso,
    toIso,
  };
}

/**
 * Reads provisioning logs with server-side filters (user by source or target id or user principal
 * name, date range, status, action, job, app, cycle), following Graph's pages up to 10,000 events,
 * and groups them by cycle, error code or user when asked. Public contract:
 * `{ servicePrincipalId?, jobId?, user?, from?, to?, status?, action?, cycleId?, groupBy?, connectionId? }`
 * → `{ items, groups? }`.
 */
export async function queryLogs(services: Services, context: CommandContext, arg?: unknown): Promise<QueryLogsResult> {
  const args = parseQueryLogsArgs(arg);
  const service = await services.graph.service(services.graph.connection(args.connectionId).id);
  const query: LogQuery = {
    servicePrincipalId: args.servicePrincipalId,
    jobId: args.jobId,
    user: args.user,
    from: args.fromIso,
    to: args.toIso,
    status: args.status as LogQuery['status'],
    action: args.action as LogQuery['action'],
    cycleId: args.cycleId,
  };
  context.report(vscode.l10n.t('Reading provisioning logs…'));
  const { items, truncated } = await service.logs.query(query, {
    cap: LOG_QUERY_CAP,
    signal: context.signal,
    onPage: (n) => context.report(vscode.l10n.t('Reading provisioning logs… {0} so far', n)),
  });
  if (truncated) services.logger.warn(`[logs] queryLogs stopped at ${LOG_QUERY_CAP} events; narrow the filters to see the rest`);
  return args.groupBy ? { items, groups: groupLogs(items, args.groupBy) } : { items };
}
