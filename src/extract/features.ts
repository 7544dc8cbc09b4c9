// Features of a candidate pair, as strings: the words and word classes between and around the two
// parties, their types, distance and order, the sentence's cues (talks, background, hypothetical,
// negation, comparison), list and table structure, and what the rule stage made of the pair. A pair's
// features are the union over the sentences that name it. Pure: no I/O, no model.
import type { TextAnalysis } from './analyse.js';
import { isHeadline } from './analyse.js';
import type { PairCandidate, PairInstance } from './candidates.js';
import type { EntityMention } from './gazetteer.js';
import { classesIn, type CueClasses } from './cue-classes.js';
import { ALSO_BACKGROUND, DATED_YEAR, datedLinePrefix, DENIAL_CUE, EXISTING_CUE, EXPANSION_CUE, hasDealCue, hasWideCue, HYPOTHETICAL_CUE, NEWS_NOW, OFF_TOPIC_CUE, STRONG_CUE, TALKS_CUE } from './cues.js';
import { buildGroups, isConsumerProductMention, isMarketMention, isProductMention, mayHoldList, type Group } from './roles.js';
import { dealMoney, dealPower } from './amounts.js';
import { findMoney } from './money.js';
import { findPower } from './power.js';
import { findHardware } from './hardware.js';
import { shift, splitClauses, type Clause } from './clauses.js';
import { dealStatus } from './status.js';

const WORD = /[\p{L}\p{N}$%][\p{L}\p{N}$%.'’-]*/gu;

/** Lower-case words, digits folded ("$300" → "$0"), trailing punctuation dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(m[0].toLowerCase().replace(/[.'’-]+$/u, '').replace(/\d+(?:[.,]\d+)*/gu, '0'));
  return out.filter((w) => w.length > 0);
}

// A neocloud that hosts (a miner's or developer's campus) is its own type: leases run from it to the neoclouds.
export const typeOf = (e: Pick<EntityMention, 'type' | 'hyperscaler' | 'kind'>): string =>
  e.hyperscaler ? 'hyperscaler' : e.type === 'neocloud' && e.kind === 'datacenter' ? 'host' : e.type;

// A party's name followed by a colon, a dash or a bracket before its terms ("Microsoft (Azure): ...").
const LINE_HEAD = /^(?:\s*\([^)]{1,30}\))?\s*(?::|\s[—–-]\s|\s?→)/u;

const bucket = (n: number, edges: number[]): string => {
  for (const e of edges) if (n <= e) return `${e}`;
  return `${edges[edges.length - 1]}+`;
};

// One sentence's clauses, shared by its pairs (instances of one sentence share their entity list).
const clauseCache = new WeakMap<EntityMention[], Clause[]>();

