import * as assert from 'node:assert/strict';
import type { ProvisioningApiError, ProvisioningService } from '../../../src/graph';
import type { Sandbox } from '../../../src/sandbox/server';
import { applyEdit, createDocument, emptyMapping, newMappingId, toSchema } from '../../../src/shared/mappingEditor';
import type { MappingFields } from '../../../src/shared/mappingEditor';
import { ENTERPRISE_URN } from '../../../src/sandbox/schema/directories';
import { serviceFor, startTestSandbox } from './sandboxService';

describe('ProvisioningService against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let service: ProvisioningService;

  before(async () => {
    sandbox = await startTestSandbox({ apps: 45 });
    service = serviceFor(sandbox);
  });

  after(async () => {
    await sandbox?.close();
  });

  describe('enterprise apps', () => {
    it('pages through apps with $top and nextLink, resending ConsistencyLevel', async () => {
      const first = await service.apps.listApps({ top: 10 });
      assert.equal(first.items.length, 10);
      assert.ok(first.nextLink, 'there is a second page');
      const seen = new Set(first.items.map((a) => a.id));
      let link: string | undefined = first.nextLink;
      while (link) {
        const page = await service.apps.listApps({ nextLink: link });
        for (const app of page.items) {
          assert.ok(!seen.has(app.id), `app ${app.id} appears twice`);
          seen.add(app.id);
        }
        link = page.nextLink;
      }
      assert.ok(seen.size >= 45, `saw ${seen.size} apps`);
    });

    it('searches on the server and selects only the shown fields', async () => {
      const page = await service.apps.listApps({ search: 'Contoso SCIM' });
      assert.ok(page.items.some((a) => a.id === sandbox.demo.servicePrincipalId), 'the demo app is found');
      for (const app of page.items) {
        assert.match(app.displayName ?? '', /Contoso SCIM/i);
        assert.equal((app as Record<string, unknown>).passwordCredentials, undefined, 'unselected fields are not sent');
      }
    });

    it('reads the tenant organization', async () => {
      const organization = await service.apps.organization();
      assert.equal(organization?.id, sandbox.tenantId);
    });
  });

  describe('job status for many apps', () => {
    it('loads every app’s jobs through $batch, 20 per request', async () => {
      const apps = (await service.graph.all<{ id: string }>('/servicePrincipals?$select=id&$top=999', { operation: 'list' })).map((a) => a.id);
      const before = service.requests.count;
      const jobs = await service.jobs.jobsForApps(apps);
      const used = service.requests.count - before;
      assert.equal(jobs.size, apps.length);
      assert.equal(used, Math.ceil(apps.length / 20), `${used} requests for ${apps.length} apps`);
      const demo = jobs.get(sandbox.demo.servicePrincipalId);
      assert.ok(demo?.jobs?.some((j) => j.id === sandbox.demo.jobId), 'the demo job is listed');
    });

    it('re-sends each throttled inner request after its own Retry-After until every app is answered', async () => {
      const apps = (await service.graph.all<{ id: string }>('/servicePrincipals?$select=id&$top=999', { operation: 'list' })).map((a) => a.id);
      const calm = await service.jobs.jobsForApps(apps);
      sandbox.faults.throttleRate = 0.5;
      try {
        const started = Date.now();
        const stormy = await service.jobs.jobsForApps(apps);
        const failed = [...stormy].filter(([, entry]) => entry.error);
        assert.deepEqual(failed.map(([id, entry]) => `${id}: ${entry.error?.message}`), [], 'no app is left with an error');
        assert.deepEqual(new Map([...stormy].map(([id, e]) => [id, e.jobs?.map((j) => j.id)])), new Map([...calm].map(([id, e]) => [id, e.jobs?.map((j) => j.id)])), 'the same jobs as without faults');
        assert.ok(Date.now() - started >= 1000, 'the throttled requests waited out their Retry-After (1 s)');
      } finally {
        sandbox.faults.throttleRate = 0;
      }
    });

    it('reports a per-app error inside the batch without failing the others', async () => {
      const jobs = await service.jobs.jobsForApps([sandbox.demo.servicePrincipalId, 'no-such-app']);
      assert.ok(jobs.get(sandbox.demo.servicePrincipalId)?.jobs);
      assert.equal(jobs.get('no-such-app')?.error?.kind, 'notFound');
    });
  });

  describe('job actions', () => {
    it('starts, pauses and restarts a job, and its status follows', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      await service.jobs.start(sp, jobId);
      assert.notEqual((await service.jobs.getJob(sp, jobId)).status?.code, 'Paused');
      await service.jobs.pause(sp, jobId);
      assert.equal((await service.jobs.getJob(sp, jobId)).status?.code, 'Paused');
      await service.jobs.restart(sp, jobId, ['Watermark', 'Escrows', 'QuarantineState']);
      assert.notEqual((await service.jobs.getJob(sp, jobId)).status?.code, 'Paused');
      await service.jobs.pause(sp, jobId);
    });

    it('creates a job from a template and deletes it', async () => {
      const sp = sandbox.demo.servicePrincipalId;
      const templates = await service.jobs.listTemplates(sp);
      assert.ok(templates.length > 0);
      const job = await service.jobs.createJob(sp, templates[0].id!);
      assert.equal(job.templateId, templates[0].id);
      await service.jobs.deleteJob(sp, job.id!);
      await assert.rejects(service.jobs.getJob(sp, job.id!), (e: ProvisioningApiError) => e.kind === 'notFound' && typeof e.requestId === 'string');
    });

    it('validates saved and given credentials through the real SCIM app', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      assert.deepEqual((await service.jobs.validateCredentials(sp, jobId, undefined)).ok, true);
      const bad = await service.jobs.validateCredentials(sp, jobId, [
        { key: 'BaseAddress', value: sandbox.scimUrl },
        { key: 'SecretToken', value: 'wrong-token' },
      ]);
      assert.equal(bad.ok, false);
      assert.ok(bad.message.length > 10, bad.message);
      assert.doesNotMatch(bad.message, /wrong-token/, 'the given secret is not echoed');
    });

    it('assigns a new user with a real role and provisions it on demand, step by step', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      const user = await service.graph.post<{ id: string }>('/users', { displayName: 'Ada On-Demand', userPrincipalName: 'ada.ondemand@contoso-sandbox.example', mailNickname: 'ada.ondemand', accountEnabled: true, givenName: 'Ada', surname: 'OnDemand' }, { operation: 'create a test user' });
      const app = await service.apps.getApp(sp);
      const role = app.appRoles?.find((r) => r.displayName !== 'Default Access');
      assert.ok(role?.id, 'the app has a real role');
      const assignment = await service.apps.assign(sp, user.id, role.id);
      assert.equal(assignment.principalId, user.id);
      const ruleId = (await service.schema.get(sp, jobId)).synchronizationRules?.[0]?.id;
      assert.ok(ruleId);
      const result = await service.jobs.provisionOnDemand(sp, jobId, ruleId, [{ objectId: user.id, objectTypeName: 'User' }]);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.ok(result.steps.length >= 3, 'import, scoping, matching/export steps are reported');
      assert.ok(result.steps.every((s) => s.name && s.status));
      const inApp = sandbox.scim.listUsers() as Array<{ userName?: string }>;
      assert.ok(inApp.some((u) => u.userName === 'ada.ondemand@contoso-sandbox.example'), 'the SCIM app has the user');
    });
  });

  describe('secrets', () => {
    it('merges a change into the saved list without clobbering credentials or writing masks back', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      const beforeKeys = (await service.secrets.list(sp)).map((s) => s.key).sort();
      await service.secrets.save(sp, [{ key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"ops@contoso.example","DeleteThresholdEnabled":false}' }]);
      const after = await service.secrets.list(sp);
      assert.deepEqual(after.map((s) => s.key).sort(), [...new Set([...beforeKeys, 'SyncNotificationSettings'])].sort());
      assert.match(after.find((s) => s.key === 'SyncNotificationSettings')?.value ?? '', /ops@contoso\.example/);
      assert.equal((await service.jobs.validateCredentials(sp, jobId, undefined)).ok, true, 'the saved token still works');
    });

    it('refuses to save a masked value', async () => {
      await assert.rejects(service.secrets.save(sandbox.demo.servicePrincipalId, [{ key: 'SecretToken', value: '*****' }]), /masked/);
    });
  });

  describe('schema', () => {
    it('reads, writes back and resets the schema; parseExpression evaluates on the server', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      const schema = await service.schema.get(sp, jobId);
      const mapping = schema.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName');
      assert.ok(mapping);
      mapping.defaultValue = 'Unknown person';
      await service.schema.put(sp, jobId, schema);
      const saved = await service.schema.get(sp, jobId);
      assert.equal(saved.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')?.defaultValue, 'Unknown person');
      assert.notEqual(saved.version, schema.version, 'the version changes on every write');
      await service.schema.reset(sp, jobId);
      const parsed = await service.schema.parseExpression(sp, jobId, 'Replace([preferredLanguage], "-", , , "_", , )', [{ key: 'preferredLanguage', value: 'EN-US' }]);
      assert.equal(parsed.parsingSucceeded, true);
      assert.deepEqual(parsed.evaluationResult, ['EN_US']);
      assert.ok((await service.schema.functions(sp, jobId)).length > 30);
      assert.ok((await service.schema.filterOperators(sp, jobId)).some((o) => (o as { name?: string }).name === 'EQUALS'));
    });
    it('saves what the mapping editor writes, and the service (strict like Graph) takes every kind of edit', async () => {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      const operators = await service.schema.filterOperators(sp, jobId);
      let doc = createDocument(await service.schema.get(sp, jobId));
      const users = doc.objectMappings[0];
      const groups = doc.objectMappings[1];
      const add = (fields: Partial<MappingFields>) => {
        doc = applyEdit(doc, { kind: 'addMapping', objectMappingId: users.id, mappingId: newMappingId(doc, users.id), fields: { ...emptyMapping(fields.mappingType), ...fields } });
      };
      doc = applyEdit(doc, { kind: 'addTargetAttribute', objectMappingId: users.id, attribute: { name: 'nickName', type: 'Integer', multivalued: false, required: false } });
      add({ mappingType: 'Expression', targetAttribute: 'nickName', expression: 'Join(" ", [givenName], IIF([country]="SE", "sv", "en"))', flowType: 'ObjectAddOnly' });
      add({ mappingType: 'Constant', targetAttribute: `${ENTERPRISE_URN}:costCenter`, constantValue: 'CC-1' });
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: users.id, mappingId: users.attributeMappings[2].id, patch: { mappingType: 'Direct', sourceAttribute: 'mailNickname', defaultValue: 'none' } });
      const clauses = operators.map((o) => ({ sourceAttribute: 'department', operator: (o as { name: string }).name, values: o.arity === 'Unary' ? [] : ['1'] }));
      doc = applyEdit(doc, { kind: 'setScope', objectMappingId: users.id, groups: [{ name: 'every operator', clauses }] });
      doc = applyEdit(doc, { kind: 'setActions', objectMappingId: groups.id, actions: { Add: false, Update: false, Delete: false } });
      await service.schema.put(sp, jobId, toSchema(doc));
      const saved = await service.schema.get(sp, jobId);
      assert.equal(saved.synchronizationRules![0].objectMappings![1].flowTypes, 'None', 'no action is written as None, never as an empty value');
      assert.equal(saved.synchronizationRules![0].objectMappings![0].scope?.groups?.[0].clauses?.length, operators.length);
      assert.equal(createDocument(saved).objectMappings[1].actions.Add, false);
      await service.schema.reset(sp, jobId);
    });
  });

  describe('errors', () => {
    it('maps a 400 to invalidRequest with Graph’s message and request-id', async () => {
      await assert.rejects(service.jobs.createJob(sandbox.demo.servicePrincipalId, 'no-such-template'), (e: ProvisioningApiError) => {
        assert.equal(e.kind, 'invalidRequest');
        assert.equal(e.status, 400);
        assert.ok(e.requestId);
        return true;
      });
    });

    it('maps a wrong token to notSignedIn and never puts the token in the message', async () => {
      const wrong = serviceFor(sandbox, { token: 'not-the-token' });
      await assert.rejects(wrong.apps.listApps(), (e: ProvisioningApiError) => {
        assert.equal(e.kind, 'notSignedIn');
        assert.doesNotMatch(e.message, /not-the-token/);
        return true;
      });
    });

    it('refuses a nextLink that points at another host', async () => {
      await assert.rejects(service.apps.listApps({ nextLink: 'https://evil.example/v1.0/servicePrincipals' }), /outside/);
    });
  });

  describe('throttling and cancellation', () => {
    afterEach(() => {
      sandbox.faults.throttleRate = 0;
      sandbox.faults.latencyMs = 0;
      sandbox.faults.retryAfterSeconds = 1;
    });

    it('retries a 429 after Retry-After and succeeds', async () => {
      sandbox.faults.throttleRate = 1;
      sandbox.faults.retryAfterSeconds = 1;
      const before = service.requests.count;
      const pending = service.jobs.getJob(sandbox.demo.servicePrincipalId, sandbox.demo.jobId);
      setTimeout(() => (sandbox.faults.throttleRate = 0), 1500);
      const job = await pending;
      assert.equal(job.id, sandbox.demo.jobId);
      assert.ok(service.requests.count - before >= 2, 'at least one retry was made');
    });

    it('gives up with a throttled error once the wait budget is spent', async () => {
      sandbox.faults.throttleRate = 1;
      sandbox.faults.retryAfterSeconds = 2;
      const impatient = serviceFor(sandbox, { maxTotalWaitSeconds: 3 });
      await assert.rejects(impatient.apps.listApps(), (e: ProvisioningApiError) => e.kind === 'throttled' && e.retryAfterSeconds === 2);
    });

    it('stops at once when cancelled, even while waiting for a slow answer', async () => {
      sandbox.faults.latencyMs = 30_000;
      const controller = new AbortController();
      const pending = service.apps.listApps({ signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError' || /cancel|abort/i.test(e.message));
    });

    it('stops at once when cancelled during a Retry-After wait', async () => {
      sandbox.faults.throttleRate = 1;
      sandbox.faults.retryAfterSeconds = 30;
      const patient = serviceFor(sandbox, { maxTotalWaitSeconds: 120 });
      const controller = new AbortController();
      const pending = patient.apps.listApps({ signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError' || /cancel|abort/i.test(e.message));
    });
  });
});
