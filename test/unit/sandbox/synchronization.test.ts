/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';

describe('sandbox Graph: synchronization templates, jobs, secrets, schema', () => {
  let sandbox: Sandbox;
  let gotoSp: any;
  before(async () => {
    sandbox = await startTestSandbox({ users: 20, groups: 3 });
    gotoSp = (await graph(sandbox, 'GET', `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'GoToMeeting (sandbox)'")}`)).body.value[0];
  });
  after(async () => { await sandbox.close(); });

  it('lists templates whose metadata asks for UserName and Password (GoToMeeting) or BaseAddress and SecretToken (SCIM)', async () => {
    const goto = await graph(sandbox, 'GET', `/servicePrincipals/${gotoSp.id}/synchronization/templates`);
    assert.equal(goto.status, 200);
    const fields = JSON.parse(goto.body.value[0].metadata.find((m: any) => m.key === 'ConfigurationFields').value);
    assert.deepEqual(fields.map((f: any) => f.name), ['UserName', 'Password']);
    const scim = await graph(sandbox, 'GET', `/servicePrincipals/${sandbox.demo.servicePrincipalId}/synchronization/templates/scim`);
    const scimFields = JSON.parse(scim.body.metadata.find((m: any) => m.key === 'ConfigurationFields').value);
    assert.deepEqual(scimFields.map((f: any) => f.name), ['BaseAddress', 'SecretToken']);
    const schema = await graph(sandbox, 'GET', `/servicePrincipals/${sandbox.demo.servicePrincipalId}/synchronization/templates/scim/schema`);
    assert.equal(schema.status, 200);
    assert.ok(schema.body.synchronizationRules.length >= 1);
  });

  it('creates a job from a template (201, disabled, NotConfigured), gets, lists and deletes it', async () => {
    const bad = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs`, { templateId: 'nope' });
    assert.equal(bad.status, 400);
    errorCode(bad.body);
    const created = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs`, { templateId: 'gotomeeting' });
    assert.equal(created.status, 201);
    const job = created.body;
    assert.match(job.id, /^gotomeeting\.[0-9a-f]{32}$/);
    assert.equal(job.schedule.state, 'Disabled');
    assert.equal(job.schedule.interval, 'P10675199DT2H48M5.4775807S');
    assert.equal(job.status.code, 'NotConfigured');
    assert.equal(job.status.steadyStateFirstAchievedTime, '0001-01-01T00:00:00Z');
    assert.deepEqual(job.status.synchronizedEntryCountByType, []);
    const list = await graph(sandbox, 'GET', `/servicePrincipals/${gotoSp.id}/synchronization/jobs`);
    assert.equal(list.body.value.length, 1);
    assert.equal((await graph(sandbox, 'GET', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}`)).body.id, job.id);
    const start = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}/start`);
    // Graph accepts it (the cycle then quarantines the job: see pace.test.ts).
    assert.equal(start.status, 204, 'start without credentials is accepted');
    assert.equal((await graph(sandbox, 'DELETE', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}`)).status, 204);
    assert.equal((await graph(sandbox, 'GET', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}`)).status, 404);
  });

  it('validates GoToMeeting credentials against the GoToMeeting app (204 right, 400 wrong)', async () => {
    const job = (await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs`, { templateId: 'gotomeeting' })).body;
    const { userName, password } = sandbox.gotoMeetingCredentials;
    const ok = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}/validateCredentials`, {
      useSavedCredentials: false, credentials: [{ key: 'UserName', value: userName }, { key: 'Password', value: password }],
    });
    assert.equal(ok.status, 204);
    const wrong = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}/validateCredentials`, {
      credentials: [{ key: 'UserName', value: userName }, { key: 'Password', value: 'wrong' }],
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.error.message, /rejected the credentials/);
    const badShape = await graph(sandbox, 'POST', `/servicePrincipals/${gotoSp.id}/synchronization/jobs/${job.id}/validateCredentials`, { credentials: 'x' });
    assert.equal(badShape.status, 400);
  });

  it('validates SCIM credentials, including saved ones', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const saved = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/validateCredentials`, { useSavedCredentials: true });
    assert.equal(saved.status, 204);
    const wrong = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/validateCredentials`, {
      credentials: [{ key: 'BaseAddress', value: sandbox.scimUrl }, { key: 'SecretToken', value: 'not-the-token' }],
    });
    assert.equal(wrong.status, 400);
    const unreachable = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/validateCredentials`, {
      credentials: [{ key: 'BaseAddress', value: 'http://127.0.0.1:1/scim' }, { key: 'SecretToken', value: 'x' }],
    });
    assert.equal(unreachable.status, 400);
    assert.match(unreachable.body.error.message, /reach/);
  });

  it('replaces secrets with PUT (204) and never returns credential values', async () => {
    const put = await graph(sandbox, 'PUT', `/servicePrincipals/${gotoSp.id}/synchronization/secrets`, {
      value: [{ key: 'UserName', value: 'admin@x' }, { key: 'Password', value: 'p@ss-secret' }, { key: 'SyncAll', value: 'false' }],
    });
    assert.equal(put.status, 204);
    const get = await graph(sandbox, 'GET', `/servicePrincipals/${gotoSp.id}/synchronization/secrets`);
    assert.equal(get.status, 200);
    assert.ok(!JSON.stringify(get.body).includes('p@ss-secret'));
    assert.deepEqual(get.body.value.map((s: any) => s.key), ['UserName', 'Password', 'SyncAll']);
    const badKey = await graph(sandbox, 'PUT', `/servicePrincipals/${gotoSp.id}/synchronization/secrets`, { value: [{ key: 'NotificationEmail', value: 'a@b' }] });
    assert.equal(badKey.status, 400);
    const badValue = await graph(sandbox, 'PUT', `/servicePrincipals/${gotoSp.id}/synchronization/secrets`, { value: [{ key: 'SyncAll', value: false }] });
    assert.equal(badValue.status, 400);
    const demoSecrets = await graph(sandbox, 'GET', `/servicePrincipals/${sandbox.demo.servicePrincipalId}/synchronization/secrets`);
    assert.ok(!JSON.stringify(demoSecrets.body).includes(sandbox.scimToken));
  });

  it('merges a secrets PUT key by key: keys left out stay, a key sent with "" goes', async () => {
    const url = `/servicePrincipals/${gotoSp.id}/synchronization/secrets`;
    await graph(sandbox, 'PUT', url, { value: [{ key: 'UserName', value: 'admin@x' }, { key: 'Password', value: 'kept' }, { key: 'SyncAll', value: 'false' }] });
    await graph(sandbox, 'PUT', url, { value: [{ key: 'UserName', value: 'admin2@x' }] });
    assert.deepEqual(sandbox.store.sync(gotoSp.id).secrets.map((s) => `${s.key}=${s.value}`).sort(), ['Password=kept', 'SyncAll=false', 'UserName=admin2@x']);
    await graph(sandbox, 'PUT', url, { value: [{ key: 'Password', value: '*****' }] });
    assert.deepEqual(sandbox.store.sync(gotoSp.id).secrets.map((s) => `${s.key}=${s.value}`).sort(), ['Password=kept', 'SyncAll=false', 'UserName=admin2@x']);
    await graph(sandbox, 'PUT', url, { value: [{ key: 'Password', value: '' }, { key: 'UserName', value: '' }, { key: 'SyncAll', value: '' }] });
    assert.deepEqual(sandbox.store.sync(gotoSp.id).secrets, []);
  });

  it('serves the job schema with the documented default mappings and matching attribute', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const schema = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`)).body;
    const users = schema.synchronizationRules[0].objectMappings.find((m: any) => m.sourceObjectName === 'User');
    const byTarget = new Map(users.attributeMappings.map((m: any) => [m.targetAttributeName, m]));
    assert.equal((byTarget.get('userName') as any).source.name, 'userPrincipalName');
    assert.equal((byTarget.get('userName') as any).matchingPriority, 1);
    assert.equal((byTarget.get('active') as any).source.expression, 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    assert.equal((byTarget.get('emails[type eq "work"].value') as any).source.name, 'mail');
    assert.equal((byTarget.get('externalId') as any).source.name, 'mailNickname');
    assert.ok(byTarget.has('name.givenName') && byTarget.has('name.familyName') && byTarget.has('displayName'));
    assert.deepEqual(schema.directories.map((d: any) => d.name), ['Azure Active Directory', 'customappsso']);
  });

  it('replaces the schema with PUT (version bump), resets with DELETE, rejects malformed schemas', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const url = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
    const before = (await graph(sandbox, 'GET', url)).body;
    const edited = structuredClone(before);
    delete edited['@odata.context'];
    edited.synchronizationRules[0].objectMappings[0].attributeMappings.push({
      targetAttributeName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter',
      source: { expression: '[extensionAttribute1]', name: 'extensionAttribute1', type: 'Attribute', parameters: [] },
      defaultValue: null, flowBehavior: 'FlowWhenChanged', flowType: 'Always', matchingPriority: 0, exportMissingReferences: false,
    });
    assert.equal((await graph(sandbox, 'PUT', url, edited)).status, 204);
    const after = (await graph(sandbox, 'GET', url)).body;
    assert.notEqual(after.version, before.version);
    assert.equal(after.synchronizationRules[0].objectMappings[0].attributeMappings.length, before.synchronizationRules[0].objectMappings[0].attributeMappings.length + 1);
    assert.equal((await graph(sandbox, 'PUT', url, { synchronizationRules: 'nope' })).status, 400);
    assert.equal((await graph(sandbox, 'PUT', url, [1, 2])).status, 400);
    assert.equal((await graph(sandbox, 'DELETE', url)).status, 204);
    const reset = (await graph(sandbox, 'GET', url)).body;
    assert.equal(reset.synchronizationRules[0].objectMappings[0].attributeMappings.length, before.synchronizationRules[0].objectMappings[0].attributeMappings.length);
  });

  it('serves functions and filterOperators in both plain and OData-function form', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    for (const suffix of ['functions', 'functions()']) {
      const res = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/${suffix}`);
      assert.equal(res.status, 200, suffix);
      const sw = res.body.value.find((f: any) => f.name === 'Switch');
      assert.ok(sw && sw.id === 'Switch');
    }
    for (const suffix of ['filterOperators', 'filterOperators()']) {
      const res = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/${suffix}`);
      assert.equal(res.status, 200, suffix);
      const names = res.body.value.map((o: any) => o.name);
      for (const op of ['EQUALS', 'NOT EQUALS', 'IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL', 'REGEX MATCH', 'NOT REGEX MATCH', 'Greater_Than', 'Includes']) assert.ok(names.includes(op), op);
    }
  });

  it('parses and evaluates expressions with parseExpression', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const url = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/parseExpression`;
    const ok = await graph(sandbox, 'POST', url, {
      expression: 'Join(" ", [givenName], [surname])',
      testInputObject: { definition: null, properties: [{ key: 'givenName', value: 'Ada' }, { key: 'surname', value: 'Lovelace' }] },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.parsingSucceeded, true);
    assert.equal(ok.body.evaluationSucceeded, true);
    assert.deepEqual(ok.body.evaluationResult, ['Ada Lovelace']);
    assert.equal(ok.body.parsedExpression.type, 'Function');
    assert.equal(ok.body.parsedExpression.name, 'Join');
    const broken = await graph(sandbox, 'POST', url, { expression: 'Join(" ", [givenName]' });
    assert.equal(broken.status, 200);
    assert.equal(broken.body.parsingSucceeded, false);
    assert.ok(broken.body.error.message);
    assert.equal((await graph(sandbox, 'POST', url, { expression: 42 })).status, 400);
  });

  it('discovers a directory of the job schema', async () => {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const schema = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`)).body;
    const dir = schema.directories[1];
    const res = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories/${dir.id}/discover`);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, dir.name);
    assert.ok(res.body.discoveryDateTime);
    assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/directories/nope/discover`)).status, 404);
  });
});
