// Text → sentences with their offsets. Our own splitter: it keeps exact offsets (the evidence must be
// the sentence exactly as it stands), handles lowercase-style prose ("twice. the lab"), and never lets
// a sentence cross a line break (headlines, list items and table rows are lines of their own).

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the line (block) the sentence sits in; sentences of one line share context. */
  block: number;
  /** Position of the sentence within its block. */
  indexInBlock: number;
  /** The block has no sentence-final punctuation: a headline, a list item or a table row. */
  fragment: boolean;
}

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'approx', 'est', 'no', 'nos', 'fig', 'vol',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'calif', 'mass', 'wash', 'tex', 'fla', 'ariz', 'colo', 'conn', 'penn', 'mich', 'minn', 'wis', 'okla', 'tenn',
  'dept', 'gov', 'sen', 'rep', 'gen', 'lt', 'col', 'capt', 'rev', 'hon', 'u.s', 'u.k', 'e.g', 'i.e', 'a.m', 'p.m',
]);
// Company suffixes end a sentence only when a capitalised word follows ("CoreWeave, Inc. today" does not).
const COMPANY_SUFFIXES = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'n.v', 's.a', 'ag']);

/** Longer unpunctuated lines are prose that lost its full stops, not a headline or a table row. */
const MAX_FRAGMENT_CHARS = 400;

const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s+\S)/g;

function endsSentence(line: string, index: number, matchText: string): boolean {
  if (!matchText.startsWith('.')) return true;
  if (matchText.startsWith('...')) return true;
  // Only the last few characters matter; slicing the whole prefix would make long lines quadratic.
  const before = line.slice(Math.max(0, index - 40), index);
  const atLineStart = index <= 40 && line.slice(0, index).trim().length <= 40;
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  const lower = word.toLowerCase();
  // Initials and dotted abbreviations: "U.S.", "J. P. Morgan", "N.J."
  if (/^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word) || lower === 'u.s' || lower === 'u.k') {
    // "... in the U.S. The company" still ends a sentence: a common sentence opener follows.
    const next = line.slice(index + matchText.length).trimStart();
    return word.length > 1 && /^(The|A|An|It|Its|This|That|These|But|And|In|On|He|She|They|We)\b/.test(next);
  }
  if (ABBREVIATIONS.has(lower)) return false;
  if (COMPANY_SUFFIXES.has(lower)) {
    const next = line.slice(index + matchText.length).trimStart();
    return /^\p{Lu}/u.test(next);
  }
  // A number like "No. 3" or a lone digit list marker "1." at the start of a line.
  if (/^\d+$/.test(word) && atLineStart && before.trim() === word) return false;
  return true;
}

const QUESTION = /\?["'”’)\]]*$/u;
const ANSWER = /^(?:A|Answer)\s*:\s*\S|^A\.\s+\S/u;
const QUESTION_MARK = /^(?:Q|Question)\s*[:.]/u;

/**
 * Q&A text: "Q: Who supplies the chips? A: Nvidia." The answer means nothing without its question, so
 * the two are one sentence (across a line break too). "A." opens an answer only after "Q." or "Q:".
 */
function joinAnswers(text: string, sentences: Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    const q = out[out.length - 1];
    if (q && QUESTION.test(q.text) && ANSWER.test(s.text) && (/^(?:A|Answer)\s*:/u.test(s.text) || QUESTION_MARK.test(q.text)) && s.block - q.block <= 1) {
      out[out.length - 1] = { ...q, text: text.slice(q.start, s.end), end: s.end, fragment: false };
      continue;
    }
    out.push(s);
  }
  return out;
}

/** Splits text into sentences; offsets are into `text`. Never throws. */
export function splitSentences(text: string): Sentence[] {
  return joinAnswers(text, splitLines(text));
}

function splitLines(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let block = 0;
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    if (!line.trim()) continue;
    let start = 0;
    let indexInBlock = 0;
    const pieces: Array<[number, number]> = [];
    for (const m of line.matchAll(BOUNDARY)) {
      if (!endsSentence(line, m.index, m[0])) continue;
      const end = m.index + m[0].length;
      pieces.push([start, end]);
      start = end;
    }
    pieces.push([start, line.length]);
    // A headline, list item or table row: one short piece without final punctuation.
    const fragment = pieces.length === 1 && line.length <= MAX_FRAGMENT_CHARS && !/[.!?…]["'”’)\]]*\s*$/.test(line);
    for (const [s, e] of pieces) {
      const chunk = line.slice(s, e);
      const lead = chunk.length - chunk.trimStart().length;
      const trimmed = chunk.trim();
      if (!trimmed) continue;
      const absStart = lineStart + s + lead;
      sentences.push({
        text: trimmed, start: absStart, end: absStart + trimmed.length, block, indexInBlock: indexInBlock++, fragment,
      });
    }
    block++;
  }
  return sentences;
}
