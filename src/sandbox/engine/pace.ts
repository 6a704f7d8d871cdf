// How fast the sandbox's provisioning service works. Entra's service queues a started job, works
// through objects at a bounded rate and ingests provisioning logs minutes later; a client written
// against an instant sandbox never meets a cycle in progress or a late log entry. `real` behaves
// like the service (shorter, so a demo tenant's cycle takes tens of seconds); `instant` is for
// tests and benchmarks that only care about the result.

/** Named pace of the provisioning service. */
export type Pace = 'real' | 'instant';

/** The paces the CLI accepts. */
export const PACES: readonly Pace[] = ['real', 'instant'];

/** Timing of the provisioning service. */
export interface PaceSettings {
  /** Between `start`/`restart` and the cycle beginning. */
  queueDelayMs: number;
  /** Objects a cycle processes per second; 0 means as fast as the machine goes. */
  exportRatePerSecond: number;
  /** Least time before a provisioning log entry can be read; each entry waits up to twice this. */
  logDelayMs: number;
}

/** What `real` means: about 30 s for the seeded tenant's first cycle (5 s queued, 50 users at 2 a second). */
const REAL: PaceSettings = { queueDelayMs: 5000, exportRatePerSecond: 2, logDelayMs: 2000 };
const INSTANT: PaceSettings = { queueDelayMs: 0, exportRatePerSecond: 0, logDelayMs: 0 };

/** The pace options of the sandbox (each explicit value overrides the pace's own). */
export interface PaceOptions {
  pace?: Pace;
  queueDelaySeconds?: number;
  exportRatePerSecond?: number;
  logDelaySeconds?: number;
}

/** Resolves pace options: the named pace (default `real`) with any explicit value on top. */
export function paceSettings(options: PaceOptions): PaceSettings {
  const base = (options.pace ?? 'real') === 'instant' ? INSTANT : REAL;
  return {
    queueDelayMs: options.queueDelaySeconds !== undefined ? options.queueDelaySeconds * 1000 : base.queueDelayMs,
    exportRatePerSecond: options.exportRatePerSecond ?? base.exportRatePerSecond,
    logDelayMs: options.logDelaySeconds !== undefined ? options.logDelaySeconds * 1000 : base.logDelayMs,
  };
}

/**
 * Spaces the objects of one cycle to a rate, whatever the number of workers waiting on it.
 * `wake()` ends every wait at once (pause, restart, close), so a stopping cycle does not sit out
 * its remaining slots; the workers then see that they must stop.
 */
export class RateGate {
  private nextSlot = 0;
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly perSecond: number) {}

  /** Resolves when the next object may be processed. */
  wait(): Promise<void> {
    if (!(this.perSecond > 0)) return Promise.resolve();
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.perSecond;
    if (at <= now) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, at - now);
      this.sleepers.set(timer, resolve);
    });
  }

  /** Ends every pending wait now. */
  wake(): void {
    for (const [timer, resolve] of this.sleepers) {
      clearTimeout(timer);
      resolve();
    }
    this.sleepers.clear();
  }
}
