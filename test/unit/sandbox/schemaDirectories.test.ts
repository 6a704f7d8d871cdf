import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph } from './helpers';

describe('sandbox Graph: schema/directories', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 5, groups: 1, seed: 2, replicationDelaySeconds: 0 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
  });
  after(async () => { await sandbox.close(); });

  it('lists a job schema\'s directories as the schema carries them, in a directoryDefinition collection', async () => {
    const schema = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`)).body;
    const res = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.value, schema.directories);
    assert.ok(res.body.value.length >= 2);
    for (const d of res.body.value) {
      assert.equal(typeof d.id, 'string');
      assert.equal(typeof d.name, 'string');
      assert.ok(Array.isArray(d.objects));
      assert.equal(typeof d.readOnly, 'boolean');
      assert.equal(typeof d.discoverabilities, 'string');
    }
    assert.match(res.body['@odata.context'], new RegExp(`\\$metadata#servicePrincipals\\('${sp}'\\)/synchronization/jobs\\('${jobId}'\\)/schema/directories$`));
  });

  it('gets one directory by id, and answers 404 for an id the schema does not have', async () => {
    const list = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories`)).body.value;
    const one = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories/${list[1].id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.name, list[1].name);
    assert.match(one.body['@odata.context'], /\/schema\/directories\/\$entity$/);
    const missing = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories/nope`);
    assert.equal(missing.status, 404);
    assert.equal(errorCode(missing.body), 'itemNotFound');
  });

  it('lists a template schema\'s directories from the service principal and from the application', async () => {
    const job = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).body;
    const fromSp = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/templates/${job.templateId}/schema/directories`);
    assert.equal(fromSp.status, 200);
    assert.ok(fromSp.body.value.length >= 2);
    const appId = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}?$select=appId`)).body.appId;
    const app = (await graph(sandbox, 'GET', `/applications?$filter=${encodeURIComponent(`appId eq '${appId}'`)}&$select=id`)).body.value[0];
    const fromApp = await graph(sandbox, 'GET', `/applications/${app.id}/synchronization/templates/${job.templateId}/schema/directories`);
    assert.deepEqual(fromApp.body.value, fromSp.body.value);
  });
});
