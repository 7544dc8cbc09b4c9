// Candidate pairs: every (buyer, seller) pair of organisations that a sentence, a reference back to the
// article's lab, or the rule stage ties together. Over-generates on purpose: the trained scorer decides.
import type { TextAnalysis } from './analyse.js';
import type { EntityMention } from './gazetteer.js';
import type { ExtractedDeal } from './types.js';
import { datedLinePrefix, hasDealCue, hasWideCue } from './cues.js';
import { findMoney } from './money.js';
import { findPower } from './power.js';
import { findHardware } from './hardware.js';
import { mergeUnknown } from './extract-deals.js';
import { endsOnCompanyWord, withoutLegalForms } from './parties.js';
import { ventureMembers } from './ventures.js';
import { isProductMention } from './roles.js';

export interface PairInstance {
  /** Index of the sentence in analysis.sentences. */
  sentence: number;
  buyer: EntityMention;
  seller: EntityMention;
  /** The buyer is not named in the sentence: it is the lab the text is about. */
  carried: boolean;
  /** The seller is not named in the sentence: it is the company the text speaks for or is about. */
  carriedSeller?: boolean;
  /** The party not named is the company the section's heading names. */
  section?: boolean;
  /** The seller not named is the one the paragraph's sentence before names. */
  recent?: boolean;
  /** Every organisation of the sentence (offsets relative to it). */
  entities: EntityMention[];
  /** The seller is a member of the joint venture the sentence names in its place. */
  venture?: boolean;
}

export interface PairCandidate {
  lab: string;
  provider: string;
  instances: PairInstance[];
  /** The rule stage's reading of this pair, if it found one. */
  rule: ExtractedDeal | null;
  /** The rule stage's reading once discovered organisations are added, if only that found the pair. */
  widenedRule: ExtractedDeal | null;
}

