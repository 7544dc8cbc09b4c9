// The one spelling of money, power, confidence, dates and times that the web, the CLI, alerts and the digest share.
import { describe, expect, it } from 'vitest';
import { formatConfidence, formatDate, formatGw, formatTime, formatUsd, formatWait } from '../../src/format.js';

describe('money', () => {
  it('writes the unit out, as the press does', () => {
    expect(formatUsd(30e9)).toBe('$30 billion');
    expect(formatUsd(1.1e12)).toBe('$1.1 trillion');
    expect(formatUsd(17.4e9)).toBe('$17.4 billion');
    expect(formatUsd(850e6)).toBe('$850 million');
    expect(formatUsd(2.25e9)).toBe('$2.25 billion');
    expect(formatUsd(1_500e9)).toBe('$1.5 trillion');
  });

  it('keeps small amounts whole with thousands separators, and 0 as $0', () => {
    expect(formatUsd(250_000)).toBe('$250,000');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(999_999.6)).toBe('$1 million');
  });

  it('moves up a unit when rounding reaches 1,000', () => {
    expect(formatUsd(999.999e9)).toBe('$1 trillion');
    expect(formatUsd(999.999e12)).toBe('$1,000 trillion');
  });

  it('shows an unknown amount as a dash', () => {
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(undefined)).toBe('—');
    expect(formatUsd(Number.NaN)).toBe('—');
  });
});

describe('power', () => {
  it('uses MW below 1 GW and GW from 1 GW on', () => {
    expect(formatGw(0.75)).toBe('750 MW');
    expect(formatGw(0.5)).toBe('500 MW');
    expect(formatGw(1.5)).toBe('1.5 GW'); // reported as "1,500 MW"
    expect(formatGw(1)).toBe('1 GW');
    expect(formatGw(4.5)).toBe('4.5 GW');
    expect(formatGw(0.0125)).toBe('12.5 MW');
    expect(formatGw(0.99996)).toBe('1 GW');
    expect(formatGw(1200)).toBe('1,200 GW');
  });

  it('shows 0 as 0 MW and an unknown figure as a dash', () => {
    expect(formatGw(0)).toBe('0 MW');
    expect(formatGw(null)).toBe('—');
  });
});

describe('confidence', () => {
  it('is a whole percentage', () => {
    expect(formatConfidence(0.78)).toBe('78%');
    expect(formatConfidence(0.785)).toBe('79%');
    expect(formatConfidence(0)).toBe('0%');
    expect(formatConfidence(1)).toBe('100%');
  });

  it('never rounds a doubt away', () => {
    expect(formatConfidence(0.996)).toBe('>99%');
    expect(formatConfidence(0.004)).toBe('<1%');
  });

  it('shows null as a dash and refuses what is no probability', () => {
    expect(formatConfidence(null)).toBe('—');
    expect(() => formatConfidence(1.2)).toThrow(/confidence must be between 0 and 1, got 1.2/);
    expect(() => formatConfidence(-0.1)).toThrow(RangeError);
    expect(() => formatConfidence(Number.NaN)).toThrow(RangeError);
  });
});

describe('time and dates', () => {
  it('writes a moment in UTC to the minute, without milliseconds', () => {
    expect(formatTime(new Date('2026-12-06T01:07:33.123Z'))).toBe('2026-12-06 01:07 UTC');
    expect(formatTime('2026-05-09T00:00:00.000Z')).toBe('2026-05-09 00:00 UTC');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a date')).toBe('—');
  });

  it('writes a date with the precision it was given', () => {
    const d = new Date('2025-09-01T00:00:00Z');
    expect(formatDate(d)).toBe('2025-09-01');
    expect(formatDate(d, 'month')).toBe('2025-09');
    expect(formatDate(new Date('2023-01-01T00:00:00Z'), 'year')).toBe('2023');
    expect(formatDate(null)).toBe('—');
  });

  it('counts the wait down in seconds, then minutes', () => {
    expect(formatWait(42)).toBe('42 s');
    expect(formatWait(41.2)).toBe('42 s');
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(-3)).toBe('0 s');
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(125)).toBe('2 min 5 s');
    expect(() => formatWait(Number.NaN)).toThrow(RangeError);
  });
});
