// Numbers as news text writes them: "1,920", "4.5", "thirty", "a", "twenty-five".

const UNITS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const SEP = '[- ]';
const COUNTING = Object.keys(UNITS).filter((w) => w !== 'a' && w !== 'an');
const UNDER_TWENTY = COUNTING.join('|');
const TENS_WORDS = Object.keys(TENS).join('|');
// Below a hundred: "seven", "nineteen", "twenty", "twenty-five".
const BELOW_HUNDRED = `(?:(?:${TENS_WORDS})(?:${SEP}(?:${UNDER_TWENTY}))?|${UNDER_TWENTY})`;
// The digits after "point": "nine-point-seven", "one point oh five".
const DIGITS: Record<string, number> = { zero: 0, oh: 0, ...Object.fromEntries(COUNTING.filter((w) => UNITS[w] < 10).map((w) => [w, UNITS[w]])) };
const DIGIT_WORDS = Object.keys(DIGITS).join('|');

/**
 * A regex source matching one number written in words: "thirty", "twenty-five", "a hundred and fifty",
 * "two hundred fifty", "fifteen hundred", "a", and decimals as people say them ("nine-point-seven", "one point nine two").
 */
export const NUMBER_WORDS_SOURCE =
  `(?:(?:(?:${BELOW_HUNDRED}|a|an)${SEP})?hundred(?:(?:${SEP}and)?${SEP}${BELOW_HUNDRED})?` +
  `|${BELOW_HUNDRED}(?:${SEP}point(?:${SEP}(?:${DIGIT_WORDS}))+)?|a|an)`;

/** Reads a number written in words; null when it is not one. */
export function parseNumberWords(words: string): number | null {
  const parts = words.toLowerCase().trim().split(/[\s-]+/).filter(Boolean);
  if (parts.length === 0) return null;
  let current = 0;
  let decimals: string | null = null;
  for (const part of parts) {
    if (decimals !== null) {
      if (!(part in DIGITS)) return null;
      decimals += String(DIGITS[part]);
    } else if (part === 'point') decimals = '';
    else if (part === 'and') continue;
    else if (part in UNITS) current += UNITS[part];
    else if (part in TENS) current += TENS[part];
    else if (part === 'hundred') current = (current || 1) * 100;
    else return null;
  }
  return decimals ? Number(`${current}.${decimals}`) : current;
}

/** Reads "1,920" or "4.5" or a number word. */
export function parseNumber(raw: string): number | null {
  const digits = raw.replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(digits)) return Number(digits);
  return parseNumberWords(raw);
}

export const DIGITS_SOURCE = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
