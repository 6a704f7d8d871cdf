import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a JSON file atomically: a temp file in the same folder, then rename, so a crash mid-write
 * leaves the previous state intact rather than half a file.
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
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
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes now if anything changed, after any write already in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await mkdir(this.dir, { recursive: true });
      for (const [name, produce] of Object.entries(this.files)) {
        await writeJsonAtomic(join(this.dir, name), produce());
      }
    });
    return this.writing;
  }
}
