import assert from 'node:assert/strict';
import { SettleHold } from '../../../src/activity/settleHold';

describe('SettleHold: late log entries take their place in time', () => {
  it('holds items until they are older than twice the longest delay seen, then releases them oldest first', () => {
    let now = 100_000;
    const hold = new SettleHold<string>({ initialHoldMs: 0, maxHoldMs: 60_000, now: () => now });
    hold.add('b', 95_000);
    hold.observeDelay(2_000);
    hold.add('c', 97_000);
    hold.observeDelay(1_000);
    assert.equal(hold.holdMs, 4_000, 'twice the longest delay measured');
    assert.deepEqual(hold.release(), ['b'], 'c is younger than the hold');
    // An earlier entry read late still comes before the one held since.
    hold.add('a', 96_000);
    hold.observeDelay(now + 1_000 - 96_000);
    now += 20_000;
    assert.deepEqual(hold.release(), ['a', 'c']);
    assert.equal(hold.size, 0);
  });

  it('keeps the initial hold until enough delays are seen to trust the measured one', () => {
    const hold = new SettleHold<string>({ initialHoldMs: 10_000, maxHoldMs: 60_000, now: () => 0 });
    assert.equal(hold.holdMs, 10_000);
    for (let i = 0; i < 9; i++) hold.observeDelay(1_000);
    assert.equal(hold.holdMs, 10_000, 'nine delays are not enough');
    hold.observeDelay(1_000);
    assert.equal(hold.holdMs, 2_000);
  });

  it('orders ties by rank (log entries before the cycle line that closes them), then by arrival', () => {
    const hold = new SettleHold<string>({ initialHoldMs: 0, maxHoldMs: 0, now: () => 10_000 });
    hold.add('finished', 5_000, 1);
    hold.add('entry 1', 5_000, 0);
    hold.add('entry 2', 5_000, 0);
    hold.add('started', 5_000, -1);
    assert.deepEqual(hold.release(), ['started', 'entry 1', 'entry 2', 'finished']);
  });

  it('never holds longer than the maximum, and forgets a very late entry after enough others', () => {
    const now = 1_000_000;
    const hold = new SettleHold<string>({ initialHoldMs: 0, maxHoldMs: 30_000, now: () => now });
    hold.observeDelay(600_000);
    assert.equal(hold.holdMs, 30_000);
    for (let i = 0; i < 100; i++) hold.observeDelay(2_000);
    assert.equal(hold.holdMs, 4_000);
  });

  it('flushes everything held, in order, when the stream stops', () => {
    const hold = new SettleHold<string>({ initialHoldMs: 60_000, maxHoldMs: 60_000, now: () => 0 });
    hold.add('later', 20);
    hold.add('earlier', 10);
    assert.deepEqual(hold.release(), []);
    assert.deepEqual(hold.flush(), ['earlier', 'later']);
    assert.deepEqual(hold.flush(), []);
  });
});
