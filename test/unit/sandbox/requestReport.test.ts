// The sandbox's onRequest hook, which the in-host suite uses to check the request bodies the
// extension sends against Graph's metadata (test/integration/helpers/sandbox.ts).
import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import type { AnsweredRequest } from '../../../src/sandbox/http/middleware';
import { checkRequestBodies } from '../../contract/operations';
import { graph } from './helpers';

describe('sandbox onRequest: every answered request is reported with its body', () => {
  let sandbox: Sandbox;
  const seen: AnsweredRequest[] = [];
  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 5, groups: 1, onRequest: (r) => seen.push(r) });
  });
  after(async () => { await sandbox.close(); });

  it('reports method, URL, parsed JSON body and status, refused requests and batch inner requests included', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const secrets = { value: [{ key: 'SyncAll', value: 'False' }] };
    assert.equal((await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, secrets)).status, 204);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs`, { templateId: 'nope' })).status, 400);
    const batch = { requests: [{ id: '1', method: 'POST', url: `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/pause`, headers: { 'Content-Type': 'application/json' }, body: {} }] };
    assert.equal((await graph(sandbox, 'POST', '/$batch', batch)).status, 200);
    assert.deepEqual(seen.map((r) => [r.method, r.url.replace(sp, 'SP').replace(jobId, 'JOB'), r.status]), [
      ['PUT', '/v1.0/servicePrincipals/SP/synchronization/secrets', 204],
      ['POST', '/v1.0/servicePrincipals/SP/synchronization/jobs', 400],
      ['POST', '/v1.0/servicePrincipals/SP/synchronization/jobs/JOB/pause', 204],
      ['POST', '/v1.0/$batch', 200],
    ]);
    assert.deepEqual(seen[0].body, secrets);
  });

  it('feeds the request-body check, which names a body Graph would refuse', async () => {
    seen.length = 0;
    const { servicePrincipalId: sp } = sandbox.demo;
    await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { value: [{ key: 'SyncAll', value: 'True' }] });
    // The sandbox also takes `credentials` (the docs' table calls the list that), but the wire name is `value`.
    await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/secrets`, { credentials: [{ key: 'SyncAll', value: 'True' }] });
    const report = checkRequestBodies(seen);
    assert.equal(report.checked.get('add synchronization secrets'), 2);
    assert.equal(report.violations.length, 2);
    assert.match(report.violations[0], /\$\.credentials: 'credentials' is not a parameter of add synchronization secrets/);
    assert.match(report.violations[1], /\$\.value: required parameter 'value' is missing/);
  });
});
