import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { GraphError, graphErrorBody } from './graphError';
import type { Random } from '../random';

/** Fault knobs; a live object so tests can change them on a running sandbox. */
export interface FaultSettings {
  /** Delay added to every Graph request, in milliseconds. */
  latencyMs: number;
  /** Share of requests answered 429 with Retry-After (0..1). */
  throttleRate: number;
  /** Share of requests answered 503 (0..1). */
  failRate: number;
  /** Seconds put in Retry-After. */
  retryAfterSeconds: number;
}

/** Gives every response a `request-id` (and echoes `client-request-id`), as Graph does. */
export function requestIds(req: Request, res: Response, next: NextFunction): void {
  const requestId = randomUUID();
  const clientId = req.get('client-request-id') ?? requestId;
  res.locals.requestId = requestId;
  res.locals.clientRequestId = clientId;
  res.setHeader('request-id', requestId);
  res.setHeader('client-request-id', clientId);
  next();
}

/** A request the sandbox answered, as {@link reportAnswered} reports it. */
export interface AnsweredRequest {
  method: string;
  /** The URL as requested (`/v1.0/...?query`). */
  url: string;
  /** The JSON body as parsed, or undefined when there was none (or it was not JSON). */
  body: unknown;
  /** The status the sandbox answered. */
  status: number;
}

/**
 * Reports each request once its answer is sent. Registered before the body parser, it reads the
 * body at that point, when the parser has run. A failing listener is logged, never thrown into the
 * server: it is a test's observer, not part of the answer.
 */
export function reportAnswered(listener: (request: AnsweredRequest) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      try {
        listener({ method: req.method, url: req.originalUrl, body: req.body as unknown, status: res.statusCode });
      } catch (e) {
        process.stderr.write(`[sandbox] onRequest listener failed: ${(e as Error).message}\n`);
      }
    });
    next();
  };
}

/** Sends an error in Graph's shape. */
export function sendGraphError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json(graphErrorBody(code, message, String(res.locals.requestId ?? ''), String(res.locals.clientRequestId ?? '')));
}

/**
 * Bearer token check. With an expected token only that token passes; otherwise any non-empty
 * bearer token does, so any Graph client can connect without setup.
 */
export function bearerAuth(expected: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m || !m[1].trim()) {
      sendGraphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      return;
    }
    if (expected !== undefined && m[1].trim() !== expected) {
      sendGraphError(res, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience or signature.');
      return;
    }
    next();
  };
}

/** Injects latency, throttling (429) and outages (503) according to the live settings. */
export function faultInjection(faults: FaultSettings, random: Random, exempt: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const proceed = (): void => {
      if (!exempt(req)) {
        const retryAfter = { 'Retry-After': String(faults.retryAfterSeconds) };
        if (faults.throttleRate > 0 && random.next() < faults.throttleRate) {
          sendGraphError(res, 429, 'TooManyRequests', 'Too many requests. The sandbox is simulating throttling; retry after the Retry-After delay.', retryAfter);
          return;
        }
        if (faults.failRate > 0 && random.next() < faults.failRate) {
          sendGraphError(res, 503, 'serviceNotAvailable', 'The service is temporarily unavailable (simulated by the sandbox).', retryAfter);
          return;
        }
      }
      next();
    };
    if (faults.latencyMs > 0) setTimeout(proceed, faults.latencyMs);
    else proceed();
  };
}

/** Maps thrown errors (ours, body-parser's, anything else) to Graph error responses. */
export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof GraphError) {
    sendGraphError(res, err.status, err.code, err.message, err.headers);
    return;
  }
  if (err instanceof URIError) {
    sendGraphError(res, 400, 'BadRequest', 'The request URL is not correctly percent-encoded.');
    return;
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') {
    sendGraphError(res, 413, 'Request_EntityTooLarge', 'The request body is larger than the 4 MB the sandbox accepts.');
    return;
  }
  if (e?.type === 'entity.parse.failed') {
    sendGraphError(res, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    return;
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    sendGraphError(res, e.status, 'BadRequest', e.message ?? 'Bad request.');
    return;
  }
  sendGraphError(res, 500, 'generalException', 'An unexpected error occurred in the sandbox.');
}

/**
 * Holds the answer to a write request until `durable()` has put every change on disk, so that a 2xx
 * is only ever sent for a change that survives a crash. Concurrent writes share one disk write (the
 * persister writes once for all changes made before it starts). A failed disk write turns the answer
 * into a 503: the change is in memory, but the client was not told it is safe.
 */
export function answerWhenDurable(durable: () => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (res.statusCode >= 300) return end(...args);
      durable().then(
        () => end(...args),
        (error: unknown) => {
          process.stderr.write(`[sandbox] could not save state: ${(error as Error).message}\n`);
          res.removeHeader('content-length');
          res.removeHeader('content-type');
          res.status(503).setHeader('content-type', 'application/json; charset=utf-8');
          end(JSON.stringify(graphErrorBody('serviceNotAvailable', 'The change could not be saved to the sandbox\'s data folder; it may be lost on restart. Try again.', String(res.locals.requestId ?? ''), String(res.locals.clientRequestId ?? ''))));
        },
      );
      return res;
    }) as Response['end'];
    next();
  };
}
