// Interviews: "we" and "our" in the answers are the company whose executive speaks. "Q&A: borealis
// compute's CEO on hydro" names it; the answers then say "We signed Perplexity for 40 megawatts".
import { findKnownEntities, type EntityMention, type Gazetteer } from './gazetteer.js';
import { organisationNamed } from './parties.js';
import type { Sentence } from './sentences.js';

const INTERVIEW_TITLE = /^\s*(?:Q\s?&\s?A|Q and A|Interview|In conversation|Five questions|\d+ questions)\b\s*(?:with\s+)?[:\-–—|]?\s*/iu;
const EXECUTIVE = String.raw`(?:CEO|chief executive|co-?founder|founder|boss|president|chair(?:man|woman)?|CTO|chief technology officer|COO|head)`;
// "borealis compute's CEO on ...", "Nscale CEO Josh Payne on ...".
const SPEAKER_OF = new RegExp(String.raw`^(?!(?:the|a|an|its|our|their)\s)([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)(?:['’]s)?\s+(?:new\s+)?${EXECUTIVE}\b`, 'u');
const SPEAKER_AT = new RegExp(String.raw`\b${EXECUTIVE}\s+(?:of|at)\s+([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)(?=\s+(?:on|about|talks|says|:)\b|[,:;]|$)`, 'u');
// "Ingrid Solberg: We signed ...": an answer opens with its speaker's name or initials.
const SPEAKER_LABEL = /^(?:[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,2}|[\p{Lu}]{1,3}):\s+/u;
const FIRST_PERSON = /\b(?:we|our|us)\b/giu;

/** The company an interview's headline names as its executive's ("X's CEO on ...", "Q&A with the CEO of X"). */
export function interviewSubject(title: string | null | undefined, gazetteer: Gazetteer): EntityMention | null {
  if (!title) return null;
  const opener = INTERVIEW_TITLE.exec(title);
  if (!opener) return null;
  const rest = title.slice(opener[0].length);
  const surface = SPEAKER_OF.exec(rest)?.[1] ?? SPEAKER_AT.exec(rest)?.[1];
  if (!surface) return null;
  const known = findKnownEntities(surface, gazetteer);
  if (known.length === 1 && known[0].end - known[0].start >= surface.trim().length - 1) return known[0];
  return known.length === 0 ? organisationNamed(surface) : null;
}

/**
 * Marks "we", "our" and "us" in the answers as the subject company: the paragraphs that open on a
 * speaker's label other than the interviewer's questions (a paragraph ending in "?" asks).
 */
export function resolveFirstPerson(sentences: Sentence[], known: EntityMention[][], subject: EntityMention): void {
  let answering = false;
  sentences.forEach((s, i) => {
    if (s.indexInBlock === 0) answering = SPEAKER_LABEL.test(s.text) && !s.text.trimEnd().endsWith('?');
    if (!answering || s.text.trimEnd().endsWith('?')) return;
    if (known[i].some((e) => e.name === subject.name)) return;
    for (const m of s.text.matchAll(FIRST_PERSON)) {
      const start = m.index;
      const end = start + m[0].length;
      if (known[i].some((e) => start < e.end && end > e.start)) continue;
      known[i].push({ ...subject, start, end, surface: m[0] });
      known[i].sort((a, b) => a.start - b.start);
      // One mention per sentence is enough to make the company a party of it.
      return;
    }
  });
}
