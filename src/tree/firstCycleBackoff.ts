/**
 * How often the tree re-reads an app whose jobs were turned on but have not begun their first cycle.
 * The service starts that cycle within minutes, or only at the next scheduled slot (about 40 min),
 * so such an app is re-read at every pass for a while and then only now and then; an app with a
 * cycle actually under way is always re-read.
 */
export class FirstCycleBackoff {
  private readonly waiting = new Map<string, { since: number; lastRead: number }>();

  constructor(
    private readonly everyPassForMs = 2 * 60_000,
    private readonly thenEveryMs = 60_000,
  ) {}

  /**
   * Whether to re-read the app `key` in the pass at `now`; `onlyAwaitingFirstCycle` says that none of
   * its jobs is mid-cycle, they are all just waiting for their first one.
   */
  due(key: string, onlyAwaitingFirstCycle: boolean, now: number): boolean {
    if (!onlyAwaitingFirstCycle) {
      this.waiting.delete(key);
      return true;
    }
    const entry = this.waiting.get(key);
    if (!entry) {
      this.waiting.set(key, { since: now, lastRead: now });
      return true;
    }
    if (now - entry.since < this.everyPassForMs || now - entry.lastRead >= this.thenEveryMs) {
      entry.lastRead = now;
      return true;
    }
    return false;
  }

  /** Forgets apps that no longer wait, so a job turned on again later is followed closely again. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.waiting.keys()) if (!keys.has(key)) this.waiting.delete(key);
  }
}
