// The labelled corpora (../shared/corpus dev and seed, copied here, and our own fixtures) through the
// whole pure pipeline: page → article → deals, scored by (lab, provider) pair like ../shared/eval/score.mjs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/article/index.js';
import { extractDeals } from '../../../src/extract/index.js';

interface GoldDeal {
  lab: string;
  provider: string;
  amount_usd: number | null;
  gigawatts: number | null;
}

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 0.02 * Math.max(Math.abs(a), Math.abs(b));

// Names as ../shared/eval/score.mjs compares them: "SK hynix" = "SK Hynix", "Constellation Energy" = "Constellation".
const SUFFIXES = /\s+(?:incorporated|inc|corporation|corp|company|co|ltd|limited|llc|plc|sa|ag|nv|holdings|group|energy|power)$/u;
function canon(name: string): string {
  let s = name.toLowerCase().replace(/['’`]s\b/gu, '').replace(/[^a-z0-9&.+ -]/gu, ' ').replace(/[.,]/gu, '').replace(/\s+/gu, ' ').trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(SUFFIXES, '').trim();
  }
  return s.replace(/\s+(?:ai|labs?)$/u, '');
}

function score(dir: URL) {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as { articles: Array<{ id: string }> };
  const t = { tp: 0, fp: 0, fn: 0, strict: 0, negatives: 0, negativesClean: 0, errors: [] as string[] };
  for (const { id } of manifest.articles) {
    const html = readFileSync(new URL(`articles/${id}.html`, dir));
    const gold = (JSON.parse(readFileSync(new URL(`gold/${id}.json`, dir), 'utf8')) as { deals: GoldDeal[] }).deals;
    const article = extractArticle(html, null);
    const text = article.title ? `${article.title}\n\n${article.text}` : article.text;
    const deals = extractDeals(text, { title: article.title, published: article.published });
    for (const d of deals) expect(text.slice(d.evidence_start, d.evidence_end)).toBe(d.evidence);
    const key = (d: { lab: string; provider: string }): string => `${canon(d.lab)}|${canon(d.provider)}`;
    const goldBy = new Map(gold.map((g) => [key(g), g]));
    const predicted = new Map(deals.map((d) => [key(d), d]));
    if (gold.length === 0) {
      t.negatives++;
      if (deals.length === 0) t.negativesClean++;
    }
    for (const [k, d] of predicted) {
      const g = goldBy.get(k);
      if (!g) {
        t.fp++;
        t.errors.push(`${id} false positive ${k}`);
        continue;
      }
      t.tp++;
      if (close(d.amount_usd, g.amount_usd) && close(d.gigawatts, g.gigawatts)) t.strict++;
      else t.errors.push(`${id} figures ${k}: ${d.amount_usd}/${d.gigawatts} vs ${g.amount_usd}/${g.gigawatts}`);
    }
    for (const k of goldBy.keys()) if (!predicted.has(k)) {
      t.fn++;
      t.errors.push(`${id} missed ${k}`);
    }
  }
  const f1 = (tp: number, fp: number, fn: number): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const loose = t.tp - t.strict;
  return { pairF1: f1(t.tp, t.fp, t.fn), strictF1: f1(t.strict, t.fp + loose, t.fn + loose), ...t };
}

describe.each([
  ['dev', new URL('../../fixtures/corpus/dev/', import.meta.url), 0.95],
  ['seed', new URL('../../fixtures/corpus/seed/', import.meta.url), 0.95],
  ['our fixtures', new URL('../../fixtures/extract/', import.meta.url), 0.95],
  // Written blind to the rules, then used to fix them: now regression guards, no longer estimates. Floors sit
  // just under what each reaches (holdout2 0.950, holdout3 0.991, holdout4 0.938).
  ['holdout', new URL('../../fixtures/holdout/', import.meta.url), 0.95],
  ['holdout2', new URL('../../fixtures/holdout2/', import.meta.url), 0.94],
  ['holdout3', new URL('../../fixtures/holdout3/', import.meta.url), 0.98],
  // Its strict floor is its own: amounts and power still miss more often there (strict F1 0.867).
  ['holdout4', new URL('../../fixtures/holdout4/', import.meta.url), 0.93, 0.86],
])('corpus %s', (_name, dir, minPairF1, minStrictF1 = 0.85) => {
  it(`pair F1 ≥ ${minPairF1}, strict F1 ≥ ${minStrictF1}, every negative article clean`, () => {
    const s = score(dir);
    const why = s.errors.join('\n');
    expect(s.pairF1, why).toBeGreaterThanOrEqual(minPairF1);
    expect(s.strictF1, why).toBeGreaterThanOrEqual(minStrictF1);
    expect(s.negativesClean, why).toBe(s.negatives);
  });
});
