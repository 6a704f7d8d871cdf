import type { CallOptions, GraphCaller } from './graphCaller';
import { mapWithConcurrency, sleep } from './sleep';

/** One request inside a JSON batch; `url` is relative to the Graph root. */
export interface BatchRequest {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface BatchResponse {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** Graph accepts at most 20 requests per batch. */
export const MAX_BATCH_SIZE = 20;
const RETRYABLE = new Set([429, 503, 504]);

export interface BatchOptions extends CallOptions {
  /** Batches in flight at once (Graph throttles per request inside a batch, so keep this small). */
  readonly concurrency?: number;
  /** How often one inner request is sent before its 429/503/504 is given back. */
  readonly maxAttempts?: number;
  /** Longest wait before re-sending one request, in seconds, whatever its Retry-After says. */
  readonly maxWaitSeconds?: number;
}

interface Pending {
  readonly request: BatchRequest;
  readonly attempts: number;
  /** Not re-sent before this time (ms since the epoch): the request's own Retry-After. */
  readonly notBefore: number;
}

/**
 * Sends requests through `/$batch`, 20 at a time with a few batches in flight. An inner request
 * that is throttled or finds Graph unavailable is re-sent on its own schedule, after its own
 * Retry-After (Graph throttles inner requests one by one), until it has been tried `maxAttempts`
 * times. Returns one response per request id that Graph answered.
 */
export async function sendBatched(caller: GraphCaller, requests: readonly BatchRequest[], options: BatchOptions): Promise<Map<string, BatchResponse>> {
  const results = new Map<string, BatchResponse>();
  const maxAttempts = options.maxAttempts ?? 8;
  const maxWaitMs = (options.maxWaitSeconds ?? 30) * 1000;
  let pending: Pending[] = requests.map((request) => ({ request, attempts: 0, notBefore: 0 }));
  while (pending.length > 0) {
    const now = Date.now();
    const due = pending.filter((p) => p.notBefore <= now);
    const later = pending.filter((p) => p.notBefore > now);
    if (due.length === 0) {
      await sleep(Math.min(...later.map((p) => p.notBefore)) - now, options.signal);
      continue;
    }
    const chunks: Pending[][] = [];
    for (let i = 0; i < due.length; i += MAX_BATCH_SIZE) chunks.push(due.slice(i, i + MAX_BATCH_SIZE));
    const answered = await mapWithConcurrency(chunks, options.concurrency ?? 4, (chunk) =>
      caller.post<{ responses?: BatchResponse[] }>('/$batch', { requests: chunk.map((p) => toWire(p.request)) }, options),
    );
    const byId = new Map(due.map((p) => [p.request.id, p]));
    const answeredAt = Date.now();
    for (const response of answered.flatMap((a) => a?.responses ?? [])) {
      const sent = byId.get(response.id);
      if (!sent) continue;
      if (RETRYABLE.has(response.status) && sent.attempts + 1 < maxAttempts) {
        later.push({ request: sent.request, attempts: sent.attempts + 1, notBefore: answeredAt + Math.min(retryAfterOf(response) * 1000, maxWaitMs) });
      } else {
        results.set(response.id, response);
      }
    }
    pending = later;
  }
  return results;
}

function toWire(request: BatchRequest): object {
  const headers = request.body !== undefined ? { 'Content-Type': 'application/json', ...request.headers } : request.headers;
  return { id: request.id, method: request.method, url: request.url, ...(headers ? { headers } : {}), ...(request.body !== undefined ? { body: request.body } : {}) };
}

/** Seconds an inner response asks the client to wait (1 when it does not say). */
export function retryAfterOf(response: BatchResponse): number {
  const header = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}
