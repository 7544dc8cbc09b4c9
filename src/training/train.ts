// Fitting the deal model: the pair scorer (logistic regression), its calibration (Platt scaling on
// out-of-fold scores), the acceptance threshold (the middle of the out-of-fold F1 plateau), and the status classifier (softmax).
// Deterministic: the same labelled articles give the same bytes.
import { evidenceInstance } from '../extract/pipeline.js';
import { statusFeatures } from '../extract/features.js';
import { compileModel, type DealModel, type ModelFile } from '../extract/model.js';
import { dealStatuses, type DealStatus } from '../extract/types.js';
import { fitPlatt, sigmoid, trainBinary, trainSoftmax, type SparseExample } from '../extract/logistic.js';
import type { LabelledArticle } from './dataset.js';

export interface TrainSettings {
  epochs: number;
  /** L2 penalty of the pair scorer. */
  l2: number;
  /** L2 penalty of the status classifier, which learns from fewer rows (gold pairs only) and needs more. */
  statusL2: number;
  minCount: number;
  folds: number;
}

export const defaultSettings: TrainSettings = { epochs: 300, l2: 0.00006, statusL2: 0.00025, minCount: 2, folds: 5 };

interface PairRow {
  features: string[];
  label: 0 | 1;
  fold: number;
  weight: number;
}

/** A stable small hash: the fold of an article never depends on the order corpora are read in. */
function fold(key: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

function vocabulary(rows: Array<{ features: string[] }>, minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const kept = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
  return new Map(kept.map((f, i) => [f, i]));
}

const encode = (features: string[], vocab: Map<string, number>): number[] => {
  const out: number[] = [];
  for (const f of features) {
    const i = vocab.get(f);
    if (i !== undefined) out.push(i);
  }
  return out;
};

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function pairRows(articles: LabelledArticle[], folds: number): PairRow[] {
  const rows: PairRow[] = [];
  for (const a of articles) {
    const f = fold(`${a.corpus}/${a.id}`, folds);
    a.set.candidates.forEach((c, i) => {
      if (a.labelled && !a.labelled[i]) return;
      rows.push({ features: c.features, label: a.labels[i] ? 1 : 0, fold: f, weight: a.weight ?? 1 });
    });
  }
  return rows;
}

/**
 * The threshold with the best F1 over held-out probabilities; gold pairs no candidate reached count as missed. F1 is
 * flat near its best: the middle of the thresholds within a hair of it, so that one more article does not move it far.
 */
function bestThreshold(probabilities: number[], labels: number[], unreachable: number): number {
  const positives = labels.reduce((s, l) => s + l, 0) + unreachable;
  const curve: Array<{ t: number; f1: number }> = [];
  for (let t = 0.2; t <= 0.8001; t += 0.025) {
    let tp = 0;
    let fp = 0;
    probabilities.forEach((p, k) => {
      if (p >= t) {
        if (labels[k] === 1) tp++;
        else fp++;
      }
    });
    curve.push({ t: Math.round(t * 1000) / 1000, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp)) });
  }
  const best = Math.max(...curve.map((c) => c.f1));
  const near = curve.filter((c) => c.f1 >= best - F1_PLATEAU);
  return near[Math.floor((near.length - 1) / 2)].t;
}
const F1_PLATEAU = 0.003;

export function fitModel(articles: LabelledArticle[], settings: TrainSettings = defaultSettings, reviews = 0): ModelFile {
  const rows = pairRows(articles, settings.folds);
  const vocab = vocabulary(rows, settings.minCount);
  const names = [...vocab.keys()];
  const examples: SparseExample[] = rows.map((r) => ({ features: encode(r.features, vocab), label: r.label, weight: r.weight }));
  const full = trainBinary(examples, names.length, { epochs: settings.epochs, l2: settings.l2 });

  // Out-of-fold raw scores, for calibration and the threshold.
  const heldOut: number[] = new Array<number>(rows.length).fill(0);
  for (let k = 0; k < settings.folds; k++) {
    const train = examples.filter((_, i) => rows[i].fold !== k);
    const m = trainBinary(train, names.length, { epochs: settings.epochs, l2: settings.l2 });
    examples.forEach((ex, i) => {
      if (rows[i].fold !== k) return;
      let z = m.bias;
      for (const j of ex.features) z += m.weights[j];
      heldOut[i] = z;
    });
  }
  const labels = rows.map((r) => r.label);
  const platt = fitPlatt(heldOut, labels);
  const unreachable = articles.reduce((s, a) => (a.labelled ? s : s + a.gold.length - new Set(a.labels.filter((l) => l !== null)).size), 0);
  const threshold = bestThreshold(heldOut.map((z) => sigmoid(platt.a * z + platt.b)), labels, unreachable);

  const pairWeights: Record<string, number> = {};
  names.forEach((f, i) => {
    const w = round6(full.weights[i]);
    if (w !== 0) pairWeights[f] = w;
  });
  const draft: ModelFile = {
    about: 'The deal scorer, built by `lanewatch train` from config/corpora.json (and, with --with-reviews, reviewers\' decisions). Do not edit by hand: retrain.',
    version: 1,
    trained_on: {
      corpora: [...new Set(articles.map((a) => a.corpus))].sort(),
      articles: articles.length,
      pairs: rows.length,
      reviews,
    },
    threshold,
    calibration: { a: round6(platt.a), b: round6(platt.b) },
    pair: { bias: round6(full.bias), weights: pairWeights },
    status: { classes: [...dealStatuses], bias: [0, 0, 0], weights: {} },
  };
  draft.status = fitStatus(articles, compileModel(draft), settings);
  return draft;
}

function fitStatus(articles: LabelledArticle[], pairModel: DealModel, settings: TrainSettings): ModelFile['status'] {
  const classes: DealStatus[] = [...dealStatuses];
  const rows: Array<{ features: string[]; label: number }> = [];
  for (const a of articles) {
    a.set.candidates.forEach((c, i) => {
      const gold = a.labels[i];
      if (!gold) return;
      const evidence = evidenceInstance(c, pairModel);
      rows.push({ features: statusFeatures(a.set.analysis, c.candidate, evidence, a.set.cues), label: classes.indexOf(gold.status) });
    });
  }
  const vocab = vocabulary(rows, settings.minCount);
  const names = [...vocab.keys()];
  const fitted = trainSoftmax(rows.map((r) => ({ features: encode(r.features, vocab), label: r.label })), names.length, classes.length, {
    epochs: settings.epochs,
    l2: settings.statusL2,
  });
  const weights: Record<string, number[]> = {};
  names.forEach((f, i) => {
    const w = classes.map((_, c) => round6(fitted.weights[i * classes.length + c]));
    if (w.some((x) => x !== 0)) weights[f] = w;
  });
  return { classes, bias: [...fitted.bias].map(round6), weights };
}

/** The model file as committed: keys in a fixed order, one weight per line, a newline at the end. */
export function serialiseModel(file: ModelFile): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return `${JSON.stringify(sortKeys(file), null, 1)}\n`;
}
