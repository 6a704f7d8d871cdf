import type { Page } from '../graph/graphCaller';
import { isFatal } from './backoffLoop';
import type { ActivityEvent, LogSource } from './types';
import { eventTime } from './types';

/** How far back a full poll re-reads: events may show up in the logs well after their `activityDateTime`. */
export const DEFAULT_OVERLAP_MS = 180_000;
/** Every how many polls the whole overlap window is re-read (the others read only after the watermark). */
export const DEFAULT_FULL_WINDOW_EVERY = 6;
/** Page size asked of Graph; the poller follows `@odata.nextLink` for the rest. */
export const DEFAULT_PAGE_SIZE = 200;

export interface LogPollerOptions {
  readonly logs: LogSource;
  /** Log filter: a job, an app, or neither (every job in the tenant). */
  readonly filter: { readonly jobId?: string; readonly servicePrincipalId?: string };
  /** Initial watermark (ms since the epoch); the first poll returns events after `startAt - overlapMs`. */
  readonly startAt: number;
  readonly overlapMs?: number;
  /** 1 re-reads the window on every poll; more trades how soon a late event shows for fewer pages. */
  readonly fullWindowEvery?: number;
  readonly pageSize?: number;
  /**
   * How far before the watermark a quick poll reads, in ms: entries reach the log late and not in
   * order, so one older than the newest seen may still arrive (default: 1 ms).
   */
  readonly lateByMs?: () => number;
}

/**
 * Reads new provisioning log entries, each exactly once. The watermark is the newest
 * `activityDateTime` seen (the server's clock, so a skewed local clock only matters for the first
 * poll). Most polls ask for what came after the watermark; every few polls, and first, a poll asks
 * for the whole overlap window before it, so entries written late are not skipped. Ids already
 * returned are dropped (overlapping entries are not repeated) and forgotten once older than the
 * window, so memory is bounded by the window, not the stream. Re-reading the window on every poll
 * would be simpler, but on a busy tenant it costs as many pages as the window holds, each time.
 */
export class ActivityLogPoller {
  private watermark: number;
  /** Returned ids and their times, kept while a poll could still return them. */
  private readonly seen = new Map<string, number>();
  /** A poll interrupted after its first page: what it read and where it stopped. */
  private pending: { fresh: Map<string, ActivityEvent>; nextLink: string } | undefined;
  readonly overlapMs: number;
  readonly pageSize: number;
  private readonly fullWindowEvery: number;
  /** Polls completed, to know when the next full-window poll is due. */
  private polls = 0;

  constructor(private readonly options: LogPollerOptions) {
    this.watermark = options.startAt;
    this.overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.fullWindowEvery = Math.max(1, Math.floor(options.fullWindowEvery ?? DEFAULT_FULL_WINDOW_EVERY));
  }

  /** Ids remembered for de-duplication (bounded by the overlap window). */
  get rememberedIds(): number {
    return this.seen.size;
  }

  /** The newest event time seen, in ms (the start time until an event arrives). */
  get watermarkMs(): number {
    return this.watermark;
  }

  /**
   * One poll: every page of events in the window, minus those already returned, oldest first.
   * Nothing is marked seen until the last page is read. When a later page fails, the pages read so
   * far are kept and the next poll continues from the failed page's link, so a throttled tenant
   * still makes progress instead of re-reading the first pages forever.
   */
  async poll(signal?: AbortSignal): Promise<ActivityEvent[]> {
    const pending = this.pending;
    this.pending = undefined;
    const fresh = pending?.fresh ?? new Map<string, ActivityEvent>();
    let page: Page<ActivityEvent>;
    try {
      page = pending
        ? await this.options.logs.page({ nextLink: pending.nextLink, signal })
        : await this.options.logs.page({ ...this.options.filter, after: new Date(this.lowerBound()).toISOString(), top: this.pageSize, signal });
    } catch (error) {
      if (!pending) throw error;
      // A link Graph no longer accepts means starting over; anything else retries the same page.
      if (isFatal(error)) return this.poll(signal);
      this.pending = pending;
      throw error;
    }
    for (;;) {
      // Pages shift while new events arrive, so the same id may come twice within a poll too.
      for (const event of page.items) {
        if (event.id && !this.seen.has(event.id) && !fresh.has(event.id)) fresh.set(event.id, event);
      }
      if (!page.nextLink) break;
      const nextLink = page.nextLink;
      try {
        page = await this.options.logs.page({ nextLink, signal });
      } catch (error) {
        if (!isFatal(error)) this.pending = { fresh, nextLink };
        throw error;
      }
    }
    // Graph lists newest first: reversing keeps events of the same instant in the order they happened.
    const events = [...fresh.values()].reverse();
    const times = new Map(events.map((e) => [e, timeOr(e, this.watermark)]));
    events.sort((a, b) => times.get(a)! - times.get(b)!);

    for (const event of events) {
      const time = times.get(event)!;
      this.seen.set(event.id!, time);
      if (time > this.watermark) this.watermark = time;
    }
    // Strictly older than the next poll's lower bound: Graph keeps sub-millisecond times, so an event
    // in the bound's own millisecond may still come back.
    const horizon = this.watermark - this.overlapMs;
    for (const [id, time] of this.seen) if (time < horizon) this.seen.delete(id);
    this.polls++;
    return events;
  }

  /**
   * Where the next poll starts: the window before the watermark on full polls; otherwise as far
   * before it as entries have lately been late (at least a millisecond, since Graph's times are
   * finer than a millisecond and entries of the watermark's own millisecond may still arrive).
   */
  private lowerBound(): number {
    if (this.polls % this.fullWindowEvery === 0) return this.watermark - this.overlapMs;
    const lateBy = Math.min(this.overlapMs, Math.max(1, this.options.lateByMs?.() ?? 1));
    return this.watermark - lateBy;
  }
}

function timeOr(event: ActivityEvent, fallback: number): number {
  const time = eventTime(event);
  return Number.isNaN(time) ? fallback : time;
}
