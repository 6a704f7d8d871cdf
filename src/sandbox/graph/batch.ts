import { request as httpRequest } from 'node:http';
import { Router } from 'express';
import type { Request } from 'express';
import { badRequest } from '../http/graphError';
import { graphErrorBody } from '../http/graphError';
import { requireObject } from '../http/validate';

/** Graph's limit on requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/** One entry of the batch response. */
export interface InnerResponse { id: string; status: number; headers: Record<string, string>; body?: unknown }

function parseRequests(body: unknown): InnerRequest[] {
  const b = requireObject(body);
  const list = b.requests;
  if (!Array.isArray(list) || list.length === 0) throw badRequest("The batch body needs a non-empty 'requests' array.", 'BadRequest');
  if (list.length > MAX_BATCH_REQUESTS) throw badRequest(`A batch may hold at most ${MAX_BATCH_REQUESTS} requests; this one has ${list.length}.`, 'BadRequest');
  const seen = new Set<string>();
  const out = list.map((raw, i): InnerRequest => {
    const r = requireObject(raw, `requests[${i}]`);
    if (typeof r.id !== 'string' || !r.id) throw badRequest(`requests[${i}].id is required and must be a string.`, 'BadRequest');
    const key = r.id.toLowerCase();
    if (seen.has(key)) throw badRequest(`Batch request id '${r.id}' is used more than once; ids must be unique.`, 'BadRequest');
    seen.add(key);
    if (typeof r.method !== 'string' || !METHODS.has(r.method.toUpperCase())) throw badRequest(`requests[${i}].method must be one of GET, POST, PUT, PATCH, DELETE.`, 'BadRequest');
    if (typeof r.url !== 'string' || !r.url || /^https?:/i.test(r.url)) throw badRequest(`requests[${i}].url must be a relative URL such as /users.`, 'BadRequest');
    if (r.headers !== undefined && (typeof r.headers !== 'object' || r.headers === null || Array.isArray(r.headers))) throw badRequest(`requests[${i}].headers must be an object.`, 'BadRequest');
    if (r.dependsOn !== undefined && (!Array.isArray(r.dependsOn) || !r.dependsOn.every((d) => typeof d === 'string'))) throw badRequest(`requests[${i}].dependsOn must be an array of request ids.`, 'BadRequest');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
    return { id: r.id, method: r.method.toUpperCase(), url: r.url.startsWith('/') ? r.url : `/${r.url}`, headers, body: r.body, dependsOn: (r.dependsOn as string[] | undefined) ?? [] };
  });
  const ids = new Map(out.map((r) => [r.id.toLowerCase(), r]));
  for (const r of out) {
    for (const d of r.dependsOn) if (!ids.has(d.toLowerCase())) throw badRequest(`Request '${r.id}' depends on '${d}', which is not in the batch.`, 'BadRequest');
  }
  // Reject cycles, which could never run.
  const state = new Map<string, 1 | 2>();
  const visit = (r: InnerRequest): void => {
    const k = r.id.toLowerCase();
    if (state.get(k) === 2) return;
    if (state.get(k) === 1) throw badRequest(`The dependsOn chain of request '${r.id}' is circular.`, 'BadRequest');
    state.set(k, 1);
    for (const d of r.dependsOn) visit(ids.get(d.toLowerCase())!);
    state.set(k, 2);
  };
  out.forEach(visit);
  return out;
}

/** Runs one inner request against this same server over loopback, so it meets every middleware (auth, faults, routing). */
function dispatch(port: number, prefix: string, authorization: string | undefined, inner: InnerRequest): Promise<InnerResponse> {
  const payload = inner.body === undefined ? undefined
    : Buffer.from(typeof inner.body === 'string' && (inner.headers['content-type'] ?? '').includes('json') === false ? inner.body : JSON.stringify(inner.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1', port, method: inner.method, path: prefix + inner.url,
      headers: {
        ...inner.headers,
        ...(authorization ? { authorization } : {}),
        ...(payload ? { 'content-type': inner.headers['content-type'] ?? 'application/json', 'content-length': payload.length } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'retry-after', 'location', 'request-id']) {
          const v = res.headers[h];
          if (typeof v === 'string') headers[h === 'content-type' ? 'Content-Type' : h === 'retry-after' ? 'Retry-After' : h] = v;
        }
        let body: unknown = undefined;
        if (text) {
          try { body = JSON.parse(text); } catch { body = text; }
        }
        resolve({ id: inner.id, status: res.statusCode ?? 500, headers, ...(body !== undefined ? { body } : {}) });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** `POST /$batch`: up to 20 requests, `dependsOn` ordering, 424 when a prerequisite failed. */
export function batchRouter(): Router {
  const r = Router();
  r.post(/^\/\$batch$/, async (req: Request, res) => {
    const requests = parseRequests(req.body);
    const port = req.socket.localPort!;
    const prefix = req.baseUrl;
    const authorization = req.get('authorization');
    const requestId = String(res.locals.requestId ?? '');
    const results = new Map<string, Promise<InnerResponse>>();
    const run = (inner: InnerRequest): Promise<InnerResponse> => {
      const key = inner.id.toLowerCase();
      let p = results.get(key);
      if (p) return p;
      p = (async () => {
        const deps = await Promise.all(inner.dependsOn.map((d) => run(requests.find((x) => x.id.toLowerCase() === d.toLowerCase())!)));
        if (deps.some((d) => d.status >= 400)) {
          return {
            id: inner.id, status: 424, headers: { 'Content-Type': 'application/json' },
            body: graphErrorBody('FailedDependency', 'The request was not run because a request it depends on failed.', requestId, requestId),
          };
        }
        if (inner.body !== undefined && !inner.headers['content-type']) {
          return {
            id: inner.id, status: 400, headers: { 'Content-Type': 'application/json' },
            body: graphErrorBody('BadRequest', "A request with a body needs a 'Content-Type' header.", requestId, requestId),
          };
        }
        return dispatch(port, prefix, authorization, inner);
      })();
      results.set(key, p);
      return p;
    };
    const responses = await Promise.all(requests.map(run));
    res.status(200).json({ responses });
  });
  return r;
}
