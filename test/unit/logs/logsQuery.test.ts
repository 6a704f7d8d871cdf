import * as assert from 'node:assert/strict';
import { provisioningLogFilter, type ProvisioningService } from '../../../src/graph';
import type { Sandbox } from '../../../src/sandbox/server';
import type { ProvisioningObjectSummary } from '../../../src/sandbox/types';
import { graph } from '../sandbox/helpers';
import { serviceFor, startTestSandbox } from '../graph/sandboxService';

describe('provisioning logs query: the $filter Graph gets', () => {
  it('writes each filter with the documented property names, joined with and', () => {
    assert.equal(provisioningLogFilter({}), undefined);
    assert.equal(
      provisioningLogFilter({ servicePrincipalId: 'sp1', jobId: 'scim.j', cycleId: 'c1', status: 'failure', action: 'create', from: '2026-01-01', to: '2026-01-31T23:59:59Z' }),
      "jobId eq 'scim.j' and servicePrincipal/id eq 'sp1' and cycleId eq 'c1' and provisioningStatusInfo/status eq 'failure' and provisioningAction eq 'create'"
        + ' and activityDateTime gt 2025-12-31T23:59:59.999Z and activityDateTime lt 2026-01-31T23:59:59.001Z',
    );
    assert.equal(provisioningLogFilter({ status: ['failure', 'warning'] }), "(provisioningStatusInfo/status eq 'failure' or provisioningStatusInfo/status eq 'warning')");
    assert.equal(provisioningLogFilter({ after: '2026-01-01T00:00:00.1234567Z' }), 'activityDateTime gt 2026-01-01T00:00:00.1234567Z', 'a time Graph gave stays exact');
  });

  it('matches a user id as the source or the target id, and a user principal name through its object ids and the target name', () => {
    assert.equal(provisioningLogFilter({ user: 'u1' }), "(sourceIdentity/id eq 'u1' or targetIdentity/id eq 'u1')");
    assert.equal(provisioningLogFilter({ user: 'ada@contoso.com' }), "targetIdentity/displayName eq 'ada@contoso.com'");
    assert.equal(
      provisioningLogFilter({ user: 'ada@contoso.com', userObjectIds: ['oid'] }),
      "(targetIdentity/displayName eq 'ada@contoso.com' or sourceIdentity/id eq 'oid' or targetIdentity/id eq 'oid')",
    );
  });

  it('escapes quotes in values, so a value cannot end its literal', () => {
    assert.equal(provisioningLogFilter({ user: "o'brien@contoso.com", jobId: "x' or jobId ne '" }), "jobId eq 'x'' or jobId ne ''' and targetIdentity/displayName eq 'o''brien@contoso.com'");
  });

  it('refuses a date that is not one', () => {
    assert.throws(() => provisioningLogFilter({ from: 'yesterday' }), RangeError);
  });
});

