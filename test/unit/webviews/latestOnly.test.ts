import * as assert from 'node:assert/strict';
import { LatestOnly, SUPERSEDED } from '../../../src/webviews/latestOnly';

/** Work that finishes when the test says so, counting how often it was started. */
function gate() {
  const started: string[] = [];
  const finish = new Map<string, (value: string) => void>();
  const fail = new Map<string, (error: Error) => void>();
  const work = (name: string) => () => new Promise<string>((resolve, reject) => {
    started.push(name);
    finish.set(name, resolve);
    fail.set(name, reject);
  });
  return { started, finish: (name: string) => finish.get(name)!(`${name} done`), fail: (name: string) => fail.get(name)!(new Error(`${name} failed`)), work };
}

/** Lets every settled promise's reactions run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('LatestOnly (the mapping editor\'s bound on user searches)', () => {
  it('runs one of a flood of requests at a time and, of those that waited, only the newest', async () => {
    const limiter = new LatestOnly<string>();
    const g = gate();
    const answers = Array.from({ length: 1000 }, (_, i) => limiter.run(g.work(`q${i}`)));
    await turn();
    assert.deepEqual(g.started, ['q0'], 'only the first runs while it runs');
    g.finish('q0');
    await turn();
    assert.deepEqual(g.started, ['q0', 'q999'], 'then the newest, never the 998 in between');
    g.finish('q999');
    const settled = await Promise.all(answers);
    assert.equal(settled[0], 'q0 done');
    assert.equal(settled[999], 'q999 done', 'the last request (the search box\'s text) gets its own answer');
    for (let i = 1; i < 999; i++) assert.equal(settled[i], SUPERSEDED, `request ${i} is told it was replaced`);
  });

  it('answers a superseded request at once, while the running one still runs', async () => {
    const limiter = new LatestOnly<string>();
    const g = gate();
    void limiter.run(g.work('a'));
    const b = limiter.run(g.work('b'));
    void limiter.run(g.work('c'));
    assert.equal(await b, SUPERSEDED);
    assert.deepEqual(g.started, ['a']);
  });

  it('passes a failure to its own request only, and goes on with the next', async () => {
    const limiter = new LatestOnly<string>();
    const g = gate();
    const a = limiter.run(g.work('a'));
    const b = limiter.run(g.work('b'));
    await turn();
    g.fail('a');
    await assert.rejects(a, /a failed/);
    await turn();
    assert.deepEqual(g.started, ['a', 'b']);
    g.finish('b');
    assert.equal(await b, 'b done');
    const thrown = limiter.run(() => { throw new Error('synchronous'); });
    await assert.rejects(thrown, /synchronous/);
    const after = limiter.run(g.work('c'));
    await turn();
    g.finish('c');
    assert.equal(await after, 'c done', 'a synchronous throw does not leave the limiter stuck');
  });
});
