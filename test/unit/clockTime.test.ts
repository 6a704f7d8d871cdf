import * as assert from 'node:assert/strict';
import { clockTime } from '../../src/shared/clockTime';

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
