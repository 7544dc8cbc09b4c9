// Words broken across lines by print, PDF or OCR text ("Core- Weave", "capac- ity", "agree-\nment") or split by soft
// hyphens, joined again so that names and deal words are read whole. A hyphen that belongs to the word ("Nvidia-
// backed", "pre- and post-training") stays: a break is joined only when the joined word is one the text writes whole
// elsewhere or a word of a known organisation's name.

// A hyphen at a line's end, or before spaces where the line's end was, between two parts of a word; or a soft hyphen
// (U+00AD, "Core&shy;Weave"), which pages put inside words to allow a break and which is never part of the word.
const GAP = String.raw`[ \t]*\r?\n?[ \t]*`;
const BREAK = new RegExp(String.raw`(?<![\p{L}\p{N}-])(\p{L}+)-(${GAP})(\p{L}+)(?![\p{L}\p{N}])|\u00ad`, 'gu');
// Only a hyphen with a gap after it can be a break ("Nvidia-backed" is never joined): texts without one are left at once.
const HAS_BREAK = new RegExp(String.raw`\p{L}-(?=[ \t\r\n])${GAP}\p{L}|\u00ad`, 'u');
const WORD = /\p{L}{3,}/gu;

export interface JoinedText {
  text: string;
  /** The offset in the text given of an offset in the joined text. */
  toSource: (offset: number) => number;
}

/** The text with its broken words joined, or null when it has none. `names` are lower-case words of known names. */
export function joinBrokenWords(text: string, names: ReadonlySet<string>): JoinedText | null {
  if (!HAS_BREAK.test(text)) return null;
  const whole = new Set<string>();
  for (const m of text.replace(/\u00ad/gu, '').matchAll(WORD)) whole.add(m[0].toLowerCase());
  // Each join: where the characters taken out were, in the joined text, and how many were taken out up to there.
  const cuts: Array<{ at: number; removed: number }> = [];
  let removed = 0;
  const cut = (sourceAt: number, count: number): void => {
    cuts.push({ at: sourceAt - removed, removed: removed + count });
    removed += count;
  };
  const joined = text.replace(BREAK, (match: string, head: string | undefined, gap: string | undefined, tail: string | undefined, offset: number) => {
    if (head === undefined || gap === undefined || tail === undefined) {
      cut(offset, 1);
      return '';
    }
    if (gap.length === 0) return match;
    const word = (head + tail).toLowerCase();
    if (!whole.has(word) && !names.has(word)) return match;
    cut(offset + head.length, 1 + gap.length);
    return head + tail;
  });
  if (cuts.length === 0) return null;
  const toSource = (offset: number): number => {
    let shift = 0;
    for (const c of cuts) {
      if (offset < c.at) break;
      shift = c.removed;
    }
    return offset + shift;
  };
  return { text: joined, toSource };
}
