import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { ScimResourceStore } from './resourceStore';
import type { ScimResource, StoredChange } from './resourceStore';
import { declareScimResources, indexedMatches, pageConstraints } from './resources';
import { loopbackHostOnly } from '../http/requestLimits';
import { answerWhenDurable, scimEndpointsOnly, scimErrorHandler, scimJsonBody, scimNotFound, sendScimError } from './requestGuards';
import type { ScimHandlerContext, ScimResourceKind } from './resources';
import { scimFastPath } from './fastPath';

/** One request the SCIM app answered, for tests and the demo log. */
export interface ScimRequestRecord {
  app: 'scim' | 'gotomeeting';
  method: string;
  url: string;
  status: number;
  /** Error detail for 4xx/5xx answers. */
  detail?: string;
}

/** A stored change, as reported across threads. */
export type ScimWrite = { app: 'scim' | 'gotomeeting'; kind: 'users' | 'groups' } & StoredChange;

/** Paths of the two target apps on the SCIM server. */
export const SCIM_BASE_PATH = '/scim/v2';
export const GOTOMEETING_BASE_PATH = '/gotomeeting/v2';

/** Credentials and data of the SCIM server. */
export interface ScimServerOptions {
  token: string;
  gotoMeetingUser: string;
  gotoMeetingPassword: string;
  /**
   * Answer every request through scimmy's routers, without the fast path for the matching query
   * and the create (tests compare the two).
   */
  scimmyOnly?: boolean;
}

/**
 * Checks the credentials before anything else reads the request (its body, its query), so a caller
 * without them learns nothing but 401.
 */
function authenticateFirst(ok: (req: Request) => boolean, scheme: 'Bearer' | 'Basic', detail: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (ok(req)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', scheme === 'Basic' ? 'Basic realm="GoToMeeting"' : 'Bearer');
    sendScimError(res, 401, detail);
  };
}

/** Attribute names that reach into JavaScript's object machinery rather than a SCIM resource. */
const objectMachinery = /(^|[^\w$])(__proto__|prototype|constructor)(?![\w$])/;

/**
 * Express's default ('simple') query parser, with `startIndex` and `count` as numbers: scimmy takes
 * paging only from integers, and the text of a query string reached it as text, so it ignored them
 * (RFC 7644 §3.4.2.4). Anything not an integer stays text, which scimmy ignores as before.
 */
function scimQuery(text: string): Record<string, unknown> {
  const query: Record<string, unknown> = parseQueryString(text);
  for (const name of ['startIndex', 'count']) {
    const value = query[name];
    if (typeof value === 'string' && /^-?\d{1,9}$/.test(value)) query[name] = Number(value);
  }
  return query;
}

/** The filter scimmy builds from a query parameter (attribute lists become `a pr and b pr`). */
const filterText: Record<string, (value: string) => string> = {
  filter: (value) => value,
  attributes: (value) => value.split(',').map((a) => `${a} pr`).join(' and '),
  excludedAttributes: (value) => value.split(',').map((a) => `${a} np`).join(' and '),
  sortBy: (value) => `${value} pr`,
};

/**
 * Whether a query parameter that names attributes is one scimmy can take; for a `filter`, the
 * filter as scimmy parsed it (else true).
 */
function queryParameterOk(name: string, value: unknown): boolean | InstanceType<typeof SCIMMY.Types.Filter> {
  // Quoted values are data ("userName eq \"constructor\"" is a fair question), not attribute paths.
  if (typeof value !== 'string' || objectMachinery.test(value.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return false;
  if (!value.trim()) return true;
  try {
    const parsed = new SCIMMY.Types.Filter(filterText[name](value));
    return name === 'filter' ? parsed : true;
  } catch {
    return false;
  }
}

/**
 * Checks the query parameters that name attributes before scimmy does: a filter it cannot parse,
 * or a path into JavaScript's object machinery (`attributes=__proto__`), makes it fail with an
 * internal error, where a SCIM service answers 400 for a client's mistake.
 */
function checkQuery(req: Request, res: Response, next: NextFunction): void {
  for (const name of Object.keys(filterText)) {
    const value = req.query[name];
    if (value === undefined) continue;
    if (!queryParameterOk(name, value)) {
      res.status(400).type('application/scim+json').send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: name === 'filter' ? 'invalidFilter' : 'invalidValue', detail: `The ${name} parameter is not a valid SCIM ${name === 'filter' ? 'filter' : 'attribute list'} for this resource.` }));
      return;
    }
  }
  next();
}

/**
 * A 5xx from the SCIM library carries its internal error text (a TypeError's message, say): logged
 * here, and answered with a plain sentence, so nothing internal leaves the server.
 */
