import * as assert from 'node:assert/strict';
import { ProvisioningApiError } from '../../../src/graph/errors';
import { RecentlyCreated, REPLICATION_WINDOW_MS, retryWhileReplicating } from '../../../src/graph/replication';

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
