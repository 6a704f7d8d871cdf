import { Client, HTTPMessageHandler, RedirectHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import type { Logger } from '../shared/logger';
import { GraphCaller } from './graphCaller';
import { BearerTokenMiddleware } from './middleware/bearerToken';
import { CancellationMiddleware } from './middleware/cancellation';
import { RequestLogMiddleware, type RequestCounter } from './middleware/requestLog';

export interface GraphConnectionOptions {
  readonly credential: TokenCredential;
  /** Graph root including the version, e.g. `https://graph.microsoft.com/v1.0` or the sandbox's. */
  readonly graphBaseUrl: string;
  /** Token scopes, e.g. `https://graph.microsoft.com/.default`. */
  readonly scopes: string[];
  readonly logger: Logger;
  /** Throttling policy: retries of 429/503/504 and the total time one call may wait for them. */
  readonly retry?: { readonly maxRetries?: number; readonly maxTotalWaitSeconds?: number };
}

const DEFAULT_MAX_RETRIES = 5;

/** Retry-After in seconds: a number of seconds or an HTTP date (as the retry handler reads it). */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, Math.round((date - Date.now()) / 1000)) : undefined;
}
const DEFAULT_MAX_TOTAL_WAIT_SECONDS = 60;

/**
 * Builds the Graph client: cancellation → token → the client's own retry (honours Retry-After)
 * → redirect → per-attempt log → fetch. Returns the caller and a counter of HTTP attempts.
 */
export function createGraphCaller(options: GraphConnectionOptions): { caller: GraphCaller; requests: RequestCounter } {
  const root = new URL(options.graphBaseUrl.replace(/\/+$/, ''));
  const segments = root.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? 'v1.0';
  const baseUrl = `${root.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
  const requests: RequestCounter = { count: 0 };
  const logger = options.logger.child('graph');

  const maxTotalWait = options.retry?.maxTotalWaitSeconds ?? DEFAULT_MAX_TOTAL_WAIT_SECONDS;
  const waited = new WeakMap<object, number>();
  const retryOptions = new RetryHandlerOptions(1, options.retry?.maxRetries ?? DEFAULT_MAX_RETRIES, (delay, attempt, request, fetchOptions, response) => {
    if (fetchOptions?.signal?.aborted) return false;
    const key = (fetchOptions ?? request) as object;
    const wait = retryAfterSeconds(response.headers.get('Retry-After')) ?? delay * 2 ** attempt;
    const spent = waited.get(key) ?? 0;
    if (spent + wait > maxTotalWait) {
      logger.warn(`giving up after ${attempt} retries: waiting ${wait} s more would exceed the ${maxTotalWait} s budget`);
      return false;
    }
    waited.set(key, spent + wait);
    logger.info(`${response.status} from Graph; retrying in ${wait} s (attempt ${attempt + 1})`);
    return true;
  });

  const client = Client.initWithMiddleware({
    baseUrl,
    defaultVersion: version,
    middleware: [
      new CancellationMiddleware(),
      new BearerTokenMiddleware(options.credential, options.scopes, root.origin),
      new RetryHandler(retryOptions),
      new RedirectHandler(),
      new RequestLogMiddleware(logger, root.origin, requests),
      new HTTPMessageHandler(),
    ],
  });
  return { caller: new GraphCaller(client, `${baseUrl}/${version}`), requests };
}
