import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Sandbox } from '../../../src/sandbox/server';
import { parseWebviewMessage } from '../../../src/shared/webviewProtocol';
import { cases } from '../faultScale';
import { startTestSandbox } from './helpers';

/**
 * Requests no client should send, to a real sandbox: whatever arrives, the answer is a 4xx in the
 * protocol's error shape or a success, never a 5xx, a hang or a crash, and the server keeps serving.
 */
describe('fuzzed requests to a real sandbox', function () {
  this.timeout(cases(120_000));
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 20, groups: 3 }); });
  after(async () => { await sandbox.close(); });

  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("'", '"', '(', ')', ' ', '%', '%ZZ', '\u00e9', '__proto__', 'constructor', 'eq', ' and ', "displayName eq 'a'", '$top=5', '-1', '1e999'));

  it('answers fuzzed Graph requests with 2xx-4xx in Graph\'s shape, never 5xx', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const user = sandbox.store.activeUsers()[0].id;
    const paths = ['/users', `/users/${user}`, '/groups', '/servicePrincipals', `/servicePrincipals/${sp}`, `/servicePrincipals/${sp}/appRoleAssignedTo`,
      `/servicePrincipals/${sp}/synchronization/jobs`, `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`, `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`,
      `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/parseExpression`, `/servicePrincipals/${sp}/synchronization/secrets`, '/$batch', '/applicationTemplates',
      '/auditLogs/provisioning', '/organization', '/nope', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/provisionOnDemand`];
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
      path: fc.oneof(fc.constantFrom(...paths), fc.tuple(fc.constantFrom(...paths), text).map(([p, t]) => `${p}/${encodeURIComponent(t)}`)),
      query: fc.array(fc.tuple(fc.constantFrom('$filter', '$top', '$select', '$search', '$orderby', '$skiptoken', '$count', 'x'), text), { maxLength: 3 }),
      body: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), text), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(request, async ({ method, path, query, body }) => {
      const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const res = await fetch(`${sandbox.graphUrl}${path}${search ? `?${search}` : ''}`, {
        method, body: method === 'GET' || method === 'DELETE' ? undefined : body,
        headers: { authorization: 'Bearer fuzz', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(15_000),
      });
      const answer = await res.text();
      assert.ok(res.status < 500, `${method} ${path}?${search} ${body?.slice(0, 80)} → ${res.status} ${answer.slice(0, 200)}`);
      if (res.status >= 400) {
        const error = (JSON.parse(answer) as { error?: { code?: unknown; message?: unknown } }).error;
        assert.ok(typeof error?.code === 'string' && typeof error.message === 'string', `Graph error shape: ${answer.slice(0, 200)}`);
      }
    }), { numRuns: cases(150) });
    assert.equal((await fetch(`${sandbox.graphUrl}/users?$top=1`, { headers: { authorization: 'Bearer fuzz' } })).status, 200);
  });

  it('answers fuzzed SCIM requests with SCIM error documents, never 5xx', async () => {
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'),
      path: fc.oneof(
        fc.constantFrom('/Users', '/Groups', '/Users/nope', '/Groups/nope', '/Schemas', '/ServiceProviderConfig', '/ResourceTypes', '/Bulk', '/Me', '/Users/.search', '/.search', '/Users/a/b', '/Nope'),
        text.map((t) => `/${encodeURIComponent(t)}`),
      ),
      base: fc.constantFrom('scim', 'outside'),
      query: fc.array(fc.tuple(fc.constantFrom('filter', 'attributes', 'excludedAttributes', 'startIndex', 'count', 'sortBy'), text), { maxLength: 2 }),
      body: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), text), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(request, async ({ method, path, base, query, body }) => {
      const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const root = base === 'scim' ? sandbox.scimUrl : new URL(sandbox.scimUrl).origin;
      const res = await fetch(`${root}${path}${search ? `?${search}` : ''}`, {
        method, body: method === 'GET' || method === 'DELETE' ? undefined : body,
        headers: { authorization: `Bearer ${sandbox.scimToken}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}) },
        signal: AbortSignal.timeout(15_000),
      });
      const answer = await res.text();
      assert.ok(res.status < 500, `${method} ${path}?${search} ${body?.slice(0, 80)} → ${res.status} ${answer.slice(0, 200)}`);
      if (res.status >= 400) {
        // Every 4xx, unknown paths and methods included, is a SCIM error document naming its status.
        const error = JSON.parse(answer) as { schemas?: string[]; status?: unknown; detail?: unknown };
        assert.ok(error.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:Error'), `SCIM error document: ${method} ${path} → ${answer.slice(0, 200)}`);
        assert.equal(error.status, String(res.status));
        assert.equal(typeof error.detail, 'string');
        assert.match(res.headers.get('content-type') ?? '', /^application\/scim\+json/);
      }
    }), { numRuns: cases(150) });
  });
});

describe('fuzzed webview messages', () => {
  it('are parsed into a valid message or refused, never a crash, and a valid one survives a round trip', () => {
    fc.assert(fc.property(fc.oneof(fc.anything({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 6 })), (value) => {
      const parsed = parseWebviewMessage(value);
      if (parsed !== undefined) assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(parsed))), parsed);
    }), { numRuns: cases(5000) });
  });
});
