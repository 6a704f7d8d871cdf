/**
 * How often the tree re-reads an app whose jobs are only waiting for a cycle to begin: the first one
 * after being turned on, or a scheduled one whose time has come. The service starts it within
 * minutes, or later than expected, so such an app is re-read at every pass for a while, then once a
 * minute, then every five minutes. An app with a cycle actually under way is always re-read.
 */
export class CycleWaitBackoff {
  private readonly waiting = new Map<string, { since: number; lastRead: number }>();

  constructor(
    private readonly everyPassForMs = 2 * 60_000,
    private readonly minutelyForMs = 30 * 60_000,
  ) {}

  /**
   * Whether to re-read the app `key` in the pass at `now`; `onlyWaiting` says that none of its jobs
   * is mid-cycle, they are all just waiting for one to begin.
   */
  due(key: string, onlyWaiting: boolean, now: number): boolean {
    if (!onlyWaiting) {
      this.waiting.delete(key);
      return true;
    }
    const entry = this.waiting.get(key);
    if (!entry) {
      this.waiting.set(key, { since: now, lastRead: now });
      return true;
    }
    const waited = now - entry.since;
    const gap = waited < this.everyPassForMs ? 0 : waited < this.minutelyForMs ? 60_000 : 5 * 60_000;
    if (now - entry.lastRead < gap) return false;
    entry.lastRead = now;
    return true;
  }

  /** Forgets apps that no longer wait, so the next wait is followed closely again. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.waiting.keys()) if (!keys.has(key)) this.waiting.delete(key);
  }
}
