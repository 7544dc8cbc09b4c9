// Text → compute deals, as a declared pipeline of pure stages:
//   joinBrokenWords words broken across lines or by soft hyphens joined (evidence offsets mapped back at the end)
//   analyseText   text → sentences → organisation mentions (gazetteer, unknown names, references resolved)
//   ruleDealsOf   the rule stage's reading: a candidate generator and a feature, not a verdict
//   pairCandidates every (buyer, seller) pair a sentence, a reference back or the rules tie together
//   pairFeatures  words and cue classes between and around the pair, types, distance, structure, cues
//   the model     calibrated probability that the article reports the pair as a deal (config/model.json)
//   dealFields    status (classifier), kind, USD, GW, hardware and the evidence sentence
import { analyseText, withWeak, type TextAnalysis } from './analyse.js';
import { pairCandidates, type PairCandidate, type PairInstance } from './candidates.js';
import { defaultCueClasses, type CueClasses } from './cue-classes.js';
import { DENIED_UNREAD, pairFeatures, statusFeatures, typeOf } from './features.js';
import { defaultGazetteer, type Gazetteer } from './gazetteer.js';
import { defaultModel, pairProbability, partialScore, predictStatus, type DealModel } from './model.js';
import { ruleDealsOf } from './extract-deals.js';
import { joinBrokenWords } from './broken-words.js';
import { hasDealCue } from './cues.js';
import { dealMoney, dealPower } from './amounts.js';
import { findHardware } from './hardware.js';
import { dealKind } from './kind.js';
import type { ArticleMeta, ExtractedDeal } from './types.js';

export interface PipelineOptions {
  gazetteer?: Gazetteer;
  model?: DealModel;
  cues?: CueClasses;
}

export interface ScoredCandidate {
  candidate: PairCandidate;
  features: string[];
  /** The features of each of the candidate's sentences, in the order of candidate.instances. */
  perInstance: string[][];
}

export interface CandidateSet {
  analysis: TextAnalysis;
  cues: CueClasses;
  candidates: ScoredCandidate[];
  /** The text given, where the analysis read it with broken words joined (offsets to map back). */
  joined?: { source: string; toSource: (offset: number) => number };
}

/** Every candidate pair of a text with its features: what the model scores, and what training labels. */
export function candidateSet(text: string, meta: ArticleMeta, options: Omit<PipelineOptions, 'model'> = {}): CandidateSet {
  const gazetteer = options.gazetteer ?? defaultGazetteer();
  const cues = options.cues ?? defaultCueClasses();
  const joined = joinBrokenWords(text, gazetteer.keyWords);
  const analysis = analyseText(joined?.text ?? text, meta, gazetteer);
  const rules = ruleDealsOf(analysis);
  // The rules again, reading the organisations only discovery found: their own feature, weighed apart.
  // Only where a discovered name stands in a sentence that could state a deal: elsewhere the rules read nothing new.
  const widened = analysis.weak.some((w, i) => w.length > 0 && hasDealCue(analysis.sentences[i].text, analysis.sentences[i].fragment))
    ? ruleDealsOf({ ...analysis, known: withWeak(analysis.known, analysis.weak) })
    : [];
  const typeOfName = (name: string): string => {
    const e = gazetteer.byName.get(name);
    return e ? typeOf({ type: e.type, hyperscaler: e.hyperscaler ?? false, kind: e.kind }) : 'unknown';
  };
  const candidates = pairCandidates(analysis, rules, widened).map((candidate) => ({
    candidate,
    ...pairFeatures(analysis, candidate, cues, { lab: typeOfName(candidate.lab), provider: typeOfName(candidate.provider) }),
  }));
  return { analysis, cues, candidates, ...(joined && { joined: { source: text, toSource: joined.toSource } }) };
}

export function extractDeals(text: string, meta: ArticleMeta = {}, options: PipelineOptions = {}): ExtractedDeal[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const model = options.model ?? defaultModel();
  return dealsOf(candidateSet(text, meta, options), model);
}

/**
 * The model's probability for a candidate, except where the text calls the deal off or denies it in every sentence
 * naming the pair and the rules read no deal either: a denied deal is no deal however deal-like its words.
 */
export function candidateProbability(model: DealModel, scored: Pick<ScoredCandidate, 'features'>): number {
  return scored.features.includes(DENIED_UNREAD) ? 0 : pairProbability(model, scored.features);
}

/** The deals the model accepts among a text's candidates. */
export function dealsOf(set: CandidateSet, model: DealModel): ExtractedDeal[] {
  const deals: ExtractedDeal[] = [];
  for (const scored of set.candidates) {
    const p = candidateProbability(model, scored);
    if (p < model.threshold) continue;
    deals.push(dealFields(set, scored, model, p));
  }
  return withFiguresOfSentence(set, deals)
    .map((d) => inSource(set, d))
    .sort((a, b) => a.evidence_start - b.evidence_start || b.confidence - a.confidence);
}

