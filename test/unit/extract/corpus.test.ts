// Every labelled corpus of config/corpora.json through the same path as the service (pageDeals' text → pipeline
// with the committed model), scored as ../shared/eval/score.mjs does. These sets trained the model: the floors guard
// against regressions, they do not estimate accuracy on new text (leave-one-corpus-out does: `lanewatch eval --loco`).
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../src/extract/model.js';
import { dealsOf } from '../../../src/extract/pipeline.js';
import { defaultCorpusDirs, loadCorpora } from '../../../src/training/corpora.js';
import { emptyTally, scores, tallyArticle } from '../../../src/training/metrics.js';

const errors: string[] = [];
const corpora = loadCorpora(defaultCorpusDirs(), (e) => errors.push(e));
const model = defaultModel();

// The reference sets hold near 1, the sets the rules were written against close to it; the blind sets, whose
// styles the rules never saw, fit the model much less well (0.46–0.90 pair F1 when this was written: the Asian
// supply-chain set's conglomerates and ministries are the hardest).
const ruleEra = ['lanewatch-fixtures', 'holdout', 'holdout2', 'holdout3', 'holdout4'];
const floor = (name: string): [pair: number, strict: number] =>
  name === 'seed' || name === 'dev' ? [0.95, 0.85] : ruleEra.includes(name) ? [0.85, 0.8] : [0.42, 0.35];

it('every corpus file of config/corpora.json reads', () => {
  expect(errors).toEqual([]);
  expect(corpora.length).toBeGreaterThanOrEqual(15);
  expect(corpora.reduce((n, c) => n + c.articles.length, 0)).toBeGreaterThanOrEqual(500);
});

describe.each(corpora.map((c) => [c.name, c] as const))('corpus %s', (name, corpus) => {
  it(`pair and strict F1 above the floor, every negative article clean, evidence where it says`, () => {
    const t = emptyTally();
    for (const a of corpus.articles) {
      const deals = dealsOf(a.set, model);
      // Offsets are into the text given (the analysis may have read it with broken words joined).
      const given = a.set.joined?.source ?? a.set.analysis.body;
      for (const d of deals) expect(given.slice(d.evidence_start, d.evidence_end)).toBe(d.evidence);
      tallyArticle(t, a.gold, deals);
    }
    const s = scores(t, corpus.articles.length);
    const [pair, strict] = floor(name);
    expect(s.pair_f1, JSON.stringify(s)).toBeGreaterThanOrEqual(pair);
    expect(s.strict_f1, JSON.stringify(s)).toBeGreaterThanOrEqual(strict);
    if (name === 'dev' || name === 'seed') expect(t.negOk).toBe(t.neg);
  });
});

it('the seed article gives Anthropic → SpaceX as new, without the $119b', () => {
  const seed = corpora.find((c) => c.name === 'seed');
  const deals = dealsOf(seed!.articles[0].set, model);
  const spacex = deals.find((d) => d.lab === 'Anthropic' && d.provider === 'SpaceX');
  expect(spacex?.status).toBe('announced');
  expect(spacex?.amount_usd).toBeNull();
});
