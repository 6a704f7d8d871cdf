/* eslint-disable @typescript-eslint/no-explicit-any -- a small SCIM server reads JSON loosely */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One rule the server breaks on purpose. */
export type Flaw = 'ignoresFilters' | 'acceptsDuplicateUserName' | 'rejectsCapitalisedOps' | 'okForMissingUser' | 'acceptsAnyToken' | 'listWithoutTotalResults';

/** A running server: its base address, the token it accepts, and its stores (to check the clean-up). */
export interface SmallScimServer {
  baseAddress: string;
  token: string;
  users: Map<string, any>;
  groups: Map<string, any>;
  close(): Promise<void>;
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_JSON = 'application/scim+json';

/**
 * A small SCIM 2.0 server written for these tests with plain node:http: it does what Entra needs
 * (the checks' baseline passes against it) unless told to break one rule. It knows only the
 * attributes the checks use.
 */
export async function startSmallScimServer(flaw?: Flaw): Promise<SmallScimServer> {
  const token = `small-scim-${randomUUID()}`;
  const users = new Map<string, any>();
  const groups = new Map<string, any>();

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'Content-Type': SCIM_JSON });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, detail: string, scimType?: string) =>
    send(res, status, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail, ...(scimType ? { scimType } : {}) });

  const list = (res: ServerResponse, items: any[], query: URLSearchParams) => {
    const start = Math.max(Number(query.get('startIndex') ?? 1), 1);
    const count = query.has('count') ? Number(query.get('count')) : items.length;
    const page = items.slice(start - 1, start - 1 + count);
    const body: any = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: items.length, Resources: page, startIndex: start, itemsPerPage: page.length };
    if (flaw === 'listWithoutTotalResults') delete body.totalResults;
    send(res, 200, body);
  };

  /** `attr eq "value"`, attribute names case-insensitive, as the checks send them. */
  const filtered = (items: any[], filter: string | null): any[] => {
    if (!filter || flaw === 'ignoresFilters') return items;
    const m = /^(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"$/i.exec(filter.trim());
    if (!m) return [];
    const key = m[1].toLowerCase();
    const value = JSON.parse(`"${m[2]}"`) as string;
    return items.filter((r) => {
      const k = Object.keys(r).find((n) => n.toLowerCase() === key);
      if (!k) return false;
      return key === 'username' || key === 'displayname' ? String(r[k]).toLowerCase() === value.toLowerCase() : r[k] === value;
    });
  };

  const setPath = (r: any, path: string, value: unknown, op: string) => {
    const email = /^emails\[type eq "(\w+)"\]\.value$/i.exec(path);
    if (email) {
      r.emails = (r.emails ?? []).filter((e: any) => e.type !== email[1]);
      r.emails.push({ type: email[1], value });
    } else if (path.toLowerCase().startsWith(`${ENTERPRISE.toLowerCase()}:`)) {
      r[ENTERPRISE] = { ...(r[ENTERPRISE] ?? {}), [path.slice(ENTERPRISE.length + 1)]: value };
    } else if (path === 'name.familyName') {
      r.name = { ...(r.name ?? {}), familyName: value };
    } else if (path === 'members') {
      const ids = (value as any[]).map((v) => v.value);
      if (op === 'remove') r.members = (r.members ?? []).filter((m: any) => !ids.includes(m.value));
      else r.members = [...(r.members ?? []), ...ids.map((v) => ({ value: v }))];
    } else if (/^members\[value eq "(.+)"\]$/.test(path) && op === 'remove') {
      const id = /^members\[value eq "(.+)"\]$/.exec(path)![1];
      r.members = (r.members ?? []).filter((m: any) => m.value !== id);
    } else if (path === 'active') {
      // Entra's default form sends "True"/"False"; a server built for Entra reads them as booleans.
      const active = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
      if (typeof active !== 'boolean') throw new Error('active must be a boolean');
      r.active = active;
    } else {
      r[path] = value;
    }
  };

  const patch = (r: any, body: any): string | undefined => {
    for (const operation of body?.Operations ?? []) {
      const op = String(operation.op);
      if (flaw === 'rejectsCapitalisedOps' && op !== op.toLowerCase()) return `Unknown op '${op}'.`;
      const lower = op.toLowerCase();
      try {
        if (operation.path) setPath(r, operation.path, operation.value, lower);
        else for (const [k, v] of Object.entries(operation.value ?? {})) setPath(r, k, v, lower);
      } catch (e) {
        return (e as Error).message;
      }
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const auth = req.headers.authorization ?? '';
    const authorised = flaw === 'acceptsAnyToken' ? /^Bearer \S+/.test(auth) : auth === `Bearer ${token}`;
    if (!authorised) return error(res, 401, 'Unauthorized.');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/scim\/(Users|Groups)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return error(res, 404, 'No such endpoint.');
    const store = m[1] === 'Users' ? users : groups;
    const id = m[2] ? decodeURIComponent(m[2]) : undefined;
    const body = text ? JSON.parse(text) : undefined;
    if (!id && req.method === 'GET') return list(res, filtered([...store.values()], url.searchParams.get('filter')), url.searchParams);
    if (!id && req.method === 'POST') {
      const name = m[1] === 'Users' ? 'userName' : 'displayName';
      if (flaw !== 'acceptsDuplicateUserName' && [...store.values()].some((r) => String(r[name]).toLowerCase() === String(body[name]).toLowerCase())) return error(res, 409, 'Taken.', 'uniqueness');
      const created = { ...body, id: randomUUID() };
      store.set(created.id, created);
      return send(res, 201, created);
    }
    const found = id ? store.get(id) : undefined;
    if (!found) return flaw === 'okForMissingUser' && req.method === 'GET' ? send(res, 200, {}) : error(res, 404, 'Not found.');
    if (req.method === 'GET') {
      if (url.searchParams.get('excludedAttributes') === 'members') {
        const { members: _members, ...rest } = found;
        return send(res, 200, rest);
      }
      return send(res, 200, found);
    }
    if (req.method === 'PATCH') {
      const problem = patch(found, body);
      return problem ? error(res, 400, problem, 'invalidValue') : send(res, 200, found);
    }
    if (req.method === 'DELETE') {
      store.delete(found.id);
      return send(res, 204);
    }
    return error(res, 405, 'Method not allowed.');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseAddress: `http://127.0.0.1:${port}/scim`,
    token,
    users,
    groups,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
