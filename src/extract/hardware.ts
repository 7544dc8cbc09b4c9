// Chips and systems named for a deal, written the way vendors write them.

interface HardwarePattern {
  pattern: RegExp;
  name: (m: RegExpMatchArray) => string;
}

// "MI450s" is the plural of MI450, not a model "MI450S".
const singular = (s: string): string => s.replace(/(?<=\d)s$/u, '');
const upper = (m: RegExpMatchArray): string => singular(m[0]).toUpperCase().replace(/\s+/g, '');

const PATTERNS: HardwarePattern[] = [
  { pattern: /\b(?:GB|GH|[ABHL]|B|H)\d{2,3}[A-Z]?\b(?:\s?NVL\d+)?/iu, name: (m) => singular(m[0]).toUpperCase().replace(/\s?NVL\d+$/i, '') },
  { pattern: /\bMI\s?\d{3}[A-Z]?\b/iu, name: upper },
  { pattern: /\btrainium\s?(\d)?\b/iu, name: (m) => `Trainium${m[1] ?? ''}` },
  { pattern: /\binferentia\s?(\d)?\b/iu, name: (m) => `Inferentia${m[1] ?? ''}` },
  { pattern: /\b(?:TPUs?(?:\s?v\d+[a-z]?)?|tensor processing units?|ironwood)\b/iu, name: () => 'TPU' },
  { pattern: /\bvera rubin\b/iu, name: () => 'Vera Rubin' },
  { pattern: /\bgrace blackwell\b/iu, name: () => 'Grace Blackwell' },
  { pattern: /\bblackwell(?: ultra)?\b/iu, name: (m) => (/ultra/i.test(m[0]) ? 'Blackwell Ultra' : 'Blackwell') },
  { pattern: /\brubin\b/iu, name: () => 'Rubin' },
  { pattern: /\bhopper\b/iu, name: () => 'Hopper' },
  { pattern: /\bgaudi\s?(\d)?\b/iu, name: (m) => `Gaudi${m[1] ? ` ${m[1]}` : ''}` },
  { pattern: /\bmaia\s?(\d{3})?\b/iu, name: (m) => `Maia${m[1] ? ` ${m[1]}` : ''}` },
  { pattern: /\bWSE-?\d\b/iu, name: upper },
  { pattern: /\binstinct\b/iu, name: () => 'Instinct' },
];

// "B2B", "A100" and "H1" look alike: only model numbers that chip vendors use count.
const CHIP_MODEL = /^(?:GB\d{3}|GH\d{3}|A\d{3}|[BH]\d{2,3}|L\d{2}S?|B\d{3}A?|MI\d{3}[A-Z]?)$/;

/** Every chip or system named, with its position (the first occurrence of each pattern). */
export function findAllHardware(text: string): Array<{ index: number; name: string; specific: boolean }> {
  const found: Array<{ index: number; name: string; specific: boolean }> = [];
  PATTERNS.forEach((p, rank) => {
    const m = p.pattern.exec(text);
    if (!m || m.index === undefined) return;
    const name = p.name(m);
    if (rank === 0 && !CHIP_MODEL.test(name)) return;
    found.push({ index: m.index, name, specific: rank <= 4 });
  });
  return found.sort((a, b) => a.index - b.index);
}

/** The most specific chip or system named in the text, in the order they appear; null if none. */
export function findHardware(text: string): string | null {
  let best: { index: number; name: string; rank: number } | null = null;
  PATTERNS.forEach((p, rank) => {
    const m = p.pattern.exec(text);
    if (!m || m.index === undefined) return;
    const name = p.name(m);
    if (rank === 0 && !CHIP_MODEL.test(name)) return;
    // Model numbers (GB200, MI450, Trainium2) beat families (Blackwell, Instinct); then the first named.
    const specific = rank <= 4 ? 0 : 1;
    const bestSpecific = best ? (best.rank <= 4 ? 0 : 1) : 2;
    if (!best || specific < bestSpecific || (specific === bestSpecific && m.index < best.index)) {
      best = { index: m.index, name, rank };
    }
  });
  const chosen = best as { name: string; rank: number } | null;
  if (!chosen) return null;
  // Two families and no model number ("Grace Blackwell and Vera Rubin systems"): which one is this deal's?
  if (chosen.rank > 4 && findAllHardware(text).filter((h) => !h.specific && h.name !== chosen.name && !chosen.name.includes(h.name)).length > 0) return null;
  return chosen.name;
}

/** Words that say the sentence is about chips or systems rather than rented capacity. */
export const CHIP_WORDS =
  /\b(chips?|GPUs?|accelerators?|processors?|silicon|semiconductors?|superchips?|systems?|servers?|racks?|hardware|TPUs?|tensor processing units?|trainium\w*|instinct|blackwell|rubin|MI\d{3}\w*|[GB]B\d{3}s?|H\d{3}s?)\b/iu;
