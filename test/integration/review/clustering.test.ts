// One deal reported by several outlets is one candidate with many sources (real PostgreSQL).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { dealSources, deals } from '../../../src/db/schema.js';
import { getDeal } from '../../../src/deals/queries.js';
import { extracted, openFixture, seedArticle, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => {
  await fx?.close();
});

describe('clustering', () => {
  test('the same deal in three articles is one candidate with three sources; fields from the best-supported', async () => {
    const a = await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Google', kind: 'chips', amount_usd: 50e9, gigawatts: 1, hardware: 'TPU', confidence: 0.7 })], {
      published: new Date('2025-10-01T09:00:00Z'),
      outlet: 'Wire',
    });
    const b = await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Google', kind: 'chips', amount_usd: 50e9, gigawatts: null, hardware: 'TPUs', confidence: 0.9 })], {
      published: new Date('2025-10-02T09:00:00Z'),
      outlet: 'Blog',
    });
    const c = await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Google', kind: 'chips', amount_usd: 55e9, gigawatts: 1, hardware: 'TPU', confidence: 0.6 })], {
      published: new Date('2025-09-30T09:00:00Z'),
      outlet: 'Analyst',
    });
    expect(new Set([...a.dealIds, ...b.dealIds, ...c.dealIds]).size).toBe(1);
    const d = await getDeal(fx.database.db, a.dealIds[0]);
    expect(d!.sourceCount).toBe(3);
    expect(d!.amountUsd).toBe(50e9); // two sources say 50B, one 55B
    expect(d!.gigawatts).toBe(1);
    expect(d!.hardware).toBe('TPU');
    expect(d!.reportedAt!.toISOString()).toBe('2025-09-30T09:00:00.000Z'); // earliest report
    expect(d!.confidence).toBeGreaterThan(0.9); // corroboration raises it
    const amount = d!.disagreements.find((x) => x.field === 'amount_usd');
    expect(amount?.values).toEqual([
      { value: 50e9, count: 2 },
      { value: 55e9, count: 1 },
    ]);
  });

  test('different amounts, a later month, or another kind are separate candidates', async () => {
    const base = { lab: 'Meta', provider: 'CoreWeave', kind: 'cloud' as const, amount_usd: 14e9, gigawatts: null };
    const one = await seedArticle(fx, [extracted(base)], { published: new Date('2025-09-30T00:00:00Z') });
    const otherAmount = await seedArticle(fx, [extracted({ ...base, amount_usd: 1.4e9 })], { published: new Date('2025-10-01T00:00:00Z') });
    const later = await seedArticle(fx, [extracted(base)], { published: new Date('2025-12-20T00:00:00Z') });
    const otherKind = await seedArticle(fx, [extracted({ ...base, kind: 'datacenter' })], { published: new Date('2025-10-01T00:00:00Z') });
    const ids = [one, otherAmount, later, otherKind].map((x) => x.dealIds[0]);
    expect(new Set(ids).size).toBe(4);
  });

  test('recording the same article again adds nothing', async () => {
    const found = [extracted({ lab: 'xAI', provider: 'Nvidia', kind: 'chips', amount_usd: 20e9 })];
    const first = await seedArticle(fx, found);
    const { recordArticleDeals } = await import('../../../src/deals/record.js');
    const again = await fx.database.db.transaction((tx) => recordArticleDeals(tx, { id: first.articleId, published: new Date('2025-09-10T12:00:00Z') }, found));
    expect(again).toEqual(first.dealIds);
    const sources = await fx.database.db.select().from(dealSources).where(eq(dealSources.dealId, first.dealIds[0]));
    expect(sources).toHaveLength(1);
  });

  test('two outlets recorded at the same moment still make one candidate', async () => {
    const found = extracted({ lab: 'Mistral', provider: 'Fluidstack', kind: 'datacenter', amount_usd: 8e9, gigawatts: 1.4 });
    const [x, y, z] = await Promise.all([seedArticle(fx, [found]), seedArticle(fx, [found]), seedArticle(fx, [found])]);
    expect(new Set([x.dealIds[0], y.dealIds[0], z.dealIds[0]]).size).toBe(1);
    const rows = await fx.database.db.select().from(deals).where(eq(deals.lab, 'Mistral'));
    expect(rows).toHaveLength(1);
  });
});
