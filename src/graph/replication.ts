import { ProvisioningApiError } from './errors';
import { sleep } from './sleep';

// Microsoft Entra ID replicates a new directory object (an app added from the gallery, its service
// principal, an app role assignment) between its replicas over seconds to minutes; until then other
// requests may be answered 404 for an object that exists (Graph's best practices count 404 among the
// expected errors for resources "not yet provisioned": concepts/best-practices-concept.md, "Handling
// expected errors", in microsoftgraph/microsoft-graph-docs-contrib). This module remembers what we
// created and retries a not-found that names it, with backoff, for a bounded time. Objects of the
// provisioning service itself (jobs) are readable at once and need none.

/** How long after creating an object a not-found that mentions it is put down to replication. */
export const REPLICATION_WINDOW_MS = 10 * 60_000;
/** How long one call keeps retrying before it gives up with a clear message. */
export const DEFAULT_REPLICATION_BUDGET_MS = 90_000;
const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 8_000;

/** The ids of directory objects this connection created lately. */
export class RecentlyCreated {
  private readonly createdAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  note(...ids: ReadonlyArray<string | null | undefined>): void {
    const at = this.now();
    for (const [id, time] of this.createdAt) if (at - time > REPLICATION_WINDOW_MS) this.createdAt.delete(id);
    for (const id of ids) if (id) this.createdAt.set(id.toLowerCase(), at);
  }

  /** Whether a request path names an object created within the replication window. */
  mentionedIn(path: string): boolean {
    if (this.createdAt.size === 0) return false;
    const lower = decodeURIComponent(path).toLowerCase();
    const at = this.now();
    for (const [id, time] of this.createdAt) if (at - time <= REPLICATION_WINDOW_MS && lower.includes(id)) return true;
    return false;
  }
}

export interface ReplicationWaitOptions {
  readonly signal?: AbortSignal;
  /** Total time to keep trying, in ms. */
  readonly budgetMs?: number;
  /** Called before each wait, with the time waited so far (for progress and the log). */
  readonly onWait?: (waitedMs: number) => void;
  /** What is awaited, for the final message ("the new app"). */
  readonly what: string;
}

/**
 * Runs `attempt` until it no longer fails with not-found, waiting 0.5 s, 1 s, 2 s ... (at most 8 s)
 * between tries. After the budget, the not-found becomes a `notReplicated` error that says what to do.
 */
export async function retryWhileReplicating<T>(attempt: () => Promise<T>, options: ReplicationWaitOptions): Promise<T> {
  const budget = options.budgetMs ?? DEFAULT_REPLICATION_BUDGET_MS;
  let waited = 0;
  let wait = FIRST_WAIT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ProvisioningApiError) || error.kind !== 'notFound') throw error;
      if (waited + wait > budget) {
        throw new ProvisioningApiError(
          'notReplicated',
          `Microsoft Entra had not finished replicating ${options.what} after ${Math.round(waited / 1000)} s. It usually takes under a minute: try again shortly.`,
          { status: error.status, code: error.code, requestId: error.requestId, cause: error },
        );
      }
      options.onWait?.(waited);
      await sleep(wait, options.signal);
      waited += wait;
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  }
}
