// Organisations the gazetteer does not know, found once and then followed through the whole article: a name
// found in one deal sentence ("Vireo Cloud, a North Carolina neocloud") is the same company in the next ones
// ("Vireo's anchor customer"), even where nothing in that sentence would have found it. And the company an
// article speaks for ("we", "our" in a press release or a filing) when the headline names exactly one.
import nlp from 'compromise';
import { addReferences, findKnownEntities, type EntityMention, type Gazetteer } from './gazetteer.js';
import { hasDealCue } from './cues.js';
import { aiFacility, allPlaces, beforeRegionCode, clean, endsOnCompanyWord, findDescribedOrganisations, findSuffixNames, findUnknownOrganisations, introducesName, organisationNamed, placeAndSuffix, STOP_FIRST, unknownMention, withoutBase } from './parties.js';
import type { Sentence } from './sentences.js';
import { memoBySentence } from './memo.js';
import { NOT_A_SPEAKER } from './interview.js';
import { escapeRegExp } from '../text/escape.js';

// Money or power, cheaply: a currency sign or code next to a number, or a number of watts.
const FIGURE = /(?:[$€£¥]|\b(?:US|A|S|C)\$|\b(?:USD|EUR|GBP|Rs|RM)\b)\s?\d|\d[\s-]?(?:[MG]W\b|(?:mega|giga)watts?)|\b\d[\d,.]*\s+(?:billion|million|trillion|bn|crore)\b/iu;

