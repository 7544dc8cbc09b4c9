// Learning from review: reviewers' decisions in review_events become labelled examples, each deal counted once in its
// final state, and a kind of co-mention reviewers keep rejecting stops being proposed after retraining.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveDeal, rejectDeal, undoLastAction } from '../../../src/deals/review.js';
import { extractDeals } from '../../../src/extract/index.js';
import { compileModel } from '../../../src/extract/model.js';
import { readCorpus } from '../../../src/training/corpus.js';
import { labelCorpus } from '../../../src/training/dataset.js';
import { labelReviews, reviewDecisions } from '../../../src/training/reviews.js';
import { fitModel } from '../../../src/training/train.js';
import { openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';

// The base the reviews are added to: dev and the first blind set. The service retrains on every corpus; dev alone (20
// articles) is too few for the scorer's type-pair features, and twelve rejections of one sentence shape then outweigh
// every deal of that shape it holds.
const corpus = (path: string) => labelCorpus(readCorpus(fileURLToPath(new URL(path, import.meta.url))));
const base = [...corpus('../../fixtures/corpus/dev/'), ...corpus('../../fixtures/holdout/')];
const pairs = (labs: string[], providers: string[]) => labs.flatMap((l) => providers.map((p) => [l, p] as const));
const sponsorship = (lab: string, provider: string, what: string) => `${lab} signed a sponsorship deal with ${provider} for its ${what}.`;
const events = ['esports league', 'robotics contest', 'film festival', 'marathon', 'science fair', 'chess open'];

let fx: ReviewFixture;
const ctx = () => ({ db: fx.database.db, settings: fx.settings });

beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => {
  await fx?.close();
});

async function seedAndExtract(text: string): Promise<number[]> {
  const found = extractDeals(text, { published: '2026-02-01T00:00:00Z' });
  return (await seedArticle(fx, found, { text, title: null as unknown as string })).dealIds;
}

describe('review decisions as examples', () => {
  it('approved, rejected, and approved-then-undone deals: each once, in its final state', async () => {
    const [approved] = await seedAndExtract('OpenAI signed a $10 billion contract with Oracle for cloud capacity.');
    const [rejected] = await seedAndExtract('Anthropic signed a sponsorship deal with Nebius for its hackathon.');
    const [undone] = await seedAndExtract('Mistral signed a $2 billion lease with Crusoe for 200 MW.');
    await approveDeal(ctx(), approved, 'ana');
    await rejectDeal(ctx(), rejected, 'ana', 'sponsorship, not compute');
    await approveDeal(ctx(), undone, 'ana');
    await undoLastAction(ctx(), 'ana', undone);
    const decisions = (await reviewDecisions(fx.database.db)).flatMap((r) => r.decisions);
    expect(decisions).toEqual(
      expect.arrayContaining([
        { lab: 'OpenAI', provider: 'Oracle', deal: true, status: expect.stringMatching(/^(?:announced|existing|talks)$/) },
        { lab: 'Anthropic', provider: 'Nebius', deal: false, status: expect.any(String) },
      ]),
    );
    expect(decisions.some((d) => d.lab === 'Mistral')).toBe(false);
    expect(decisions).toHaveLength(2);
  });

  it('a rejected kind of co-mention stops being proposed after retraining with reviews', async () => {
    const unseen = 'Cohere signed a sponsorship deal with Lambda for its coding bootcamp.';
    const before = compileModel(fitModel(base));
    expect(extractDeals(unseen, {}, { model: before }).map((d) => `${d.lab}>${d.provider}`)).toEqual(['Cohere>Lambda']);

    const training = pairs(['OpenAI', 'xAI', 'Meta', 'Mistral'], ['AMD', 'CoreWeave', 'Nvidia']);
    for (const [i, [lab, provider]] of training.entries()) {
      for (const id of await seedAndExtract(sponsorship(lab, provider, events[i % events.length]))) await rejectDeal(ctx(), id, 'ana', 'sponsorship, not compute');
    }
    const reviewed = labelReviews(await reviewDecisions(fx.database.db));
    expect(reviewed.length).toBeGreaterThanOrEqual(training.length);
    const after = compileModel(fitModel([...base, ...reviewed], undefined, reviewed.length));
    expect(after.file.trained_on.reviews).toBe(reviewed.length);
    expect(extractDeals(unseen, {}, { model: after })).toEqual([]);
    // Real deals of the same shape still come through.
    expect(extractDeals('Cohere signed a $1 billion cloud deal with Lambda for GPU capacity.', {}, { model: after }).map((d) => d.provider)).toEqual(['Lambda']);
  });
});
