import type { ProvisioningObjectSummary } from '@microsoft/microsoft-graph-types';
import type { GraphCaller, Page } from './graphCaller';
import { odataString, paths, query } from './paths';
import { Access } from './permissions';

export interface LogQuery {
  readonly jobId?: string;
  readonly servicePrincipalId?: string;
  /** Only events strictly after this instant (ISO 8601). */
  readonly after?: string;
  readonly top?: number;
  /** Continue from a previous page. */
  readonly nextLink?: string;
  readonly signal?: AbortSignal;
}

/** Builds the documented `$filter` for provisioning logs (filters are case-sensitive). */
export function provisioningLogFilter(q: Pick<LogQuery, 'jobId' | 'servicePrincipalId' | 'after'>): string | undefined {
  const clauses: string[] = [];
  if (q.jobId) clauses.push(`jobId eq ${odataString(q.jobId)}`);
  if (q.servicePrincipalId) clauses.push(`servicePrincipal/id eq ${odataString(q.servicePrincipalId)}`);
  if (q.after) clauses.push(`activityDateTime gt ${q.after}`);
  return clauses.length ? clauses.join(' and ') : undefined;
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
