// Measuring extraction on labelled articles: a tally for any predictor, leave-one-corpus-out, precision and recall by
// confidence threshold, and the learning curve. The CLI (`lanewatch eval`) and the bench print what this computes.
import { ruleDealsOf } from '../extract/extract-deals.js';
import { compileModel, type DealModel } from '../extract/model.js';
import { candidateProbability, dealsOf } from '../extract/pipeline.js';
import type { LabelledCorpus } from './corpora.js';
import type { LabelledArticle } from './dataset.js';
import { addTally, emptyTally, pairKey, scores, tallyArticle, type PredictedDeal, type Scores, type Tally } from './metrics.js';
import { fitModel } from './train.js';

export type Predictor = (a: LabelledArticle) => PredictedDeal[];

export const byModel = (model: DealModel): Predictor => (a) => dealsOf(a.set, model);
export const byRules: Predictor = (a) => ruleDealsOf(a.set.analysis);

export function tallyOf(articles: LabelledArticle[], predict: Predictor): Tally {
  const t = emptyTally();
  for (const a of articles) tallyArticle(t, a.gold, predict(a));
  return t;
}

export interface ThresholdRow {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Precision and recall of pairs at several confidence thresholds, from held-out probabilities. */
export function thresholdTable(held: Array<{ a: LabelledArticle; model: DealModel }>): ThresholdRow[] {
  const out: ThresholdRow[] = [];
  for (const threshold of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    let tp = 0;
    let fp = 0;
    let gold = 0;
    for (const { a, model } of held) {
      gold += a.gold.length;
      const goldKeys = new Set(a.gold.map((g) => pairKey(g.lab, g.provider)));
      const seen = new Set<string>();
      for (const c of a.set.candidates) {
        const key = pairKey(c.candidate.lab, c.candidate.provider);
        if (seen.has(key) || candidateProbability(model, c) < threshold) continue;
        seen.add(key);
        if (goldKeys.has(key)) tp++;
        else fp++;
      }
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = gold ? tp / gold : 0;
    out.push({ threshold, precision: r3(precision), recall: r3(recall), f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) });
  }
  return out;
}

export interface LeaveOneOut {
  corpora: Array<{ corpus: string; model: Scores; rules: Scores }>;
  pooled: { model: Scores; rules: Scores };
  thresholds: ThresholdRow[];
}

/** Trains on every corpus but one and scores that one (and the rule stage alone on it), for each corpus. */
export function leaveOneOut(corpora: LabelledCorpus[]): LeaveOneOut {
  const all = corpora.flatMap((c) => c.articles);
  let pooled = emptyTally();
  let pooledRules = emptyTally();
  const rows: LeaveOneOut['corpora'] = [];
  const held: Array<{ a: LabelledArticle; model: DealModel }> = [];
  for (const c of corpora) {
    const model = compileModel(fitModel(all.filter((a) => a.corpus !== c.name)));
    const t = tallyOf(c.articles, byModel(model));
    const r = tallyOf(c.articles, byRules);
    pooled = addTally(pooled, t);
    pooledRules = addTally(pooledRules, r);
    for (const a of c.articles) held.push({ a, model });
    rows.push({ corpus: c.name, model: scores(t, c.articles.length), rules: scores(r, c.articles.length) });
  }
  return { corpora: rows, pooled: { model: scores(pooled, all.length), rules: scores(pooledRules, all.length) }, thresholds: thresholdTable(held) };
}

/** Leave-one-corpus-out pooled pair F1 with a quarter, a half and all of the other corpora's articles. */
export function learningCurve(corpora: LabelledCorpus[]): Array<{ share: string; articles: number; pair_f1: number }> {
  const out = [];
  for (const [share, part] of [['1/4', 4], ['1/2', 2], ['all', 1]] as const) {
    let t = emptyTally();
    let used = 0;
    for (const c of corpora) {
      const train = corpora.filter((o) => o !== c).flatMap((o) => o.articles.filter((_, i) => i % part === 0));
      used = Math.max(used, train.length);
      t = addTally(t, tallyOf(c.articles, byModel(compileModel(fitModel(train)))));
    }
    out.push({ share, articles: used, pair_f1: scores(t, 0).pair_f1 });
  }
  return out;
}
