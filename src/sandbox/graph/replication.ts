import { notFound } from '../http/graphError';
import type { GraphError } from '../http/graphError';

/** The replication delay the CLI, and a sandbox started without the option, use (seconds). */
export const DEFAULT_REPLICATION_DELAY_SECONDS = 3;

/**
 * Directory replication: an object written through Graph lands on one replica and reaches the
 * others later, so for a while a read elsewhere does not find it (Microsoft's on-demand provisioning
 * article, MicrosoftDocs/entra-docs docs/identity/app-provisioning/provision-on-demand.md, warns of
 * "a replication delay of up to a few minutes" after an assignment). The sandbox hides the objects
 * issue 18 names (instantiated apps, their service principals, app role assignments) from other
 * requests for the configured delay; its own engine reads the store directly and sees them at once.
 */
export class Replication {
  private readonly visibleAt = new Map<string, number>();

  /** @param delayMs How long a written object stays unseen; 0 turns replication off. */
  constructor(private readonly delayMs: number, private readonly now: () => number = Date.now) {}

  /** Notes that objects were just written (by id); other requests will not see them for the delay. */
  written(...ids: string[]): void {
    if (this.delayMs <= 0) return;
    const at = this.now() + this.delayMs;
    for (const id of ids) this.visibleAt.set(id, at);
  }

  /** Makes everything written so far visible now (a test hook, like the engine's `runCycleNow`). */
  catchUp(): void {
    this.visibleAt.clear();
  }

  /** Whether other requests see the object yet (objects not written through Graph always). */
  visible(id: string): boolean {
    const at = this.visibleAt.get(id);
    if (at === undefined) return true;
    if (this.now() < at) return false;
    this.visibleAt.delete(id);
    return true;
  }
}

/** Graph's answer for a directory object id it does not find. */
export function directoryObjectNotFound(id: string): GraphError {
  return notFound(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
