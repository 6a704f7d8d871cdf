import express from 'express';
import type { Request, Response } from 'express';
import type { SandboxContext } from '../context';
import { applicationTemplatesRouter } from './applicationTemplates';
import { directoryRouter } from './directory';
import { appIdAlias, servicePrincipalsRouter } from './servicePrincipals';
import { functionCallAlias, schemaRouter } from './schema';
import { schemaDirectoriesRouter } from './schemaDirectories';
import { synchronizationRouter } from './synchronization';
import { auditLogsRouter } from './auditLogs';
import { batchRouter } from './batch';
import { schemaExtensions } from './schemaExtensions';
import { answerWhenDurable, bearerAuth, errorHandler, faultInjection, reportAnswered, requestIds, sendGraphError } from '../http/middleware';
import type { AnsweredRequest } from '../http/middleware';
import { limitJsonDepth, loopbackHostOnly } from '../http/requestLimits';

/** Largest request body accepted, matching Graph's 4 MB request limit. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Options for the Graph emulator app. */
export interface GraphAppOptions {
  /** Bearer token to require; undefined accepts any non-empty bearer token. */
  token?: string;
  /** The port the server listens on (known once it listens): requests for another Host are refused. */
  port: () => number;
  /**
   * Resolves once every change made so far is written to disk (with `--data`); write requests are
   * answered only after it, so an acknowledged write survives a crash.
   */
  durable?: () => Promise<void>;
  /** Told about every request once it is answered (see {@link reportAnswered}). */
  onRequest?: (request: AnsweredRequest) => void;
}

/** Builds the express app that serves `/v1.0` (and `/beta`, same handlers). */
export function createGraphApp(ctx: SandboxContext, options: GraphAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('json spaces', 0);
  app.use(requestIds);
  if (options.onRequest) app.use(reportAnswered(options.onRequest));
  app.use(loopbackHostOnly(options.port, (res, message) => sendGraphError(res, 400, 'BadRequest', message)));
  app.use(bearerAuth(options.token));
  // $batch is exempt so that faults hit each inner request separately, as Graph throttles them.
  app.use(faultInjection(ctx.faults, ctx.random, (req) => /\/\$batch$/.test(req.path)));
  app.use(express.json({ limit: MAX_BODY_BYTES, type: () => true, strict: true }));
  app.use(limitJsonDepth((res, message) => sendGraphError(res, 400, 'BadRequest', message)));
  if (options.durable) app.use(answerWhenDurable(options.durable));

  const api = express.Router();
  api.use(appIdAlias(ctx));
  api.use(directoryRouter(ctx));
  api.use(servicePrincipalsRouter(ctx));
  api.use(applicationTemplatesRouter(ctx));
  api.use(functionCallAlias);
  api.use(schemaRouter(ctx, schemaExtensions));
  api.use(schemaDirectoriesRouter(ctx));
  api.use(synchronizationRouter(ctx));
  api.use(auditLogsRouter(ctx));
  api.use(batchRouter());
  for (const version of ['/v1.0', '/beta']) app.use(version, api);

  app.use((req: Request, res: Response) => {
    const version = /^\/(v1\.0|beta)(?=\/|$)/i.exec(req.path);
    if (!version) {
      // Graph's answer for a path outside its versions, e.g. `/v2/users`.
      sendGraphError(res, 400, 'BadRequest', `Invalid version: ${req.path.split('/').filter(Boolean)[0] ?? ''}`);
      return;
    }
    const path = req.path.slice(version[0].length);
    const allowed = methodsOf(api, path);
    if (allowed.length > 0) {
      // A known resource asked with a method it does not take: Graph answers 405, not 404.
      res.setHeader('Allow', allowed.join(', '));
      sendGraphError(res, 405, 'Request_BadRequest', `Specified HTTP method '${req.method}' is not allowed for the request target; it takes ${allowed.join(', ')}.`);
      return;
    }
    // Graph checks a path against its metadata before any id is looked up: a segment it does not know
    // is a 400 naming that segment (unknown ids of known resources are 404s, answered by the routes).
    sendGraphError(res, 400, 'BadRequest', `Resource not found for the segment '${unknownSegment(api, path)}'.`);
  });
  app.use(errorHandler);
  return app;
}

interface RouterLayer {
  match(path: string): unknown;
  route?: { methods: Record<string, boolean>; path: unknown };
  handle?: { stack?: RouterLayer[] };
}

/**
 * The methods the routes matching `path` take (empty for a path no route knows). Reads the
 * routers' own route table (router 2's layers), so it cannot drift from what is registered.
 */
function methodsOf(router: express.Router, path: string): string[] {
  const methods = new Set<string>();
  const visit = (stack: RouterLayer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.match(path)) for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') methods.add(m.toUpperCase());
      } else if (layer.handle?.stack) visit(layer.handle.stack);
    }
  };
  visit((router as unknown as { stack: RouterLayer[] }).stack);
  return [...methods].sort();
}

/** The segments of every route path (regular-expression routes have none). */
function routeTemplates(router: express.Router): string[][] {
  const templates: string[][] = [];
  const visit = (stack: RouterLayer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) if (typeof p === 'string') templates.push(p.split('/').filter(Boolean));
      } else if (layer.handle?.stack) visit(layer.handle.stack);
    }
  };
  visit((router as unknown as { stack: RouterLayer[] }).stack);
  return templates;
}

/**
 * The first segment of `path` that no route knows at its place (a `:param` takes any segment); the
 * last one when each segment is known but the whole path is not a resource.
 */
function unknownSegment(router: express.Router, path: string): string {
  const segments = path.split('/').filter(Boolean);
  let candidates = routeTemplates(router);
  for (const [i, segment] of segments.entries()) {
    candidates = candidates.filter((t) => i < t.length && (t[i].startsWith(':') || t[i].toLowerCase() === segment.toLowerCase()));
    if (candidates.length === 0) return decoded(segment);
  }
  return decoded(segments.at(-1) ?? '');
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
