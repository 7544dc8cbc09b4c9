import { describe, expect, it } from 'vitest';
import { SignInLimits, defaultSignInLimits } from '../../../src/web/auth/sign-in-limits.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sign-in limits', () => {
  it('locks a name after 10 failures, and a flood of made-up names does not unlock it', () => {
    const c = clock();
    const limits = new SignInLimits({ ...defaultSignInLimits, now: c.now });
    for (let i = 0; i < 9; i++) limits.recordFailure('ana');
    expect(limits.isLocked('ana')).toBe(false);
    limits.recordFailure('ana');
    expect(limits.isLocked('ana')).toBe(true);
    for (let i = 0; i < 25_000; i++) limits.recordFailure(`made-up-${i}`);
    expect(limits.isLocked('ana')).toBe(true);
    // Memory stays bounded: the counts table evicted its oldest entries.
    expect(limits.sizes.failures).toBeLessThanOrEqual(defaultSignInLimits.maxEntries);
    expect(limits.sizes.locks).toBe(1);
  });

  it('a lock ends with its window, and a success clears the count', () => {
    const c = clock();
    const limits = new SignInLimits({ ...defaultSignInLimits, now: c.now });
    for (let i = 0; i < 10; i++) limits.recordFailure('bo');
    c.advance(defaultSignInLimits.failureWindowMs + 1);
    expect(limits.isLocked('bo')).toBe(false);
    for (let i = 0; i < 9; i++) limits.recordFailure('cy');
    limits.recordSuccess('cy');
    limits.recordFailure('cy');
    expect(limits.isLocked('cy')).toBe(false);
  });

  it('admits a few sign-ins at once per client and a bounded number a minute', () => {
    const c = clock();
    const limits = new SignInLimits({ ...defaultSignInLimits, now: c.now });
    const first = [1, 2, 3, 4].map(() => limits.admit('10.0.0.1'));
    expect(first.every((v) => v.ok)).toBe(true);
    expect(limits.admit('10.0.0.1').ok).toBe(false);
    // Another client is not held up by the first.
    expect(limits.admit('10.0.0.2').ok).toBe(true);
    for (const v of first) if (v.ok) v.release();
    let admitted = 4;
    for (let i = 0; i < 100; i++) {
      const v = limits.admit('10.0.0.1');
      if (v.ok) {
        admitted++;
        v.release();
      } else {
        expect(v.retryAfterSeconds).toBeGreaterThan(0);
      }
    }
    expect(admitted).toBe(defaultSignInLimits.maxPerWindow);
    c.advance(defaultSignInLimits.clientWindowMs + 1);
    expect(limits.admit('10.0.0.1').ok).toBe(true);
  });
});
