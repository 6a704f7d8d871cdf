/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';
import type { GraphResponse } from './helpers';

describe('sandbox Graph: users, groups, paging', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 250, groups: 10, seed: 7 }); });
  after(async () => { await sandbox.close(); });

  it('pages users with @odata.nextLink until exhausted', async () => {
    const ids = new Set<string>();
    let url: string | undefined = '/users?$top=100&$select=id,displayName';
    let pages = 0;
    while (url) {
      const res: GraphResponse = await graph(sandbox, 'GET', url);
      assert.equal(res.status, 200);
      for (const u of res.body.value) {
        assert.deepEqual(Object.keys(u).sort(), ['displayName', 'id']);
        ids.add(u.id);
      }
      url = res.body['@odata.nextLink'];
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(ids.size, 250);
  });

  it('generates the same tenant for the same seed', async () => {
    const other = await startTestSandbox({ users: 250, groups: 10, seed: 7 });
    try {
      const a = await graph(sandbox, 'GET', '/users?$top=5');
      const b = await graph(other, 'GET', '/users?$top=5');
      assert.deepEqual(a.body.value, b.body.value);
      assert.equal(other.tenantId, sandbox.tenantId);
    } finally {
      await other.close();
    }
  });

  it('has users with the attributes provisioning reads', async () => {
    const res = await graph(sandbox, 'GET', '/users?$top=999&$select=givenName,surname,displayName,userPrincipalName,mail,mailNickname,department,jobTitle,country,accountEnabled,onPremisesExtensionAttributes');
    const users = res.body.value as any[];
    for (const u of users) {
      for (const key of ['givenName', 'surname', 'displayName', 'userPrincipalName', 'mail', 'mailNickname', 'department', 'jobTitle', 'country']) {
        assert.equal(typeof u[key], 'string', key);
      }
      assert.equal(typeof u.accountEnabled, 'boolean');
    }
    assert.ok(users.some((u) => u.onPremisesExtensionAttributes.extensionAttribute1));
  });

  it('filters users with eq and startswith, case-insensitively', async () => {
    const first = (await graph(sandbox, 'GET', '/users?$top=1')).body.value[0];
    const eq = await graph(sandbox, 'GET', `/users?$filter=userPrincipalName eq '${first.userPrincipalName.toUpperCase()}'`);
    assert.equal(eq.body.value.length, 1);
    assert.equal(eq.body.value[0].id, first.id);
    const sw = await graph(sandbox, 'GET', `/users?$filter=${encodeURIComponent(`startswith(displayName,'${first.givenName}')`)}&$top=999`);
    assert.ok(sw.body.value.length >= 1);
    assert.ok(sw.body.value.every((u: any) => u.displayName.startsWith(first.givenName)));
  });

  it('requires ConsistencyLevel for $search and $count', async () => {
    const noHeader = await graph(sandbox, 'GET', '/users?$search="displayName:ada"');
    assert.equal(noHeader.status, 400);
    assert.equal(errorCode(noHeader.body), 'Request_UnsupportedQuery');
    const count = await graph(sandbox, 'GET', '/users/$count');
    assert.equal(count.status, 400);
    const ok = await graph(sandbox, 'GET', '/users?$search="displayName:a"&$count=true', undefined, { ConsistencyLevel: 'eventual' });
    assert.equal(ok.status, 200);
    assert.equal(typeof ok.body['@odata.count'], 'number');
    const seg = await graph(sandbox, 'GET', '/users/$count', undefined, { ConsistencyLevel: 'eventual' });
    assert.equal(seg.body, 250);
  });

  it('rejects a bad $filter, $top and $skiptoken with 400 in Graph shape', async () => {
    for (const q of ['$filter=displayName xx 1', '$top=0', '$top=1000', '$top=abc', '$skiptoken=garbage']) {
      const res = await graph(sandbox, 'GET', `/users?${q}`);
      assert.equal(res.status, 400, q);
      errorCode(res.body);
    }
  });

  it('creates, updates and soft-deletes a user', async () => {
    const created = await graph(sandbox, 'POST', '/users', { displayName: 'Test User', userPrincipalName: 'test.user@contoso-sandbox.example', mailNickname: 'test.user', accountEnabled: true });
    assert.equal(created.status, 201);
    const id = created.body.id;
    assert.equal((await graph(sandbox, 'PATCH', `/users/${id}`, { jobTitle: 'Tester' })).status, 204);
    assert.equal((await graph(sandbox, 'GET', `/users/${id}`)).body.jobTitle, 'Tester');
    const wrongType = await graph(sandbox, 'PATCH', `/users/${id}`, { accountEnabled: 'yes' });
    assert.equal(wrongType.status, 400);
    errorCode(wrongType.body);
    assert.equal((await graph(sandbox, 'DELETE', `/users/${id}`)).status, 204);
    assert.equal((await graph(sandbox, 'GET', `/users/${id}`)).status, 404);
    const deleted = await graph(sandbox, 'GET', '/directory/deletedItems/microsoft.graph.user');
    assert.ok(deleted.body.value.some((u: any) => u.id === id));
  });

  it('lists groups and members and manages membership', async () => {
    const groups = await graph(sandbox, 'GET', '/groups');
    assert.equal(groups.body.value.length, 10);
    const g = groups.body.value[0];
    const members = await graph(sandbox, 'GET', `/groups/${g.id}/members`);
    assert.ok(members.body.value.length > 0);
    const outsider = (await graph(sandbox, 'GET', '/users?$top=999')).body.value.find((u: any) => !members.body.value.some((m: any) => m.id === u.id));
    const add = await graph(sandbox, 'POST', `/groups/${g.id}/members/$ref`, { '@odata.id': `${sandbox.graphUrl}/directoryObjects/${outsider.id}` });
    assert.equal(add.status, 204);
    const after = await graph(sandbox, 'GET', `/groups/${g.id}/members?$top=999`);
    assert.equal(after.body.value.length, members.body.value.length + 1);
    assert.equal((await graph(sandbox, 'DELETE', `/groups/${g.id}/members/${outsider.id}/$ref`)).status, 204);
  });
});
