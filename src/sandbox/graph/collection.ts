import type { Request, Response } from 'express';
import { badRequest } from '../http/graphError';
import { filterPredicate, matchesSearch, parseFilter, parseSearch, parseSelect, selectFields, type FilterNode } from '../odata';
import { checkSelect, present, project } from './views';
import type { ResourceView } from './views';

/** How a collection endpoint treats OData options. */
export interface CollectionOptions {
  /** `@odata.context` value. */
  context: string;
  /** Directory objects: case-insensitive filters, advanced queries need ConsistencyLevel. */
  directoryObject: boolean;
  defaultTop?: number;
  maxTop?: number;
  /** Whether $search is supported at all. */
  searchable?: boolean;
  /** Checks a parsed $filter before it runs (throws a 400 GraphError); may rewrite property names to their declared case. */
  checkFilter?: (node: FilterNode) => void;
}

/**
 * The `@odata.context` of a projection: Graph names the selected properties after the entity set,
 * `#users(displayName,mail)` and `#users(displayName)/$entity`.
 */
export function selectContext(context: string, select: readonly string[] | undefined): string {
  if (!select) return context;
  const list = `(${select.join(',')})`;
  return context.endsWith('/$entity') ? `${context.slice(0, -'/$entity'.length)}${list}/$entity` : `${context}${list}`;
}

/** Reads a single query option (express may give arrays for repeated keys). */
export function queryParam(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (Array.isArray(v)) throw badRequest(`Query option '${name}' was given more than once.`);
  return typeof v === 'string' ? v : undefined;
}

function encodeSkip(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeSkip(token: string): number {
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString()) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('The $skiptoken is not valid.', 'Request_BadRequest');
}

/** Absolute URL of this request, as seen by the client (for @odata.nextLink). */
export function requestBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

function parseTop(req: Request, max: number): number | undefined {
  const top = queryParam(req, '$top');
  if (top === undefined) return undefined;
  if (!/^\d+$/.test(top) || Number(top) < 1) throw badRequest(`Invalid value '${top}' for $top; it must be a positive integer.`);
  if (Number(top) > max) throw badRequest(`Invalid page size specified: '${top}'. Must be between 1 and ${max} inclusive.`);
  return Number(top);
}

/**
 * Answers a collection GET with filtering, search, ordering, selection and server-side paging
 * (`@odata.nextLink` carrying every original option plus an opaque `$skiptoken`).
 */
export function sendCollection<T extends object>(req: Request, res: Response, items: T[], opts: CollectionOptions & { view?: ResourceView<T> }): void {
  const consistency = (req.get('consistencylevel') ?? '').toLowerCase() === 'eventual';
  const filter = queryParam(req, '$filter');
  const search = queryParam(req, '$search');
  const count = queryParam(req, '$count');
  const orderby = queryParam(req, '$orderby');
  const select = parseSelect(queryParam(req, '$select'));
  checkSelect(opts.view, select);
  const maxTop = opts.maxTop ?? 999;
  const top = parseTop(req, maxTop) ?? opts.defaultTop ?? 100;
  const skipToken = queryParam(req, '$skiptoken');

  if (search !== undefined) {
    if (!opts.searchable) throw badRequest('$search is not supported on this resource.', 'Request_UnsupportedQuery');
    if (!consistency) throw badRequest("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'", 'Request_UnsupportedQuery');
  }
  if (count !== undefined && count !== 'true' && count !== 'false') throw badRequest("Invalid value for $count; use 'true' or 'false'.");
  if (count === 'true' && opts.directoryObject && !consistency) throw badRequest('$count is not currently supported without the ConsistencyLevel: eventual header.', 'Request_BadRequest');
  if (filter !== undefined && orderby !== undefined && opts.directoryObject && !consistency) {
    throw badRequest('Sorting not supported for current query without ConsistencyLevel: eventual and $count=true.', 'Request_UnsupportedQuery');
  }

  // Filters and search see every property, as Graph's do, whatever the projection.
  const view = opts.view;
  let result: object[] = view ? items.map((i) => view.full(i)) : items;
  if (filter !== undefined) {
    const node = parseFilter(filter);
    opts.checkFilter?.(node);
    const predicate = filterPredicate(node, { caseInsensitive: opts.directoryObject });
    result = result.filter(predicate);
  }
  if (search !== undefined) {
    const groups = parseSearch(search);
    result = result.filter((o) => matchesSearch(o as Record<string, unknown>, groups));
  }
  if (orderby !== undefined) {
    const [field, dir] = orderby.trim().split(/\s+/);
    const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
    result = [...result].sort((a, b) => {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      return x === y ? 0 : String(x ?? '') < String(y ?? '') ? -sign : sign;
    });
  }

  const offset = skipToken ? decodeSkip(skipToken) : 0;
  const page = result.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': selectContext(opts.context, select) };
  // Graph puts @odata.count on the first page only.
  if (count === 'true' && offset === 0) body['@odata.count'] = result.length;
  if (offset + top < result.length) {
    const url = new URL(req.originalUrl, requestBaseUrl(req));
    url.searchParams.set('$skiptoken', encodeSkip(offset + top));
    body['@odata.nextLink'] = url.toString();
  }
  body.value = view ? page.map((i) => project(i as Record<string, unknown>, select ?? view.defaults)) : page.map((i) => selectFields(i, select));
  res.status(200).json(body);
}

/** Answers a single-entity GET honouring $select (and the type's default set, given its view). */
export function sendEntity<T extends object>(req: Request, res: Response, item: T, context: string, view?: ResourceView<T>): void {
  const select = parseSelect(queryParam(req, '$select'));
  checkSelect(view, select);
  res.status(200).json({ '@odata.context': selectContext(context, select), ...(view ? present(view, item, select) : selectFields(item, select)) });
}
