// Two ways an article names a company once and then leans on it: a section heading ("Coldwater Compute
// (Sweden)") whose body says "Coldwater's cluster" or "the start-up", and a definition in brackets ("Korea
// Hydro & Nuclear Power (KHNP)") after which only the short form appears. Both give weak mentions for the
// scorer; a heading's company is also the party the section's deal sentences leave unnamed.
import { addReferences, type EntityMention } from './gazetteer.js';
import { followNames, namesPattern } from './discover.js';
import { allPlaces, clean, STOP_FIRST, unknownMention } from './parties.js';
import type { Sentence } from './sentences.js';

const MAX_HEADING_CHARS = 60;
// "3. Coldwater Compute (Sweden)", "Anvil — yes, that's the name", "Kestrel GPU: the lender's favourite".
const HEADING = /^(?:#?\d{1,2}[.)]?\s+)?((?:\p{Lu}[\p{L}\p{N}&'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{N}&'’.-]*|&)){0,3})(?:\s*(?:\(([^)]{1,40})\)|[:—–-]\s+.*))?$/u;
// Headings that are a section's topic, not a company.
const TOPIC_WORDS = new Set([
  'What', 'Why', 'How', 'Who', 'When', 'Where', 'Which', 'The', 'A', 'An', 'Our', 'Your', 'Key', 'Background', 'Context', 'Analysis',
  'Outlook', 'Summary', 'Takeaways', 'Conclusion', 'Introduction', 'Overview', 'Related', 'Read', 'More', 'Latest', 'Top', 'News', 'Comments',
  'Share', 'Sign', 'Subscribe', 'Advertisement', 'Disclosure', 'Correction', 'Update', 'Timeline', 'Q&A', 'FAQ', 'Notes', 'Sources',
  'Deals', 'Deal', 'Power', 'Chips', 'Cloud', 'Capacity', 'Financing', 'Risks', 'Valuation', 'Bottom', 'Big', 'Next', 'Also', 'Further',
  'Revenue', 'Guidance', 'Results', 'Highlights', 'Markets', 'Market', 'Stocks', 'Earnings', 'Labs', 'Neoclouds', 'Hyperscalers',
]);
const ORG_WORD = /\b(?:AI|Labs?|Compute|Computing|Cloud|Power|Energy|Electric|Data|Digital|Systems|Networks|Group|Holdings|Inc\.?|Corp\.?|Ltd\.?|LLC|GPU|Hash|Mining|Nuclear|Renewables?|Hydro|Infrastructure|Technologies|Semiconductors?|Foundry|Research)$/u;
const FOLLOW_SENTENCES = 8;

/** The company each sentence's section heading names, or null: headings found by their shape and by their body naming them. */
export function sectionCompanies(sentences: Sentence[], known: EntityMention[][], weak: EntityMention[][]): Array<EntityMention | null> {
  const out: Array<EntityMention | null> = sentences.map(() => null);
  let current: EntityMention | null = null;
  const found: EntityMention[] = [];
  sentences.forEach((s, i) => {
    if (s.fragment && s.indexInBlock === 0 && s.block > 0) {
      const company = headingCompany(s, known[i], sentences, i);
      if (company) {
        current = company;
        if (company.unknown) found.push(company);
        return;
      }
      // A heading of another kind ends the section; bare numbers ("3") and short labels do not.
      if (/\p{L}{4,}/u.test(s.text) && s.text.split(/\s+/).length > 1) current = null;
    }
    out[i] = current;
  });
  followNames(sentences, weak, new Map(found.map((e) => [e.name, e])), known);
  return out;
}

function headingCompany(s: Sentence, known: EntityMention[], sentences: Sentence[], i: number): EntityMention | null {
  if (s.text.length > MAX_HEADING_CHARS) return null;
  const m = HEADING.exec(s.text.trim());
  if (!m) return null;
  const surface = clean(m[1]);
  const words = surface.split(/\s+/);
  if (words.some((w) => TOPIC_WORDS.has(w) || STOP_FIRST.has(w)) || /\d/u.test(surface) || allPlaces(surface)) return null;
  const offset = s.text.indexOf(m[1]);
  const whole = known.find((k) => k.start <= offset && k.end >= offset + surface.length - 1);
  if (whole) return whole;
  if (known.length > 0) return null;
  // Its body names it (by its first word) or its name is a company's: a heading of a company, not a topic.
  if (!ORG_WORD.test(surface) && !namedBelow(words[0], sentences, i)) return null;
  return { ...unknownMention(surface, null, offset, offset + surface.length, surface), via: 'heading' };
}

/** The word stands as a whole word in one of the sentences after the heading. */
function namedBelow(word: string, sentences: Sentence[], i: number): boolean {
  if (word.length < 4) return false;
  const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (const s of sentences.slice(i + 1, i + 1 + FOLLOW_SENTENCES)) {
    for (let at = s.text.indexOf(word); at >= 0; at = s.text.indexOf(word, at + 1)) {
      if (!isLetter(s.text[at - 1]) && !isLetter(s.text[at + word.length])) return true;
    }
  }
  return false;
}

// "Korea Hydro & Nuclear Power (KHNP)": a run of capitalised words and the initials that stand for it.
const DEFINITION = /((?:\p{Lu}[\p{L}\p{N}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{N}'’.-]*|&|and|of|for))*)\s+\((\p{Lu}[\p{Lu}&]{1,6})\)/gu;

/** Initials defined in brackets, followed through the text as weak mentions of the full name. */
export function acronymMentions(sentences: Sentence[], known: EntityMention[][], weak: EntityMention[][]): void {
  const defined = new Map<string, EntityMention>();
  sentences.forEach((s, i) => {
    if (!s.text.includes('(')) return;
    for (const m of s.text.matchAll(DEFINITION)) {
      const acronym = m[2].replace(/&/g, '');
      if (defined.has(acronym)) continue;
      const words = m[1].split(/\s+/);
      // The longest run of the words whose capitals spell the acronym.
      for (let from = 0; from < words.length; from++) {
        const run = words.slice(from);
        if (!/^\p{Lu}/u.test(run[0]) || STOP_FIRST.has(run[0])) continue;
        const initials = run.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
        if (initials !== acronym) continue;
        const full = run.join(' ');
        const start = m.index + m[1].lastIndexOf(full);
        const end = start + full.length;
        const inside = known[i].find((k) => k.start <= start && k.end >= end);
        const overlapping = known[i].some((k) => start < k.end && end > k.start);
        // Named in full, as the definition names it.
        const name = inside?.name ?? clean(full);
        // "Compute Services Agreement (CSA)": initials of what a deal is, not of who made it.
        if (!name) break;
        const entity: EntityMention = inside ?? { ...unknownMention(full, null, start, end, full), name, via: 'acronym' };
        defined.set(acronym, entity);
        if (!overlapping) {
          weak[i] = [...weak[i].filter((w) => !(w.start < end && w.end > start)), { ...entity, start, end, surface: full }].sort((a, b) => a.start - b.start);
        }
        break;
      }
    }
  });
  if (defined.size === 0) return;
  const pattern = namesPattern([...defined.keys()]);
  sentences.forEach((s, i) => {
    const added: EntityMention[] = [];
    addReferences(added, s.text, pattern, (m) => defined.get(m[0]));
    const taken = [...known[i], ...weak[i]];
    const fresh = added.filter((e) => !taken.some((k) => e.start < k.end && e.end > k.start)).map((e) => ({ ...e, via: 'acronym' as const }));
    if (fresh.length > 0) weak[i] = [...weak[i], ...fresh].sort((a, b) => a.start - b.start);
  });
}

// "Ministry of Digital Affairs", "Department of Energy", "Qatar Computing Research Institute", "Kuwait's government":
// public bodies buy compute as labs do. "the Ministry" or "the department" afterwards is the last one of that kind
// ("the lab" a laboratory's, "the centre" a computing centre's).
// Universities, national laboratories and research computing centres buy compute as labs do too ("Texas Advanced
// Computing Center", "University of Cambridge", "Los Alamos National Laboratory"); a centre only as a computing or
// research one, since "Data Center" ends many a landlord's name (and a "Credit Facility" lends).
const BODY_HEAD = String.raw`(?:Ministry|Department|Agency|Administration|Authority|Council|Institute|Commission|Office|University|Polytechnic|Laborator(?:y|ies)|(?:Supercomputing|Computing|Research)\s+(?:Cent(?:er|re)|Facility))`;
const BODY_HEAD_WORD = new RegExp(String.raw`(${BODY_HEAD})\b`, 'u');
const BODY_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}'’.-]*|of|for)`;
// "Ministry of Science and ICT": an "and" that closes the name on one more word, not one that starts another body.
const BODY_LAST = String.raw`(?:\s+(?:and|&)\s+\p{Lu}[\p{L}\p{N}]*(?!\s+\p{Lu}))?`;
const PUBLIC_BODY = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}\p{N}.-]*['’]s\s+)?)((?:\p{Lu}[\p{L}\p{N}.-]*\s+(?:(?:and|&)\s+(?=\p{Lu}))?){0,5}${BODY_HEAD}(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+${BODY_WORD}){0,6}${BODY_LAST})?)(?![\p{L}\p{N}])`,
  'gu',
);
const BODY_REFERENCE = /\bthe (ministry|department|agency|administration|authority|council|institute|commission|university|polytechnic|laboratory|lab|cent(?:er|re))\b/giu;
const HAS_BODY_REFERENCE = new RegExp(BODY_REFERENCE.source, 'iu');
/** The kind of body a head word or a reference names: "Laboratories", "lab" → laboratory; "Computing Center" → centre. */
const bodyKind = (head: string): string => {
  const word = head.toLowerCase().split(/\s+/u).pop() ?? '';
  if (word.startsWith('lab')) return 'laboratory';
  return word === 'center' ? 'centre' : word;
};

/** Public bodies named in full, and "the ministry" or "the lab" after one (any letter case), as weak mentions typed as buyers. */
export function publicBodyMentions(sentences: Sentence[], known: EntityMention[][], weak: EntityMention[][]): void {
  const last = new Map<string, EntityMention>();
  sentences.forEach((s, i) => {
    if (!BODY_HEAD_WORD.test(s.text) && (last.size === 0 || !HAS_BODY_REFERENCE.test(s.text))) return;
    const added: EntityMention[] = [];
    for (const m of s.text.matchAll(PUBLIC_BODY)) {
      // "Norway's Ministry of Digital Affairs" is the Ministry of Digital Affairs; a bare "Ministry" is a reference.
      const words = m[2].replace(/\s+(?:of|for)$/u, '').split(/\s+/);
      let skip = 0;
      // "About Ashcombe University", "SOURCE Ashcombe University": a release's boilerplate headings open no name.
      while (skip < words.length - 1 && /^(?:The|A|An|Its|Their|Our|This|That|And|But|In|On|At|For|With|From|By|As|About|SOURCE|Source)$/u.test(words[skip])) skip++;
      // A sentence's full stop is no part of the name ("... at the Institute for Computational Biology."), an initialism's is.
      const surface = words.slice(skip).join(' ').replace(/(?<=\p{Ll}{2})\.$/u, '');
      if (!/\s/u.test(surface)) continue;
      const start = m.index + m[0].indexOf(surface, m[1].length);
      const end = start + surface.length;
      if (known[i].some((e) => start < e.end && end > e.start)) continue;
      // A body named in full outweighs the names discovery found inside it.
      weak[i] = weak[i].filter((e) => !(start < e.end && end > e.start));
      const body: EntityMention = { name: surface, type: 'lab', hyperscaler: false, kind: undefined, start, end, surface, unknown: true, via: 'public-body' };
      added.push(body);
      last.set(bodyKind(BODY_HEAD_WORD.exec(surface)?.[1] ?? ''), body);
    }
    for (const m of s.text.matchAll(BODY_REFERENCE)) {
      const body = last.get(bodyKind(m[1]));
      const start = m.index;
      const end = start + m[0].length;
      if (!body || [...known[i], ...weak[i], ...added].some((e) => start < e.end && end > e.start)) continue;
      added.push({ ...body, start, end, surface: m[0] });
    }
    if (added.length > 0) weak[i] = [...weak[i], ...added].sort((a, b) => a.start - b.start);
  });
}
