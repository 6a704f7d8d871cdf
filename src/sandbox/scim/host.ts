import { createServer } from 'node:http';
import { listenOnLoopback } from '../http/listen';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import { ScimTargets } from './app';
import type { ScimServerOptions } from './app';
import type { ScimResource } from './resourceStore';
import { SCIM_WORKER_KIND } from './worker';
import type { HostMessage, ScimWorkerData, WorkerMessage } from './worker';

/** The SCIM server as the rest of the sandbox sees it, whichever thread it runs on. */
export interface ScimHost {
  /** Stores and request log (in worker mode, a mirror kept current by the worker's reports). */
  targets: ScimTargets;
  port: number;
  /** Resolves once every change the server made so far is visible in {@link targets}. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** How to start the SCIM server. */
export interface ScimHostOptions extends ScimServerOptions {
  port: number;
  initial?: Partial<Record<string, ScimResource[]>>;
  /**
   * Run the server on a worker thread, so a big cycle uses a second core: the engine and the SCIM
   * app each keep one busy instead of sharing one.
   */
  worker: boolean;
  /**
   * With `--data`: resolves once every change made so far is on disk. SCIM writes are answered only
   * after it, so an acknowledged write survives a crash.
   */
  durable?: () => Promise<void>;
  /** Users in the directory the SCIM app is provisioned from: sizes the worker's heap limits. */
  directoryUsers?: number;
}


async function startInProcess(options: ScimHostOptions): Promise<ScimHost> {
  const targets = new ScimTargets(options);
  if (options.initial) targets.load(options.initial);
  let bound = 0;
  const server = createServer(targets.createHandler(() => bound, options.durable));
  const port = await listenOnLoopback(server, options.port);
  bound = port;
  return {
    targets,
    port,
    settle: () => Promise.resolve(),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/**
 * What the worker runs: the TypeScript module when running from source (tests, benchmark),
 * or this very bundle when running as `dist/sandbox/cli.js` (the bundle contains the worker).
 */
/** tsx's CommonJS hook, needed only when the sandbox runs from TypeScript source. */
const TSX_HOOK = 'tsx/cjs';

function workerEntry(): { code: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    // A small CommonJS shim registers tsx's require hook in the worker, then loads the module.
    // (Resolved through createRequire so the bundler does not try to bundle a dev-only loader.)
    const tsx = createRequire(__filename).resolve(TSX_HOOK);
    return { code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(join(__dirname, 'worker.ts'))});`, eval: true };
  }
  return { code: __filename, eval: false };
}

/** Directories from this many users up get a SCIM worker whose heap grows less (see {@link scimWorkerLimits}). */
const BIG_DIRECTORY_USERS = 50_000;

/**
 * The SCIM worker's heap. scimmy allocates many short-lived objects per request: a larger young
 * generation means fewer scavenges during a 10,000-user cycle. For a big directory the old
 * generation gets a limit too, because V8 lets a heap grow to about four times what survived its
 * last full collection when the limit is the default (a quarter of the machine's memory), and to
 * under twice that below 2 GB: in a 100,000-user cycle the worker keeps about 130 MB and its heap
 * reached 310-390 MB, with the limit about 200 MB (peak RSS 1,065-1,090 MB -> 865-940 MB, for about
 * 2 s more of the SCIM thread's CPU in a 40 s cycle). A small directory keeps the default: there the
 * limit saves tens of MB and its extra full collections cost 0.2-0.4 s of a 4.3 s 10,000-user cycle. 1.5 GB holds the SCIM resources of
 * about a million users (some 1.3 KB each), more than the main thread's default heap holds of the
 * rest of such a tenant.
 */
function scimWorkerLimits(directoryUsers: number): ResourceLimits {
  return directoryUsers >= BIG_DIRECTORY_USERS ? { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 1536 } : { maxYoungGenerationSizeMb: 64 };
}

async function startInWorker(options: ScimHostOptions): Promise<ScimHost> {
  const mirror = new ScimTargets(options);
  if (options.initial) mirror.load(options.initial);
  const entry = workerEntry();
  const data: ScimWorkerData = { kind: SCIM_WORKER_KIND, options: { token: options.token, gotoMeetingUser: options.gotoMeetingUser, gotoMeetingPassword: options.gotoMeetingPassword }, port: options.port, initial: options.initial ?? {}, durable: options.durable !== undefined };
  const worker = new Worker(entry.code, { workerData: data, eval: entry.eval, resourceLimits: scimWorkerLimits(options.directoryUsers ?? 0) });
  const barriers = new Map<number, () => void>();
  let nextBarrier = 0;
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'ready': worker.off('error', reject); resolve(m.port); break;
        case 'failed': reject(new Error(m.message)); break;
        case 'batch':
          for (const r of m.reports) {
            if (r.type === 'write') mirror.applyWrite(r.change);
            else mirror.addRequest(r.record);
          }
          break;
        case 'barrier': barriers.get(m.id)?.(); barriers.delete(m.id); break;
        case 'durable':
          // The writes it covers arrived in earlier batches (messages keep their order), so they are
          // in the mirror, and so in what the save writes.
          options.durable!().then(
            () => worker.postMessage({ type: 'durable', id: m.id, ok: true } satisfies HostMessage),
            (e: unknown) => worker.postMessage({ type: 'durable', id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies HostMessage),
          );
          break;
      }
    });
  });
  worker.on('error', (e) => process.stderr.write(`[sandbox] SCIM worker error: ${e.message}\n`));
  const settle = (): Promise<void> => new Promise((resolve) => {
    const id = ++nextBarrier;
    barriers.set(id, resolve);
    worker.postMessage({ type: 'barrier', id });
  });
  return {
    targets: mirror,
    port,
    settle,
    close: async () => {
      await settle();
      await worker.terminate();
    },
  };
}

/** Starts the SCIM server in this thread or on a worker thread. */
export function startScimHost(options: ScimHostOptions): Promise<ScimHost> {
  return options.worker ? startInWorker(options) : startInProcess(options);
}
