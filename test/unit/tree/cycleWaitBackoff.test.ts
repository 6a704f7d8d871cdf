import * as assert from 'node:assert/strict';
import { CycleWaitBackoff, type CycleWait } from '../../../src/tree/cycleWaitBackoff';

const SECOND = 1000;

/** Which of the 10-second passes from `from` to `to` (ms) re-read the app; `null` is a cycle under way. */
function passesThatRead(backoff: CycleWaitBackoff, key: string, from: number, to: number, wait: CycleWait | null = 'first'): number[] {
  const read: number[] = [];
  for (let now = from; now <= to; now += 10 * SECOND) if (backoff.due(key, wait ?? undefined, now)) read.push(now / SECOND);
  return read;
}

describe('CycleWaitBackoff (how often a job waiting for a cycle to begin is re-read)', () => {
  it('re-reads a job just turned on at every pass for two minutes, then once a minute', () => {
    const backoff = new CycleWaitBackoff();
    const read = passesThatRead(backoff, 'a', 0, 300 * SECOND);
    assert.deepEqual(read, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 170, 230, 290]);
  });

  it('looks for a due scheduled cycle once a minute from the start (many apps can be due at once)', () => {
    const backoff = new CycleWaitBackoff();
    assert.deepEqual(passesThatRead(backoff, 'a', 0, 300 * SECOND, 'scheduled'), [0, 60, 120, 180, 240, 300]);
  });

  it('slows to every five minutes after half an hour of waiting', () => {
    const backoff = new CycleWaitBackoff();
    const read = passesThatRead(backoff, 'a', 0, 2400 * SECOND);
    assert.deepEqual(read.filter((t) => t >= 1700), [1730, 1790, 2090, 2390], 'once a minute until 30 min, then every 5 min');
  });

  it('always re-reads an app with a cycle under way, and starts over when it waits again', () => {
    const backoff = new CycleWaitBackoff();
    passesThatRead(backoff, 'a', 0, 300 * SECOND);
    assert.equal(passesThatRead(backoff, 'a', 310 * SECOND, 400 * SECOND, null).length, 10, 'mid-cycle: every pass');
    assert.deepEqual(passesThatRead(backoff, 'a', 410 * SECOND, 430 * SECOND), [410, 420, 430], 'waiting again: every pass at first');
  });

  it('starts over when an app waits for something else (its first cycle ran, then a scheduled one is due)', () => {
    const backoff = new CycleWaitBackoff();
    passesThatRead(backoff, 'a', 0, 50 * SECOND);
    assert.equal(backoff.due('a', 'scheduled', 60 * SECOND), true);
    assert.equal(backoff.due('a', 'scheduled', 70 * SECOND), false, 'and then keeps the scheduled pace');
  });

  it('keeps each app on its own clock and forgets apps that stopped waiting', () => {
    const backoff = new CycleWaitBackoff();
    passesThatRead(backoff, 'a', 0, 200 * SECOND);
    assert.equal(backoff.due('b', 'first', 200 * SECOND), true, 'a newly waiting app is read at once');
    assert.equal(backoff.due('a', 'first', 210 * SECOND), false, 'the older one is on the slow clock');
    backoff.keepOnly(new Set(['b']));
    assert.deepEqual(passesThatRead(backoff, 'a', 220 * SECOND, 240 * SECOND), [220, 230, 240], 'a forgotten app starts over');
  });
});
