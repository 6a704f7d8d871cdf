import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';

describe('sandbox robustness against malformed requests', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5 }); });
  after(async () => { await sandbox.close(); });

  const stillServing = async (): Promise<void> => {
    const res = await graph(sandbox, 'GET', '/users?$top=1');
    assert.equal(res.status, 200);
  };

  it('rejects bad JSON with 400 in Graph shape', async () => {
    const res = await graph(sandbox, 'POST', '/users', '{"displayName": ');
    assert.equal(res.status, 400);
    errorCode(res.body);
    await stillServing();
  });

  it('rejects bodies over 4 MB with 413 in Graph shape', async () => {
    const big = JSON.stringify({ displayName: 'x'.repeat(4 * 1024 * 1024 + 10) });
    const res = await graph(sandbox, 'POST', '/users', big);
    assert.equal(res.status, 413);
    errorCode(res.body);
    await stillServing();
  });

  it('rejects wrong JSON types and non-object bodies', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const cases: [string, string, unknown][] = [
      ['POST', '/users', []],
      ['POST', '/users', 'just a string'],
      ['POST', '/users', { displayName: 1, userPrincipalName: 'a@b', mailNickname: 'a', accountEnabled: true }],
      ['PATCH', `/users/${sandbox.store.activeUsers()[0].id}`, { unknownProperty: 1 }],
      ['POST', `/servicePrincipals/${sp}/synchronization/jobs`, { templateId: 5 }],
      ['POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/restart`, { criteria: 'Full' }],
      ['POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/provisionOnDemand`, { parameters: {} }],
      ['PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value: [{ key: 'SecretToken' }] }],
      ['POST', `/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: 'not-a-guid', appRoleId: 'x' }],
      ['GET', `/users?$filter=${encodeURIComponent("startswith(displayName,")}`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const res = await graph(sandbox, method, path, body === undefined ? undefined : typeof body === 'string' ? JSON.stringify(body) : body);
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} → ${res.status}`);
      errorCode(res.body);
    }
    await stillServing();
  });

  it('rejects badly percent-encoded URLs with 400', async () => {
    for (const path of ['/users/%E0%A4%A', "/servicePrincipals(appId='%E0%A4%A')"]) {
      const res = await graph(sandbox, 'GET', path);
      assert.equal(res.status, 400, path);
      errorCode(res.body);
    }
    await stillServing();
  });

  it('answers unknown ids with 404 in Graph shape', async () => {
    const { servicePrincipalId: sp } = sandbox.demo;
    for (const path of [
      '/users/00000000-0000-0000-0000-000000000404',
      '/groups/nope',
      '/servicePrincipals/nope/synchronization/jobs',
      `/servicePrincipals/${sp}/synchronization/jobs/nope`,
      `/servicePrincipals/${sp}/synchronization/jobs/nope/schema`,
      `/servicePrincipals/${sp}/synchronization/templates/nope`,
      "/servicePrincipals(appId='nope')",
      '/applicationTemplates/nope',
    ]) {
      const res = await graph(sandbox, 'GET', path);
      assert.equal(res.status, 404, path);
      errorCode(res.body);
    }
    await stillServing();
  });

  it('survives a burst of garbage requests', async () => {
    const garbage = ['{', 'null', '[]', '"x"', '{"a":', '\u0000\u0001', '1e309'];
    await Promise.all(garbage.flatMap((g) => ['/users', '/$batch', `/servicePrincipals/${sandbox.demo.servicePrincipalId}/synchronization/jobs`]
      .map((p) => graph(sandbox, 'POST', p, g).then((r) => assert.ok(r.status >= 400 && r.status < 500, `${p} ${JSON.stringify(g)} → ${r.status}`)))));
    await stillServing();
  });
});
