/** What a request that a newer one of its kind replaced before it started is answered. */
export const SUPERSEDED = Object.freeze({ kind: 'superseded' as const });

/**
 * Runs work of one kind one at a time, and of the work that waits only the newest: a request
 * that arrives while one runs waits, and replaces (and settles with {@link SUPERSEDED}) any that
 * was already waiting. However many requests a webview sends, at most one runs and one waits, so
 * a flood of messages becomes at most two rounds of Graph calls at a time, and the last request
 * (the search box's current text) is always the one that runs last.
 */
export class LatestOnly<T> {
  private running = false;
  private waiting: { readonly work: () => Promise<T>; readonly resolve: (value: T | typeof SUPERSEDED) => void; readonly reject: (error: unknown) => void } | undefined;

  /** Runs `work` now, or after the running one when nothing newer arrives meanwhile. */
  run(work: () => Promise<T>): Promise<T | typeof SUPERSEDED> {
    return new Promise((resolve, reject) => {
      if (!this.running) {
        this.start(work, resolve, reject);
        return;
      }
      this.waiting?.resolve(SUPERSEDED);
      this.waiting = { work, resolve, reject };
    });
  }

  private start(work: () => Promise<T>, resolve: (value: T) => void, reject: (error: unknown) => void): void {
    this.running = true;
    let done: Promise<T>;
    try {
      done = work();
    } catch (e) {
      done = Promise.reject(e);
    }
    done.then(resolve, reject).finally(() => {
      this.running = false;
      const next = this.waiting;
      this.waiting = undefined;
      if (next) this.start(next.work, next.resolve, next.reject);
    });
  }
}
