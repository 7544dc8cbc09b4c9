import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarize } from '../../../bench/stats.js';

describe('bench statistics', () => {
  it('summarizes runs as median, min and max', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(summarize([4, 1, 2, 3]).median).toBe(2.5);
    expect(summarize([]).runs).toBe(0);
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('divides summaries with the extremes crossed', () => {
    const r = ratio(summarize([10, 20, 30]), summarize([5, 10]));
    expect(r.median).toBeCloseTo(20 / 7.5);
    expect(r.min).toBe(1);
    expect(r.max).toBe(6);
  });
});
