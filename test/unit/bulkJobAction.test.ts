// The host-free parts of the bulk job action (issue #16): its public argument, checked strictly, and
// the bounded run that one failure does not stop and a cancel stops before the next job.
import * as assert from 'node:assert/strict';
import { countResults, parseBulkJobActionArgs, runBounded, type BulkArgProblem } from '../../src/shared/bulkJobAction';

const job = (n: number) => ({ servicePrincipalId: `sp-${n}`, jobId: `job-${n}` });
const problemOf = (arg: unknown): BulkArgProblem | undefined => {
  const parsed = parseBulkJobActionArgs(arg);
  return 'problem' in parsed ? parsed.problem : undefined;
};

describe('bulkJobAction argument', () => {
  it('accepts the contract and keeps only what was given', () => {
    assert.deepEqual(parseBulkJobActionArgs({ action: 'pause', targets: [job(1), { ...job(2), connectionId: 'c2' }] }), {
      args: { action: 'pause', targets: [job(1), { ...job(2), connectionId: 'c2' }] },
    });
    assert.deepEqual(parseBulkJobActionArgs({ action: 'restart', targets: [job(1)], resetScope: ['Watermark', 'Escrows'], skipConfirmation: true }), {
      args: { action: 'restart', targets: [job(1)], resetScope: ['Watermark', 'Escrows'], skipConfirmation: true },
    });
  });

  it('says what is wrong, naming the target by its place in the list', () => {
    const cases: Array<[unknown, BulkArgProblem]> = [
      [undefined, { kind: 'notObject' }],
      [[job(1)], { kind: 'notObject' }],
      [{ action: 'start', targets: [job(1)], resetScopes: ['Full'] }, { kind: 'unknownKey', key: 'resetScopes' }],
      [{ action: 'stop', targets: [job(1)] }, { kind: 'action', given: 'stop' }],
      [{ targets: [job(1)] }, { kind: 'action', given: undefined }],
      [{ action: 'start', targets: [] }, { kind: 'targets' }],
      [{ action: 'start', targets: job(1) }, { kind: 'targets' }],
      [{ action: 'start', targets: [job(1), 'sp-2/job-2'] }, { kind: 'target', index: 1 }],
      [{ action: 'start', targets: [job(1), { servicePrincipalId: 'sp-2', jobId: ' ' }] }, { kind: 'target', index: 1 }],
      [{ action: 'start', targets: [{ ...job(1), appDisplayName: 'x' }] }, { kind: 'targetKey', index: 0, key: 'appDisplayName' }],
      [{ action: 'start', targets: [{ ...job(1), connectionId: 7 }] }, { kind: 'connectionId', index: 0 }],
      [{ action: 'start', targets: [job(1), job(2), job(1)] }, { kind: 'duplicate', index: 2, first: 0 }],
      [{ action: 'start', targets: [job(1)], resetScope: ['Full'] }, { kind: 'resetScopeNotRestart' }],
      [{ action: 'restart', targets: [job(1)], resetScope: ['Everything'] }, { kind: 'resetScope' }],
      [{ action: 'restart', targets: [job(1)], resetScope: 'Full' }, { kind: 'resetScope' }],
      [{ action: 'pause', targets: [job(1)], skipConfirmation: 'yes' }, { kind: 'skipConfirmation' }],
    ];
    for (const [arg, problem] of cases) assert.deepEqual(problemOf(arg), problem, JSON.stringify(arg));
  });

  it('tells the same job in two tenants apart from the same job named twice', () => {
    assert.equal(problemOf({ action: 'start', targets: [{ ...job(1), connectionId: 'a' }, { ...job(1), connectionId: 'b' }] }), undefined);
    assert.deepEqual(problemOf({ action: 'start', targets: [{ ...job(1), connectionId: 'a' }, { ...job(1), connectionId: 'a' }] }), { kind: 'duplicate', index: 1, first: 0 });
  });

  it('counts a target without connectionId and one naming the current connection as the same job', () => {
    const arg = { action: 'start', targets: [job(1), { ...job(1), connectionId: 'current' }] };
    assert.deepEqual(problemOf(arg), undefined, 'without knowing the current connection, the two may be different tenants');
    const parsed = parseBulkJobActionArgs(arg, 'current');
    assert.deepEqual('problem' in parsed && parsed.problem, { kind: 'duplicate', index: 1, first: 0 });
    assert.ok('args' in parseBulkJobActionArgs({ ...arg, targets: [job(1), { ...job(1), connectionId: 'other' }] }, 'current'), 'another tenant\'s job of the same ids is not a duplicate');
  });
});

describe('runBounded', () => {
  it('runs at most `limit` at once, keeps the order of the items, and one failure does not stop the others', async () => {
    let running = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const outcomes = runBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      if (n === 3) throw new Error('job 3 failed');
      return n * 10;
    }, { succeeded: (value) => value !== 40 });
    // Let the work through one item at a time, in an order other than the list's.
    while (gates.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      gates.pop()?.();
    }
    const result = await outcomes;
    assert.equal(most, 2);
    assert.deepEqual(result.map((o) => (o.kind === 'done' ? `${o.value}:${o.ok}` : o.kind)), ['10:true', '20:true', 'failed', '40:false', '50:true', '60:true']);
    assert.deepEqual(countResults(result), { succeeded: 4, failed: 2, notRun: 0 });
  });

  it('starts nothing more once stopped: the running items finish, the rest are not run', async () => {
    let stopped = false;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const outcomes = runBounded([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      await new Promise<void>((resolve) => gates.push(resolve));
      return n;
    }, {
      stopped: () => stopped,
      // Cancelled as the first item settles (as the progress's Cancel would be, between two jobs).
      onSettled: () => (stopped = true),
    });
    while (gates.length > 0) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    const result = await outcomes;
    assert.deepEqual(started, [0, 1, 2], 'only the first three (the concurrency) started');
    assert.deepEqual(result.map((o) => o.kind), ['done', 'done', 'done', 'notRun', 'notRun', 'notRun', 'notRun', 'notRun']);
    assert.deepEqual(countResults(result), { succeeded: 3, failed: 0, notRun: 5 });
  });

  it('returns at once for no items', async () => {
    assert.deepEqual(await runBounded([], 4, async () => 1), []);
  });
});
