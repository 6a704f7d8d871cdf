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
  /** Why this request cannot be run (answered 400 on its own; the rest of the batch runs). */
  invalid?: string;
}

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * Headers that describe the connection or the framing of the outer request, not the inner one: the
 * sandbox sets them itself (a client's `content-length: 100` would hold the inner request open
 * waiting for bytes that never come; a client's `host` would address another server).
 */
const FRAMING_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect', 'proxy-authorization', 'proxy-connection']);

/** The inner request's headers, or why they cannot be sent. */
function innerHeaders(raw: Record<string, unknown>): { headers: Record<string, string>; invalid?: string } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const text = String(value);
    if (!HEADER_NAME.test(name)) return { headers, invalid: `'${name.slice(0, 40)}' is not a valid header name.` };
    if (/[\r\n\0]/.test(text)) return { headers, invalid: `The value of header '${name}' contains a line break or NUL.` };
    if (!FRAMING_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = text;
  }
  return { headers };
}

/**
 * The inner request's URL as it can be sent: characters HTTP does not allow in a request line are
 * percent-encoded (clients write `$filter=displayName eq 'a b'` unencoded in a batch body, and Graph
 * takes it); control characters make the request invalid.
 */
function innerUrl(url: string): { url: string; invalid?: string } {
  if (/[\x00-\x1f\x7f]/.test(url)) return { url, invalid: 'The request URL contains control characters.' };
  const path = url.startsWith('/') ? url : `/${url}`;
  return { url: path.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c)) };
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
    const { headers, invalid: badHeader } = innerHeaders((r.headers ?? {}) as Record<string, unknown>);
    const { url, invalid: badUrl } = innerUrl(r.url);
    return { id: r.id, method: r.method.toUpperCase(), url, headers, body: r.body, dependsOn: (r.dependsOn as string[] | undefined) ?? [], invalid: badUrl ?? badHeader };
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
        const invalid = inner.invalid ?? (inner.body !== undefined && !inner.headers['content-type'] ? "A request with a body needs a 'Content-Type' header." : undefined);
        if (invalid) {
          return { id: inner.id, status: 400, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody('BadRequest', invalid, requestId, requestId) };
        }
        // Whatever goes wrong sending one inner request is that request's failure, not the batch's.
        return dispatch(port, prefix, authorization, inner).catch(() => ({
          id: inner.id, status: 400, headers: { 'Content-Type': 'application/json' },
          body: graphErrorBody('BadRequest', 'The request could not be sent as written.', requestId, requestId),
        }));
      })();
      results.set(key, p);
      return p;
    };
    const responses = await Promise.all(requests.map(run));
    res.status(200).json({ responses });
  });
  return r;
}
