import SCIMMY from 'scimmy';
import { CoercionTemplates } from './coercionTemplates';
import type { ScimResource, ScimResourceStore } from './resourceStore';

/** What a SCIM request hands to the resource handlers: the stores of the app it reached. */
export interface ScimHandlerContext {
  users: ScimResourceStore;
  groups: ScimResourceStore;
}

type FilterExpression = Record<string, unknown[]>;

// scimmy's typings want a string, but a 404 has no scimType; null is what it accepts at runtime.
const NO_SCIM_TYPE = null as unknown as string;

/**
 * Answers a list request from the indexes when the filter is a single equality on the unique name,
 * externalId or id: the index keeps SCIM's case rules for these attributes (userName and a group's
 * displayName are case-insensitive, the others exact). Undefined for any other filter.
 */
export function indexedMatches(store: ScimResourceStore, filter: unknown): ScimResource[] | undefined {
  if (!Array.isArray(filter) || filter.length !== 1) return undefined;
  const expr = filter[0] as FilterExpression;
  const entries = Object.entries(expr);
  if (entries.length !== 1) return undefined;
  const [key, cond] = entries[0];
  if (!Array.isArray(cond) || String(cond[0]).toLowerCase() !== 'eq' || typeof cond[1] !== 'string') return undefined;
  const k = key.toLowerCase();
  const hit = k === store.nameAttribute.toLowerCase() ? store.findByName(cond[1])
    : k === 'externalid' ? store.findByExternalId(cond[1])
      : k === 'id' ? store.get(cond[1])
        : null;
  if (hit === null) return undefined;
  return hit ? [hit] : [];
}

/**
 * The resources a list request asks for: from an index when it can, else every resource that
 * matches the filter. scimmy leaves filtering to the egress handler: without the match, a filter
 * the indexes do not answer (`displayName eq "..."`) listed, and rendered, every stored resource.
 */
function matches(store: ScimResourceStore, filter: InstanceType<typeof SCIMMY.Types.Filter> | undefined): ScimResource[] {
  const indexed = indexedMatches(store, filter);
  if (indexed) return indexed;
  const all = store.list();
  return filter ? filter.match(all) as ScimResource[] : all;
}

/** scimmy's list constraints: sorting, and paging as RFC 7644 §3.4.2.4 names it. */
export interface ListConstraints {
  sortBy?: string;
  sortOrder?: string;
  startIndex?: number;
  count?: number;
  itemsPerPage?: number;
  totalResults?: number;
}

/** scimmy's page size when a list request names no `count`. */
const DEFAULT_COUNT = 20;

/**
 * The paging figures of a list of `total` matches (RFC 7644 §3.4.2.4): `itemsPerPage` is the number
 * of resources this page holds, not the size asked for, and a `startIndex` past the end gives an
 * empty page. scimmy's ListResponse reports the requested count as itemsPerPage and, for a
 * startIndex past the end, lists from the start; these figures, passed to it with the full list
 * (or none, past the end), make it answer as the RFC says.
 */
export function pageConstraints(total: number, requested: ListConstraints | undefined): ListConstraints & { pastTheEnd: boolean } {
  const startIndex = Math.max(requested?.startIndex ?? 1, 1);
  const count = Math.max(requested?.count ?? DEFAULT_COUNT, 0);
  const itemsPerPage = Math.max(Math.min(count, total - startIndex + 1), 0);
  return { ...requested, startIndex, itemsPerPage, totalResults: total, pastTheEnd: startIndex > total };
}

/**
 * Stores what scimmy made of a request body (the JSON of its schema instance): creates (no id) or
 * replaces (id) the resource, or throws the SCIM error scimmy answers with.
 */
export function storeCoerced(store: ScimResourceStore, id: string | undefined, coerced: Record<string, unknown>): ScimResource {
  const { schemas: _schemas, meta: _meta, id: _id, ...data } = coerced;
  const result = store.upsert(id, data);
  if (result === 'conflict') throw new SCIMMY.Types.Error(409, 'uniqueness', `A resource with ${store.nameAttribute} '${String(data[store.nameAttribute])}' already exists.`);
  if (result === 'missing') throw new SCIMMY.Types.Error(404, NO_SCIM_TYPE, `Resource ${id} not found`);
  return result;
}

