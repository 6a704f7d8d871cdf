import type { ProvisioningObjectSummary, User } from '@microsoft/microsoft-graph-types';
import { LOG_QUERY_CAP, toLogEvent, type LogEvent, type LogServerFilter } from '../shared/provisioningLogs';
import type { GraphCaller, Page } from './graphCaller';
import { odataString, paths, query } from './paths';
import { Access } from './permissions';

export interface LogQuery extends LogServerFilter {
  /** Only events strictly after this instant (ISO 8601). */
  readonly after?: string;
  readonly top?: number;
  /** Continue from a previous page. */
  readonly nextLink?: string;
  readonly signal?: AbortSignal;
}

/** Whether a user value is a user principal name rather than an object id. */
export function looksLikeUserPrincipalName(user: string): boolean {
  return user.includes('@');
}

function anyOf(property: string, values: string | readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  const list = [...new Set(typeof values === 'string' ? [values] : values)];
  if (list.length === 0) return undefined;
  const clauses = list.map((v) => `${property} eq ${odataString(v)}`);
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' or ')})`;
}

/**
 * The user clause. provisioningObjectSummary has no user principal name of its own; what Graph lets
 * a filter reach are the source and target identities' `id`, `displayName` and `identityType` (eq,
 * contains: https://learn.microsoft.com/graph/api/resources/provisionedidentity?view=graph-rest-beta,
 * the same type in v1.0). So an id is matched as the source's or the target's id (outbound, the
 * Entra object id is the source; inbound from HR, the target), and a user principal name as the
 * object ids it stands for (read by the caller, `GET /users/{userPrincipalName}`) plus the target's
 * display name, which is what SCIM apps usually report (their `userName`, mapped from the UPN).
 */
function userClause(user: string | undefined, objectIds: readonly string[] | undefined): string | undefined {
  const ids = new Set<string>(objectIds ?? []);
  const clauses: string[] = [];
  if (user !== undefined && user !== '') {
    if (looksLikeUserPrincipalName(user)) clauses.push(`targetIdentity/displayName eq ${odataString(user)}`);
    else ids.add(user);
  }
  for (const id of ids) clauses.push(`sourceIdentity/id eq ${odataString(id)}`, `targetIdentity/id eq ${odataString(id)}`);
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' or ')})`;
}

/**
 * Builds the documented `$filter` for provisioning logs (filters are case-sensitive; property names
 * and enum values as in the v1.0 metadata and
 * https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary?view=graph-rest-1.0).
 * Clauses are joined with `and`; a list of statuses or actions, and the user's alternatives, with
 * `or` in parentheses. The date range is inclusive, `after` exclusive.
 */
export function provisioningLogFilter(q: Omit<LogQuery, 'top' | 'nextLink' | 'signal'>): string | undefined {
  const clauses: (string | undefined)[] = [
    q.jobId ? `jobId eq ${odataString(q.jobId)}` : undefined,
    q.servicePrincipalId ? `servicePrincipal/id eq ${odataString(q.servicePrincipalId)}` : undefined,
    q.cycleId ? `cycleId eq ${odataString(q.cycleId)}` : undefined,
    userClause(q.user, q.userObjectIds),
    anyOf('provisioningStatusInfo/status', q.status),
    anyOf('provisioningAction', q.action),
    // DateTimeOffset literals are written bare (no quotes), in the normalised UTC form.
    // Inclusive ends, written with the `gt`/`lt` the resource page documents for activityDateTime
    // (it lists no `ge`/`le`): one millisecond outside each end.
    q.from ? `activityDateTime gt ${odataDateTime(q.from, -1)}` : undefined,
    q.to ? `activityDateTime lt ${odataDateTime(q.to, 1)}` : undefined,
    // `after` is a time Graph gave (up to 7 fraction digits): kept as given so no entry comes twice.
    q.after ? `activityDateTime gt ${q.after}` : undefined,
  ];
  const given = clauses.filter((c): c is string => c !== undefined);
  return given.length ? given.join(' and ') : undefined;
}

