import { describe, expect, it } from 'vitest';
import { alignToPhase, feedPhase, firstDue } from '../../../src/polling/schedule.js';
import { parseRoles } from '../../../src/cli/commands/start.js';

describe('spreading feeds over the interval', () => {
  it('gives neighbouring feeds phases far apart', () => {
    const phases = Array.from({ length: 100 }, (_, i) => feedPhase(i + 1));
    const buckets = new Set(phases.map((p) => Math.floor(p * 10)));
    expect(buckets.size).toBe(10); // a hundred feeds touch every tenth of the interval
  });

  it('aligns a due time to the feed phase within half an interval', () => {
    const interval = 900;
    const at = new Date('2026-01-01T00:00:00Z');
    for (let id = 1; id <= 50; id++) {
      const due = alignToPhase(id, at, interval);
      expect(Math.abs(due.getTime() - at.getTime())).toBeLessThanOrEqual((interval / 2) * 1000);
      expect(Math.abs((due.getTime() % (interval * 1000)) - feedPhase(id) * interval * 1000)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps feeds imported together apart on later polls', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const dues = Array.from({ length: 20 }, (_, i) => alignToPhase(i + 1, at, 900).getTime());
    expect(new Set(dues).size).toBe(20);
  });

  it('spreads first polls over at most five minutes', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    for (let id = 1; id <= 30; id++) {
      const d = firstDue(id, now, 900).getTime() - now.getTime();
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(300_000);
    }
    expect(firstDue(7, now, 10).getTime() - now.getTime()).toBeLessThan(10_000);
  });
});

describe('start --roles', () => {
  it('accepts known roles and refuses unknown ones with the list', () => {
    expect(parseRoles('poller, extractor')).toEqual(['poller', 'extractor']);
    expect(() => parseRoles('poller,mailer')).toThrow(/unknown role\(s\): mailer.*poller, extractor, notifier, web/);
    expect(() => parseRoles(',')).toThrow(/at least one/);
  });
});
