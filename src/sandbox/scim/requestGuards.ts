import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import SCIMMY from 'scimmy';
import { jsonDepth, MAX_JSON_DEPTH } from '../http/requestLimits';

/**
 * What the SCIM app puts in front of scimmy-routers and behind it, so that every answer a client can
 * provoke is a SCIM error document (RFC 7644 §3.12): bounded bodies, 404/405 for paths and methods
 * the service does not have, and a write answered only once it is on disk.
 */

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Answers with a SCIM error document. */
export function sendScimError(res: Response, status: number, detail: string, scimType?: string): void {
  if (res.headersSent) return;
  res.status(status).type('application/scim+json').send(JSON.stringify({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }));
}

/**
 * The largest body taken: the `maxPayloadSize` the service advertises in its ServiceProviderConfig
 * (scimmy's default, which scimmy-routers' own parser used), read when the app is built.
 */
function maxBodyBytes(): number {
  const advertised = (SCIMMY.Config.get() as { bulk?: { maxPayloadSize?: unknown } } | undefined)?.bulk?.maxPayloadSize;
  return typeof advertised === 'number' && advertised > 0 ? advertised : 1_048_576;
}

/**
 * Parses a JSON body before scimmy-routers would (its parser then finds the body read and skips it),
 * so a body that is not JSON, too large or nested too deep gets a SCIM error document with a plain
 * sentence instead of the parser's internal text, and is never handed to a handler. A too-large body
 * is 413, as RFC 7644 §3.12 gives for a payload over the service's limits; the rest are 400
 * `invalidSyntax`.
 */
export function scimJsonBody() {
  const limit = maxBodyBytes();
  const parse = express.json({ type: ['application/scim+json', 'application/json'], limit, strict: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (error?: unknown) => {
      if (error) {
        const e = error as { type?: string; status?: number };
        if (e.type === 'entity.too.large') sendScimError(res, 413, `The request body is larger than the ${limit} bytes this service accepts (maxPayloadSize).`);
        else if (e.type === 'charset.unsupported' || e.status === 415) sendScimError(res, 400, 'The request body must be JSON in UTF-8.', 'invalidSyntax');
        else sendScimError(res, 400, 'The request body is not valid JSON.', 'invalidSyntax');
        return;
      }
      if (jsonDepth(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        sendScimError(res, 400, `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, 'invalidSyntax');
        return;
      }
      next();
    });
  };
}

/** The service's endpoints (relative to an app's base path) and the methods each one takes. */
const endpoints: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^\/(Users|Groups)\/?$/i, ['GET', 'HEAD', 'POST']],
  [/^\/(Users|Groups)\/\.search\/?$/i, ['POST']],
  [/^\/(Users|Groups)\/[^/]+\/?$/i, ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']],
  [/^\/\.search\/?$/i, ['POST']],
  [/^\/Bulk\/?$/i, ['POST']],
  [/^\/(Schemas|ResourceTypes)(\/[^/]+)?\/?$/i, ['GET', 'HEAD']],
  [/^\/ServiceProviderConfig\/?$/i, ['GET', 'HEAD']],
];

/**
 * Answers 405 (with `Allow`) for a method an endpoint does not take and 404 for a path the service
 * does not have, before scimmy-routers, which answers both "Endpoint Not Found" and leaves OPTIONS
 * to express's plain-text answer. `/Me` stays with scimmy-routers: it answers every method there
 * with a SCIM document of its own.
 */
export function scimEndpointsOnly(req: Request, res: Response, next: NextFunction): void {
  if (/^\/Me\/?$/i.test(req.path)) {
    next();
    return;
  }
  const endpoint = endpoints.find(([path]) => path.test(req.path));
  if (!endpoint) {
    sendScimError(res, 404, 'This SCIM service has no such endpoint.');
    return;
  }
  if (!endpoint[1].includes(req.method)) {
    res.setHeader('Allow', endpoint[1].join(', '));
    sendScimError(res, 405, `This endpoint does not take ${req.method.slice(0, 20)} requests; it takes ${endpoint[1].join(', ')}.`);
    return;
  }
  next();
}

/** The last handler of the app: any path outside the SCIM apps' base paths. */
export function scimNotFound(_req: Request, res: Response): void {
  sendScimError(res, 404, 'This server serves SCIM at /scim/v2 and /gotomeeting/v2 only.');
}

/**
 * The app's error handler: express's own (an undecodable path, say) answers in HTML, and could
 * carry an error's text. A client's mistake keeps its 4xx; anything else is logged and answered
 * with a plain sentence.
 */
export function scimErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    sendScimError(res, status, status === 404 ? 'This SCIM service has no such endpoint.' : 'The request could not be read.', status === 400 ? 'invalidSyntax' : undefined);
    return;
  }
  process.stderr.write(`[sandbox] SCIM ${req.method} ${req.path.slice(0, 200)} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  sendScimError(res, 500, 'The SCIM app could not handle this request.');
}

/**
 * Holds a successful write's answer until `durable()` has put it on disk (with `--data`), so a 2xx
 * is only ever sent for a change that survives a crash; concurrent writes share one disk write
 * (see JsonPersister.flush). `changed` is called first, so the write is in what `durable()` saves.
 * A failed save turns the answer into a 503: the change is in memory, but the client is not told
 * it is safe. Must be installed after anything else that wraps `res.end`, so that it runs first and
 * what records the answer sees the status the client gets.
 */
export function answerWhenDurable(durable: () => Promise<void>, changed: () => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || /\/\.search\/?$/i.test(req.path)) {
      next();
      return;
    }
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (res.statusCode >= 300) return end(...args);
      changed();
      durable().then(
        () => end(...args),
        (error: unknown) => {
          process.stderr.write(`[sandbox] could not save the SCIM app's state: ${(error as Error).message}\n`);
          res.removeHeader('content-length');
          res.status(503).setHeader('content-type', 'application/scim+json; charset=utf-8');
          end(JSON.stringify({ schemas: [ERROR_SCHEMA], status: '503', detail: 'The change could not be saved to the sandbox\'s data folder; it may be lost on restart. Try again.' }));
        },
      );
      return res;
    }) as Response['end'];
    next();
  };
}
