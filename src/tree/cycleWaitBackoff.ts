/** What an app's jobs are waiting for: the first cycle after being turned on, or a scheduled one that is due. */
export type CycleWait = 'first' | 'scheduled';

/**
 * How often the tree re-reads an app whose jobs are only waiting for a cycle to begin. The service
 * starts the first cycle within minutes of a job being turned on, so that app is re-read at every
 * pass for two minutes; a scheduled cycle, or a first one that is late, is looked for once a minute,
 * and after half an hour every five minutes. An app with a cycle actually under way is always re-read.
 */
export class CycleWaitBackoff {
  private readonly waiting = new Map<string, { wait: CycleWait; since: number; lastRead: number }>();

  constructor(
    private readonly everyPassForMs = 2 * 60_000,
    private readonly minutelyForMs = 30 * 60_000,
  ) {}

  /** Whether to re-read the app `key` in the pass at `now`; `wait` is undefined when a cycle is under way. */
  due(key: string, wait: CycleWait | undefined, now: number): boolean {
    if (!wait) {
      this.waiting.delete(key);
      return true;
    }
    const entry = this.waiting.get(key);
    // Waiting for something else than before (a first cycle, then a scheduled one): a new wait.
    if (!entry || entry.wait !== wait) {
      this.waiting.set(key, { wait, since: now, lastRead: now });
      return true;
    }
    const waited = now - entry.since;
    const gap = wait === 'first' && waited < this.everyPassForMs ? 0 : waited < this.minutelyForMs ? 60_000 : 5 * 60_000;
    if (now - entry.lastRead < gap) return false;
    entry.lastRead = now;
    return true;
  }

  /** Forgets apps that no longer wait, so the next wait is followed closely again. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.waiting.keys()) if (!keys.has(key)) this.waiting.delete(key);
  }
}
