import type { ProvisioningObjectSummary } from '@microsoft/microsoft-graph-types';
import type { LogQuery, Page } from '../graph';

/** One provisioning log entry, as Graph returns it. */
export type ActivityEvent = ProvisioningObjectSummary;

/** What a stream covers: one job, one app (all its jobs), or every job in the tenant. */
export type ActivityScope =
  | { readonly kind: 'job'; readonly servicePrincipalId: string; readonly jobId: string }
  | { readonly kind: 'app'; readonly servicePrincipalId: string }
  | { readonly kind: 'tenant' };

/** The part of `ProvisioningService.logs` the poller needs (a structural type keeps this folder off the Graph runtime). */
export interface LogSource {
  page(query: LogQuery): Promise<Page<ActivityEvent>>;
}

/** A stable key for a scope, e.g. `job/<spId>/<jobId>`. */
export function scopeKey(scope: ActivityScope): string {
  switch (scope.kind) {
    case 'job':
      return `job/${scope.servicePrincipalId}/${scope.jobId}`;
    case 'app':
      return `app/${scope.servicePrincipalId}`;
    case 'tenant':
      return 'tenant';
  }
}

/** The log filter of a scope. */
export function scopeQuery(scope: ActivityScope): { jobId?: string; servicePrincipalId?: string } {
  switch (scope.kind) {
    case 'job':
      return { jobId: scope.jobId, servicePrincipalId: scope.servicePrincipalId };
    case 'app':
      return { servicePrincipalId: scope.servicePrincipalId };
    case 'tenant':
      return {};
  }
}

/** Milliseconds since the epoch of an event's `activityDateTime`, or NaN when it has none. */
export function eventTime(event: ActivityEvent): number {
  return event.activityDateTime ? Date.parse(event.activityDateTime) : Number.NaN;
}

/** The event's status in lower case (`success`, `warning`, `failure`, `skipped`), compared case-insensitively as Graph's casing drifts. */
export function eventStatus(event: ActivityEvent): string {
  return String(event.provisioningStatusInfo?.status ?? 'unknown').toLowerCase();
}

/** The event's action in lower case (`create`, `update`, `delete`, `disable`, `other`, `stageddelete`). */
export function eventAction(event: ActivityEvent): string {
  return String(event.provisioningAction ?? 'unknown').toLowerCase();
}

/** True for events whose status is failure (highlighted in the tree and logged as errors). */
export function isFailure(event: ActivityEvent): boolean {
  return eventStatus(event) === 'failure';
}