/** A deal's evidence as the text given writes it, where the analysis read the text with broken words joined. */
function inSource(set: CandidateSet, deal: ExtractedDeal): ExtractedDeal {
  if (!set.joined || deal.evidence_start < 0) return deal;
  const start = set.joined.toSource(deal.evidence_start);
  const end = set.joined.toSource(deal.evidence_end);
  return { ...deal, evidence: set.joined.source.slice(start, end), evidence_start: start, evidence_end: end };
}

/**
 * A deal still without an amount or a size takes its evidence sentence's only figure that reads as no total, capex or
 * revenue, when every other accepted deal resting on that sentence shares a party with it (FORMAT.md: a figure goes
 * on every pair the sentence ties it to): "Cerebras said it had signed the largest contract in its history: more than
 * $10 billion".
 */
function withFiguresOfSentence(set: CandidateSet, deals: ExtractedDeal[]): ExtractedDeal[] {
  const bySentence = new Map<number, ExtractedDeal[]>();
  for (const d of deals) {
    const same = bySentence.get(d.evidence_start);
    if (same) same.push(d);
    else bySentence.set(d.evidence_start, [d]);
  }
  return deals.map((d) => {
    if (d.amount_usd !== null && d.gigawatts !== null) return d;
    const same = bySentence.get(d.evidence_start) ?? [];
    if (!same.every((o) => o.lab === d.lab) && !same.every((o) => o.provider === d.provider)) return d;
    const sentence = set.analysis.sentences.find((s) => s.start === d.evidence_start);
    if (!sentence) return d;
    const money = d.amount_usd === null ? dealMoney(sentence.text, 0, sentence.text.length, sentence.fragment, true) : [];
    const power = d.gigawatts === null ? dealPower(sentence.text, 0, sentence.text.length) : [];
    return {
      ...d,
      amount_usd: money.length === 1 ? money[0].usd : d.amount_usd,
      gigawatts: power.length === 1 ? power[0].gw : d.gigawatts,
    };
  });
}

/** The sentence that speaks most for the pair: the one whose own features score highest. */
export function evidenceInstance(scored: ScoredCandidate, model: DealModel): PairInstance | null {
  let best: PairInstance | null = null;
  let bestScore = -Infinity;
  scored.candidate.instances.forEach((inst, i) => {
    const s = partialScore(model, scored.perInstance[i]);
    if (s > bestScore) {
      best = inst;
      bestScore = s;
    }
  });
  return best;
}

function dealFields(set: CandidateSet, scored: ScoredCandidate, model: DealModel, probability: number): ExtractedDeal {
  const { candidate } = scored;
  const evidence = evidenceInstance(scored, model);
  const status = predictStatus(model, statusFeatures(set.analysis, candidate, evidence, set.cues));
  const confidence = Math.round(probability * 1000) / 1000;
  const rule = candidate.rule ?? candidate.widenedRule;
  if (rule) return withFiguresOfPair(set, candidate, { ...rule, status, confidence });
  // Found by the model alone: the figures of its sentence when the sentence names no other pair.
  const inst = evidence ?? candidate.instances[0];
  const sentence = set.analysis.sentences[inst.sentence];
  const text = sentence.text;
  return withFiguresOfPair(set, candidate, {
    lab: candidate.lab,
    provider: candidate.provider,
    status,
    kind: dealKind(inst.seller, text),
    amount_usd: fewNames(inst) ? (dealMoney(text, 0, text.length, sentence.fragment)[0]?.usd ?? null) : null,
    gigawatts: fewNames(inst) ? (dealPower(text, 0, text.length)[0]?.gw ?? null) : null,
    hardware: findHardware(text),
    evidence: text,
    evidence_start: sentence.start,
    evidence_end: sentence.end,
    confidence,
  });
}

/** The sentence names no more than two organisations: its deal figures can be the pair's alone. */
const fewNames = (inst: PairInstance): boolean => new Set(inst.entities.map((e) => e.name)).size <= 2;
/** The sentence names the two parties and nobody else. */
const pairOnly = (inst: PairInstance): boolean => !inst.carried && !inst.carriedSeller && fewNames(inst);

/**
 * A figure the chosen sentence did not give, from another sentence that names the pair alone: "CoreWeave's
 * contracts with OpenAI total about $22.4 billion" after the sentence that announced the deal.
 */
function withFiguresOfPair(set: CandidateSet, candidate: PairCandidate, deal: ExtractedDeal): ExtractedDeal {
  if (deal.amount_usd !== null && deal.gigawatts !== null) return deal;
  let { amount_usd, gigawatts } = deal;
  for (const inst of candidate.instances) {
    if (!pairOnly(inst)) continue;
    const sentence = set.analysis.sentences[inst.sentence];
    if (amount_usd === null) amount_usd = dealMoney(sentence.text, 0, sentence.text.length, sentence.fragment)[0]?.usd ?? null;
    if (gigawatts === null) gigawatts = dealPower(sentence.text, 0, sentence.text.length)[0]?.gw ?? null;
  }
  return amount_usd === deal.amount_usd && gigawatts === deal.gigawatts ? deal : { ...deal, amount_usd, gigawatts };
}