function hideInternalErrors(req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (res.statusCode < 500) return send(body);
    process.stderr.write(`[sandbox] SCIM ${req.method} ${req.path} failed: ${typeof body === 'string' ? body.slice(0, 500) : String(body)}\n`);
    res.type('application/scim+json');
    return send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(res.statusCode), detail: 'The SCIM app could not handle this request.' }));
  };
  next();
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The sandbox's SCIM target apps: stores, request log and the express app serving them. */
export class ScimTargets {
  readonly scim: ScimHandlerContext = { users: new ScimResourceStore('userName'), groups: new ScimResourceStore('displayName') };
  readonly gotoMeeting: ScimHandlerContext = { users: new ScimResourceStore('userName'), groups: new ScimResourceStore('displayName') };
  /** Every request answered, newest last (bounded). */
  readonly requests: ScimRequestRecord[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly requestListeners = new Set<(record: ScimRequestRecord) => void>();

  private readonly kinds: ScimResourceKind[];

  /**
   * @param keepRequestLog Whether {@link requests} keeps what was answered; a worker thread's copy
   *   only reports its requests to the main thread's mirror, which keeps them.
   */
  constructor(private readonly options: ScimServerOptions, private readonly keepRequestLog = true) {
    this.kinds = declareScimResources();
  }

  /** Users stored by the SCIM app. */
  listUsers(): ScimResource[] {
    return this.scim.users.list();
  }

  /** Number of users stored by the SCIM app (without reading them). */
  userCount(): number {
    return this.scim.users.size;
  }

  /** Groups stored by the SCIM app. */
  listGroups(): ScimResource[] {
    return this.scim.groups.list();
  }

  /** One SCIM app user by id. */
  getUser(id: string): ScimResource | undefined {
    return this.scim.users.get(id);
  }

  /** One SCIM app user by userName (case-insensitive). */
  findUser(userName: string): ScimResource | undefined {
    return this.scim.users.findByName(userName);
  }

  /** Users stored by the GoToMeeting app. */
  listGoToMeetingUsers(): ScimResource[] {
    return this.gotoMeeting.users.list();
  }

  /** Requests answered with 4xx (what a cycle must never cause). */
  clientErrors(): ScimRequestRecord[] {
    return this.requests.filter((r) => r.status >= 400 && r.status < 500);
  }

  /** Forget the request log. */
  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Subscribe to data changes (persistence). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Serializable state. */
  snapshot(): Record<string, ScimResource[]> {
    return {
      users: this.scim.users.list(), groups: this.scim.groups.list(),
      gotoMeetingUsers: this.gotoMeeting.users.list(), gotoMeetingGroups: this.gotoMeeting.groups.list(),
    };
  }

  /** Restores {@link snapshot} output. */
  load(data: Partial<Record<string, ScimResource[]>>): void {
    this.scim.users.load(data.users ?? []);
    this.scim.groups.load(data.groups ?? []);
    this.gotoMeeting.users.load(data.gotoMeetingUsers ?? []);
    this.gotoMeeting.groups.load(data.gotoMeetingGroups ?? []);
  }

  /** Appends a request record (also used to mirror a worker thread's log). */
  addRequest(record: ScimRequestRecord): void {
    if (this.keepRequestLog) {
      this.requests.push(record);
      if (this.requests.length > 50_000) this.requests.splice(0, 10_000);
    }
    for (const l of this.requestListeners) l(record);
  }

  /** Subscribe to every answered request. */
  onRequest(listener: (record: ScimRequestRecord) => void): void {
    this.requestListeners.add(listener);
  }

  /** Subscribe to every stored change, with the app and resource type it concerns. */
  onWrite(listener: (change: ScimWrite) => void): void {
    const hook = (app: ScimWrite['app'], kind: ScimWrite['kind'], store: ScimResourceStore) => {
      store.onWrite = (c) => listener({ app, kind, ...c });
    };
    hook('scim', 'users', this.scim.users);
    hook('scim', 'groups', this.scim.groups);
    hook('gotomeeting', 'users', this.gotoMeeting.users);
    hook('gotomeeting', 'groups', this.gotoMeeting.groups);
  }

  /** Applies a change reported by another copy of these stores (see {@link onWrite}). */
  applyWrite(change: ScimWrite): void {
    (change.app === 'scim' ? this.scim : this.gotoMeeting)[change.kind].apply(change);
    this.notifyChanged();
  }

  /** Resolves once every change made so far is visible here (immediately: these are the stores). */
  settle(): Promise<void> {
    return Promise.resolve();
  }

  private notifyChanged(): void {
    for (const l of this.listeners) l();
  }

  private record(app: ScimRequestRecord['app']) {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      let body = '';
      const send = res.send.bind(res);
      res.send = (b?: unknown) => {
        if (res.statusCode >= 400) body = typeof b === 'string' ? b : Buffer.isBuffer(b) ? b.toString('utf8') : JSON.stringify(b);
        return send(b);
      };
      // Recorded before the answer leaves, so whoever receives the answer can already see the record.
      res.end = ((...args: unknown[]) => {
        this.addRequest({ app, method: req.method, url: req.originalUrl, status: res.statusCode, ...(body ? { detail: body.slice(0, 500) } : {}) });
        if (req.method !== 'GET' && res.statusCode < 300) this.notifyChanged();
        return end(...args);
      }) as Response['end'];
      next();
    };
  }

  private bearerOk(authorization: string | undefined): boolean {
    const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    return m !== null && sameSecret(m[1].trim(), this.options.token);
  }

