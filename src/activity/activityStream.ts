import type { ProvisioningService } from '../graph/provisioningService';
import { passesFilter, DEFAULT_FILTER, type ActivityFilter } from './filters';
import { englishWords, formatEvent, formatIdleCycles, formatJobChange, type ActivityLine, type ActivityWords } from './formatter';
import { isIdleCycle, type JobChange } from './jobChanges';
import { JobWatcher, type NamedJobChange } from './jobWatcher';
import { ActivityLogPoller } from './logPoller';
import { runPollingLoop, type PauseGate } from './backoffLoop';
import { SettleHold } from './settleHold';
import type { ActivityEvent, ActivityScope } from './types';
import { eventTime, scopeQuery } from './types';

export interface ActivityStreamOptions {
  readonly service: Pick<ProvisioningService, 'logs' | 'jobs' | 'apps' | 'graph'>;
  readonly scope: ActivityScope;
  /** Receives every line, in order. */
  readonly sink: (line: ActivityLine) => void;
  /** Receives every new event, shown or filtered out (e.g. to keep them for the details command). */
  readonly onEvents?: (events: readonly ActivityEvent[]) => void;
  /** Read for every event, so a changed setting applies at once. */
  readonly filter?: () => ActivityFilter;
  readonly words?: ActivityWords;
  /** Poll interval, read before every wait. */
  readonly intervalMs: () => number;
  readonly gate?: PauseGate;
  /** Whether to poll job status for state-change lines (default true). */
  readonly watchJobs?: boolean;
  /** Initial log watermark (default now). */
  readonly startAt?: number;
  readonly overlapMs?: number;
  readonly pageSize?: number;
  /** Told about each failed round that will be retried. */
  readonly onRetry?: (error: unknown, delayMs: number) => void;
  /** How long lines are held back for late log entries until a delay has been measured (default 10 s). */
  readonly initialHoldMs?: number;
  /** The longest lines are ever held back (default 5 min). */
  readonly maxHoldMs?: number;
  readonly now?: () => number;
}

/** Job changes that close what the round's events belong to, so they are written after them. */
const AFTER_EVENTS = new Set<JobChange['kind']>(['cycleFinished', 'quarantineEntered', 'paused']);

/** A line waiting in the hold: a log entry or a job change. */
type HeldLine = { readonly event: ActivityEvent } | { readonly change: NamedJobChange };

/**
 * One stream: every round reads the job status, then the new log events, and writes state lines
 * and event lines (filtered) to the sink. Reading status first means a "cycle finished" line
 * always comes after that cycle's events, which the logs already hold by then.
 */