describe('provisioning logs query against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let service: ProvisioningService;
  let created: ProvisioningObjectSummary;
  let cycleId: string;

  const audit = () => sandbox.store.data.audit;

  before(async () => {
    sandbox = await startTestSandbox();
    service = serviceFor(sandbox);
    ({ cycleId } = await sandbox.engine.runCycleNow(sandbox.demo.servicePrincipalId, sandbox.demo.jobId));
    created = audit().find((e) => e.provisioningAction === 'create' && e.provisioningStatusInfo.status === 'success')!;
    assert.ok(created, 'the cycle created users');
  });

  after(async () => {
    await sandbox?.close();
  });

  it('finds a user by source id, by target id and by user principal name', async () => {
    const upn = sandbox.store.users.get(created.sourceIdentity.id)!.userPrincipalName;
    // A later failed update of the same user: the target has no name in it, only the source id links it.
    const failed: ProvisioningObjectSummary = {
      ...created, id: 'failed-1', cycleId: 'later', provisioningAction: 'update', activityDateTime: new Date().toISOString(),
      targetIdentity: { ...created.targetIdentity, id: '', displayName: '' },
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.', additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: null } },
    };
    sandbox.store.addAudit([failed]);
    const expected = audit().filter((e) => e.sourceIdentity.id === created.sourceIdentity.id).map((e) => e.id).sort();
    assert.ok(expected.length >= 2);

    const bySource = await service.logs.query({ user: created.sourceIdentity.id });
    assert.deepEqual(bySource.items.map((e) => e.id).sort(), expected);
    const byTarget = await service.logs.query({ user: created.targetIdentity.id });
    assert.deepEqual(byTarget.items.map((e) => e.id), [created.id], 'the target id is only in the create');
    const byUpn = await service.logs.query({ user: upn });
    assert.deepEqual(byUpn.items.map((e) => e.id).sort(), expected, 'the UPN finds the failure too, through the object id');
    // Filters are case-sensitive: another case of the id matches nothing.
    assert.deepEqual((await service.logs.query({ user: created.sourceIdentity.id.toUpperCase() })).items, []);
    const nobody = await service.logs.query({ user: 'nobody@sandbox.example' });
    assert.deepEqual(nobody.items, []);
  });

  it('filters by cycle, job, app, status and action, newest first', async () => {
    const byCycle = await service.logs.query({ cycleId });
    const inCycle = audit().filter((e) => e.cycleId === cycleId);
    assert.equal(byCycle.items.length, inCycle.length);
    assert.ok(byCycle.items.every((e) => e.cycleId === cycleId));
    const times = byCycle.items.map((e) => e.time);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    const creates = await service.logs.query({ jobId: sandbox.demo.jobId, servicePrincipalId: sandbox.demo.servicePrincipalId, action: 'create', status: 'success' });
    assert.equal(creates.items.length, audit().filter((e) => e.provisioningAction === 'create' && e.provisioningStatusInfo.status === 'success').length);
    assert.ok(creates.items.length > 0);
    assert.deepEqual((await service.logs.query({ jobId: 'no.such.job' })).items, []);
    const skipped = await service.logs.query({ status: 'skipped' });
    assert.ok(skipped.items.every((e) => e.status === 'skipped'));
    assert.equal(skipped.items.length, audit().filter((e) => e.provisioningStatusInfo.status === 'skipped').length);
  });

  it('filters by an inclusive date range', async () => {
    const base = audit()[0];
    const at = (id: string, time: string): ProvisioningObjectSummary => ({ ...base, id, cycleId: 'dated', activityDateTime: time });
    sandbox.store.addAudit([at('d1', '2025-06-01T00:00:00Z'), at('d2', '2025-06-02T12:00:00Z'), at('d3', '2025-06-03T00:00:00Z'), at('d4', '2025-06-03T00:00:00.001Z')]);
    const ids = async (from?: string, to?: string) => (await service.logs.query({ cycleId: 'dated', from, to })).items.map((e) => e.id).sort();
    assert.deepEqual(await ids('2025-06-01T00:00:00Z', '2025-06-03T00:00:00Z'), ['d1', 'd2', 'd3'], 'both ends included');
    assert.deepEqual(await ids('2025-06-02T00:00:00Z'), ['d2', 'd3', 'd4']);
    assert.deepEqual(await ids(undefined, '2025-06-01T23:59:59Z'), ['d1']);
  });

  it('pages with nextLink and stops at the cap, saying so', async () => {
    const all = audit().filter((e) => e.jobId === sandbox.demo.jobId).length;
    assert.ok(all > 5);
    const first = await service.logs.queryPage({ jobId: sandbox.demo.jobId, top: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextLink);
    const second = await service.logs.queryPage({ jobId: sandbox.demo.jobId }, first.nextLink);
    assert.equal(second.items.length, 2);
    assert.ok(!second.items.some((e) => first.items.some((f) => f.id === e.id)), 'no event twice');

    const capped = await service.logs.query({ jobId: sandbox.demo.jobId, top: 2 }, { cap: 5 });
    assert.equal(capped.items.length, 5);
    assert.equal(capped.truncated, true);
    const pages: number[] = [];
    const whole = await service.logs.query({ jobId: sandbox.demo.jobId, top: 3 }, { onPage: (n) => pages.push(n) });
    assert.equal(whole.items.length, all);
    assert.equal(whole.truncated, false);
    assert.equal(pages.length, Math.ceil(all / 3));
    const exact = await service.logs.query({ jobId: sandbox.demo.jobId, top: 2 }, { cap: all });
    assert.equal(exact.truncated, false, 'exactly the cap is not more than the cap');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(service.logs.query({ jobId: sandbox.demo.jobId }, { signal: controller.signal }));
  });

  describe('the sandbox answers $filter as Graph does', () => {
    const list = (filter: string) => graph(sandbox, 'GET', `/auditLogs/provisioning?$top=999&$filter=${encodeURIComponent(filter)}`);

    it('answers 400 for a property provisioningObjectSummary does not have', async () => {
      for (const filter of ["userPrincipalName eq 'a@b.c'", "provisioningStatusInfo/state eq 'failure'", "provisioningSteps/any(s:s/nope eq 'x')", "jobId/id eq 'x'", "cycleId/any(c:c eq 'x')"]) {
        const res = await list(filter);
        assert.equal(res.status, 400, filter);
        assert.equal(res.body.error.code, 'BadRequest', filter);
      }
      assert.match((await list("userPrincipalName eq 'a@b.c'")).body.error.message, /Could not find a property named 'userPrincipalName' on type 'microsoft\.graph\.provisioningObjectSummary'/);
    });

    it('answers 400 for a date comparison the resource page does not list (eq, gt and lt only)', async () => {
      for (const op of ['ge', 'le', 'ne']) {
        const res = await list(`activityDateTime ${op} 2026-01-01T00:00:00Z`);
        assert.equal(res.status, 400, op);
        assert.match(res.body.error.message, new RegExp(`operator '${op}' is not supported for 'activityDateTime'`));
      }
      for (const op of ['eq', 'gt', 'lt']) assert.equal((await list(`activityDateTime ${op} 2026-01-01T00:00:00Z`)).status, 200, op);
    });

    it('takes property names in any case but compares values case-sensitively', async () => {
      const jobId = sandbox.demo.jobId;
      const exact = (await list(`jobId eq '${jobId}'`)).body.value.length;
      assert.ok(exact > 0);
      assert.equal((await list(`jobid eq '${jobId}'`)).body.value.length, exact);
      assert.equal((await list(`JobId eq '${jobId.toUpperCase()}'`)).body.value.length, 0);
      assert.equal((await list(`SourceIdentity/Id eq '${created.sourceIdentity.id}'`)).status, 200);
    });

    it('accepts the members of open types and lambdas over steps and modified properties', async () => {
      assert.equal((await list("targetSystem/details/ApplicationId eq 'x'")).status, 200);
      assert.equal((await list("sourceIdentity/anything eq 'x'")).status, 200, 'provisionedIdentity is an open type');
      const withStep = await list("provisioningSteps/any(s:s/provisioningStepType eq 'export')");
      assert.equal(withStep.status, 200);
      assert.ok(withStep.body.value.length > 0);
      assert.equal((await list("modifiedProperties/any(p:p/displayName eq 'userName')")).status, 200);
    });
  });
});
