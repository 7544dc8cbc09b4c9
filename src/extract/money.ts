// Money in news text → US dollars. compromise's .money() drops multipliers ("$119b" → 119), so this is
// our own tested pattern set. Vague amounts ("tens of billions", "multibillion") never match: no number.
import { DIGITS_SOURCE, NUMBER_WORDS_SOURCE, parseNumber } from './numbers.js';

export interface MoneyMention {
  /** US dollars; null when the amount is in another currency. */
  usd: number | null;
  start: number;
  end: number;
  text: string;
}

const MULTIPLIERS: Record<string, number> = {
  trillion: 1e12, tn: 1e12, t: 1e12, tr: 1e12,
  billion: 1e9, bn: 1e9, b: 1e9, bil: 1e9,
  million: 1e6, mn: 1e6, mm: 1e6, m: 1e6, mil: 1e6,
  thousand: 1e3, k: 1e3,
};
const MULT = '(trillion|billion|million|thousand|tn|bn|mn|mm|bil|mil|tr|t|b|m|k)';
const RANGE_SEP = '\\s?(?:-|–|—|to)\\s?';
// "US$", "U.S. $", "USD", "$" (not "C$", "HK$", "A$"...: those are other currencies).
const USD_PREFIX = '(?:US\\$|U\\.S\\.\\s?\\$|USD\\s?|(?<![A-Za-z])\\$)';
const OTHER_PREFIX = '(?:€|£|¥|₹|₩|EUR\\s?|GBP\\s?|JPY\\s?|CNY\\s?|RMB\\s?|INR\\s?|(?:C|CA|A|AU|HK|NT|S|R|NZ)\\$)';
const OTHER_SUFFIX = '(?:euros?|pounds?(?: sterling)?|yen|yuan|renminbi|rupees?|won|francs?)';

const NUM = `(${DIGITS_SOURCE})`;
const RANGE_TAIL = `(?:${RANGE_SEP}(?:${USD_PREFIX}|${OTHER_PREFIX})?${DIGITS_SOURCE})?`;
// Prefix forms: "$300 billion", "$300B", "$1.1t", "US$17.4 billion", "€5bn", "$10-12 billion".
const PREFIXED = new RegExp(
  `(${USD_PREFIX}|${OTHER_PREFIX})${NUM}${RANGE_TAIL}(?:\\s?${MULT}(?![\\p{L}\\p{N}]))?(?:\\s+(?:(?:us|u\\.s\\.)\\s+)?dollars)?`,
  'giu',
);
// Suffix forms: "30 billion dollars", "thirty billion dollars", "5 billion euros", "10 billion USD", "a nine-point-seven-billion-dollar contract".
const SUFFIXED = new RegExp(
  `(?<![\\p{L}\\p{N}$.,])(${DIGITS_SOURCE}|${NUMBER_WORDS_SOURCE})[\\s-]+(trillion|billion|million)[\\s-]+((?:(?:us|u\\.s\\.)\\s+)?dollars?|usd|${OTHER_SUFFIX})(?![\\p{L}])`,
  'giu',
);

/** Every money amount in a piece of text, in order of appearance. */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const m of text.matchAll(PREFIXED)) {
    const prefix = m[1];
    const value = parseNumber(m[2]);
    if (value === null) continue;
    const mult = m[3] ? MULTIPLIERS[m[3].toLowerCase()] : 1;
    // "$2 an hour" stays $2; a bare "$5" next to nothing is still money, just small.
    const isUsd = !new RegExp(`^${OTHER_PREFIX}$`, 'iu').test(prefix);
    found.push({ usd: isUsd ? value * mult : null, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(SUFFIXED)) {
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    const value = parseNumber(m[1]);
    if (value === null) continue;
    const mult = MULTIPLIERS[m[2].toLowerCase()];
    const isUsd = /dollar|usd/i.test(m[3]);
    found.push({ usd: isUsd ? value * mult : null, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Parses one amount ("$119b" → 119e9); null when vague, non-USD or not money. */
export function parseUsd(text: string): number | null {
  const all = findMoney(text);
  return all.length > 0 ? all[0].usd : null;
}
