import { describe, expect, it } from 'vitest';
import { dealPower } from '../../../src/extract/amounts.js';
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
    ['a hundred and fifty megawatts', 0.15],
    ['two hundred and fifty megawatts', 0.25],
    ['six hundred megawatts', 0.6],
    ['one-point-nine-two gigawatts', 1.92],
    ['four-point-five gigawatts', 4.5],
    ['fifteen hundred megawatts', 1.5],
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

describe("a deal's power figure", () => {
  const gw = (s: string) => dealPower(s, 0, s.length).map((p) => p.gw);
  it("is what the deal supplies to a campus, not the campus's own size", () => {
    expect(gw('Cedar Valley Power and Light has signed an agreement with Amazon to serve the campus with up to 400 megawatts.')).toEqual([0.4]);
    expect(gw('Meta signed a lease at the campus, which has 300 MW of capacity.')).toEqual([]);
    expect(gw('Nebius will take the first 300 MW of the site.')).toEqual([]);
  });
});
