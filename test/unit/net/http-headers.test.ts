import { describe, expect, it } from 'vitest';
import { parseCacheControlMaxAge, parseRetryAfter } from '../../../src/net/http-headers.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', new Date(now))).toBe(0);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('returns undefined for absent or unreadable values', () => {
    for (const bad of [undefined, null, '', 'soon', '-5', '1.5', '12abc']) expect(parseRetryAfter(bad, now), String(bad)).toBeUndefined();
  });
});

describe('parseCacheControlMaxAge', () => {
  it('reads max-age among other directives', () => {
    expect(parseCacheControlMaxAge('public, max-age=600')).toBe(600);
    expect(parseCacheControlMaxAge('MAX-AGE="300", must-revalidate')).toBe(300);
    expect(parseCacheControlMaxAge('max-age=0')).toBe(0);
  });
  it('returns undefined without a usable max-age, or with no-store/no-cache', () => {
    for (const v of [undefined, '', 'public', 'max-age=abc', 'max-age=-1', 'no-store, max-age=60', 'no-cache', 'max-age']) {
      expect(parseCacheControlMaxAge(v), String(v)).toBeUndefined();
    }
  });
});
