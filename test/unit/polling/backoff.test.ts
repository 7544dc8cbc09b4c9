import { describe, expect, it } from 'vitest';
import { nextPollDelaySeconds } from '../../../src/polling/backoff.js';

const base = { intervalSeconds: 900, maxSeconds: 6 * 3600 };

describe('nextPollDelaySeconds', () => {
  it('waits the interval after a success', () => {
    expect(nextPollDelaySeconds({ ...base, failures: 0 })).toBe(900);
  });

  it('doubles with each failure in a row up to the cap, and never gives up', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50, 1000].map((failures) => nextPollDelaySeconds({ ...base, failures }));
    expect(delays.slice(0, 5)).toEqual([900, 1800, 3600, 7200, 14400]);
    expect(delays.slice(5)).toEqual([21600, 21600, 21600]);
    for (const d of delays) expect(Number.isFinite(d) && d > 0).toBe(true);
  });

  it('honours Retry-After, but no longer than the cap', () => {
    expect(nextPollDelaySeconds({ ...base, failures: 1, retryAfterSeconds: 7200 })).toBe(7200);
    expect(nextPollDelaySeconds({ ...base, failures: 1, retryAfterSeconds: 10 })).toBe(900);
    expect(nextPollDelaySeconds({ ...base, failures: 1, retryAfterSeconds: 10 * 24 * 3600 })).toBe(21600);
  });

  it('lets Cache-Control max-age and <ttl> slow polling down, never speed it up', () => {
    expect(nextPollDelaySeconds({ ...base, failures: 0, maxAgeSeconds: 3600 })).toBe(3600);
    expect(nextPollDelaySeconds({ ...base, failures: 0, maxAgeSeconds: 60 })).toBe(900);
    expect(nextPollDelaySeconds({ ...base, failures: 0, ttlMinutes: 120 })).toBe(7200);
    expect(nextPollDelaySeconds({ ...base, failures: 0, ttlMinutes: 100_000 })).toBe(21600);
  });

  it('keeps a cap below the interval from shortening the interval', () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 900, maxSeconds: 60, failures: 3 })).toBe(900);
  });
});
