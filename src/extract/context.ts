// Context across sentences: the lab an article is about, what "the Company" stands for, and the
// sentences that point back to an earlier one.
import { addReferences, type EntityMention } from './gazetteer.js';
import type { Sentence } from './sentences.js';
import { isMarketMention } from './roles.js';
import { escapeRegExp } from '../text/escape.js';

const DEAL_NOUNS = String.raw`(?:deal|agreement|contract|capacity|commitment|pact|partnership|lease|arrangement|order|expansion|purchase|campus|cluster|transaction|tie-up|offtake|PPA|package|investment|plan|project|build|buildout|build-out|deployment|rollout|site|facilit(?:y|ie))s?`;
/**
 * "X signed with Y. The deal is valued at $2 billion.": the figures of the next sentence. Also "The
 * five-year deal ...", "Under the agreement, ...", "It is worth ...", "Terms include ...".
 */
export const THE_DEAL = new RegExp(
  String.raw`^(?:(?:under|in|as part of|per|with|through) (?:the|this|that|its|their) (?:[\p{L}\d$.,'’-]+ ){0,3}?${DEAL_NOUNS}\b|(?:the|this|that|its|their) (?:[\p{L}\d$.,'’-]+ ){0,3}?${DEAL_NOUNS}\b|it (?:is|was|will be|would be|could be|has been|covers|includes|spans|runs|brings|adds|gives|provides|totals|amounts)\b|(?:the )?(?:financial )?terms\b|the (?:total |headline )?value\b)`,
  'iu',
);

/** "Together they will draw well over a gigawatt": the two parties of the deal just told. */
export const THE_PARTIES = /^(?:(?:together,?\s+)?(?:they|the two(?: companies| firms| sides)?|the companies|the pair|both (?:companies|firms|sides))\s+(?:will|would|could|are|were|have|had|expect|plan|also|eventually|together)\b|it\s+(?:will|would|is to|has agreed to|agreed to|plans to)\s+(?:pay|spend|invest|commit)\b)/iu;

/** "OpenAI has a new compute partner: Cerebras. The chipmaker will provide 750 megawatts of capacity." */
export const THE_PROVIDER = /^the (?:chipmaker|chip ?designer|neocloud|cloud (?:provider|company|giant|unit)|provider|supplier|utility|operator|developer|company|firm|startup|two companies|companies|pair|partners)\s+(?:(?:will|would|is to|has agreed to|agreed to|plans to)\s+)?(?:provide|supply|deliver|deploy|bring|add|build|make available|pay|spend|commit|invest|rent|lease)\w*\b/iu;

/** "Oracle shares rose after it signed a contract with Meta": a company named as a stock still acts. */
// "on top of the Google deal": a deal known by its one named side, the other being the article's lab.
export const NAMED_DEAL = /\bthe [\p{L}.&-]+ (?:deal|contract|agreement|pact)\b/iu;

export const PRONOUN_DEAL = /\b(?:it|they)\s+(?:has\s+|had\s+|have\s+)?(?:signed|agreed|struck|inked|won|landed|announced|secured)\b/iu;

// A sentence that points back to the article's subject: "The company also rents from Oracle",
// "amazon is still the primary training partner", "Of these, two sites will be built by Oracle", "Three of the new
// sites ...", "The other two ...".
export const REFERS_BACK = /^of (?:these|those|them)\b|^(?:(?:one|two|three|four|five|six|some|most|all|each|several|\d+) of (?:the|these|those) \b|the (?:other|remaining|last) (?:one|two|three|four|five|six|\d+)\b)|(?:^|[.:;,]\s+|\d\/\s*)(?:(?:on \w+|today|this week|last week|meanwhile|now|then|also|separately|in \w+)\s*,?\s+)?(?:the (?:company|startup|lab|firm|group|developer|maker)|it|its|they|their)\b|\b(?:partner|lane|supplier|provider|backer|landlord|host)s?\b/iu;

