// The first stages of the pipeline: text → sentences → organisation mentions per sentence, with references
// resolved ("the company", "it", short names, an interviewee's "we"). Every later stage reads this; none
// changes it.
import type { ArticleMeta } from './types.js';
import { addReferences, findKnownEntities, type EntityMention, type Gazetteer } from './gazetteer.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findUnknownOrganisations, organisationNamed, withoutLegalForms } from './parties.js';
import { articleLab, resolveShortNames, resolveSubjectPronoun, resolveTheCompany } from './context.js';
import { interviewSubject, resolveFirstPerson } from './interview.js';
import { discoveredMentions, firstPersonMentions, headlineSubject, namesPattern, resolveSpeakingCompany, speakerCompany } from './discover.js';
import { acronymMentions, publicBodyMentions, sectionCompanies } from './sections.js';
import { subjectReferences } from './coreference.js';

/** Longer texts are cut: a deal article is a few thousand words; 2 MB of text is a broken page. */
export const MAX_TEXT_CHARS = 2_000_000;

export interface TextAnalysis {
  /** The text analysed (cut at MAX_TEXT_CHARS); sentence offsets point into it. */
  body: string;
  /** The headline, normalised for comparison with sentences, or null. */
  title: string | null;
  sentences: Sentence[];
  /** The organisations each sentence names, references resolved, in order of position. */
  known: EntityMention[][];
  /** Organisations found in deal sentences that the gazetteer does not know: candidates for the scorer, never for the rules. */
  weak: EntityMention[][];
  /** Per sentence: the company its section's heading names, or null. */
  sections: Array<EntityMention | null>;
  /** The lab the article is mostly about. */
  mainLab: EntityMention | null;
  /** The company the article speaks for or is mostly about, of any kind (a neocloud's filing, a utility's release). */
  subject: EntityMention | null;
  /** The year of publication: a deal dated before it is background. */
  year: number | null;
  gazetteer: Gazetteer;
}

export const normTitle = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function analyseText(text: string, meta: ArticleMeta, gazetteer: Gazetteer): TextAnalysis {
  const body = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const sentences = splitSentences(body);
  const known = sentences.map((s) => findKnownEntities(s.text, gazetteer));
  resolveShortNames(sentences, known);
  resolveSubjectPronoun(sentences, known);
  resolveTheCompany(sentences, known, definedCompany);
  const interviewee = interviewSubject(meta.title, gazetteer);
  if (interviewee) resolveFirstPerson(sentences, known, interviewee);
  const title = meta.title ? normTitle(meta.title) : null;
  const headline = title === null ? -1 : sentences.findIndex((s) => s.block === 0 && normTitle(s.text) === title);
  const weak = discoveredMentions(sentences, known);
  dropPublisher(meta.site, weak);
  acronymMentions(sentences, known, weak);
  publicBodyMentions(sentences, known, weak);
  subjectReferences(sentences, known, weak);
  const sections = sectionCompanies(sentences, known, weak);
  // Who "we" is: an interview's subject, the company credited as the page's author or whose own site this is, the
  // one company the headline names, the company the headline opens on, the company whose executive speaks, or the
  // company named most.
  const site = interviewee ? null : (authorCompany(meta.author, sentences, known, weak, gazetteer) ?? siteCompany(meta.site, sentences, known, weak, gazetteer));
  const speaking = interviewee ?? (site ? null : resolveSpeakingCompany(sentences, known, headline));
  const all = withWeak(known, weak);
  const subject = speaking ?? site ?? headlineSubject(meta.title, gazetteer) ?? speakerCompany(sentences, all) ?? mainCompany(all);
  if (subject && !speaking) firstPersonMentions(sentences, known, weak, subject);
  return {
    body,
    title,
    sentences,
    known,
    weak,
    sections,
    mainLab: articleLab(known),
    subject,
    year: publishedYear(meta.published),
    gazetteer,
  };
}

/** Each sentence's known mentions with its weak ones, in order of position (the lists themselves when there are none to add). */
export function withWeak(known: EntityMention[][], weak: EntityMention[][]): EntityMention[][] {
  return known.map((k, i) => (weak[i].length > 0 ? [...k, ...weak[i]].sort((a, b) => a.start - b.start) : k));
}

/** The sentence is the article's headline (the first line, equal to the title). */
export function isHeadline(analysis: TextAnalysis, sentence: Sentence): boolean {
  return analysis.title !== null && sentence.block === 0 && normTitle(sentence.text) === analysis.title;
}

/** The new company a filing defines as "the Company": the capitalised name just before the brackets. */
function definedCompany(sentence: string, at: number): EntityMention | null {
  const found = findUnknownOrganisations(sentence, []).filter((e) => e.end <= at && /^[\s,.A-Za-z]{0,12}$/u.test(sentence.slice(e.end, at)));
  return found.length > 0 ? found[found.length - 1] : null;
}