/** Features of one sentence that names the pair (or carries its buyer). */
export function instanceFeatures(analysis: TextAnalysis, instance: PairInstance, cues: CueClasses): string[] {
  const sentence = analysis.sentences[instance.sentence];
  const text = sentence.text;
  const { buyer, seller } = instance;
  const f: string[] = [];
  const bt = typeOf(buyer);
  const st = typeOf(seller);
  f.push(`bt:${bt}`, `st:${st}`, `pt:${bt}>${st}`);
  if (buyer.unknown) f.push('b:unknown');
  if (seller.unknown) f.push('s:unknown');
  if (buyer.via) f.push(`b:via:${buyer.via}`);
  if (seller.via) f.push(`s:via:${seller.via}`);
  if (/^(?:we|our|us)$/iu.test(buyer.surface)) f.push('b:we');
  if (/^(?:we|our|us)$/iu.test(seller.surface)) f.push('s:we');
  if (sentence.fragment) f.push('fragment');
  if (isHeadline(analysis, sentence)) f.push('headline');
  if (sentence.block <= 2) f.push('lead');
  if (instance.section) f.push('section');
  if (instance.recent) f.push('carried-seller:recent');
  if (instance.venture) f.push('s:venture-member');
  // "Microsoft: $17.4B over five years", "AMD — definitive agreement (Oct 6): 6 GW": a line that opens on one party
  // and states terms, the other party being the slide's or the section's company.
  const opening = datedLinePrefix(text) + 2;
  const carriedHow = instance.carried ? 'carried' : instance.carriedSeller ? 'carried-seller' : 'named';
  if (buyer.start <= opening && LINE_HEAD.test(text.slice(buyer.end, buyer.end + 24))) f.push('b:line-head', `b:line-head:${carriedHow}`);
  if (seller.start <= opening && LINE_HEAD.test(text.slice(seller.end, seller.end + 24))) f.push('s:line-head', `s:line-head:${carriedHow}`);
  const others = new Set(instance.entities.map((e) => e.name));
  f.push(`orgs:${bucket(others.size, [1, 2, 3, 4])}`);

  const around = (e: EntityMention, side: 'before' | 'after', n: number): string[] =>
    side === 'before' ? words(text.slice(Math.max(0, e.start - 60), e.start)).slice(-n) : words(text.slice(e.end, e.end + 60)).slice(0, n);
  if (instance.carriedSeller) {
    f.push('carried-seller', `carried-seller:${bt}`);
    for (const w of around(buyer, 'before', 2)) f.push(`bp:${w}`);
    for (const w of around(buyer, 'after', 2)) f.push(`ba:${w}`);
    for (const x of listFeatures(text, instance.entities, buyer, 'b')) f.push(x);
    for (const x of sentenceFeatures(analysis, instance.sentence, cues)) f.push(x);
    return f;
  }
  for (const w of around(seller, 'before', 2)) f.push(`sp:${w}`);
  for (const w of around(seller, 'after', 2)) f.push(`sa:${w}`);
  for (const x of listFeatures(text, instance.entities, seller, 's')) f.push(x);
  const sb = around(seller, 'before', 1)[0];
  if (sb) f.push(`sp1:${sb}`);
  const sa = around(seller, 'after', 1)[0];
  if (sa) f.push(`sa1:${sa}`);
  for (const c of classesIn(text.slice(Math.max(0, seller.start - 40), seller.start), cues)) f.push(`sc:${c}`);

  if (instance.carried) {
    f.push('carried', `carried:${st}`);
  } else {
    for (const w of around(buyer, 'before', 2)) f.push(`bp:${w}`);
    for (const w of around(buyer, 'after', 2)) f.push(`ba:${w}`);
    const first = buyer.start < seller.start ? buyer : seller;
    const second = first === buyer ? seller : buyer;
    f.push(first === buyer ? 'order:buyer-first' : 'order:seller-first');
    const between = text.slice(first.end, second.start);
    const bw = words(between);
    f.push(`dist:${bucket(bw.length, [0, 1, 2, 4, 7, 12, 20])}`);
    for (const w of bw.slice(0, 10)) f.push(`bw:${w}`);
    for (const w of bw.slice(-4)) f.push(`bw:${w}`);
    if (bw.length > 0) f.push(`bw1:${bw[0]}`, `bwl:${bw[bw.length - 1]}`);
    if (bw.length <= 6) f.push(`bwseq:${bw.join('_')}`);
    for (const c of classesIn(between, cues)) f.push(`bc:${c}`);
    if (/[;:]/u.test(between)) f.push('between:colon');
    if (/\(|—|–/u.test(between)) f.push('between:aside');
    const othersBetween = instance.entities.filter((e) => e.start >= first.end && e.end <= second.start && e.name !== buyer.name && e.name !== seller.name);
    if (othersBetween.length > 0) f.push(`between:orgs`, `between:${bucket(othersBetween.length, [1, 2])}`);
    for (const x of listFeatures(text, instance.entities, buyer, 'b')) f.push(x);
    const clauses = clausesOf(text, instance.entities);
    const clauseOf = (e: EntityMention): number => clauses.findIndex((c) => e.start >= c.start && e.end <= c.end);
    if (clauseOf(buyer) === clauseOf(seller)) f.push('clause:same');
    for (const x of roleFeatures(clauses[clauseOf(buyer)], clauses[clauseOf(seller)], instance.entities, buyer, seller)) f.push(x);
    if (isMarketMention(text, buyer)) f.push('b:market');
    if (isConsumerProductMention(text, buyer)) f.push('b:consumer');
  }
  if (isProductMention(text, seller)) f.push('s:product');
  if (isMarketMention(text, seller)) f.push('s:market');
  if (isConsumerProductMention(text, seller)) f.push('s:consumer');
  for (const x of sentenceFeatures(analysis, instance.sentence, cues)) f.push(x);
  return withConjunctions(f, `${bt}>${st}`);
}

// The words and cues whose meaning depends on who the two parties are ("leases" between a miner and a neocloud, or
// between a lab and a chipmaker), and those whose meaning depends on which of them is written first.
const BY_TYPE_PAIR = /^(?:bc|cue|role|order|clause|dist|between|sc|money|power|bw1|bwl|sp1|sa1|sp|sa|bp|ba):/u;
const BY_ORDER = /^(?:bc|bw1|bwl):/u;

/**
 * The sentence's features joined with the pair's types and with the pair's order: a linear scorer cannot weigh a
 * word differently for a miner leasing to a neocloud than for a lab buying chips unless the two are one feature.
 * Leave-corpora-out over 78 corpora, pair F1 0.771 → 0.795.
 */
export function withConjunctions(f: string[], typePair: string): string[] {
  const order = f.find((x) => x.startsWith('order:'));
  const joined: string[] = [];
  for (const x of f) {
    if (BY_TYPE_PAIR.test(x)) joined.push(`${typePair}&${x}`);
    if (order && BY_ORDER.test(x)) joined.push(`${order}&${x}`);
  }
  return [...f, ...joined];
}

function clausesOf(text: string, entities: EntityMention[]): Clause[] {
  let clauses = clauseCache.get(entities);
  if (!clauses) {
    clauses = splitClauses(text, entities);
    clauseCache.set(entities, clauses);
  }
  return clauses;
}

/**
 * The words just before and after the list a party is written in ("its customers include OpenAI, Meta and
 * Microsoft"): every member reads the list's context, not only the first, whose neighbours are the context.
 */
function listFeatures(text: string, entities: EntityMention[], e: EntityMention, side: 'b' | 's'): string[] {
  // A list needs a second name and a list's gap (most sentences have neither, and clauses cost).
  if (entities.length < 2 || !mayHoldList(text)) return [];
  const clause = clausesOf(text, entities).find((c) => e.start >= c.start && e.end <= c.end);
  if (!clause) return [];
  const group = groupsOf(clause, entities).find((g) => g.members.some((m) => m.start === e.start - clause.start));
  if (!group || group.members.length < 2 || group.reciprocal) return [];
  const start = clause.start + group.start;
  const end = clause.start + group.end;
  const f = [`${side}:listed`];
  for (const w of words(text.slice(Math.max(0, start - 60), start)).slice(-2)) f.push(`${side}lp:${w}`);
  for (const w of words(text.slice(end, end + 60)).slice(0, 2)) f.push(`${side}la:${w}`);
  return f;
}

// The role patterns of one clause (who is written as buying, who as selling), shared by its pairs.
const groupCache = new WeakMap<Clause, Group[]>();

function groupsOf(clause: Clause, entities: EntityMention[]): Group[] {
  let groups = groupCache.get(clause);
  if (!groups) {
    const local = entities.filter((e) => e.start >= clause.start && e.end <= clause.end).map((e) => shift(e, clause.start));
    groups = buildGroups(clause.text, local);
    groupCache.set(clause, groups);
  }
  return groups;
}

/** How the clause's wording casts the two parties, whatever the rules then made of it: "X leased … to Y", "Y buys from X". */
function roleFeatures(
  buyerClause: Clause | undefined,
  sellerClause: Clause | undefined,
  entities: EntityMention[],
  buyer: EntityMention,
  seller: EntityMention,
): string[] {
  const groupOf = (e: EntityMention, clause: Clause | undefined): Group | null =>
    clause ? (groupsOf(clause, entities).find((g) => g.members.some((m) => m.start === e.start - clause.start)) ?? null) : null;
  const b = groupOf(buyer, buyerClause);
  const s = groupOf(seller, sellerClause);
  const f = [`role:b:${b?.role ?? 'none'}`, `role:s:${s?.role ?? 'none'}`];
  if (b && b === s) f.push(b.reciprocal ? 'role:reciprocal' : 'role:same-list');
  if (b?.role === 'seller' || s?.role === 'buyer') f.push('role:reversed');
  else if (b?.role === 'buyer' || s?.role === 'seller') f.push('role:agrees');
  if (b?.subject) f.push('role:b:subject');
  if (s?.subject) f.push('role:s:subject');
  return f;
}

const sentenceCache = new WeakMap<TextAnalysis, Array<string[] | undefined>>();

/** What a sentence says whoever the pair: its word classes and cues, figures, status wording. Computed once per sentence. */
export function sentenceFeatures(analysis: TextAnalysis, index: number, cues: CueClasses): string[] {
  let cache = sentenceCache.get(analysis);
  if (!cache) {
    cache = [];
    sentenceCache.set(analysis, cache);
  }
  const cached = cache[index];
  if (cached) return cached;
  const sentence = analysis.sentences[index];
  const text = sentence.text;
  const f: string[] = [];
  for (const c of classesIn(text, cues)) f.push(`cs:${c}`);
  if (hasDealCue(text, sentence.fragment)) f.push('cue:deal');
  else if (hasWideCue(text)) f.push('cue:wide');
  if (STRONG_CUE.test(text)) f.push('cue:strong');
  if (TALKS_CUE.test(text)) f.push('cue:talks');
  if (EXISTING_CUE.test(text)) f.push('cue:existing');
  if (HYPOTHETICAL_CUE.test(text)) f.push('cue:hypothetical');
  if (DENIAL_CUE.test(text)) f.push('cue:denial');
  if (OFF_TOPIC_CUE.test(text)) f.push('cue:off-topic');
  if (EXPANSION_CUE.test(text)) f.push('cue:expansion');
  if (ALSO_BACKGROUND.test(text)) f.push('cue:also-background');
  if (NEWS_NOW.test(text)) f.push('cue:news-now');
  const dated = DATED_YEAR.exec(text);
  const datedYear = dated ? Number(dated[1] ?? dated[2]) : null;
  if (datedYear !== null && analysis.year !== null) f.push(datedYear < analysis.year ? 'dated:earlier' : 'dated:now');
  if (dealMoney(text, 0, text.length, sentence.fragment).length > 0) f.push('money:deal');
  else if (findMoney(text).length > 0) f.push('money:other');
  if (dealPower(text, 0, text.length).length > 0) f.push('power:deal');
  else if (findPower(text).length > 0) f.push('power:other');
  if (findHardware(text) !== null) f.push('hardware');
  f.push(`rs:${dealStatus(text, [], text, analysis.year)}`);
  cache[index] = f;
  return f;
}

const REGULATOR = /\b(?:Commission(?:ers)?|Council|Court|Regulat\w*|Board)\b/u;

/** A party named as a regulator or a court ("Louisiana Public Service Commission", "Essex County Council"): it approves deals and is party to none. */
function regulatorFeatures(candidate: PairCandidate): string[] {
  const f: string[] = [];
  if (REGULATOR.test(candidate.lab)) f.push('b:regulator');
  if (REGULATOR.test(candidate.provider)) f.push('s:regulator');
  return f;
}

/** Every sentence naming the pair reads as denied or called off, and the rules found no deal either. */
export const DENIED_UNREAD = 'no-rule&denied';

/**
 * Features of a candidate pair: the union of its sentences' features, its count, and the rule stage's verdict;
 * and each sentence's own features (to pick the evidence).
 */
export function pairFeatures(
  analysis: TextAnalysis,
  candidate: PairCandidate,
  cues: CueClasses,
  types: { lab: string; provider: string },
): { features: string[]; perInstance: string[][] } {
  const set = new Set<string>();
  const perInstance = candidate.instances.map((inst) => instanceFeatures(analysis, inst, cues));
  for (const list of perInstance) for (const f of list) set.add(f);
  for (const x of regulatorFeatures(candidate)) set.add(x);
  const named = candidate.instances.filter((i) => !i.carried).length;
  set.add(`named:${bucket(named, [0, 1, 2, 4])}`);
  set.add(`carried-in:${bucket(candidate.instances.length - named, [0, 1, 3])}`);
  if (candidate.instances.length === 0) set.add(`pt:${types.lab}>${types.provider}`);
  if (candidate.rule) {
    set.add('rule');
    set.add(`rule:${candidate.rule.status}`);
    set.add(`rule:${candidate.rule.kind}`);
    if (candidate.rule.amount_usd !== null || candidate.rule.gigawatts !== null) set.add('rule:figures');
    set.add(`rule:conf:${bucket(Math.round(candidate.rule.confidence * 10), [5, 6, 7, 8, 9])}`);
  } else if (candidate.widenedRule) {
    set.add('rule-widened');
    for (const f of [...set]) if (f.startsWith('b:via:') || f.startsWith('s:via:')) set.add(`rule-widened&${f}`);
    set.add(`rule-widened:${candidate.widenedRule.status}`);
    if (candidate.widenedRule.amount_usd !== null || candidate.widenedRule.gigawatts !== null) set.add('rule-widened:figures');
  } else {
    set.add('no-rule');
    if (perInstance.length > 0 && perInstance.every((f) => f.includes('rs:denied'))) set.add(DENIED_UNREAD);
  }
  return { features: [...set].sort(), perInstance };
}

// The words of the evidence and of the next sentences naming the pair, but not of every one: a pair named in fifty
// sentences would bring a thousand rare words that the classifier learns as that one pair's status.
const OTHER_SENTENCES_READ = 2;

/** Features for the status of a deal: the rule stage's status and the cues of the sentences that state it. */
export function statusFeatures(analysis: TextAnalysis, candidate: PairCandidate, evidence: PairInstance | null, cues: CueClasses): string[] {
  const set = new Set<string>();
  if (candidate.rule) set.add(`rule:${candidate.rule.status}`);
  else set.add('no-rule');
  const insts = evidence ? [evidence, ...candidate.instances.filter((i) => i !== evidence)] : candidate.instances;
  // Where the article first names the pair, and how often: news leads with the new deal and returns to it.
  const first = Math.min(...candidate.instances.map((i) => analysis.sentences[i.sentence].block));
  if (Number.isFinite(first)) set.add(`first-block:${bucket(first, [0, 1, 2, 4, 8])}`);
  set.add(`mentions:${bucket(candidate.instances.length, [1, 2, 4])}`);
  if (candidate.instances.some((i) => isHeadline(analysis, analysis.sentences[i.sentence]))) set.add('pair-in-headline');
  insts.forEach((inst, n) => {
    const text = analysis.sentences[inst.sentence].text;
    const tag = n === 0 ? 'e' : 'o';
    for (const x of sentenceFeatures(analysis, inst.sentence, cues)) set.add(`${tag}:${x}`);
    if (isHeadline(analysis, analysis.sentences[inst.sentence])) set.add(`${tag}:headline`);
    if (n <= OTHER_SENTENCES_READ) for (const w of words(text)) if (w.length > 2) set.add(`${n === 0 ? 'ew' : 'ow'}:${w}`);
  });
  return [...set].sort();
}
