import express from 'express';
import SCIMMY from 'scimmy';
import { indexedMatches, pageConstraints, storeCoerced } from './resources';
import type { ParsedQuery, ScimHandlerContext, ScimResourceKind } from './resources';

/** What scimmy's routers answer a request with: SCIM JSON, under this content type. */
const SCIM_JSON = 'application/scim+json';

/**
 * The two requests a provisioning cycle sends for every user, answered without scimmy's routers:
 * the matching query (`GET /Users?filter=userName eq "..."`, an index lookup) and the create
 * (`POST /Users`). The answers are the ones scimmy's routers give, byte for byte: bodies go through
 * scimmy's own coercion (remembered per shape, see CoercionTemplates) and lists through its
 * ListResponse. Anything else, and anything that would not succeed (a refused body, a name already
 * taken, other query parameters), is left to scimmy's routers by calling `next()` untouched.
 *
 * Mounted after authentication and the request guards (which read the body), before scimmy's
 * routers, on the same base path.
 */
export function scimFastPath(kinds: readonly ScimResourceKind[], context: () => ScimHandlerContext): express.Router {
  const router = express.Router();
  for (const kind of kinds) {
    router.get(kind.endpoint, (req, res, next) => {
      const query = req.query as Record<string, unknown>;
      const keys = Object.keys(query);
      if (keys.length !== 1 || keys[0] !== 'filter' || typeof query.filter !== 'string') return next();
      // scimmy's routers parse every request's body, even a GET's: one with a body is theirs to answer.
      if (req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined) return next();
      let parsed: ParsedQuery;
      try {
        parsed = kind.parseQuery(query);
      } catch {
        return next();
      }
      const hits = indexedMatches(kind.pick(context()), parsed.filter);
      if (!hits) return next();
      const basepath = req.baseUrl;
      // Plain copies of the rendered resources serialize as scimmy's instances do.
      const rendered = hits.map((r) => JSON.parse(kind.coerceOut(r, basepath)) as InstanceType<typeof SCIMMY.Types.Schema>);
      const { pastTheEnd: _, ...constraints } = pageConstraints(rendered.length, parsed.constraints);
      const list = new SCIMMY.Messages.ListResponse(rendered, constraints);
      res.setHeader('Content-Type', SCIM_JSON);
      res.send(JSON.stringify(list));
    });
    router.post(kind.endpoint, (req, res, next) => {
      if (Object.keys(req.query as object).length > 0) return next();
      // The guards before this router have read the body (or answered a bad one).
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return next();
      let coerced: Record<string, unknown>;
      try {
        coerced = JSON.parse(kind.coerceIn(body as Record<string, unknown>)) as Record<string, unknown>;
      } catch {
        return next();
      }
      const store = kind.pick(context());
      const name = coerced[store.nameAttribute];
      // A taken name is scimmy's 409 to give.
      if (typeof name === 'string' && store.nameTaken(name)) return next();
      const created = storeCoerced(store, undefined, coerced);
      res.setHeader('Content-Type', SCIM_JSON);
      res.status(201).send(kind.coerceOut(created, req.baseUrl));
    });
  }
  return router;
}
