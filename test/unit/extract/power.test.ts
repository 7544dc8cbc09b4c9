import { describe, expect, it } from 'vitest';
import { findPower, parseGigawatts } from '../../../src/extract/power.js';

describe('parseGigawatts', () => {
  it.each([
    ['4.5 gigawatts', 4.5],
    ['4.5GW', 4.5],
    ['4.5 GW', 4.5],
    ['4.5-gigawatt', 4.5],
    ['1,500 MW', 1.5],
    ['1,920 megawatts', 1.92],
    ['835 megawatts', 0.835],
    ['500 MW', 0.5],
    ['750mw', 0.75],
    ['a gigawatt', 1],
    ['well over a gigawatt', 1],
    ['one gigawatt', 1],
    ['ten gigawatts', 10],
    ['at least 10GW', 10],
    ['1-2 GW', 1],
    ['2 to 3 gigawatts', 2],
    ['a 1-gigawatt campus', 1],
    ['1.2 terawatts', 1200],
  ])('%s', (text, gw) => {
    expect(parseGigawatts(text)).toBeCloseTo(gw, 6);
  });

  it.each([
    'hundreds of megawatts',
    'tens of gigawatts',
    'the first gigawatt-scale cluster',
    '300 MWh of storage',
    '2 GWh a year',
    'gigawatts of demand',
    '',
  ])('%s → null', (text) => {
    expect(parseGigawatts(text)).toBeNull();
  });

  it('gives offsets, and an ordinal tranche ("the first gigawatt") is no figure', () => {
    const text = 'a deal for 6 gigawatts of GPUs, with the first gigawatt due in 2026';
    const all = findPower(text);
    expect(all.map((p) => text.slice(p.start, p.end))).toEqual(['6 gigawatts']);
    expect(all[0].gw).toBe(6);
  });
});
