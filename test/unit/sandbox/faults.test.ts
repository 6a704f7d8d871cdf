import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { errorCode, graph, startTestSandbox } from './helpers';

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5, throttleRate: 1 }); });
  after(async () => { await sandbox.close(); });

  it('answers 429 with Retry-After in Graph shape when the throttle rate is 1', async () => {
    const res = await graph(sandbox, 'GET', '/users');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(errorCode(res.body), 'TooManyRequests');
  });

  it('can be turned off and on at runtime', async () => {
    sandbox.faults.throttleRate = 0;
    assert.equal((await graph(sandbox, 'GET', '/users')).status, 200);
    sandbox.faults.failRate = 1;
    const down = await graph(sandbox, 'GET', '/users');
    assert.equal(down.status, 503);
    assert.ok(down.headers.get('retry-after'));
    errorCode(down.body);
    sandbox.faults.failRate = 0;
    assert.equal((await graph(sandbox, 'GET', '/users')).status, 200);
  });

  it('throttles about the configured share of requests', async () => {
    sandbox.faults.throttleRate = 0.5;
    try {
      const statuses = await Promise.all(Array.from({ length: 200 }, () => graph(sandbox, 'GET', '/groups').then((r) => r.status)));
      const throttled = statuses.filter((s) => s === 429).length;
      assert.ok(throttled > 50 && throttled < 150, `throttled ${throttled} of 200`);
      assert.ok(statuses.every((s) => s === 200 || s === 429));
    } finally {
      sandbox.faults.throttleRate = 0;
    }
  });

  it('adds latency to requests without changing answers', async () => {
    sandbox.faults.latencyMs = 30;
    try {
      const res = await graph(sandbox, 'GET', '/users?$top=1');
      assert.equal(res.status, 200);
      assert.equal(res.body.value.length, 1);
    } finally {
      sandbox.faults.latencyMs = 0;
    }
  });

  it('starts with the fail-rate option', async () => {
    const failing = await startTestSandbox({ users: 1, failRate: 1 });
    try {
      assert.equal((await graph(failing, 'GET', '/users')).status, 503);
    } finally {
      await failing.close();
    }
  });
});
