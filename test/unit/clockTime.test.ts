import * as assert from 'node:assert/strict';
import { clockTime, localTime } from '../../src/shared/clockTime';

describe('clockTime', () => {
  const date = new Date(2026, 10, 27, 14, 32, 5);

  it('writes hours and minutes in the display language, seconds when asked', () => {
    assert.equal(clockTime(date, 'sv'), '14:32');
    assert.match(clockTime(date, 'en', { seconds: true }), /^2:32:05\sPM$/);
  });

  it('falls back to the default locale for a tag Intl does not accept, instead of throwing', () => {
    for (const tag of ['en_US', '', 'x']) assert.match(clockTime(date, tag), /\b(14|02|2)[:.]32\b/, tag);
  });
});

describe('localTime', () => {
  const now = new Date(2026, 10, 27, 15, 0, 0);

  it('writes a service time of today as the local clock time, seconds when asked', () => {
    const iso = new Date(2026, 10, 27, 14, 32, 5).toISOString();
    assert.equal(localTime(iso, 'sv', now), '14:32');
    assert.equal(localTime(iso, 'sv', now, { seconds: true }), '14:32:05');
  });

  it('adds the day to a time on another day, and the year to one in another year', () => {
    const yesterday = localTime(new Date(2026, 10, 26, 9, 5).toISOString(), 'en', now)!;
    assert.match(yesterday, /Nov 26/);
    assert.match(yesterday, /09:05/);
    assert.doesNotMatch(yesterday, /2026/);
    assert.match(localTime(new Date(2025, 0, 2, 9, 5).toISOString(), 'en', now)!, /2025/);
  });

  it('gives undefined for a text that is no time', () => {
    assert.equal(localTime('soon', 'en', now), undefined);
    assert.equal(localTime(undefined, 'en', now), undefined);
  });
});
