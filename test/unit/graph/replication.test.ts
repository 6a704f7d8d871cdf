import * as assert from 'node:assert/strict';
import { ProvisioningApiError } from '../../../src/graph/errors';
import { RecentlyCreated, REPLICATION_WINDOW_MS, retryWhileReplicating } from '../../../src/graph/replication';
import type { ProvisioningService } from '../../../src/graph';
import type { Sandbox } from '../../../src/sandbox/server';
import { serviceFor, startTestSandbox, TEST_TOKEN } from './sandboxService';

const notFound = () => new ProvisioningApiError('notFound', 'Not found', { status: 404, code: 'Request_ResourceNotFound' });

describe('replication waits', () => {
  describe('RecentlyCreated', () => {
    it('recognises a path naming a recently created id, case-insensitively and URL-encoded', () => {
      let now = 1_000_000;
      const recent = new RecentlyCreated(() => now);
      recent.note('AbC-123', undefined, null);
      assert.equal(recent.mentionedIn('/servicePrincipals/abc-123/synchronization/jobs'), true);
      assert.equal(recent.mentionedIn(`/servicePrincipals/${encodeURIComponent('AbC-123')}`), true);
      assert.equal(recent.mentionedIn('/servicePrincipals/other'), false);
      now += REPLICATION_WINDOW_MS + 1;
      assert.equal(recent.mentionedIn('/servicePrincipals/abc-123'), false, 'forgotten after the window');
    });
  });

  describe('retryWhileReplicating', function () {
    this.timeout(10_000);

    it('retries not-found with growing waits until the object appears', async () => {
      let calls = 0;
      const waits: number[] = [];
      const value = await retryWhileReplicating(async () => {
        calls++;
        if (calls < 3) throw notFound();
        return 'found';
      }, { what: 'the new app', onWait: (waited) => waits.push(waited) });
      assert.equal(value, 'found');
      assert.equal(calls, 3);
      assert.deepEqual(waits, [0, 500], 'reports each wait with the time waited so far');
    });

    it('gives up after its budget with a notReplicated error that keeps the request id', async () => {
      let calls = 0;
      await assert.rejects(
        retryWhileReplicating(async () => {
          calls++;
          throw new ProvisioningApiError('notFound', 'Not found', { status: 404, requestId: 'req-1' });
        }, { what: 'the new app', budgetMs: 1_600 }),
        (error: ProvisioningApiError) => {
          assert.equal(error.kind, 'notReplicated');
          assert.equal(error.requestId, 'req-1');
          assert.match(error.message, /replicating the new app after 2 s/);
          return true;
        },
      );
      assert.equal(calls, 3, 'tries at 0, 0.5 and 1.5 s, then stops before exceeding 1.6 s');
    });

    it('passes any other error through at once', async () => {
      let calls = 0;
      await assert.rejects(retryWhileReplicating(async () => {
        calls++;
        throw new ProvisioningApiError('forbidden', 'Forbidden', { status: 403 });
      }, { what: 'x' }), /Forbidden/);
      assert.equal(calls, 1);
    });

    it('stops waiting when cancelled', async () => {
      const controller = new AbortController();
      const pending = retryWhileReplicating(async () => { throw notFound(); }, { what: 'x', signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
    });
  });
});

describe('replication waits against the sandbox (a tenant that replicates new objects in 1 s)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let service: ProvisioningService;

  before(async () => {
    sandbox = await startTestSandbox({ replicationDelaySeconds: 1 });
    service = serviceFor(sandbox);
  });
  after(async () => { await sandbox?.close(); });

  it('reads a new gallery app and creates its job although Graph answers 404 at first, reporting the wait', async () => {
    const template = (await service.apps.listApplicationTemplates('GoToMeeting')).find((t) => t.id)!;
    const created = await service.apps.instantiateTemplate(template.id!, 'GoToMeeting (replicating)');
    const spId = created.servicePrincipal!.id!;
    // What another client would see: the new app is not there yet.
    const raw = await fetch(`${sandbox.graphUrl}/servicePrincipals/${spId}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    assert.equal(raw.status, 404);
    const waits: number[] = [];
    const app = await service.apps.waitForNewApp(spId, undefined, (waited) => waits.push(waited));
    assert.equal(app.id, spId);
    assert.ok(waits.length > 0, 'it waited, and said so');
    const job = await service.jobs.createJob(spId, 'gotomeeting');
    assert.ok(job.id);
  });

  it('waits for new assignments to be listed', async () => {
    const spId = sandbox.demo.servicePrincipalId;
    const sp = await service.apps.getApp(spId);
    const role = sp.appRoles!.find((r) => r.isEnabled !== false && r.id !== '00000000-0000-0000-0000-000000000000')!;
    const user = [...sandbox.store.users.values()].find((u) => !sandbox.store.assignmentsFor(spId).some((a) => a.principalId === u.id))!;
    const assignment = await service.apps.assign(spId, user.id, role.id!);
    const listed = await service.apps.waitForAssignments(spId, [assignment.id!]);
    assert.ok(listed.some((a) => a.id === assignment.id));
  });

  it('reports a not-found of an object it did not just create at once, as deleted', async () => {
    const started = Date.now();
    await assert.rejects(service.apps.getApp('00000000-0000-0000-0000-00000000dead'), (error: ProvisioningApiError) => error.kind === 'notFound');
    assert.ok(Date.now() - started < 1_000, 'no replication wait for an id this client never created');
  });
});
