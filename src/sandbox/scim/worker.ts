import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ScimTargets } from './app';
import type { ScimRequestRecord, ScimServerOptions, ScimWrite } from './app';
import type { ScimResource } from './resourceStore';

/** Marks the worker data of the SCIM worker (the bundle runs other code when loaded as a worker too). */
export const SCIM_WORKER_KIND = 'entra-sandbox-scim';

/** What the main thread hands the SCIM worker. */
export interface ScimWorkerData {
  kind: typeof SCIM_WORKER_KIND;
  options: ScimServerOptions;
  port: number;
  initial: Partial<Record<string, ScimResource[]>>;
  /** Writes are answered only once the main thread has saved them (`--data`). */
  durable: boolean;
}

/** One change or answered request reported by the worker. */
export type WorkerReport = { type: 'write'; change: ScimWrite } | { type: 'request'; record: ScimRequestRecord };

/** Messages from the worker to the main thread. */
export type WorkerMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'batch'; reports: WorkerReport[] }
  | { type: 'barrier'; id: number }
  /** Asks the main thread to save every change reported so far and answer with the same id. */
  | { type: 'durable'; id: number };

/** Messages from the main thread to the worker. */
export type HostMessage =
  | { type: 'barrier'; id: number }
  | { type: 'durable'; id: number; ok: boolean; message?: string };

/**
 * Runs the SCIM server on this worker thread and reports every stored change and answered request
 * to the main thread, so that after a barrier round trip the main thread's mirror is current.
 */
export function runScimWorker(data: ScimWorkerData): void {
  const port = parentPort!;
  const targets = new ScimTargets(data.options, false);
  targets.load(data.initial);
  // Reports are batched (one postMessage per turn of the event loop, not per request); a barrier
  // flushes first, so everything reported before it still arrives before its answer.
  let pending: WorkerReport[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    port.postMessage({ type: 'batch', reports: pending } satisfies WorkerMessage);
    pending = [];
  };
  const report = (r: WorkerReport): void => {
    pending.push(r);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  targets.onWrite((change) => report({ type: 'write', change }));
  targets.onRequest((record) => report({ type: 'request', record }));
  const saves = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextSave = 0;
  port.on('message', (m: HostMessage) => {
    if (m.type === 'durable') {
      const save = saves.get(m.id);
      saves.delete(m.id);
      if (m.ok) save?.resolve();
      else save?.reject(new Error(m.message ?? 'the save failed'));
      return;
    }
    if (m.type !== 'barrier') return;
    flush();
    port.postMessage({ type: 'barrier', id: m.id } satisfies WorkerMessage);
  });
  // The main thread owns the data folder: a write's answer waits until it has saved the write,
  // which it has seen once the reports sent before the request arrive (flushed first).
  const durable = data.durable
    ? () => new Promise<void>((resolve, reject) => {
      const id = ++nextSave;
      saves.set(id, { resolve, reject });
      flush();
      port.postMessage({ type: 'durable', id } satisfies WorkerMessage);
    })
    : undefined;
  let bound = 0;
  const server = createServer(targets.createHandler(() => bound, durable));
  server.once('error', (e) => port.postMessage({ type: 'failed', message: e.message } satisfies WorkerMessage));
  server.listen(data.port, '127.0.0.1', () => {
    bound = (server.address() as AddressInfo).port;
    port.postMessage({ type: 'ready', port: bound } satisfies WorkerMessage);
  });
}

if (!isMainThread && (workerData as Partial<ScimWorkerData> | undefined)?.kind === SCIM_WORKER_KIND) {
  runScimWorker(workerData as ScimWorkerData);
}