/** Sentences longer than this are glued navigation or tables, and pairs farther apart than this are unrelated. */
const MAX_PAIR_SPAN = 400;
const CARRY_WINDOW = 3;
const PAIR_LINE = /^[^:;.]{2,80}?\s(?:\/|→|->|–|—|x|×)\s[^:;.]{2,80}?:/u;
// A list's line that opens on a company ("Nebius: $17.4B over 5 yrs", "iren: msft again, gb300s").
const NAME_LINE = /^[^:;.]{2,60}:\s/u;
const CUSTOMERS_OF_IT = /\b(?:its|their|the (?:company|firm|group|start-?up|operator|provider|developer|miner|utility)['’]s?)\s+(?:[\p{L}-]+\s+){0,3}?(?:customers?|clients?|tenants?|offtakers?|buyers?)\b/iu;
const figures = (text: string): boolean => findMoney(text).length > 0 || findPower(text).length > 0;

// A fab buys too: "Samsung Electronics will deploy 50,000 Nvidia GPUs", "TSMC will use capacity on the supercomputer".
export const canBuy = (e: EntityMention): boolean => e.hyperscaler || e.type === 'lab' || e.type === 'cloud' || e.type === 'neocloud' || e.type === 'chipmaker' || e.type === 'fab';
export const canSell = (e: EntityMention): boolean => e.type !== 'lab' || e.hyperscaler;

/**
 * A discovered name the article also gives in full ("Granite Peak" beside "Granite Peak Data Centers", found as a name
 * or written after it in company words) stands for the full one: the shortest longer name it opens that ends on a
 * company word, if every longer one goes on with the same word.
 */
export function fullNames(names: ReadonlySet<string>, text = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const short of names) {
    if (short.length < 3) continue;
    const longer = [...names, ...writtenLonger(short, text)].filter((n) => n.startsWith(`${short} `) && endsOnCompanyWord(n));
    if (longer.length === 0) continue;
    const next = new Set(longer.map((n) => n.slice(short.length + 1).split(' ')[0]));
    if (next.size === 1) out.set(short, longer.reduce((a, b) => (b.length < a.length ? b : a)));
  }
  return out;
}

const LONGER = /(?:\s+[\p{Lu}][\p{L}\p{N}&-]*){1,2}/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** "Fjordline Compute's campus" where only "Fjordline" was found as a name: the longer forms the text writes. */
function writtenLonger(short: string, text: string): string[] {
  if (!text.includes(`${short} `)) return [];
  const out: string[] = [];
  // Each place the short name stands as a word, then the capitalised words after it (a sticky match there, rather
  // than one pattern per name over the whole text).
  let from = 0;
  for (let at = text.indexOf(short); at >= 0; at = text.indexOf(short, from)) {
    from = at + short.length;
    if (at > 0 && LETTER_OR_DIGIT.test(text[at - 1])) continue;
    LONGER.lastIndex = from;
    const m = LONGER.exec(text);
    if (!m) continue;
    // Matches do not overlap: the words after one occurrence are not read again as another.
    from = LONGER.lastIndex;
    // The longest run of company words after it ("Compute", "Data Centers"), not a place or a product after those.
    const more = m[0].trim().split(/\s+/u);
    let k = 0;
    while (k < more.length && endsOnCompanyWord(more.slice(0, k + 1).join(' '))) k++;
    const name = withoutLegalForms(`${short} ${more.slice(0, k).join(' ')}`);
    if (name.length > short.length) out.push(name);
  }
  return out;
}

export function pairCandidates(analysis: TextAnalysis, rules: ExtractedDeal[], widened: ExtractedDeal[] = []): PairCandidate[] {
  const byPair = new Map<string, PairCandidate>();
  const add = (buyer: EntityMention, seller: EntityMention, instance: PairInstance | null): void => {
    if (buyer.name === seller.name) return;
    const key = `${buyer.name}\u0000${seller.name}`;
    let c = byPair.get(key);
    if (!c) {
      c = { lab: buyer.name, provider: seller.name, instances: [], rule: null, widenedRule: null };
      byPair.set(key, c);
    }
    if (instance) c.instances.push(instance);
  };
  const unknownNames = new Set<string>();
  let recentLab: { lab: EntityMention; sentence: number; block: number } | null = null;
  let recentSeller: { seller: EntityMention; sentence: number; block: number } | null = null;
  const ventures = new Map<string, EntityMention[]>();
  analysis.sentences.forEach((sentence, i) => {
    let entities = analysis.known[i];
    // A tracker's line ("Microsoft / Constellation: n.d., 835 MW, 20 yrs") says it with figures, not words. The
    // line's shape is tested before its figures: most sentences have neither.
    const trackerLine = sentence.fragment || PAIR_LINE.test(sentence.text);
    const dated = datedLinePrefix(sentence.text);
    const nameLine = NAME_LINE.test(sentence.text.slice(dated)) && entities.some((e) => e.start === dated);
    const cue =
      hasDealCue(sentence.text, sentence.fragment) ||
      ((trackerLine || nameLine) && figures(sentence.text)) ||
      (nameLine && findHardware(sentence.text) !== null);
    if (cue && entities.length > 0) entities = mergeUnknown(sentence, entities);
    const weak = analysis.weak[i].filter((w) => !entities.some((e) => w.start < e.end && w.end > e.start));
    if (weak.length > 0) entities = [...entities, ...weak].sort((a, b) => a.start - b.start);
    for (const e of entities) if (e.unknown) unknownNames.add(e.name);
    ventureMembers(sentence.text, entities, ventures);
    const buyers = entities.filter(canBuy);
    const sellers = entities.filter(canSell);
    // A sentence with no deal word at all states no deal: its co-mentions are not worth scoring.
    if (buyers.length > 0 && entities.length > 1 && (cue || hasWideCue(sentence.text))) {
      for (const b of buyers) {
        // A lab sells only to a company that is not a lab ("CoreWeave will be anchor tenant of Poolside's campus").
        for (const s of b.type === 'lab' && !b.hyperscaler ? sellers : [...sellers, ...entities.filter((e) => !canSell(e))]) {
          if (b.name === s.name || Math.abs(b.start - s.start) > MAX_PAIR_SPAN) continue;
          add(b, s, { sentence: i, buyer: b, seller: s, carried: false, entities });
        }
      }
    }
    const labs = entities.filter((e) => e.type === 'lab');
    const subject = analysis.subject;
    const named = (e: EntityMention | null): boolean => e !== null && entities.some((x) => x.name === e.name);
    if (cue && labs.length === 0 && sellers.length > 0) {
      const near = recentLab && recentLab.block === sentence.block && i - recentLab.sentence <= CARRY_WINDOW ? recentLab.lab : null;
      const lab = near ?? analysis.mainLab ?? (subject && canBuy(subject) && !named(subject) ? subject : null);
      if (lab) for (const s of sellers) add(lab, s, { sentence: i, buyer: lab, seller: s, carried: true, entities });
    }
    // A seller the sentence does not name, paired with every buyer it does.
    const sellTo = (seller: EntityMention, how?: 'section' | 'recent'): void => {
      for (const b of buyers) add(b, seller, { sentence: i, buyer: b, seller, carried: false, carriedSeller: true, ...(how && { [how]: true }), entities });
    };
    // A chipmaker named only for its chips ("for Nvidia GB300 capacity") sells nothing here. Asked only with a deal cue,
    // as every use is: the product test reads every organisation of the sentence.
    const namesNoSeller = cue && !entities.some((e) => e.type !== 'lab' && !e.hyperscaler && !isProductMention(sentence.text, e));
    // "Its other large customers include Amazon and Microsoft": buyers named, the seller is the company written about.
    const toSubject = cue && subject && subject.type !== 'lab' && !named(subject) && namesNoSeller;
    if (toSubject) sellTo(subject);
    // "CoreWeave has leased the full 400 MW at Polaris Forge 1" in Applied Digital's release: a company that could
    // sell, named alone, may be buying from the company the article is about.
    else if (cue && subject && canSell(subject) && !named(subject) && new Set(entities.map((e) => e.name)).size === 1 && canBuy(entities[0])) sellTo(subject);
    // "Its other large customers include Amazon": the company just named (the seller) is the "its".
    const near = recentSeller && i - recentSeller.sentence <= CARRY_WINDOW ? recentSeller.seller : null;
    if (cue && near && !named(near) && near.name !== subject?.name && CUSTOMERS_OF_IT.test(sentence.text) && namesNoSeller) sellTo(near);
    // "Aker and Nscale will build the Narvik site. OpenAI has signed up as the anchor customer there.": the seller of
    // the paragraph's sentence before, for the scorer to weigh.
    else if (!toSubject && cue && near && recentSeller?.block === sentence.block && i - recentSeller.sentence <= 1 && !named(near) && namesNoSeller) sellTo(near, 'recent');
    const lastSeller = [...entities].reverse().find((e) => e.type !== 'lab' && !e.hyperscaler && !/^(?:we|our|us)$/iu.test(e.surface));
    if (lastSeller) recentSeller = { seller: lastSeller, sentence: i, block: sentence.block };
    // "Coldwater Compute (Sweden)" over "Mistral AI will train on the start-up's cluster": the heading's company is the other side.
    const section = analysis.sections[i];
    if (cue && section && !named(section)) {
      sellTo(section, 'section');
      if (canBuy(section)) for (const s of sellers) add(section, s, { sentence: i, buyer: section, seller: s, carried: true, section: true, entities });
    }
    if (labs.length > 0) recentLab = { lab: labs[labs.length - 1], sentence: i, block: sentence.block };
  });
  // A pair with a joint venture is a pair with each of its members, in the venture's place.
  for (const c of [...byPair.values()]) {
    for (const member of ventures.get(c.provider) ?? []) {
      for (const inst of c.instances) {
        const seller = { ...member, start: inst.seller.start, end: inst.seller.end, surface: inst.seller.surface };
        add(inst.buyer, seller, { ...inst, seller, venture: true });
      }
    }
  }
  // The short name of a discovered company counts as the full one, for the pair and for the rules' reading of it.
  const fullName = fullNames(unknownNames, analysis.body);
  const full = (name: string): string => fullName.get(name) ?? name;
  const rename = (d: ExtractedDeal): ExtractedDeal => ({ ...d, lab: full(d.lab), provider: full(d.provider) });
  if (fullName.size > 0) {
    const found = [...byPair.values()];
    byPair.clear();
    for (const c of found) {
      const [lab, provider] = [full(c.lab), full(c.provider)];
      if (lab === provider) continue;
      const key = `${lab}\u0000${provider}`;
      const prior = byPair.get(key);
      if (prior) prior.instances.push(...c.instances);
      else byPair.set(key, { ...c, lab, provider });
    }
  }
  const attach = (rule: ExtractedDeal, field: 'rule' | 'widenedRule'): void => {
    const key = `${rule.lab}\u0000${rule.provider}`;
    let c = byPair.get(key);
    if (!c) {
      c = { lab: rule.lab, provider: rule.provider, instances: [], rule: null, widenedRule: null };
      byPair.set(key, c);
    }
    c[field] = rule;
  };
  for (const rule of rules.map(rename)) if (rule.lab !== rule.provider) attach(rule, 'rule');
  for (const rule of widened.map(rename)) if (rule.lab !== rule.provider && !byPair.get(`${rule.lab}\u0000${rule.provider}`)?.rule) attach(rule, 'widenedRule');
  return [...byPair.values()];
}
