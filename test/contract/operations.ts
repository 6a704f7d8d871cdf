// The request bodies of the Graph operations a client sends to the provisioning resources, each
// tied to its metadata type, so that a captured request can be checked against the contract.
// Entity writes (create, update, PUT) send a type of the metadata; actions send parameters, which
// the metadata subset does not carry, so they are listed here from each action's doc page.
import type { ValidateOptions, Violation } from './validate';
import { graphShapes } from './validate';

/** An action parameter: its type and whether the docs require it. */
interface Parameter { readonly type: string; readonly required?: boolean; readonly nullable?: boolean }

/** How to check one operation's request body. */
export type BodyContract =
  | { readonly operation: string; readonly kind: 'type'; readonly type: string; readonly options: ValidateOptions }
  | { readonly operation: string; readonly kind: 'parameters'; readonly parameters: Readonly<Record<string, Parameter>>; readonly doc: string }
  | { readonly operation: string; readonly kind: 'reference' }
  | { readonly operation: string; readonly kind: 'untyped' };

const learn = (page: string) => `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-1.0`;
const ID = '[^/]+';
const SP = `/servicePrincipals/${ID}`;
const JOB = `${SP}/synchronization/jobs/${ID}`;
const SCHEMA = `(?:${JOB}/schema|(?:${SP}|/applications/${ID})/synchronization/templates/${ID}/schema)`;

/** A write that sends only the properties it sets (create or update). */
const partial = (operation: string, type: string): BodyContract => ({ operation, kind: 'type', type, options: { required: 'none' } });
const action = (operation: string, doc: string, parameters: Record<string, Parameter>): BodyContract => ({ operation, kind: 'parameters', parameters, doc });

const OPERATIONS: readonly [method: string, path: RegExp, contract: BodyContract][] = [
  ['PUT', new RegExp(`^${SCHEMA}$`), partial('update synchronizationSchema', 'synchronizationSchema')],
  ['PUT', new RegExp(`^${SP}/synchronization/secrets$`), action('add synchronization secrets', learn('synchronization-serviceprincipal-put-synchronization'), {
    value: { type: 'Collection(synchronizationSecretKeyStringValuePair)', required: true },
  })],
  ['POST', new RegExp(`^${SP}/synchronization/jobs$`), partial('create synchronizationJob', 'synchronizationJob')],
  ['POST', new RegExp(`^${JOB}/(?:start|pause)$`), action('start or pause synchronizationJob', learn('synchronization-synchronizationjob-start'), {})],
  ['POST', new RegExp(`^${JOB}/restart$`), action('restart synchronizationJob', learn('synchronization-synchronizationjob-restart'), {
    criteria: { type: 'synchronizationJobRestartCriteria', nullable: true },
  })],
  ['POST', new RegExp(`^${JOB}/validateCredentials$`), action('validateCredentials', learn('synchronization-synchronizationjob-validatecredentials'), {
    applicationIdentifier: { type: 'Edm.String', nullable: true },
    templateId: { type: 'Edm.String', nullable: true },
    useSavedCredentials: { type: 'Edm.Boolean', nullable: true },
    credentials: { type: 'Collection(synchronizationSecretKeyStringValuePair)', nullable: true },
  })],
  ['POST', new RegExp(`^${JOB}/provisionOnDemand$`), action('provisionOnDemand', learn('synchronization-synchronizationjob-provisionondemand'), {
    parameters: { type: 'Collection(synchronizationJobApplicationParameters)', required: true },
  })],
  ['POST', new RegExp(`^${SCHEMA}/parseExpression$`), action('parseExpression', learn('synchronization-synchronizationschema-parseexpression'), {
    expression: { type: 'Edm.String', required: true },
    testInputObject: { type: 'expressionInputObject', nullable: true },
    targetAttributeDefinition: { type: 'attributeDefinition', nullable: true },
  })],
  ['POST', new RegExp(`^${JOB}/schema/directories/${ID}/discover$`), action('discover directoryDefinition', learn('synchronization-directorydefinition-discover'), {})],
  ['POST', new RegExp(`^/applicationTemplates/${ID}/instantiate$`), action('instantiate applicationTemplate', learn('applicationtemplate-instantiate'), {
    displayName: { type: 'Edm.String', required: true },
  })],
  ['POST', new RegExp(`^${SP}/appRoleAssignedTo$`), partial('grant appRoleAssignment', 'appRoleAssignment')],
  ['PATCH', new RegExp(`^${SP}$`), partial('update servicePrincipal', 'servicePrincipal')],
  ['PATCH', new RegExp(`^/applications/${ID}$`), partial('update application', 'application')],
  ['POST', /^\/users$/, partial('create user', 'user')],
  ['PATCH', new RegExp(`^/users/${ID}$`), partial('update user', 'user')],
  ['POST', /^\/groups$/, partial('create group', 'group')],
  ['POST', new RegExp(`^/groups/${ID}/members/\\$ref$`), { operation: 'add group member', kind: 'reference' }],
  // JSON batching's envelope is not an OData type; its inner requests reach the server one by one.
  ['POST', /^\/\$batch$/, { operation: 'JSON batch', kind: 'untyped' }],
];

