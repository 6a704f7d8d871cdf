import { Router } from 'express';
import type { SandboxContext } from '../context';
import { badRequest, notFound } from '../http/graphError';
import type { FilterNode } from '../odata';
import { queryParam, requestBaseUrl, sendCollection } from './collection';

/**
 * The properties a provisioning-log `$filter` may name, from provisioningObjectSummary and its
 * complex types in the Graph v1.0 metadata (a copy: test/contract/). A nested object is a type's
 * members; `true` is a leaf; `'open'` is an open type (provisionedIdentity, provisioningSystem,
 * provisioningServicePrincipal, initiator), which takes any member name as OData allows.
 */
type Shape = { readonly [name: string]: Shape | true | 'open' };
const identityLike: Shape = { id: true, displayName: true };
const provisioningStep: Shape = { description: true, details: 'open', name: true, provisioningStepType: true, status: true };
const modifiedProperty: Shape = { displayName: true, newValue: true, oldValue: true };
const summaryShape: Shape = {
  id: true,
  activityDateTime: true,
  changeId: true,
  cycleId: true,
  durationInMilliseconds: true,
  jobId: true,
  tenantId: true,
  provisioningAction: true,
  initiatedBy: { ...identityLike, initiatorType: true },
  provisioningStatusInfo: {
    status: true,
    errorInformation: { additionalDetails: true, errorCategory: true, errorCode: true, reason: true, recommendedAction: true },
  },
  servicePrincipal: identityLike,
  sourceIdentity: { ...identityLike, identityType: true, details: 'open' },
  targetIdentity: { ...identityLike, identityType: true, details: 'open' },
  sourceSystem: { ...identityLike, details: 'open' },
  targetSystem: { ...identityLike, details: 'open' },
};
/** The collection-valued properties a lambda (`any`/`all`) may range over, with their element types. */
const collections: Shape = { provisioningSteps: provisioningStep, modifiedProperties: modifiedProperty };
const openTypes = new Set(['initiatedBy', 'servicePrincipal', 'sourceIdentity', 'targetIdentity', 'sourceSystem', 'targetSystem']);

function unknownProperty(name: string): never {
  throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.provisioningObjectSummary'.`, 'BadRequest');
}

/** The declared name a segment stands for: Graph matches property names regardless of case. */
function declared(shape: Shape, seg: string): string | undefined {
  if (Object.hasOwn(shape, seg)) return seg;
  const lower = seg.toLowerCase();
  return Object.keys(shape).find((k) => k.toLowerCase() === lower);
}

/**
 * Checks that a path names a declared property (or a member of an open type) of `shape`, and
 * rewrites its segments to the declared case. Property names match regardless of case (Graph's own
 * bulkUpload answer links to `$filter=jobid eq '…'`:
 * https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-post-bulkupload?view=graph-rest-1.0);
 * values do not (the list page: "All filters are case sensitive").
 */
function checkPath(path: string[], shape: Shape, open: boolean): void {
  let cur: Shape | true | 'open' = shape;
  for (let i = 0; i < path.length; i++) {
    if (cur === 'open') return;
    if (cur === true) unknownProperty(path.slice(0, i + 1).join('/'));
    const name = declared(cur, path[i]);
    const next: Shape | true | 'open' | undefined = name === undefined ? undefined : cur[name];
    if (name !== undefined) path[i] = name;
    if (next === undefined) {
      // Open types accept undeclared (dynamic) members.
      if (i === 1 && open && openTypes.has(path[0])) return;
      unknownProperty(path.slice(0, i + 1).join('/'));
    }
    cur = next;
  }
}

/**
 * The resource page lists `eq`, `gt` and `lt` as the filters `activityDateTime` supports
 * (https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary?view=graph-rest-1.0):
 * a client written against the sandbox must not come to rely on `ge`/`le`.
 */
function checkDateOperator(node: FilterNode): void {
  if (node.kind !== 'compare' || node.path.length !== 1 || node.path[0] !== 'activityDateTime') return;
  if (node.op === 'eq' || node.op === 'gt' || node.op === 'lt') return;
  throw badRequest(`Invalid filter clause: the operator '${node.op}' is not supported for 'activityDateTime'; use eq, gt or lt.`, 'BadRequest');
}

/**
 * Refuses a filter that names a property provisioningObjectSummary does not have, as Graph does
 * with a 400, rather than silently matching nothing (a typo would look like "no events").
 */
export function checkProvisioningFilter(node: FilterNode, variables: Readonly<Record<string, Shape>> = {}): void {
  switch (node.kind) {
    case 'and': case 'or': checkProvisioningFilter(node.left, variables); checkProvisioningFilter(node.right, variables); return;
    case 'not': checkProvisioningFilter(node.operand, variables); return;
    case 'lambda': {
      const name = node.path.length === 1 ? declared(collections, node.path[0]) : undefined;
      if (name) node.path[0] = name;
      const element = name ? (collections[name] as Shape) : undefined;
      if (!element) {
        if (node.path.length === 1 && Object.hasOwn(summaryShape, node.path[0])) throw badRequest(`The property '${node.path[0]}' is not a collection; any/all needs one.`, 'BadRequest');
        unknownProperty(node.path.join('/'));
      }
      checkProvisioningFilter(node.body, { ...variables, [node.variable]: element });
      return;
    }
    default: {
      const variable = Object.hasOwn(variables, node.path[0]) ? variables[node.path[0]] : undefined;
      if (variable) {
        const rest = node.path.slice(1);
        checkPath(rest, variable, false);
        node.path.splice(1, rest.length, ...rest);
      } else {
        checkPath(node.path, summaryShape, true);
        checkDateOperator(node);
      }
    }
  }
}

/**
 * `/auditLogs/provisioning`: provisioning log entries, newest first, case-sensitive filters. An
 * entry shows up only once ingested (see ProvisioningLogIngestion), like Entra's.
 */
export function auditLogsRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/auditLogs/provisioning', (req, res) => {
    const entries = ctx.logs.visible(ctx.store.data.audit);
    // Without $orderby, newest first, which is what log viewers want to page through.
    const items = queryParam(req, '$orderby') === undefined ? [...entries].reverse() : entries;
    sendCollection(req, res, items, {
      context: `${requestBaseUrl(req)}${req.baseUrl}/$metadata#auditLogs/provisioning`,
      directoryObject: false,
      defaultTop: 100,
      maxTop: 1000,
      checkFilter: (node) => checkProvisioningFilter(node),
    });
  });
  r.get('/auditLogs/provisioning/:id', (req, res) => {
    const entry = ctx.store.data.audit.find((e) => e.id === req.params.id);
    if (!entry || !ctx.logs.isVisible(entry)) throw notFound(`Provisioning log entry '${req.params.id}' was not found.`, 'itemNotFound');
    res.json({ '@odata.context': `${requestBaseUrl(req)}${req.baseUrl}/$metadata#auditLogs/provisioning/$entity`, ...entry });
  });
  return r;
}
