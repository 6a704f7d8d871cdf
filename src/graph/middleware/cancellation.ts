import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** The error a cancelled call rejects with (same name as fetch's, so callers test one thing). */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('The operation was cancelled.');
  error.name = 'AbortError';
  return error;
}

/**
 * Outermost middleware: a cancelled call stops at once, even while the retry handler sleeps through a
 * Retry-After (its sleep cannot be interrupted; the late attempt then fails on the aborted signal).
 */
export class CancellationMiddleware implements Middleware {
  private next?: Middleware;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const signal = context.options?.signal ?? undefined;
    if (!signal) return this.next!.execute(context);
    if (signal.aborted) throw abortError(signal);
    const inner = this.next!.execute(context);
    inner.catch(() => {}); // settled after the race is lost: nothing waits for it
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([inner, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }
}