/** The contract of a request's body, or undefined for an operation this file does not know. */
export function bodyContract(method: string, url: string): BodyContract | undefined {
  const path = decodeURIComponent(url.split('?')[0]).replace(/^\/(?:v1\.0|beta)(?=\/)/i, '');
  return OPERATIONS.find(([m, re]) => m === method.toUpperCase() && re.test(path))?.[2];
}

/** True for a body that sends nothing (absent, or `{}`). */
export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
}

/** Violations of a request body against its operation's contract. */
export function checkRequestBody(contract: BodyContract, body: unknown): Violation[] {
  const shapes = graphShapes();
  switch (contract.kind) {
    case 'untyped':
      return [];
    case 'type':
      return shapes.validate(body, contract.type, contract.options);
    case 'reference': {
      const ok = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && typeof (body as Record<string, unknown>)['@odata.id'] === 'string';
      return ok ? [] : [{ path: '$', message: 'a reference body is exactly {"@odata.id": "<url>"}' }];
    }
    case 'parameters': {
      if (isEmptyBody(body)) body = {};
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ path: '$', message: 'action parameters are a JSON object' }];
      const out: Violation[] = [];
      const given = body as Record<string, unknown>;
      for (const [name, value] of Object.entries(given)) {
        if (name.includes('@')) continue;
        const p = contract.parameters[name];
        if (!p) {
          out.push({ path: `$.${name}`, message: `'${name}' is not a parameter of ${contract.operation} (${contract.doc})` });
          continue;
        }
        if (value === null) {
          if (!p.nullable) out.push({ path: `$.${name}`, message: `parameter '${name}' may not be null` });
          continue;
        }
        for (const v of shapes.validate(value, p.type)) out.push({ path: v.path.replace(/^\$/, `$.${name}`), message: v.message });
      }
      for (const [name, p] of Object.entries(contract.parameters)) if (p.required && !(name in given)) out.push({ path: `$.${name}`, message: `required parameter '${name}' is missing (${contract.doc})` });
      return out;
    }
  }
}

/** What a server saw of one request (the sandbox's `onRequest` reports these). */
export interface SeenRequest { readonly method: string; readonly url: string; readonly body: unknown; readonly status: number }

/** The result of checking a run's request bodies. */
export interface RequestBodyReport {
  /** Bodies checked, by operation (untyped envelopes such as `$batch` are not counted). */
  readonly checked: ReadonlyMap<string, number>;
  /** One line per violation, naming the request. */
  readonly violations: readonly string[];
}

/**
 * Checks every request that sent a body (or whose operation takes parameters) against its
 * operation's contract. A body sent to an operation this file does not know is a violation too,
 * so that a new write cannot go unchecked.
 */
export function checkRequestBodies(requests: readonly SeenRequest[]): RequestBodyReport {
  const checked = new Map<string, number>();
  const violations: string[] = [];
  for (const r of requests) {
    if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const contract = bodyContract(r.method, r.url);
    const request = `${r.method} ${r.url.split('?')[0]} (answered ${r.status})`;
    if (!contract) {
      if (!isEmptyBody(r.body)) violations.push(`${request}: no contract for this operation's body; add it to test/contract/operations.ts`);
      continue;
    }
    if (contract.kind === 'untyped') continue;
    checked.set(contract.operation, (checked.get(contract.operation) ?? 0) + 1);
    for (const v of checkRequestBody(contract, r.body)) violations.push(`${request} ${v.path}: ${v.message}`);
  }
  return { checked, violations };
}