/** The article's year, against which a deal "announced in 2023" is background. */
function publishedYear(published: ArticleMeta['published']): number | null {
  if (!published) return null;
  const date = published instanceof Date ? published : new Date(published);
  const y = date.getUTCFullYear();
  return Number.isFinite(y) ? y : null;
}

/** The organisation named most often, if it is named at least three times and half again as often as any other. */
function mainCompany(known: EntityMention[][]): EntityMention | null {
  const counts = new Map<string, { e: EntityMention; n: number }>();
  for (const e of known.flat()) {
    const c = counts.get(e.name) ?? { e, n: 0 };
    c.n++;
    counts.set(e.name, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n || a.e.name.localeCompare(b.e.name));
  if (ranked.length === 0 || ranked[0].n < 3) return null;
  return ranked.length === 1 || ranked[0].n >= 1.5 * ranked[1].n ? ranked[0].e : null;
}

// "Halcyon Compute Blog", "Borealis Digital Investor Relations": a company's own site, by the words its name ends on.
const OWN_SITE = /\s+(?:Blog|Newsroom|News ?room|Press(?: Room| Centre| Center)?|Media(?: Centre| Center)?|Investor Relations|Investors|IR|Insights|Stories|Updates)$/iu;
// "ChipWire Newsroom", "Pacific Rim Dispatch": a publisher's name, not a company's own site; "Hearing Docket Staff": a newsroom's byline.
const PUBLISHER = /(?:Wire|News|Newswire|Press|Media|Daily|Times|Journal|Report|Ledger|Dispatch|Post|Herald|Gazette|Tribune|Review|Digest|Monitor|Insider|Weekly|Bulletin|Chronicle|Observer|Staff|Desk|Editors|Editorial|Bureau|Reporters|Correspondents?)$/iu;

/** The page's publisher is no party to the deals it reports: its name, as discovery found it, is dropped. */
function dropPublisher(site: string | null | undefined, weak: EntityMention[][]): void {
  const whole = site?.trim();
  if (!whole || !PUBLISHER.test(whole)) return;
  const names = new Set([whole.toLowerCase(), whole.replace(OWN_SITE, '').trim().toLowerCase()]);
  weak.forEach((list, i) => {
    if (list.some((w) => names.has(w.name.toLowerCase()))) weak[i] = list.filter((w) => !names.has(w.name.toLowerCase()));
  });
}

// "Meridian Power Co.": a site named as a company is that company's own.
const COMPANY_SITE = /\s+(?:Co\.?|Company|Inc\.?|Corp\.?|Corporation|plc|PLC|Ltd\.?|Limited|LLC|AG|SE|ASA|N\.V\.)$/u;

/** The company whose own site the page is on, if the site's name says so. */
function siteCompany(site: string | null | undefined, sentences: Sentence[], mentions: EntityMention[][], weak: EntityMention[][], gazetteer: Gazetteer): EntityMention | null {
  if (!site || !(OWN_SITE.test(site.trim()) || COMPANY_SITE.test(site.trim()))) return null;
  return ownCompany(site.trim().replace(OWN_SITE, '').replace(COMPANY_SITE, '').trim(), sentences, mentions, weak, gazetteer);
}

/** The company the page credits as its author (a release's issuer), unless the name is a publication's. */
function authorCompany(author: string | null | undefined, sentences: Sentence[], mentions: EntityMention[][], weak: EntityMention[][], gazetteer: Gazetteer): EntityMention | null {
  return author ? ownCompany(withoutLegalForms(author.trim()).replace(/,$/u, '').replace(COMPANY_SITE, ''), sentences, mentions, weak, gazetteer) : null;
}

/** The company a page is its own (by its site or its author); its mentions (in full or by its first word) become weak ones. */
function ownCompany(name: string, sentences: Sentence[], mentions: EntityMention[][], weak: EntityMention[][], gazetteer: Gazetteer): EntityMention | null {
  if (name.length < 3 || PUBLISHER.test(name)) return null;
  const known = findKnownEntities(name, gazetteer);
  const company = known.length === 1 && known[0].end - known[0].start >= name.length - 1 ? known[0] : known.length === 0 ? organisationNamed(name) : null;
  if (!company) return null;
  const first = name.split(/\s+/)[0];
  const alias = namesPattern([name, ...(first.length >= 4 && first !== name ? [first] : [])]);
  sentences.forEach((s, i) => {
    if (mentions[i].some((e) => e.name === company.name)) return;
    const before = weak[i].length;
    addReferences(weak[i], s.text, alias, () => ({ ...company, via: 'site' as const }));
    weak[i] = weak[i].filter((w, k) => k < before || !mentions[i].some((e) => w.start < e.end && w.end > e.start));
  });
  // Its own site speaks for it whether or not the page names it.
  return company;
}
