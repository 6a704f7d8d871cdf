/** Error kinds after which polling cannot succeed without the user doing something. */
const FATAL_KINDS = new Set(['notSignedIn', 'signInFailed', 'forbidden', 'notFound', 'invalidRequest']);
/** Longest wait between attempts while Graph keeps failing. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** The fields of a ProvisioningApiError the loop looks at (structural, so this folder stays off the Graph runtime). */
interface GraphFailure {
  readonly kind?: string;
  readonly retryAfterSeconds?: number;
}

/** True for a failure that retrying later will not fix (sign-in, permission, missing job, bad request). */
export function isFatal(error: unknown): boolean {
  const kind = (error as GraphFailure | undefined)?.kind;
  return typeof kind === 'string' && FATAL_KINDS.has(kind);
}

/**
 * How long to wait after the `failures`-th failure in a row: doubling from the poll interval up to
 * {@link MAX_BACKOFF_MS}, and never less than Graph's Retry-After when it throttled us.
 */
export function backoffDelay(error: unknown, failures: number, intervalMs: number): number {
  const doubled = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 16));
  const retryAfter = (error as GraphFailure | undefined)?.retryAfterSeconds;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? Math.max(doubled, retryAfter * 1000) : doubled;
}

/**
 * Lets a loop wait until it is resumed. Pausing does not interrupt a round in flight; resuming
 * wakes a loop that is waiting out its interval, so the next round runs at once.
 */
export class PauseGate {
  private paused = false;
  private waiters = new Set<() => void>();

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.wakeAll();
  }

  /** Wakes a waiting loop early (e.g. a setting changed). */
  wakeAll(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves after `ms` (or on wake), then keeps waiting while paused; rejects when the signal aborts. */
  async wait(ms: number, signal: AbortSignal): Promise<void> {
    await this.sleep(ms, signal);
    while (this.paused) await this.sleep(Number.POSITIVE_INFINITY, signal);
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const onWake = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(onWake);
        resolve();
      };
      const onAbort = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.waiters.delete(onWake);
        reject(abortReason(signal));
      };
      const timer = Number.isFinite(ms) ? setTimeout(onWake, ms) : undefined;
      this.waiters.add(onWake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

export interface PollingLoopOptions {
  readonly signal: AbortSignal;
  /** Read on every round, so a changed setting applies at the next wait. */
  readonly intervalMs: () => number;
  /** One round of work; its failure is retried with backoff unless fatal. */
  readonly round: (signal: AbortSignal) => Promise<void>;
  /** Told about each failure that will be retried, and when. */
  readonly onRetry?: (error: unknown, delayMs: number) => void;
  readonly gate?: PauseGate;
  /** Skip the wait before the first round (the caller already ran one). */
  readonly waitFirst?: boolean;
}

/**
 * Runs `round` until the signal aborts: waits the interval between rounds (longer, with backoff,
 * after failures), holds while the gate is paused, and ends by throwing a fatal error. Resolves
 * when aborted.
 */
export async function runPollingLoop(options: PollingLoopOptions): Promise<void> {
  const gate = options.gate ?? new PauseGate();
  let failures = 0;
  let delay = options.waitFirst ? options.intervalMs() : 0;
  try {
    for (;;) {
      await gate.wait(delay, options.signal);
      try {
        await options.round(options.signal);
        failures = 0;
        delay = options.intervalMs();
      } catch (error) {
        if (options.signal.aborted) return;
        if (isFatal(error)) throw error;
        failures++;
        delay = backoffDelay(error, failures, options.intervalMs());
        options.onRetry?.(error, delay);
      }
    }
  } catch (error) {
    if (options.signal.aborted) return;
    throw error;
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('Aborted'), { name: 'AbortError' });
}