  private basicOk(authorization: string | undefined): boolean {
    const m = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    return colon > 0 && sameSecret(decoded.slice(0, colon), this.options.gotoMeetingUser) && sameSecret(decoded.slice(colon + 1), this.options.gotoMeetingPassword);
  }

  /**
   * The server's request handler: the express app of {@link createApp}, with the matching query
   * (`GET /Users?filter=userName eq "..."`, sent once per user by every cycle) answered before it.
   * Through express that query cost about 0.12 ms of the SCIM thread; a bare Node server answers it
   * in 0.015 ms. It is answered here only when express would answer it with 200 from an index:
   * addressed to this server, authenticated, a valid indexed equality filter alone, no body. The
   * answer is express's, byte for byte (status, headers, body), and is recorded as express records.
   */
  createHandler(port: () => number, durable?: () => Promise<void>): (req: IncomingMessage, res: ServerResponse) => void {
    const app = this.createApp(port, durable);
    if (this.options.scimmyOnly) return app;
    return (req, res) => {
      if (!this.answerIndexedQuery(req, res, port())) void app(req, res);
    };
  }

  private answerIndexedQuery(req: IncomingMessage, res: ServerResponse, port: number): boolean {
    if (req.method !== 'GET' || req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined) return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if (q < 0) return false;
    const path = url.slice(0, q);
    const app = path.startsWith(`${SCIM_BASE_PATH}/`) ? 'scim' : path.startsWith(`${GOTOMEETING_BASE_PATH}/`) ? 'gotomeeting' : undefined;
    if (!app) return false;
    const base = app === 'scim' ? SCIM_BASE_PATH : GOTOMEETING_BASE_PATH;
    const kind = this.kinds.find((k) => path === `${base}${k.endpoint}`);
    if (!kind) return false;
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}` && host !== `[::1]:${port}`) return false;
    if (!(app === 'scim' ? this.bearerOk(req.headers.authorization) : this.basicOk(req.headers.authorization))) return false;
    // Express's default ('simple') query parser is node:querystring.
    const query = parseQueryString(url.slice(q + 1));
    const keys = Object.keys(query);
    if (keys.length !== 1 || keys[0] !== 'filter') return false;
    const filter = queryParameterOk('filter', query.filter);
    if (typeof filter === 'boolean') return false;
    const hits = indexedMatches(kind.pick(app === 'scim' ? this.scim : this.gotoMeeting), filter);
    if (!hits) return false;
    const rendered = hits.map((r) => JSON.parse(kind.coerceOut(r, base)) as InstanceType<typeof SCIMMY.Types.Schema>);
    const { pastTheEnd: _, ...constraints } = pageConstraints(rendered.length, undefined);
    const body = JSON.stringify(new SCIMMY.Messages.ListResponse(rendered, constraints));
    this.addRequest({ app, method: 'GET', url, status: 200 });
    res.writeHead(200, { 'Content-Type': 'application/scim+json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  }

  /**
   * Builds the express app: `/scim/v2` (bearer token) and `/gotomeeting/v2` (basic auth). `port` is
   * the port it listens on, once known: requests for another Host are refused. `durable`, with
   * `--data`, resolves once every change made so far is on disk: writes are answered after it.
   */
  createApp(port: () => number, durable?: () => Promise<void>): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('query parser', scimQuery);
    // No ETags: SCIM clients here never send If-None-Match, and hashing every answer costs time.
    app.set('etag', false);
    app.use(loopbackHostOnly(port, (res, message) => sendScimError(res, 400, message)));
    const bearerOk = (req: Request) => this.bearerOk(req.get('authorization'));
    const basicOk = (req: Request) => this.basicOk(req.get('authorization'));
    // Bodies are read only after authentication, and bounded; the durable answer wraps last so the
    // request log records the status the client gets.
    const guards = [scimEndpointsOnly, scimJsonBody(), checkQuery, hideInternalErrors, ...(durable ? [answerWhenDurable(durable, () => this.notifyChanged())] : [])];
    const scimRouters = new SCIMMYRouters({ type: 'bearer', handler: () => 'provisioning', context: () => this.scim });
    const gotoMeetingRouters = new SCIMMYRouters({ type: 'basic', handler: () => 'admin', context: () => this.gotoMeeting });
    // After the guards (the body is read, a write waits to be durable), before scimmy's routers.
    const fast = (context: () => ScimHandlerContext) => this.options.scimmyOnly ? [] : [scimFastPath(this.kinds, context)];
    app.use(SCIM_BASE_PATH, this.record('scim'), authenticateFirst(bearerOk, 'Bearer', 'Invalid or missing bearer token.'), ...guards, ...fast(() => this.scim), scimRouters);
    app.use(GOTOMEETING_BASE_PATH, this.record('gotomeeting'), authenticateFirst(basicOk, 'Basic', 'Invalid admin user name or password.'), ...guards, ...fast(() => this.gotoMeeting), gotoMeetingRouters);
    app.use(scimNotFound);
    app.use(scimErrorHandler);
    return app;
  }
}