/** An instant as an OData DateTimeOffset literal (UTC, `toISOString()` form); throws on a non-date. */
export function odataDateTime(value: string, shiftMs = 0): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date and time: ${value}`);
  return new Date(ms + shiftMs).toISOString();
}

/** One page of a logs query, projected. */
export interface LogEventPage {
  readonly items: LogEvent[];
  /** Pass back to read the next page; absent on the last. */
  readonly nextLink?: string;
}

/** Provisioning logs (`/auditLogs/provisioning`). */
export class LogsApi {
  constructor(private readonly graph: GraphCaller) {}

  page(q: LogQuery): Promise<Page<ProvisioningObjectSummary>> {
    const call = { operation: 'read provisioning logs', access: Access.readLogs, signal: q.signal };
    if (q.nextLink) return this.graph.page(q.nextLink, call);
    return this.graph.page(paths.provisioningLogs + query({ $filter: provisioningLogFilter(q), $top: q.top }), call);
  }

  /**
   * The object ids a user principal name stands for in this tenant (none when no user has it), for
   * LogQuery.userObjectIds. Graph reads a user by its UPN in place of the id:
   * https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0
   */
  async userObjectIds(userPrincipalName: string, signal?: AbortSignal): Promise<string[]> {
    try {
      const user = await this.graph.get<User>(`${paths.users}/${encodeURIComponent(userPrincipalName)}${query({ $select: 'id' })}`, {
        operation: 'find the user', access: Access.readLogs, signal,
      });
      return user.id ? [user.id] : [];
    } catch (e) {
      if ((e as { kind?: string }).kind === 'notFound') return [];
      throw e;
    }
  }

  /**
   * One page of a logs query as LogEvents: the first when `nextLink` is absent (a user principal
   * name in `q.user` is looked up first unless `q.userObjectIds` is given), else the page it names.
   * What the logs workbench pages through.
   */
  async queryPage(q: LogQuery, nextLink?: string, signal?: AbortSignal): Promise<LogEventPage> {
    const sig = signal ?? q.signal;
    let resolved = q;
    if (!nextLink && q.user && q.userObjectIds === undefined && looksLikeUserPrincipalName(q.user)) {
      resolved = { ...q, userObjectIds: await this.userObjectIds(q.user, sig) };
    }
    const page = nextLink ? await this.page({ nextLink, signal: sig }) : await this.page({ ...resolved, top: q.top ?? 1000, signal: sig });
    return { items: page.items.map(toLogEvent), nextLink: page.nextLink };
  }

  /**
   * Every event of a query, newest first, following `@odata.nextLink` up to `cap` events;
   * `truncated` says there were more.
   */
  async query(q: LogQuery, options: { cap?: number; signal?: AbortSignal; onPage?: (loaded: number) => void } = {}): Promise<{ items: LogEvent[]; truncated: boolean }> {
    const cap = options.cap ?? LOG_QUERY_CAP;
    const items: LogEvent[] = [];
    let page = await this.queryPage({ ...q, top: q.top ?? Math.min(1000, cap) }, undefined, options.signal);
    for (;;) {
      const room = cap - items.length;
      for (let i = 0; i < page.items.length && i < room; i++) items.push(page.items[i]);
      options.onPage?.(items.length);
      if (page.items.length > room) return { items, truncated: true };
      if (!page.nextLink) return { items, truncated: false };
      // At the cap with a next page announced: counted as more (Graph rarely links to an empty page).
      if (items.length >= cap) return { items, truncated: true };
      page = await this.queryPage(q, page.nextLink, options.signal);
    }
  }

  /**
   * The last `n` entries of a job, newest first (Graph's order), following `@odata.nextLink` when a
   * page holds fewer.
   */
  async recent(servicePrincipalId: string, jobId: string, n: number, options: { signal?: AbortSignal; pageSize?: number } = {}): Promise<ProvisioningObjectSummary[]> {
    const events: ProvisioningObjectSummary[] = [];
    let page = await this.page({ servicePrincipalId, jobId, top: Math.max(1, Math.min(n, options.pageSize ?? 1000)), signal: options.signal });
    for (;;) {
      events.push(...page.items);
      if (events.length >= n || !page.nextLink) break;
      page = await this.page({ nextLink: page.nextLink, signal: options.signal });
    }
    return events.slice(0, n);
  }

  /** One entry by id, or undefined when the logs no longer hold it. */
  async event(eventId: string, signal?: AbortSignal): Promise<ProvisioningObjectSummary | undefined> {
    const page = await this.graph.page<ProvisioningObjectSummary>(paths.provisioningLogs + query({ $filter: `id eq ${odataString(eventId)}`, $top: 1 }), {
      operation: 'read the provisioning event',
      access: Access.readLogs,
      signal,
    });
    return page.items.find((e) => e.id === eventId);
  }
}
