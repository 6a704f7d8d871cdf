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
  /** Rounds of re-sending throttled inner requests before giving their 429 back. */
  readonly maxRounds?: number;
  /** Longest wait between rounds, in seconds, whatever Retry-After says. */
  readonly maxWaitSeconds?: number;
}

/**
 * Sends requests through `/$batch`, 20 at a time with a few batches in flight, and re-sends inner
 * requests that were throttled after their Retry-After. Returns one response per request id.
 */
export async function sendBatched(caller: GraphCaller, requests: readonly BatchRequest[], options: BatchOptions): Promise<Map<string, BatchResponse>> {
  const results = new Map<string, BatchResponse>();
  let pending = [...requests];
  const maxRounds = options.maxRounds ?? 4;
  for (let round = 0; pending.length > 0; round++) {
    const chunks: BatchRequest[][] = [];
    for (let i = 0; i < pending.length; i += MAX_BATCH_SIZE) chunks.push(pending.slice(i, i + MAX_BATCH_SIZE));
    const answered = await mapWithConcurrency(chunks, options.concurrency ?? 4, (chunk) =>
      caller.post<{ responses?: BatchResponse[] }>('/$batch', { requests: chunk.map(toWire) }, options),
    );
    const retry: BatchRequest[] = [];
    let waitSeconds = 0;
    const byId = new Map(pending.map((r) => [r.id, r]));
    for (const response of answered.flatMap((a) => a?.responses ?? [])) {
      const request = byId.get(response.id);
      if (!request) continue;
      if (RETRYABLE.has(response.status) && round + 1 < maxRounds) {
        retry.push(request);
        waitSeconds = Math.max(waitSeconds, retryAfterOf(response));
      } else {
        results.set(response.id, response);
      }
    }
    pending = retry;
    if (pending.length > 0) await sleep(Math.min(waitSeconds, options.maxWaitSeconds ?? 30) * 1000, options.signal);
  }
  return results;
}

function toWire(request: BatchRequest): object {
  const headers = request.body !== undefined ? { 'Content-Type': 'application/json', ...request.headers } : request.headers;
  return { id: request.id, method: request.method, url: request.url, ...(headers ? { headers } : {}), ...(request.body !== undefined ? { body: request.body } : {}) };
}

function retryAfterOf(response: BatchResponse): number {
  const header = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}
