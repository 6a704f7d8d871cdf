/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';

describe('sandbox Graph: $batch and provisioning-log paging', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 40, groups: 3 }); });
  after(async () => { await sandbox.close(); });

  it('runs up to 20 requests and answers each by id', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const res = await graph(sandbox, 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/servicePrincipals/${sp}/synchronization/jobs` },
        { id: '2', method: 'GET', url: `/servicePrincipals/${sp}/synchronization/jobs/${jobId}` },
        { id: '3', method: 'GET', url: '/servicePrincipals/00000000-0000-0000-0000-00000000dead' },
        { id: '4', method: 'GET', url: 'users?$top=2', headers: { ConsistencyLevel: 'eventual' } },
      ],
    });
    assert.equal(res.status, 200);
    const byId = new Map(res.body.responses.map((r: any) => [r.id, r]));
    assert.equal((byId.get('1') as any).status, 200);
    assert.equal((byId.get('1') as any).body.value[0].id, jobId);
    assert.equal((byId.get('2') as any).body.id, jobId);
    assert.equal((byId.get('3') as any).status, 404);
    errorCode((byId.get('3') as any).body);
    assert.equal((byId.get('4') as any).body.value.length, 2);
  });

  it('orders by dependsOn and fails dependents of a failed request with 424', async () => {
    const res = await graph(sandbox, 'POST', '/$batch', {
      requests: [
        { id: 'create', method: 'POST', url: '/users', headers: { 'Content-Type': 'application/json' }, body: { displayName: 'Batch User', userPrincipalName: 'batch.user@contoso-sandbox.example', mailNickname: 'batch.user', accountEnabled: true } },
        { id: 'read', method: 'GET', url: '/users/batch.user@contoso-sandbox.example', dependsOn: ['create'] },
        { id: 'bad', method: 'GET', url: '/users/nobody@contoso-sandbox.example' },
        { id: 'after-bad', method: 'GET', url: '/users?$top=1', dependsOn: ['bad'] },
        { id: 'no-type', method: 'POST', url: '/users', body: { displayName: 'x' } },
      ],
    });
    assert.equal(res.status, 200);
    const byId = new Map<string, any>(res.body.responses.map((r: any) => [r.id, r]));
    assert.equal(byId.get('create').status, 201);
    assert.equal(byId.get('read').status, 200);
    assert.equal(byId.get('read').body.displayName, 'Batch User');
    assert.equal(byId.get('bad').status, 404);
    assert.equal(byId.get('after-bad').status, 424);
    errorCode(byId.get('after-bad').body);
    assert.equal(byId.get('no-type').status, 400);
  });

  it('rejects more than 20 requests, duplicate ids, unknown dependencies and cycles with 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' }));
    const tooMany = await graph(sandbox, 'POST', '/$batch', { requests: many });
    assert.equal(tooMany.status, 400);
    errorCode(tooMany.body);
    const dup = await graph(sandbox, 'POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users' }, { id: 'A', method: 'GET', url: '/groups' }] });
    assert.equal(dup.status, 400);
    const unknown = await graph(sandbox, 'POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users', dependsOn: ['zzz'] }] });
    assert.equal(unknown.status, 400);
    const cycle = await graph(sandbox, 'POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users', dependsOn: ['b'] }, { id: 'b', method: 'GET', url: '/users', dependsOn: ['a'] }] });
    assert.equal(cycle.status, 400);
    const notObject = await graph(sandbox, 'POST', '/$batch', { requests: 'x' });
    assert.equal(notObject.status, 400);
    const twenty = await graph(sandbox, 'POST', '/$batch', { requests: many.slice(0, 20) });
    assert.equal(twenty.status, 200);
    assert.equal(twenty.body.responses.length, 20);
  });

  it('throttles inner requests individually (inner 429 with Retry-After)', async () => {
    sandbox.faults.throttleRate = 1;
    try {
      const res = await graph(sandbox, 'POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/users?$top=1' }, { id: '2', method: 'GET', url: '/groups' }] });
      assert.equal(res.status, 200);
      for (const r of res.body.responses) {
        assert.equal(r.status, 429);
        assert.ok(r.headers['Retry-After']);
        assert.equal(errorCode(r.body), 'TooManyRequests');
      }
    } finally {
      sandbox.faults.throttleRate = 0;
    }
  });

  it('pages provisioning logs with $top and nextLink and filters by date and status', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const startedAt = new Date(Date.now() - 1000).toISOString();
    await sandbox.engine.runCycleNow(sp, jobId);
    const total = sandbox.store.data.audit.length;
    assert.ok(total > 3);
    const seen = new Set<string>();
    let url: string | undefined = `/auditLogs/provisioning?$top=2&$filter=${encodeURIComponent(`jobId eq '${jobId}'`)}`;
    while (url) {
      const page: any = await graph(sandbox, 'GET', url);
      assert.equal(page.status, 200);
      assert.ok(page.body.value.length <= 2);
      for (const e of page.body.value) seen.add(e.id);
      url = page.body['@odata.nextLink'];
    }
    assert.equal(seen.size, total);
    const since = await graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999&$filter=${encodeURIComponent(`activityDateTime gt ${startedAt}`)}`);
    assert.equal(since.body.value.length, total);
    const future = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent('activityDateTime gt 2999-01-01T00:00:00Z')}`);
    assert.equal(future.body.value.length, 0);
    const ok = await graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999&$filter=${encodeURIComponent("provisioningStatusInfo/status eq 'success'")}`);
    assert.equal(ok.body.value.length, total);
    const caseSensitive = await graph(sandbox, 'GET', `/auditLogs/provisioning?$filter=${encodeURIComponent("provisioningStatusInfo/status eq 'SUCCESS'")}`);
    assert.equal(caseSensitive.body.value.length, 0);
    const one = sandbox.store.data.audit[0];
    const byId = await graph(sandbox, 'GET', `/auditLogs/provisioning/${one.id}`);
    assert.equal(byId.body.changeId, one.changeId);
  });
});