export class ActivityStream {
  readonly poller: ActivityLogPoller;
  private readonly watcher: JobWatcher | undefined;
  private readonly words: ActivityWords;
  /** Events passed to the sink or filtered out, for counts. */
  eventCount = 0;
  /** Jobs (`spId/jobId`) whose last cycles changed nothing: the cycles not listed since, and when the last ended. */
  private readonly idle = new Map<string, { label: string; unlisted: number; lastEnded?: string }>();
  /** Lines not written yet, so that late log entries can still take their place in time order. */
  private readonly hold: SettleHold<HeldLine>;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly options: ActivityStreamOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = options.startAt ?? this.now();
    this.hold = new SettleHold({ initialHoldMs: options.initialHoldMs ?? 10_000, maxHoldMs: options.maxHoldMs ?? 300_000, now: this.now });
    this.poller = new ActivityLogPoller({
      logs: options.service.logs,
      filter: scopeQuery(options.scope),
      startAt: this.startedAt,
      overlapMs: options.overlapMs,
      pageSize: options.pageSize,
      // Quick polls reach back as far as entries have lately been late, so the hold gets them in time.
      lateByMs: () => this.hold.holdMs,
    });
    this.watcher = options.watchJobs === false ? undefined : new JobWatcher(options.service, options.scope);
    this.words = options.words ?? englishWords;
  }

  /**
   * One round: job status, then log events. A failure writes nothing and leaves the watermark alone.
   * What was read waits in the hold until no late entry can precede it (see SettleHold), then is
   * written in time order: a cycle's "finished" line after that cycle's entries.
   */
  async round(signal?: AbortSignal): Promise<void> {
    const status = this.watcher ? await this.watcher.poll(signal) : { changes: [], commit: () => {} };
    const events = await this.poller.poll(signal);
    status.commit();
    const readAt = this.now();
    for (const c of status.changes) {
      // The first look at a job heads the stream at once; everything else takes its place in time.
      if (c.change.kind === 'watching') this.writeChange(c);
      else this.hold.add({ change: c }, changeTime(c, readAt), AFTER_EVENTS.has(c.change.kind) ? 1 : -1);
    }
    if (events.length) {
      this.eventCount += events.length;
      this.options.onEvents?.(events);
      for (const event of events) {
        const time = eventTime(event);
        // Entries from before the stream started say nothing about today's ingestion delay.
        if (time > this.startedAt) this.hold.observeDelay(readAt - time);
        this.hold.add({ event }, time, 0);
      }
    }
    this.writeLines(this.hold.release());
  }

  /** Writes every line still held (the stream is stopping: nothing read is lost). */
  flush(): void {
    this.writeLines(this.hold.flush());
  }

  /** How long lines are held back for late entries, in ms. */
  get holdMs(): number {
    return this.hold.holdMs;
  }

  private writeLines(lines: readonly HeldLine[]): void {
    const filter = this.options.filter?.() ?? DEFAULT_FILTER;
    const withApp = this.options.scope.kind !== 'job';
    for (const line of lines) {
      if ('change' in line) {
        this.writeChange(line.change);
        continue;
      }
      const { event } = line;
      if (!passesFilter(filter, event)) continue;
      this.wake(`${event.servicePrincipal?.id ?? scopeQuery(this.options.scope).servicePrincipalId}/${event.jobId}`);
      this.options.sink(formatEvent(event, this.words, withApp));
    }
  }

  /** Writes a job change; of a run of idle cycles only the first gets a line, the others a count once the job wakes. */
  private writeChange(c: NamedJobChange): void {
    const key = `${c.servicePrincipalId}/${c.jobId}`;
    if (c.change.kind === 'cycleFinished' && isIdleCycle(c.change)) {
      const idle = this.idle.get(key);
      if (idle) {
        idle.unlisted++;
        idle.lastEnded = c.change.ended;
        return;
      }
      this.idle.set(key, { label: c.label, unlisted: 0 });
      this.options.sink({ level: 'info', text: this.words.cycleIdle(c.label) });
      return;
    }
    this.wake(key);
    this.options.sink(formatJobChange(c.label, c.change, this.words));
  }

  /** Something happened to a job that was idle: the idle cycles not listed are counted first. */
  private wake(key: string): void {
    const idle = this.idle.get(key);
    if (!idle) return;
    this.idle.delete(key);
    if (idle.unlisted > 0) this.options.sink(formatIdleCycles(idle.label, idle.unlisted, idle.lastEnded, this.words));
  }

  /**
   * Polls until the signal aborts (resolves) or a fatal error (rejects: sign-in, permission, gone).
   * `waitFirst` when the caller already ran the first round itself.
   */
  run(signal: AbortSignal, waitFirst = false): Promise<void> {
    return runPollingLoop({
      signal,
      intervalMs: this.options.intervalMs,
      round: (s) => this.round(s),
      onRetry: this.options.onRetry,
      gate: this.options.gate,
      waitFirst,
    });
  }
}

/**
 * When a job change happened, for its place among log entries: by the service's own time where it
 * gives one (a cycle's begin and end, a progress observation), else when this stream observed it.
 */
function changeTime(c: NamedJobChange, observedAt: number): number {
  const change = c.change;
  const serviceTime = change.kind === 'cycleFinished' ? change.ended : change.kind === 'cycleStarted' ? change.began : change.kind === 'progress' ? change.observed : undefined;
  const time = Date.parse(serviceTime ?? '');
  return Number.isFinite(time) ? time : observedAt;
}