/** The part of scimmy's resource class used here (its own typings do not unify User and Group). */
interface DeclaredResource {
  new (query: Record<string, unknown>): ParsedQuery;
  readonly endpoint: string;
  readonly schema: ScimSchemaClass;
  ingress(handler: (res: { id?: string }, instance: unknown, ctx?: ScimHandlerContext) => unknown): DeclaredResource;
  egress(handler: (res: { id?: string; filter?: InstanceType<typeof SCIMMY.Types.Filter>; constraints?: ListConstraints }, ctx?: ScimHandlerContext) => unknown): DeclaredResource;
  degress(handler: (res: { id?: string }, ctx?: ScimHandlerContext) => void): DeclaredResource;
}

/** A scimmy schema class (User with its extension, or Group). */
interface ScimSchemaClass {
  new (data: Record<string, unknown>, direction: 'in' | 'out', basepath?: string): object;
  readonly definition: InstanceType<typeof SCIMMY.Types.SchemaDefinition>;
}

/** A list request's query as scimmy's resource type reads it. */
export interface ParsedQuery {
  filter?: InstanceType<typeof SCIMMY.Types.Filter>;
  /** Sorting and paging, as scimmy's ListResponse takes them. */
  constraints?: ListConstraints;
}

/** One resource type the SCIM app serves: its endpoint, its store, and scimmy's coercions of it. */
export interface ScimResourceKind {
  /** `/Users` or `/Groups`. */
  endpoint: string;
  pick(ctx: ScimHandlerContext): ScimResourceStore;
  /** Reads a list request's query as scimmy's handlers do (throws scimmy's errors). */
  parseQuery(query: Record<string, unknown>): ParsedQuery;
  /** scimmy's reading of a request body, as JSON text (throws scimmy's errors). */
  coerceIn(body: Record<string, unknown>): string;
  /** scimmy's rendering of a stored resource under `basepath` (the app's base URL path), as JSON text. */
  coerceOut(resource: ScimResource, basepath: string): string;
}

function toScimmy(r: ScimResource): Record<string, unknown> {
  // scimmy expects Date objects for meta timestamps.
  return { ...r, meta: { created: new Date(r.meta.created), lastModified: new Date(r.meta.lastModified) } };
}

function declareOne(resource: DeclaredResource, pick: (ctx: ScimHandlerContext) => ScimResourceStore): ScimResourceKind {
  resource
    .ingress((res, instance, ctx?: ScimHandlerContext) => toScimmy(storeCoerced(pick(ctx!), res.id, JSON.parse(JSON.stringify(instance)) as Record<string, unknown>)))
    .egress((res, ctx?: ScimHandlerContext) => {
      const store = pick(ctx!);
      if (res.id) {
        const found = store.get(res.id);
        if (!found) throw new SCIMMY.Types.Error(404, NO_SCIM_TYPE, `Resource ${res.id} not found`);
        return toScimmy(found);
      }
      const all = matches(store, res.filter);
      // read() builds its ListResponse from these constraints after this handler returns.
      const { pastTheEnd, ...constraints } = pageConstraints(all.length, res.constraints);
      res.constraints = constraints;
      return pastTheEnd ? [] : all.map(toScimmy);
    })
    .degress((res, ctx?: ScimHandlerContext) => {
      if (!res.id || !pick(ctx!).delete(res.id)) throw new SCIMMY.Types.Error(404, NO_SCIM_TYPE, `Resource ${res.id ?? ''} not found`);
    });
  const Schema = resource.schema;
  const incoming = new CoercionTemplates(Schema.definition, (data) => JSON.stringify(new Schema(data, 'in')));
  const outgoing = new Map<string, CoercionTemplates>();
  return {
    endpoint: resource.endpoint,
    pick,
    parseQuery: (query) => new resource(query),
    coerceIn: (body) => incoming.render(body),
    coerceOut: (stored, basepath) => {
      let templates = outgoing.get(basepath);
      if (!templates) {
        const location = `${basepath}${resource.endpoint}`;
        templates = new CoercionTemplates(Schema.definition, (data) => JSON.stringify(new Schema(toScimmy(data as ScimResource), 'out', location)));
        outgoing.set(basepath, templates);
      }
      return templates.render(stored);
    },
  };
}

let declared: ScimResourceKind[] | undefined;

/**
 * Declares the User (with the enterprise extension) and Group resource types with scimmy. scimmy
 * keeps declarations in a process-wide registry, so this runs once; every sandbox's stores reach
 * the handlers through the per-request context instead.
 */
export function declareScimResources(): ScimResourceKind[] {
  if (declared) return declared;
  const user = SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false));
  const group = SCIMMY.Resources.declare(SCIMMY.Resources.Group);
  declared = [
    declareOne(user as unknown as DeclaredResource, (c) => c.users),
    declareOne(group as unknown as DeclaredResource, (c) => c.groups),
  ];
  return declared;
}
