// What the reading routes answer: the lane map after an approval (and its lab filter), alerts with their
// deliveries and a retry that puts failed ones back, feeds with their health (a password in a URL hidden), and an
// article with the deals found in it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { alertDeliveries, feeds } from '../../../src/db/schema.js';
import { api, extracted, openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';

let fx: ReviewFixture;
let approved: { dealId: number; articleId: number; alertId: number };
beforeAll(async () => {
  fx = await openFixture();
  const { dealIds, articleId } = await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'SpaceX', amount_usd: 30e9, gigawatts: null })], {
    title: 'Anthropic signs with SpaceX',
    published: new Date('2026-05-09T08:00:00Z'),
  });
  const r = await api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {});
  expect(r.status).toBe(200);
  approved = { dealId: dealIds[0], articleId, alertId: r.json.alert_id as number };
  await seedArticle(fx, [extracted({ lab: 'OpenAI', provider: 'Oracle' })]);
});
afterAll(async () => {
  await fx?.close();
});

describe('reading routes', () => {
  test('/api/lanes shows the lane the approval opened, and ?lab= filters case-insensitively', async () => {
    const all = await api(fx, 'GET', '/api/lanes');
    expect(all.status).toBe(200);
    expect(all.json.lanes).toEqual([
      expect.objectContaining({ lab: 'Anthropic', provider: 'SpaceX', origin: 'review', deals: 1, total_usd: 30e9, opened_by_deal_id: approved.dealId, first_date: '2026-05-09' }),
    ]);
    expect(all.json.timelines).toEqual([{ lab: 'Anthropic', providers: ['SpaceX'], line: expect.stringContaining('SpaceX') }]);
    expect(((await api(fx, 'GET', '/api/lanes?lab=anthropic')).json.lanes as unknown[]).length).toBe(1);
    expect((await api(fx, 'GET', '/api/lanes?lab=OpenAI')).json.lanes).toEqual([]);
    const unknown = await api(fx, 'GET', '/api/lanes?colour=red');
    expect(unknown.status).toBe(400);
    expect(String(unknown.json.message)).toMatch(/colour/);
  });

  test('/api/alerts lists the alert with its deliveries; retry puts failed deliveries back to pending', async () => {
    expect(approved.alertId).toBeGreaterThan(0);
    await fx.database.db.insert(alertDeliveries).values({ alertId: approved.alertId, channel: 'webhook', state: 'failed', attempts: 10, lastError: 'HTTP 503' });
    const list = await api(fx, 'GET', '/api/alerts');
    expect(list.status).toBe(200);
    const alert = (list.json.alerts as { id: number; deal_id: number; lab: string; provider: string; deliveries: { channel: string; state: string; last_error: string }[] }[]).find((a) => a.id === approved.alertId);
    expect(alert).toMatchObject({ deal_id: approved.dealId, lab: 'Anthropic', provider: 'SpaceX' });
    expect(alert!.deliveries).toContainEqual(expect.objectContaining({ channel: 'webhook', state: 'failed', last_error: 'HTTP 503' }));
    const retry = await api(fx, 'POST', `/api/alerts/${approved.alertId}/retry`, {});
    expect(retry.json).toEqual({ alert_id: approved.alertId, retried: 1 });
    const rows = await fx.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, approved.alertId));
    expect(rows.find((d) => d.channel === 'webhook')?.state).not.toBe('failed');
    expect((await api(fx, 'GET', '/api/alerts?limit=0')).status).toBe(400);
  });

  test('/api/feeds shows each feed with its article count, failing first, and hides a password in its URL', async () => {
    await fx.database.db.insert(feeds).values({ url: 'https://reader:s3cret@127.0.0.1/private.xml', title: 'Private', failures: 3, lastError: 'HTTP 500' });
    const r = await api(fx, 'GET', '/api/feeds');
    expect(r.status).toBe(200);
    const list = r.json.feeds as { url: string; title: string; failures: number; articles: number; last_error: string | null }[];
    expect(list[0]).toMatchObject({ title: 'Private', failures: 3, last_error: 'HTTP 500', articles: 0 });
    expect(list[0].url).not.toContain('s3cret');
    expect(JSON.stringify(r.json)).not.toContain('s3cret');
    expect(list.filter((f) => f.articles === 1).length).toBe(2);
  });

  test('/api/articles/ID shows the text and each deal found with its evidence', async () => {
    const r = await api(fx, 'GET', `/api/articles/${approved.articleId}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: approved.articleId, title: 'Anthropic signs with SpaceX', state: 'extracted', published: '2026-05-09T08:00:00.000Z' });
    expect(String(r.json.text)).toContain('Anthropic signed');
    expect(r.json.deals).toEqual([expect.objectContaining({ deal_id: approved.dealId, lab: 'Anthropic', provider: 'SpaceX', review_state: 'approved', evidence: expect.stringContaining('SpaceX') })]);
  });
});
