// The figures of ../shared/eval/score.mjs, computed in-process: pair P/R/F1, strict F1 (amount and gigawatts
// right too), field accuracies on matched pairs, and clean negatives. Names are compared canonically.
import type { GoldDeal } from './corpus.js';

const ALIASES = new Map(Object.entries({
  aws: 'amazon', 'amazon web services': 'amazon', amazoncom: 'amazon',
  azure: 'microsoft', 'microsoft azure': 'microsoft',
  'google cloud': 'google', gcp: 'google', 'google deepmind': 'google', deepmind: 'google', alphabet: 'google',
  'google cloud platform': 'google',
  'meta platforms': 'meta', facebook: 'meta',
  'oracle cloud': 'oracle', 'oracle cloud infrastructure': 'oracle', oci: 'oracle',
  'nvidia corporation': 'nvidia', 'advanced micro devices': 'amd',
  'taiwan semiconductor manufacturing': 'tsmc', 'taiwan semiconductor manufacturing company': 'tsmc',
  'x ai': 'xai', 'x.ai': 'xai',
}));
const SUFFIXES = /\s+(incorporated|inc|corporation|corp|company|co|ltd|limited|llc|plc|sa|ag|nv|holdings|group|energy|power|capital|technologies|global)$/;

/** score.mjs's canonical form of an organisation name. */
export function canon(name: string | null | undefined): string {
  if (name == null) return '';
  let s = String(name).toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[’'`]s\b/g, '').replace(/[^a-z0-9&.+ -]/g, ' ').replace(/[.,]/g, '').replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(SUFFIXES, '').trim();
  }
  const direct = ALIASES.get(s);
  if (direct) return direct;
  const noAi = s.replace(/\s+(ai|labs?)$/, '');
  return ALIASES.get(noAi) ?? noAi;
}

export const pairKey = (lab: string, provider: string): string => `${canon(lab)}|${canon(provider)}`;

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 0.02 * Math.max(Math.abs(a), Math.abs(b));
}

export interface PredictedDeal {
  lab: string;
  provider: string;
  status: string;
  kind: string;
  amount_usd: number | null;
  gigawatts: number | null;
}

export interface Tally {
  tp: number; fp: number; fn: number; strictTp: number; amount: number; gw: number; status: number; kind: number; negOk: number; neg: number;
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, strictTp: 0, amount: 0, gw: 0, status: 0, kind: 0, negOk: 0, neg: 0 });

/** Adds one article's predictions against its gold deals to the tally. */
export function tallyArticle(t: Tally, gold: GoldDeal[], predicted: PredictedDeal[]): void {
  const g = new Map<string, GoldDeal>();
  for (const d of gold) g.set(pairKey(d.lab, d.provider), d);
  const p = new Map<string, PredictedDeal>();
  for (const d of predicted) {
    const key = pairKey(d.lab, d.provider);
    if (!p.has(key)) p.set(key, d);
  }
  if (g.size === 0) {
    t.neg++;
    if (p.size === 0) t.negOk++;
  }
  for (const [key, d] of p) {
    const gd = g.get(key);
    if (!gd) {
      t.fp++;
      continue;
    }
    t.tp++;
    const okA = close(d.amount_usd, gd.amount_usd);
    const okG = close(d.gigawatts, gd.gigawatts);
    if (okA) t.amount++;
    if (okG) t.gw++;
    if (okA && okG) t.strictTp++;
    if (d.status === gd.status) t.status++;
    if (d.kind === gd.kind) t.kind++;
  }
  for (const key of g.keys()) if (!p.has(key)) t.fn++;
}

export function addTally(a: Tally, b: Tally): Tally {
  const out = emptyTally();
  for (const k of Object.keys(out) as Array<keyof Tally>) out[k] = a[k] + b[k];
  return out;
}

export interface Scores {
  articles: number;
  gold_deals: number;
  predicted_deals: number;
  pair_precision: number;
  pair_recall: number;
  pair_f1: number;
  strict_f1: number;
  amount_accuracy: number;
  gigawatt_accuracy: number;
  status_accuracy: number;
  kind_accuracy: number;
  negatives_clean: string;
}

const f1 = (tp: number, fp: number, fn: number): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function scores(t: Tally, articles: number): Scores {
  return {
    articles,
    gold_deals: t.tp + t.fn,
    predicted_deals: t.tp + t.fp,
    pair_precision: r3(t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0),
    pair_recall: r3(t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0),
    pair_f1: r3(f1(t.tp, t.fp, t.fn)),
    strict_f1: r3(f1(t.strictTp, t.fp + (t.tp - t.strictTp), t.fn + (t.tp - t.strictTp))),
    amount_accuracy: r3(t.tp ? t.amount / t.tp : 0),
    gigawatt_accuracy: r3(t.tp ? t.gw / t.tp : 0),
    status_accuracy: r3(t.tp ? t.status / t.tp : 0),
    kind_accuracy: r3(t.tp ? t.kind / t.tp : 0),
    negatives_clean: `${t.negOk}/${t.neg}`,
  };
}
