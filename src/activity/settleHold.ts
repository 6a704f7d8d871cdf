/**
 * Holds stream items until later ones can no longer overtake them. Provisioning log entries reach
 * Graph some time after they happen, not in the order they happened, so showing each as soon as it
 * is read would print a later action above an earlier one, and a cycle's "finished" line above its
 * last entries. An item is released once it is older than twice the longest ingestion delay seen
 * lately; released items come out ordered by time. An entry later than that still shows when it
 * arrives (nothing is dropped), just out of order.
 */
export interface SettleHoldOptions {
  /** Hold used until a delay has been measured. */
  readonly initialHoldMs: number;
  /** The hold never grows beyond this, however late an entry came. */
  readonly maxHoldMs: number;
  readonly now?: () => number;
}

/** How many recent delays the hold is the maximum of: one very late entry ages out after this many. */
const DELAYS_KEPT = 100;
/** Delays seen before the measured hold replaces the initial one. */
const TRUSTED_AFTER = 10;

interface Held<T> {
  readonly item: T;
  readonly time: number;
  /** Ties at one time: lower first (log entries before the cycle line that closes them). */
  readonly rank: number;
  readonly seq: number;
}

export class SettleHold<T> {
  private held: Array<Held<T>> = [];
  private readonly delays: number[] = [];
  private seq = 0;
  private readonly now: () => number;

  constructor(private readonly options: SettleHoldOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * How long items are held now, in ms: twice the longest delay seen lately, since the few delays
   * seen so far rarely include the longest there will be; and no less than the initial hold until
   * enough delays have been seen to go by.
   */
  get holdMs(): number {
    const seen = this.delays.length ? 2 * Math.max(...this.delays) : 0;
    const floor = this.delays.length < TRUSTED_AFTER ? this.options.initialHoldMs : 0;
    return Math.min(Math.max(seen, floor), this.options.maxHoldMs);
  }

  get size(): number {
    return this.held.length;
  }

  /**
   * Records how late an item was when first read (read time minus its own time): an upper bound of
   * its ingestion delay, since it may have been readable since the previous poll.
   */
  observeDelay(ms: number): void {
    if (!Number.isFinite(ms)) return;
    this.delays.push(Math.max(0, ms));
    if (this.delays.length > DELAYS_KEPT) this.delays.shift();
  }

  add(item: T, time: number, rank = 0): void {
    this.held.push({ item, time: Number.isFinite(time) ? time : this.now(), rank, seq: this.seq++ });
  }

  /** The items old enough to be shown, oldest first; the rest stay held. */
  release(): T[] {
    const cutoff = this.now() - this.holdMs;
    return this.take((h) => h.time <= cutoff);
  }

  /** Every held item, oldest first (when the stream stops: nothing read is lost). */
  flush(): T[] {
    return this.take(() => true);
  }

  private take(ready: (h: Held<T>) => boolean): T[] {
    const out = this.held.filter(ready);
    if (out.length === 0) return [];
    this.held = this.held.filter((h) => !ready(h));
    out.sort((a, b) => a.time - b.time || a.rank - b.rank || a.seq - b.seq);
    return out.map((h) => h.item);
  }
}
