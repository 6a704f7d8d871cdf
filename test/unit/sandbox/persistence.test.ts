import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graph, startTestSandbox } from './helpers';

describe('sandbox persistence (--data)', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'sandbox-data-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('saves state atomically and reloads it on restart, re-pointing credentials at the new SCIM port', async () => {
    const first = await startTestSandbox({ users: 30, groups: 3, dataDir: dir });
    const { servicePrincipalId: sp, jobId } = first.demo;
    const cycle = first.engine.nextCycle(jobId);
    assert.equal((await graph(first, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/start`)).status, 204);
    await cycle;
    const created = await graph(first, 'POST', '/users', { displayName: 'Persisted Person', userPrincipalName: 'persisted@contoso-sandbox.example', mailNickname: 'persisted', accountEnabled: true });
    assert.equal(created.status, 201);
    const scimUsers = first.scim.listUsers().length;
    const auditCount = first.store.data.audit.length;
    const tenantId = first.tenantId;
    const oldScimUrl = first.scimUrl;
    await first.close();

    const files = await readdir(dir);
    assert.deepEqual(files.sort(), ['scim.json', 'state.json'], 'no temp files left behind');
    JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));

    const second = await startTestSandbox({ users: 5, dataDir: dir });
    try {
      assert.equal(second.tenantId, tenantId);
      assert.equal(second.demo.jobId, jobId);
      assert.equal((await graph(second, 'GET', '/users/persisted@contoso-sandbox.example')).body.displayName, 'Persisted Person');
      assert.equal(second.scim.listUsers().length, scimUsers);
      assert.equal(second.store.data.audit.length, auditCount);
      const job = (await graph(second, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body;
      assert.equal(job.status.code, 'Active');
      assert.equal(job.status.lastExecution.state, 'Succeeded');
      const base = second.store.sync(sp).secrets.find((s) => s.key === 'BaseAddress')!.value;
      assert.equal(base, second.scimUrl);
      if (second.scimUrl !== oldScimUrl) assert.notEqual(base, oldScimUrl);
      // The connector data store survived: a cycle does not create anyone twice.
      const result = await second.engine.runCycleNow(sp, jobId);
      assert.notEqual(result.state, 'Failed');
      assert.equal(second.scim.listUsers().length, scimUsers);
      assert.deepEqual(second.scim.clientErrors(), []);
    } finally {
      await second.close();
    }
  });
});
