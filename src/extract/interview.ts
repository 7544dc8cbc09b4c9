// Interviews: "we" and "our" in the answers are the company whose executive speaks. "Q&A: borealis
// compute's CEO on hydro" names it; the answers then say "We signed Perplexity for 40 megawatts".
import { addReferences, findKnownEntities, type EntityMention, type Gazetteer } from './gazetteer.js';
import { organisationNamed } from './parties.js';
import type { Sentence } from './sentences.js';

// At the start of the headline or after a quote's colon: "'Six hundred megawatts is the new normal': a fireside with X's Jane Doe".
const INTERVIEW_TITLE = /(?:^|[:|–—]\s+)\s*(?:an?\s+)?(?:Q\s?&\s?A|Q and A|Interview|(?:In )?conversation|Fireside(?: chat)?|Five questions|\d+ questions|Podcast|Episode \d+)\b\s*(?:with\s+)?[:\-–—|]?\s*/iu;
const EXECUTIVE = String.raw`(?:CEO|chief executive|co-?founder|founder|boss|president|chair(?:man|woman)?|CTO|chief technology officer|COO|head)`;
// "borealis compute's CEO on ...", "Nscale CEO Josh Payne on ...".
const SPEAKER_OF = new RegExp(String.raw`^(?!(?:the|a|an|its|our|their)\s)([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)(?:['’]s)?\s+(?:new\s+)?${EXECUTIVE}\b`, 'u');
const SPEAKER_AT = new RegExp(String.raw`\b${EXECUTIVE}\s+(?:of|at)\s+([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)(?=\s+(?:on|about|talks|says|:)\b|[,:;]|$)`, 'u');
// "Nebius's Arkady Volozh on ...": the company's possessive, then the executive's name.
const SPEAKER_NAMED = /^(?!(?:the|a|an|its|our|their)\s)([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)['’]s?\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,2}(?:\s+(?:on|about|talks|says)\b|\s*$)/u;
// A transcript is the company speaking: "CoreWeave Q3 2025 earnings call: ...".
const EARNINGS_CALL = /^([\p{L}\d][\p{L}\d&.'’ -]{1,40}?)(?:['’]s)?\s+(?:(?:Q[1-4]|FY\s?\d{2,4}|(?:first|second|third|fourth)[- ]quarter|full[- ]year|fiscal|(?:19|20)\d\d)\s+)*(?:earnings|results|quarterly)\s+(?:call|conference call|call transcript|transcript)\b/iu;
// "Ingrid Solberg: We signed ...", "MICHAEL INTRATOR, CHIEF EXECUTIVE OFFICER: ...": an answer opens with its
// speaker's name or initials, perhaps with a role after a comma or in brackets.
const SPEAKER_LABEL = /^((?:[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,2}|[\p{Lu}]{1,3})(?:,\s+[\p{L}][\p{L} &'’-]{1,40})?(?:\s+\([^)]{1,20}\))?):\s+/u;
// The other side of the conversation: its "we" and "us" are not the company.
const ASKER = /^(?:Q|Question|Interviewer|Analyst|Operator|Moderator)\b|\(Q\)/iu;
const FIRST_PERSON = /\b(?:we|our|us)\b/giu;

/** Headline openings that are a period or an action, not a company: "Third Quarter 2025 ...", "Powering Reno: ...". */
export const NOT_A_SPEAKER = /^(?:First|Second|Third|Fourth|Full|Annual|Quarterly|Fiscal|Q[1-4]|FY|H[12]|\d)|^\p{L}+ing\b/iu;

/**
 * The company an interview's headline names as its executive's ("X's CEO on ...", "Q&A with the CEO of X",
 * "Q&A: X's Jane Doe on ..."), or whose earnings call a transcript is ("X Q3 2025 earnings call").
 */
export function interviewSubject(title: string | null | undefined, gazetteer: Gazetteer): EntityMention | null {
  if (!title) return null;
  const opener = INTERVIEW_TITLE.exec(title);
  const rest = opener ? title.slice(opener.index + opener[0].length) : '';
  const surface = opener ? SPEAKER_OF.exec(rest)?.[1] ?? SPEAKER_AT.exec(rest)?.[1] ?? SPEAKER_NAMED.exec(rest)?.[1] : EARNINGS_CALL.exec(title)?.[1];
  if (!surface || NOT_A_SPEAKER.test(surface)) return null;
  const known = findKnownEntities(surface, gazetteer);
  if (known.length === 1 && known[0].end - known[0].start >= surface.trim().length - 1) return known[0];
  return known.length === 0 ? organisationNamed(surface) : null;
}

/**
 * Marks "we", "our" and "us" in the answers as the subject company: from a paragraph that opens on a
 * speaker's label other than the interviewer's (a paragraph ending in "?" asks) to the next label.
 */
export function resolveFirstPerson(sentences: Sentence[], known: EntityMention[][], subject: EntityMention): void {
  let answering = false;
  sentences.forEach((s, i) => {
    // A speaker's turn runs on over paragraphs until the next label.
    const label = s.indexInBlock === 0 ? SPEAKER_LABEL.exec(s.text)?.[1] : undefined;
    if (label !== undefined) answering = !ASKER.test(label) && !s.text.trimEnd().endsWith('?');
    if (!answering || s.text.trimEnd().endsWith('?')) return;
    if (known[i].some((e) => e.name === subject.name)) return;
    addReferences(known[i], s.text, FIRST_PERSON, () => subject);
  });
}