// A sentence that opens on "The company" speaks of the article's subject: "The company's first AI tenant, Fluidstack, ...".
const OPENS_ON_COMPANY = /^The company(?:['’]s)?\b/u;

/**
 * "The company" at the start of a sentence stands for the organisation the headline names first, when
 * the article names it more often than any other.
 */
function resolveSubjectCompany(sentences: Sentence[], known: EntityMention[][], headline: number): void {
  const subject = known[headline][0];
  if (!subject) return;
  const counts = new Map<string, number>();
  for (const e of known.flat()) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  const own = counts.get(subject.name) ?? 0;
  if ([...counts].some(([name, n]) => name !== subject.name && n >= own)) return;
  sentences.forEach((s, i) => {
    const m = OPENS_ON_COMPANY.exec(s.text);
    if (!m || known[i].some((e) => e.start < m[0].length)) return;
    known[i].unshift({ ...subject, start: 0, end: m[0].length, surface: m[0] });
  });
}

// Press releases and filings call the issuer "the Company" (capitalised) after naming it once.
const THE_COMPANY = /\bthe Company\b/gu;

// A filing defines the term: 'TeraWulf Inc. (the "Company")'; the name just before the brackets.
const DEFINES_COMPANY = /\(\s*(?:the\s+)?["“]?Company["”]?\s*\)/u;

/**
 * "the Company" stands for the organisation a filing defines as such ('TeraWulf Inc. (the "Company")'),
 * else for the one organisation the headline (first line) names, if it names one.
 */
const FILING_FORM = /^(?:['’]s)?\s*(?:Form\s+)?(?:8-K|6-K|10-K|10-Q|20-F|40-F|S-1|F-1|DEF 14A)\b/u;

export function resolveTheCompany(sentences: Sentence[], known: EntityMention[][], defined: (sentence: string, at: number) => EntityMention | null = () => null): void {
  const first = sentences.findIndex((s) => s.block === 0);
  if (first < 0) return;
  resolveSubjectCompany(sentences, known, first);
  let issuer: EntityMention | null = null;
  for (const [i, s] of sentences.entries()) {
    const m = DEFINES_COMPANY.exec(s.text);
    if (!m) continue;
    issuer = [...known[i]].reverse().find((e) => e.end <= m.index && /^[\s,]*$/u.test(s.text.slice(e.end, m.index).replace(/\b(?:Inc|Corp|Ltd|LLC|SAS|SA|AG|GmbH|plc|N\.V|B\.V)\b\.?/gu, ''))) ?? defined(s.text, m.index);
    break;
  }
  const names = new Set(known[first].map((e) => e.name));
  if (!issuer && names.size === 1) issuer = known[first][0];
  // "Nebius 6-K: agreement with Meta": the filer of a filing is the company named before the form.
  const lead = known[first][0];
  if (!issuer && lead && FILING_FORM.test(sentences[first].text.slice(lead.end))) issuer = lead;
  if (!issuer) return;
  const company = issuer;
  sentences.forEach((s, i) => addReferences(known[i], s.text, THE_COMPANY, () => company));
}

/** The lab an article is about: the only one it names, or the one named at least twice as often as any other. */
export function articleLab(known: EntityMention[][]): EntityMention | null {
  const counts = new Map<string, { lab: EntityMention; n: number }>();
  for (const e of known.flat()) {
    if (e.type !== 'lab') continue;
    const c = counts.get(e.name) ?? { lab: e, n: 0 };
    c.n++;
    counts.set(e.name, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  if (ranked.length === 0) return null;
  // An article about a hyperscaler's purchase that names a lab once in passing is not about that lab.
  const buyers = new Map<string, number>();
  for (const e of known.flat()) if (e.hyperscaler) buyers.set(e.name, (buyers.get(e.name) ?? 0) + 1);
  if (ranked[0].n < 2 && Math.max(0, ...buyers.values()) > ranked[0].n) return null;
  if (ranked.length === 1 || ranked[0].n >= 2 * ranked[1].n) return ranked[0].lab;
  return null;
}

// First words of company names that are also ordinary words: "Together", "Safe", "Scale" alone name nobody.
const COMMON_FIRST_WORDS = new Set(
  ('American Applied Base Black Blue Core Deep Digital Energy Essential Figure Form Global Green Iron Last Liquid ' +
    'Northern Physical Preferred Prime Pure Related Safe Salt Scale Silicon Southern Start Stream Thinking Together ' +
    'Tower Western World Hugging Moore Inception Reflection Stability Compass Pattern Voltage Genesis Commonwealth ' +
    'Intersect Periodic Celestial Aligned Stack Sage Arizona Ontario Tennessee Princeton Duke Dominion Constellation Nous Start')
    .split(' '),
);

/**
 * "Galaxy Digital's Helios campus ... making it Galaxy's anchor tenant": once an article names a company
 * in full, its distinctive first word alone stands for it.
 */
// "And Google itself has been spreading bets. It has a deal with Kairos Power ...": "It" opening a sentence is
// the buyer that opened the sentence before (a speaker's label may stand in front of either).
const SPEAKER = String.raw`(?:\p{Lu}[\p{Lu} .'’-]{1,30}:\s+)?`;
const OPENS_ON_IT = new RegExp(String.raw`^(${SPEAKER})(It)\s+(?:has|had|is|was|also|already|now|signed|agreed|struck|inked)\b`, 'u');
const OPENING = new RegExp(String.raw`^${SPEAKER}(?:(?:and|but|so|meanwhile|separately)\s+)?$`, 'iu');

export function resolveSubjectPronoun(sentences: Sentence[], known: EntityMention[][]): void {
  for (let i = 1; i < sentences.length; i++) {
    const m = OPENS_ON_IT.exec(sentences[i].text);
    if (!m || known[i].some((e) => e.type === 'lab' || e.hyperscaler)) continue;
    const subject = known[i - 1][0];
    const before = sentences[i - 1].text;
    if (!subject || !(subject.type === 'lab' || subject.hyperscaler) || !OPENING.test(before.slice(0, subject.start)) || isMarketMention(before, subject)) continue;
    const start = m[1].length;
    known[i].unshift({ ...subject, start, end: start + m[2].length, surface: m[2] });
  }
}

export function resolveShortNames(sentences: Sentence[], known: EntityMention[][]): void {
  const full = new Map<string, EntityMention>();
  for (const e of known.flat()) {
    const words = e.name.split(/\s+/);
    if (words.length < 2 || e.surface.split(/\s+/).length < 2) continue;
    const first = words[0];
    if (first.length < 3 || COMMON_FIRST_WORDS.has(first) || !/^\p{Lu}/u.test(first)) continue;
    full.set(first, e);
  }
  if (full.size === 0) return;
  // Only as written, and only as a name: "Galaxy's", "Galaxy said", "Galaxy, the crypto firm".
  const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])(${[...full.keys()].map(escapeRegExp).join('|')})(?=['’]s\b|,|\s+(?:said|says|has|had|is|was|will|would|signed|agreed|declined)\b)`, 'gu');
  sentences.forEach((s, i) => addReferences(known[i], s.text, pattern, (m) => full.get(m[1] ?? '')));
}
