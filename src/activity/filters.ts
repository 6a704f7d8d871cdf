import { isOnDemand } from '../shared/provisioningEvents';
import type { ActivityEvent } from './types';
import { eventAction, eventStatus } from './types';

/** Statuses and actions hidden from the stream (compared case-insensitively). */
export interface ActivityFilter {
  readonly hideStatuses: readonly string[];
  readonly hideActions: readonly string[];
}

/** The statuses and actions Graph reports, offered when choosing what to hide. */
export const KNOWN_STATUSES = ['success', 'warning', 'failure', 'skipped'] as const;
export const KNOWN_ACTIONS = ['create', 'update', 'disable', 'delete', 'stagedDelete', 'other'] as const;

/** Default: hide "skipped", the out-of-scope noise that floods real tenants. */
export const DEFAULT_FILTER: ActivityFilter = { hideStatuses: ['skipped'], hideActions: [] };

/**
 * Whether an event is shown under a filter. Provisioning on demand is always shown: someone asked for
 * that one user, and its answer is often "skipped" (nothing to change), which the default hides.
 */
export function passesFilter(filter: ActivityFilter, event: ActivityEvent): boolean {
  if (isOnDemand(event)) return true;
  const status = eventStatus(event);
  const action = eventAction(event);
  return !filter.hideStatuses.some((s) => s.toLowerCase() === status) && !filter.hideActions.some((a) => a.toLowerCase() === action);
}
