// Features of a candidate pair, as strings: the words and word classes between and around the two
// parties, their types, distance and order, the sentence's cues (talks, background, hypothetical,
// negation, comparison), list and table structure, and what the rule stage made of the pair. A pair's
// features are the union over the sentences that name it. Pure: no I/O, no model.
import type { TextAnalysis } from './analyse.js';
import { isHeadline } from './analyse.js';
import type { PairCandidate, PairInstance } from './candidates.js';
import type { EntityMention } from './gazetteer.js';
import { classesIn, type CueClasses } from './cue-classes.js';
import { DATED_YEAR, DENIAL_CUE, EXISTING_CUE, hasDealCue, HYPOTHETICAL_CUE, OFF_TOPIC_CUE, STRONG_CUE, TALKS_CUE } from './cues.js';
import { isConsumerProductMention, isMarketMention, isProductMention } from './roles.js';
import { dealMoney, dealPower } from './amounts.js';
import { findMoney } from './money.js';
import { findPower } from './power.js';
import { findHardware } from './hardware.js';
import { splitClauses } from './clauses.js';
import { dealStatus } from './status.js';

const WORD = /[\p{L}\p{N}$%][\p{L}\p{N}$%.'’-]*/gu;

/** Lower-case words, digits folded ("$300" → "$0"), trailing punctuation dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(m[0].toLowerCase().replace(/[.'’-]+$/u, '').replace(/\d+(?:[.,]\d+)*/gu, '0'));
  return out.filter((w) => w.length > 0);
}

export const typeOf = (e: Pick<EntityMention, 'type' | 'hyperscaler'>): string => (e.hyperscaler ? 'hyperscaler' : e.type);

const bucket = (n: number, edges: number[]): string => {
  for (const e of edges) if (n <= e) return `${e}`;
  return `${edges[edges.length - 1]}+`;
};

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
  if (sentence.fragment) f.push('fragment');
  if (isHeadline(analysis, sentence)) f.push('headline');
  if (sentence.block <= 2) f.push('lead');
  const others = new Set(instance.entities.map((e) => e.name));
  f.push(`orgs:${bucket(others.size, [1, 2, 3, 4])}`);

  const around = (e: EntityMention, side: 'before' | 'after', n: number): string[] =>
    side === 'before' ? words(text.slice(Math.max(0, e.start - 60), e.start)).slice(-n) : words(text.slice(e.end, e.end + 60)).slice(0, n);
  for (const w of around(seller, 'before', 2)) f.push(`sp:${w}`);
  for (const w of around(seller, 'after', 2)) f.push(`sa:${w}`);
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
    const clauses = splitClauses(text, instance.entities);
    const clauseOf = (e: EntityMention): number => clauses.findIndex((c) => e.start >= c.start && e.end <= c.end);
    if (clauseOf(buyer) === clauseOf(seller)) f.push('clause:same');
    if (isMarketMention(text, buyer)) f.push('b:market');
    if (isConsumerProductMention(text, buyer)) f.push('b:consumer');
  }
  for (const c of classesIn(text, cues)) f.push(`cs:${c}`);
  if (isProductMention(text, seller)) f.push('s:product');
  if (isMarketMention(text, seller)) f.push('s:market');
  if (isConsumerProductMention(text, seller)) f.push('s:consumer');
  if (hasDealCue(text, sentence.fragment)) f.push('cue:deal');
  if (STRONG_CUE.test(text)) f.push('cue:strong');
  if (TALKS_CUE.test(text)) f.push('cue:talks');
  if (EXISTING_CUE.test(text)) f.push('cue:existing');
  if (HYPOTHETICAL_CUE.test(text)) f.push('cue:hypothetical');
  if (DENIAL_CUE.test(text)) f.push('cue:denial');
  if (OFF_TOPIC_CUE.test(text)) f.push('cue:off-topic');
  const dated = DATED_YEAR.exec(text);
  const datedYear = dated ? Number(dated[1] ?? dated[2]) : null;
  if (datedYear !== null && analysis.year !== null) f.push(datedYear < analysis.year ? 'dated:earlier' : 'dated:now');
  if (dealMoney(text, 0, text.length, sentence.fragment).length > 0) f.push('money:deal');
  else if (findMoney(text).length > 0) f.push('money:other');
  if (dealPower(text, 0, text.length).length > 0) f.push('power:deal');
  else if (findPower(text).length > 0) f.push('power:other');
  if (findHardware(text) !== null) f.push('hardware');
  f.push(`rs:${dealStatus(text, [], text, analysis.year)}`);
  return f;
}

/** Features of a candidate pair: the union of its sentences' features, its count, and the rule stage's verdict. */
export function pairFeatures(analysis: TextAnalysis, candidate: PairCandidate, cues: CueClasses, types: { lab: string; provider: string }): string[] {
  const set = new Set<string>();
  for (const inst of candidate.instances) for (const f of instanceFeatures(analysis, inst, cues)) set.add(f);
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
  } else {
    set.add('no-rule');
  }
  return [...set].sort();
}

/** Features for the status of a deal: the rule stage's status and the cues of the sentences that state it. */
export function statusFeatures(analysis: TextAnalysis, candidate: PairCandidate, evidence: PairInstance | null, cues: CueClasses): string[] {
  const set = new Set<string>();
  if (candidate.rule) set.add(`rule:${candidate.rule.status}`);
  else set.add('no-rule');
  const insts = evidence ? [evidence, ...candidate.instances.filter((i) => i !== evidence)] : candidate.instances;
  insts.forEach((inst, n) => {
    const text = analysis.sentences[inst.sentence].text;
    const tag = n === 0 ? 'e' : 'o';
    for (const c of classesIn(text, cues)) set.add(`${tag}c:${c}`);
    set.add(`${tag}rs:${dealStatus(text, [], text, analysis.year)}`);
    if (TALKS_CUE.test(text)) set.add(`${tag}:talks`);
    if (EXISTING_CUE.test(text)) set.add(`${tag}:existing`);
    if (isHeadline(analysis, analysis.sentences[inst.sentence])) set.add(`${tag}:headline`);
    const dated = DATED_YEAR.exec(text);
    const y = dated ? Number(dated[1] ?? dated[2]) : null;
    if (y !== null && analysis.year !== null) set.add(y < analysis.year ? `${tag}:dated-earlier` : `${tag}:dated-now`);
    if (n === 0) for (const w of words(text)) if (w.length > 2) set.add(`ew:${w}`);
  });
  return [...set].sort();
}
