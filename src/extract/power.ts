// Power in news text → gigawatts: "4.5 gigawatts", "4.5GW", "4.5-gigawatt", "1,500 MW", "a gigawatt",
// "well over a gigawatt" (1), "ten gigawatts". Vague ("hundreds of megawatts") never matches. Energy
// units (GWh, MWh) are not power and are skipped.
import { DIGITS_SOURCE, NUMBER_WORDS_SOURCE, parseNumber } from './numbers.js';

export interface PowerMention {
  gw: number;
  start: number;
  end: number;
  text: string;
}

const UNIT_GW: Record<string, number> = { tw: 1000, gw: 1, mw: 0.001, kw: 0.000001 };
const UNIT = '(terawatts?|gigawatts?|megawatts?|kilowatts?|TW|GW|MW|kW)(?![\\p{L}\\p{N}])(?!-?(?:scale|class|sized?|hours?)\\b)';
const RANGE_TAIL = `(?:\\s?(?:-|–|—|to)\\s?${DIGITS_SOURCE})?`;
const NUMERIC = new RegExp(`(?<![\\p{L}\\p{N}.,])(${DIGITS_SOURCE})${RANGE_TAIL}\\s?-?\\s?${UNIT}`, 'giu');
// Word numbers: "a gigawatt", "one gigawatt", "ten gigawatts"; "hundreds of megawatts" is vague and skipped.
const WORDS = new RegExp(`(?<![\\p{L}\\p{N}])(${NUMBER_WORDS_SOURCE})[\\s-]${UNIT}`, 'giu');

function unitFactor(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('tera') || u === 'tw') return UNIT_GW.tw;
  if (u.startsWith('giga') || u === 'gw') return UNIT_GW.gw;
  if (u.startsWith('mega') || u === 'mw') return UNIT_GW.mw;
  return UNIT_GW.kw;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Every power figure in a piece of text, in order of appearance. */
export function findPower(text: string): PowerMention[] {
  const found: PowerMention[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    const value = parseNumber(m[1]);
    if (value === null) continue;
    found.push({ gw: round(value * unitFactor(m[2])), start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(WORDS)) {
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    const value = parseNumber(m[1]);
    if (value === null) continue;
    found.push({ gw: round(value * unitFactor(m[2])), start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Parses one power figure ("1,500 MW" → 1.5); null when vague or absent. */
export function parseGigawatts(text: string): number | null {
  const all = findPower(text);
  return all.length > 0 ? all[0].gw : null;
}
