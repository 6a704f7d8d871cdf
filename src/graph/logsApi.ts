import type { ProvisioningObjectSummary } from '@microsoft/microsoft-graph-types';
import type { GraphCaller, Page } from './graphCaller';
import { odataString, paths, query } from './paths';
import { Permission } from './permissions';

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
    const call = { operation: 'read provisioning logs', permission: Permission.readLogs, signal: q.signal };
    if (q.nextLink) return this.graph.page(q.nextLink, call);
    return this.graph.page(paths.provisioningLogs + query({ $filter: provisioningLogFilter(q), $top: q.top }), call);
  }
}
