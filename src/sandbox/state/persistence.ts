import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a JSON file atomically and durably: a temp file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash mid-write leaves the previous state intact rather than half a
 * file. Readable by the owner only: the state holds saved app credentials.
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  try {
    await file.writeFile(JSON.stringify(value));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** Reads a JSON file, or returns undefined when it does not exist. */
export async function readJsonIfExists<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Debounced saver for one data directory: many changes in a burst (a provisioning cycle) become
 * one write, and `flush()` forces the last write on shutdown.
 */
export class JsonPersister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  /**
   * @param dir Data directory (created if missing).
   * @param files Producers of each file's content, keyed by file name.
   * @param delayMs Debounce window.
   */
  constructor(
    private readonly dir: string,
    private readonly files: Record<string, () => unknown>,
    private readonly delayMs = 250,
  ) {}

  /** Schedules a save. */
  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed background save is retried with the next change; the process keeps serving.
      this.flush().catch((error: unknown) => process.stderr.write(`[sandbox] could not save state to ${this.dir}: ${(error as Error).message}\n`));
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes now if anything changed, after any write already in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // Chained after any write under way (whose outcome its own callers have seen), so that every
    // change made before this call is in the write that follows.
    const write = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await mkdir(this.dir, { recursive: true, mode: 0o700 });
        // The folder holds credentials: private to the user, also when it existed before.
        await chmod(this.dir, 0o700);
        for (const [name, produce] of Object.entries(this.files)) {
          await writeJsonAtomic(join(this.dir, name), produce());
        }
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    });
    this.writing = write;
    return write;
  }
}
