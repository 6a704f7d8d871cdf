import type { ProvisioningService } from '../graph/provisioningService';
import { englishWords, formatEvent, type ActivityLine, type ActivityWords } from './formatter';
import type { ActivityEvent } from './types';
import { isFailure } from './types';

/** One entry of a job's recent activity, ready for a tree node. */
export interface RecentActivity {
  readonly event: ActivityEvent;
  /** Failures are highlighted. */
  readonly failed: boolean;
  /** The stream's one-line summary of the event. */
  readonly line: ActivityLine;
}

/**
 * The last `n` provisioning log entries of a job, newest first (Graph's order), following
 * `@odata.nextLink` when a page holds fewer. For the tree's "recent activity" node.
 */
export async function recentEvents(
  service: Pick<ProvisioningService, 'logs'>,
  servicePrincipalId: string,
  jobId: string,
  n: number,
  options: { signal?: AbortSignal; words?: ActivityWords; pageSize?: number } = {},
): Promise<RecentActivity[]> {
  const events: ActivityEvent[] = [];
  let page = await service.logs.page({ servicePrincipalId, jobId, top: Math.max(1, Math.min(n, options.pageSize ?? 1000)), signal: options.signal });
  for (;;) {
    events.push(...page.items);
    if (events.length >= n || !page.nextLink) break;
    page = await service.logs.page({ nextLink: page.nextLink, signal: options.signal });
  }
  return events.slice(0, n).map((event) => ({ event, failed: isFailure(event), line: formatEvent(event, options.words ?? englishWords) }));
}