/** Any of the names, as written, as whole words; longer names first. */
export function namesPattern(names: string[]): RegExp {
  const sorted = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${sorted.join('|')})(?![\p{L}\p{N}])`, 'gu');
}
const MIN_ALIAS = 4;
const OPENING_BLOCKS = 8;

/**
 * Every mention of an organisation the deal sentences introduce that the gazetteer does not know ("Vireo Cloud, a
 * neocloud", "SK Telecom", "Tebrau DC"), and of its distinctive first word, as a list per sentence beside `known`:
 * weaker evidence than a known name, for the scorer's candidates only (the rule stage never sees it).
 */
export function discoveredMentions(sentences: Sentence[], known: EntityMention[][]): EntityMention[][] {
  const found = new Map<string, EntityMention>();
  const slots: EntityMention[] = [];
  sentences.forEach((s, i) => {
    // Only where a deal can be: a deal word with a company already named or a figure (compromise is costly, and
    // real pages are full of deal words in sentences about nothing of the kind).
    if (!hasDealCue(s.text, s.fragment) || (known[i].length === 0 && !FIGURE.test(s.text) && !introducesName(s.text))) {
      // In the headline, headings and opening paragraphs, names that end on a company's word ("Tasman Data Centres"):
      // the deal sentences may use only their short form.
      if (s.block < OPENING_BLOCKS || s.fragment) for (const e of findSuffixNames(s.text, known[i])) if (!found.has(e.name)) found.set(e.name, e);
      // Anywhere, a company introduced by what it is ("Lumenfold, the small lab that …").
      if (introducesName(s.text)) for (const e of findDescribedOrganisations(s.text, known[i])) if (!found.has(e.name)) found.set(e.name, e);
      return;
    }
    const unknown = findUnknownOrganisations(s.text, known[i]);
    const capitals = capitalisedNames(s.text, [...known[i], ...unknown]);
    for (const e of [...unknown, ...capitals]) if (!found.has(e.name)) found.set(e.name, e);
    slots.push(...slotNames(s.text, [...known[i], ...unknown, ...capitals]));
  });
  // Names a deal's slots hold that nothing else found ("an agreement with Sandhill"), unless the article writes the word
  // in lowercase too (an ordinary word) or the word opens a longer name found elsewhere ("Halvard" for "Halvard Compute").
  if (slots.length > 0) {
    const longer = [...found.keys(), ...known.flat().map((e) => e.name)];
    const whole = sentences.map((s) => s.text).join('\n');
    for (const e of slots) {
      if (found.has(e.name) || longer.some((n) => n.startsWith(`${e.name} `))) continue;
      if (namesPattern([e.name.toLowerCase()]).test(whole)) continue;
      found.set(e.name, e);
    }
  }
  const extra: EntityMention[][] = sentences.map(() => []);
  followNames(sentences, extra, found, known);
  return extra;
}

/** Every mention of the found names, in full or by a distinctive first word, into `into`, clear of what `taken` holds. */
export function followNames(sentences: Sentence[], into: EntityMention[][], found: Map<string, EntityMention>, taken: EntityMention[][] = into): void {
  if (found.size === 0) return;
  const alias = new Map<string, EntityMention>();
  for (const e of found.values()) {
    alias.set(e.name, e);
    // A lowercase page's "eko compute" is written as found, not as the name is spelt ("Eko Compute").
    if (e.surface !== e.name && e.surface.toLowerCase() === e.name.toLowerCase() && !alias.has(e.surface)) alias.set(e.surface, e);
    const first = e.name.split(/\s+/)[0];
    // "Vireo" for "Vireo Cloud", "Tidewater" for "Tidewater Power & Light": a distinctive first word alone.
    if (first !== e.name && first.length >= MIN_ALIAS && /^\p{Lu}/u.test(first) && !alias.has(first)) alias.set(first, e);
  }
  const pattern = namesPattern([...alias.keys()]);
  sentences.forEach((s, i) => {
    const before = into[i].length;
    addReferences(into[i], s.text, pattern, (m) => alias.get(m[0]));
    if (taken !== into && into[i].length > before) {
      into[i] = into[i].filter((e) => !taken[i].some((k) => e.start < k.end && e.end > k.start));
    }
  });
}

const FIRST_PERSON = /\b(?:we|our|us)\b/giu;
// A filing's "the Company" (capitalised: a defined term) is its filer, as "we" is a release's issuer.
const SPEAKER = /\b(?:[Ww]e|[Oo]ur|[Uu]s|WE|OUR)\b|\b[Tt]he Company\b/gu;
// Words quoted from someone else: their "we" is theirs.
const QUOTED = /["“”]/u;
// A company's executive or its memo, as a headline names them.
const EXECUTIVE_OR_MEMO = String.raw`ceo|chief|founder|co-?founder|cfo|cto|coo|president|boss|memo|all-hands|town[- ]hall`;
// "Microsoft cloud exec says 'we'd rather rent'", "Nebius CEO's letter to employees": a headline giving the company's own
// voice, whose quotes are then the company's words.
const OWN_VOICE = new RegExp(String.raw`\b(?:${EXECUTIVE_OR_MEMO}|execs?|executives?|chair(?:man|woman)?|staff|employees)\b`, 'iu');

/**
 * The company the text speaks for: the one organisation the headline names (a press release's issuer, a
 * filing's filer). Its "we", "our" and "us" outside quotes (inside them too when the headline gives its own voice)
 * become mentions of it, in sentences not naming it.
 */
export function resolveSpeakingCompany(sentences: Sentence[], known: EntityMention[][], headline: number): EntityMention | null {
  if (headline < 0) return null;
  const names = new Set(known[headline].map((e) => e.name));
  if (names.size !== 1) return null;
  const company = known[headline][0];
  const ownVoice = OWN_VOICE.test(sentences[headline].text);
  sentences.forEach((s, i) => {
    if (i === headline || (!ownVoice && QUOTED.test(s.text)) || known[i].some((e) => e.name === company.name)) return;
    if (!hasDealCue(s.text, s.fragment)) return;
    addReferences(known[i], s.text, FIRST_PERSON, () => company);
  });
  return company;
}

// A run of capitalised words (or an acronym), as a name may be written: "SK Telecom", "Tebrau DC", "Samsung SDS".
const CAPITALISED = /(?<![\p{L}\p{N}'’])((?:[\p{Lu}][\p{L}\p{N}&'’.-]*)(?:\s+(?:[\p{Lu}][\p{L}\p{N}&'’.-]*|&))*)/gu;
// Capitalised words that are not names: units, titles, places and the words of a sentence's opening.
const NOT_NAMES = new Set([
  'I', 'AI', 'GPU', 'GPUs', 'CPU', 'TPU', 'TPUs', 'MW', 'GW', 'MWh', 'GWh', 'kW', 'IT', 'CEO', 'CFO', 'CTO', 'COO', 'PUE', 'IPO', 'LLM', 'LLMs',
  'US', 'USA', 'U.S.', 'UK', 'EU', 'UAE', 'Q1', 'Q2', 'Q3', 'Q4', 'FY', 'Inc', 'Corp', 'Ltd', 'LLC', 'Mr', 'Ms', 'Dr', 'MoU', 'MOU', 'LOI',
  'PPA', 'PPAs', 'SMR', 'SMRs', 'HBM', 'NVL72', 'We', 'It', 'They', 'He', 'She', 'Update', 'Correction', 'Analysis', 'Opinion',
]);

/** Capitalised names not yet known in a deal sentence; the model weighs them by where they stand. */
function capitalisedNames(text: string, known: EntityMention[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const m of text.matchAll(CAPITALISED)) {
    // A possessive ends the name ("Northmark Campuses' Licking County" is Northmark Campuses); "Denver-based" is no name,
    // the name after it is ("Denver-based Tallis Cloud").
    const run = withoutBase(m[1]).replace(/^((?:\S+\s+)*?\S*?)['’]s?(?:\s.*)?$/u, '$1');
    // "-based" describes; "DE AAR, South Africa" is a dateline's town; "/Communiqué Direct/" is the wire.
    if (/-based\b/iu.test(run) || (/\s/u.test(run) && !/\p{Ll}/u.test(run)) || text[m.index - 1] === '/') continue;
    const name = clean(run.replace(/[.,;:]+$/u, ''));
    if (!name || name.length < 2 || STOP_FIRST.has(name) || NOT_NAMES.has(name) || /^\p{Lu}[\p{Ll}]+$/u.test(name) && m.index === 0) continue;
    if (name.split(/\s+/).every((w) => STOP_FIRST.has(w) || NOT_NAMES.has(w))) continue;
    const start = m.index + m[1].indexOf(name);
    const end = start + name.length;
    if (known.some((k) => start < k.end && end > k.start) || out.some((o) => start < o.end && end > o.start) || beforeRegionCode(text, end)) continue;
    if (/\s/u.test(name) ? aPersonOrPlace(name) || allPlaces(name) || placeAndSuffix(name) || aiFacility(name, text.slice(end, end + 40)) : notAnOrganisation(name)) continue;
    out.push({ ...unknownMention(name, null, start, end, name), via: 'capitals' });
  }
  return out;
}

// The party a deal names after its agreement ("signed a lease with X", "talks with X", "capacity from X") or before its
// signing verb at the sentence's start ("X has signed"): single words too, which compromise takes for ordinary nouns.
const NAME_RUN = String.raw`([\p{Lu}][\p{L}\p{N}&-]+(?:\s+[\p{Lu}][\p{L}\p{N}&-]+){0,3})`;
const OBJECT_SLOT = new RegExp(
  String.raw`\b(?:agreements?|contracts?|deals?|leases?|pacts?|partnerships?|understanding|intent|MoUs?|LOIs?|talks|negotiations|discussions|signed|inked|agreed|partnered)\s+with\s+${NAME_RUN}|\b(?:leases?|leased|leasing|rents?|rented|renting|buys?|bought|buying|purchases?|purchased|capacity|power|GPUs|chips|compute)\s+from\s+${NAME_RUN}`,
  'gu',
);
// After a short opening clause too: "In April, Lumenfold signed …", "Separately, Halvard has agreed …".
const SUBJECT_SLOT = new RegExp(String.raw`^(?:[^,.;:]{2,40},\s+)?${NAME_RUN}\s+(?:has\s+|have\s+|had\s+)?(?:signed|inked|agreed|struck|secured|leased|reserved|contracted|committed)\b`, 'du');
const notASlotName = memoBySentence(10_000, (word) => nlp(word).has('(#Place|#Person|#Date|#Month|#WeekDay|#Demonym|#Pronoun|#Determiner|#Preposition|#Conjunction)'));

/** Names in a deal sentence's party slots that nothing else found; the caller checks them against the whole article. */
function slotNames(text: string, taken: EntityMention[]): EntityMention[] {
  const out: EntityMention[] = [];
  const runs: Array<{ run: string; start: number }> = [];
  for (const m of text.matchAll(OBJECT_SLOT)) {
    const run = m[1] ?? m[2];
    runs.push({ run, start: m.index + m[0].length - run.length });
  }
  const subject = SUBJECT_SLOT.exec(text);
  if (subject?.indices?.[1]) runs.push({ run: subject[1], start: subject.indices[1][0] });
  for (const { run, start: at } of runs) {
    const name = clean(run);
    if (!name || name.length < 3 || STOP_FIRST.has(name) || name.split(/\s+/).some((w) => NOT_NAMES.has(w))) continue;
    const start = at + run.indexOf(name);
    const end = start + name.length;
    if (taken.some((k) => start < k.end && end > k.start) || beforeRegionCode(text, end)) continue;
    if (/\s/u.test(name) ? aPersonOrPlace(name) || allPlaces(name) : notASlotName(name)) continue;
    out.push({ ...unknownMention(name, null, start, end, name), via: 'slot' });
  }
  return out;
}

/** "Ingrid Solberg", "New Mexico": a name compromise knows as a person's or a place's, unless a company's word ends it ("Tamar Hydro"). */
const aPersonOrPlace = memoBySentence(
  10_000,
  (name) =>
    nlp(name).has('(#Person|#Place)') &&
    !endsOnCompanyWord(name) &&
    !/\b(?:AI|Labs?|Compute|Cloud|Power|Energy|Data|Digital|Systems|Networks|Group|Holdings|Inc|Corp|Ltd|LLC|Nuclear|Electric|Capital|Partners)\b/u.test(name),
);

/** A single capitalised word that compromise knows as a place, a person, a date or an ordinary word. */
const notAnOrganisation = memoBySentence(10_000, (word) => {
  const doc = nlp(word);
  return doc.has('(#Place|#Person|#Date|#Month|#WeekDay|#Demonym|#Adjective|#Verb|#Adverb|#Pronoun|#Preposition|#Determiner|#Conjunction)') || (doc.has('#Noun') && !doc.has('#ProperNoun'));
});

// "Kestrel Digital (KSTL) Q2 2025 Earnings Call Transcript", "Brazos Ridge Power's CEO on gas", "Cinder River Nuclear's
// Harriet Osei: ...", "Halcyon Research's compute chief on ...": the company a headline opens on as its speaker.
const HEADLINE_SUBJECT = /^((?:[\p{Lu}][\p{L}\p{N}&.'’-]*)(?:\s+(?:[\p{Lu}][\p{L}\p{N}&.'’-]*|&)){0,3}?)(?:['’]s\b|\s+\([A-Z.:]{2,12}\)|\s+(?:Q[1-4]|FY\s?\d{2,4}|(?:first|second|third|fourth)[- ]quarter|earnings|results|annual|investor|CEO|chief|boss|founder|co-?founder|president|chair)\b|:)/u;

// "Halcyon Compute, Inc.": a headline that opens on a company's legal name (a filing's cover).
const LEGAL_NAME = /^((?:[\p{Lu}][\p{L}\p{N}&.'’-]*)(?:\s+(?:[\p{Lu}][\p{L}\p{N}&.'’-]*|&)){0,4}),?\s+(?:Inc|Corp|Ltd|LLC|plc|PLC|Co|Corporation|Limited|Holdings)\.?(?:\s|$)/u;

// "REPLAY: Paxton Compute Q4 call", "Ep. 94 — ...", "WATCH: ...": a show's or a feed's label before the headline proper.
const TITLE_LABEL = /^(?:Ep(?:isode|\.)?\s*\d+|Podcast|Video|Watch|Replay|Transcript|Live|Breaking|Exclusive|Update|Updated|Analysis|Opinion|Explainer)\s*[:—–|]\s+/iu;
// "meridel labs: compute for 2026": a lowercase post's title opening on its own company, by the company word it ends on.
const LOWERCASE_SUBJECT = /^((?:[\p{Ll}][\p{Ll}\d&.-]*\s+){1,2}(?:labs?|ai|compute|cloud|computing|intelligence|research|systems|data|energy|power))(?::|['’]s\b)/u;
// "lumenvault's founder, on slack", "tessellate's ceo memo": a lowercase post's title opening on a company's executive or
// its memo, whatever word the name ends on.
const LOWERCASE_SPEAKER = new RegExp(String.raw`^((?:[\p{Ll}][\p{Ll}\d&.-]*\s+)?[\p{Ll}][\p{Ll}\d&.-]*)['’]s\s+(?:new\s+)?(?:${EXECUTIVE_OR_MEMO}|chair|board)\b`, 'u');

/** The company a headline opens on as the one speaking (a transcript's, an interview's, a release's), or null. */
export function headlineSubject(title: string | null | undefined, gazetteer: Gazetteer): EntityMention | null {
  const opening = title?.trim().replace(TITLE_LABEL, '');
  const legal = opening ? LEGAL_NAME.exec(opening) : null;
  const m = legal ?? (opening ? (HEADLINE_SUBJECT.exec(opening) ?? LOWERCASE_SUBJECT.exec(opening)) : null);
  // An executive's or a memo's possessive names a company, however ordinary a word its name is ("tessellate").
  const speaker = m || !opening ? null : LOWERCASE_SPEAKER.exec(opening);
  if (speaker) return organisationNamed(speaker[1]);
  if (!m) return null;
  // "Qasr AI's Khalid Al-Mansoori" is Qasr AI; "Vireo Cloud S-1" is Vireo Cloud; "Third Quarter", "Powering Reno" are no company.
  const surface = m[1].split(/['’]s\b/u)[0].replace(/\s+(?:S-1|F-1|10-K|10-Q|8-K|20-F|6-K)$/u, '').trim();
  if (surface.split(/\s+/).every((w) => STOP_FIRST.has(w) || NOT_NAMES.has(w))) return null;
  if (NOT_A_SPEAKER.test(surface)) return null;
  const known = findKnownEntities(surface, gazetteer);
  if (known.length === 1 && known[0].end - known[0].start >= surface.length - 1) return known[0];
  if (known.length > 0 || (!/\s/u.test(surface) && notAnOrganisation(surface))) return null;
  return organisationNamed(surface);
}

/** "we", "our", "us" in deal sentences not naming the subject, as weak mentions of it (the model weighs them). */
export function firstPersonMentions(sentences: Sentence[], known: EntityMention[][], weak: EntityMention[][], subject: EntityMention): void {
  sentences.forEach((s, i) => {
    if (known[i].some((e) => e.name === subject.name) || weak[i].some((e) => e.name === subject.name)) return;
    if (!hasDealCue(s.text, s.fragment)) return;
    const taken = [...known[i], ...weak[i]];
    const added: EntityMention[] = [];
    for (const m of s.text.matchAll(SPEAKER)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((e) => start < e.end && end > e.start)) continue;
      added.push({ ...subject, start, end, surface: m[0], via: 'first-person' });
    }
    if (added.length > 0) weak[i] = [...weak[i], ...added].sort((a, b) => a.start - b.start);
  });
}

const ROLE = String.raw`(?:CEO|chief executive(?: officer)?|co-?founder|founder|president|chair(?:man|woman)?|chief [a-z]+ officer|CFO|CTO|COO|head of [a-z]+|managing director)`;
const ROLE_BEFORE = new RegExp(String.raw`\b${ROLE}\s+(?:of|at)\s+$`, 'iu');
const ROLE_AFTER = new RegExp(String.raw`^(?:['’]s)?\s+(?:co-?founder and\s+)?${ROLE}\b`, 'iu');

/** The company whose executive the opening paragraphs introduce ("Ingrid Solberg, chief executive of Halvorsen Compute"). */
export function speakerCompany(sentences: Sentence[], mentions: EntityMention[][]): EntityMention | null {
  for (const [i, s] of sentences.entries()) {
    if (s.block > 6) break;
    for (const e of mentions[i]) {
      if (/^(?:we|our|us|it|its)$/iu.test(e.surface)) continue;
      if (ROLE_BEFORE.test(s.text.slice(Math.max(0, e.start - 40), e.start)) || ROLE_AFTER.test(s.text.slice(e.end, e.end + 40))) return e;
    }
  }
  return null;
}
