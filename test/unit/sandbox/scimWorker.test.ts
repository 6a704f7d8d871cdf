import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/sandbox/server';
import { graph, startTestSandbox } from './helpers';

describe('sandbox with the SCIM app on a worker thread (as the CLI runs it)', () => {
  let sandbox: Sandbox;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-worker-'));
    sandbox = await startTestSandbox({ users: 40, groups: 3, scimWorker: true, dataDir: dir });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('provisions through the worker and mirrors its users and request log after each cycle', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const cycle = sandbox.engine.nextCycle(jobId);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/start`)).status, 204);
    const result = await cycle;
    assert.equal(result.state, 'Succeeded');
    assert.ok(result.exported > 0);
    assert.equal(sandbox.scim.listUsers().length, result.exported);
    assert.ok(sandbox.scim.requests.filter((r) => r.method === 'POST').length >= result.exported);
    assert.deepEqual(sandbox.scim.clientErrors(), []);

    // Ask the worker directly over HTTP: the mirror and the server agree.
    const res = await fetch(`${sandbox.scimUrl}/Users?count=1000`, { headers: { Authorization: `Bearer ${sandbox.scimToken}` } });
    const list = (await res.json()) as { totalResults: number };
    assert.equal(list.totalResults, sandbox.scim.listUsers().length);

    const target = sandbox.scim.listUsers().find((u) => u.active === true)!;
    const source = [...sandbox.store.users.values()].find((u) => u.userPrincipalName.toLowerCase() === String(target.userName).toLowerCase())!;
    sandbox.store.updateUser(source.id, { displayName: 'Renamed In Worker Test' });
    await sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(sandbox.scim.getUser(target.id)!.displayName, 'Renamed In Worker Test');
  });

  it('persists the worker’s SCIM users and reloads them', async () => {
    const count = sandbox.scim.listUsers().length;
    await sandbox.close();
    sandbox = await startTestSandbox({ scimWorker: true, dataDir: dir });
    assert.equal(sandbox.scim.listUsers().length, count);
    const res = await fetch(`${sandbox.scimUrl}/Users?count=1000`, { headers: { Authorization: `Bearer ${sandbox.scimToken}` } });
    assert.equal(((await res.json()) as { totalResults: number }).totalResults, count);
  });
});
