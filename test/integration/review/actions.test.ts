// Review actions through the JSON API on real PostgreSQL: approve, reject, edit, merge, undo, bulk reject,
// concurrent approvals, queue order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { dealSources, deals, lanes, reviewEvents } from '../../../src/db/schema.js';
import { api, extracted, openFixture, seedArticle, signIn, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => {
  await fx?.close();
});

const eventsOf = (dealId: number) => fx.database.db.select().from(reviewEvents).where(eq(reviewEvents.dealId, dealId)).orderBy(reviewEvents.id);

describe('review actions', () => {
  test('approve records the event, opens a lane for a new pair and says so', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'OpenAI', provider: 'AMD', kind: 'chips', gigawatts: 6 })]);
    const before = await api(fx, 'GET', `/api/deals/${dealIds[0]}`);
    expect(before.json.new_lane).toBe(true);
    const r = await api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {});
    expect(r.status).toBe(200);
    expect(r.json.lane_opened).toBe(true);
    expect((r.json.deal as { review_state: string }).review_state).toBe('approved');
    const ev = await eventsOf(dealIds[0]);
    expect(ev.map((e) => [e.action, e.actor])).toEqual([['approve', 'api-token']]);
    expect(ev[0].before?.reviewState).toBe('pending');
    expect(ev[0].after?.reviewState).toBe('approved');
    const lane = await fx.database.db.select().from(lanes).where(and(eq(lanes.lab, 'OpenAI'), eq(lanes.provider, 'AMD')));
    expect(lane).toHaveLength(1);
    // Approving again is a conflict, not a second event.
    const again = await api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {});
    expect(again.status).toBe(409);
    expect(await eventsOf(dealIds[0])).toHaveLength(1);
  });

  test('PATCH of an approved deal\'s provider moves it between lanes; merging an approved deal away is refused', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Reka', provider: 'Lambda', amount_usd: 2e9, gigawatts: null })]);
    const [id] = dealIds;
    expect((await api(fx, 'POST', `/api/deals/${id}/approve`, {})).json.lane_opened).toBe(true);
    const laneOf = async (provider: string) => (await fx.database.db.select().from(lanes).where(and(eq(lanes.lab, 'Reka'), eq(lanes.provider, provider))))[0];
    const moved = await api(fx, 'PATCH', `/api/deals/${id}`, { provider: 'Crusoe', amount_usd: 3e9 });
    expect(moved.status).toBe(200);
    expect(await laneOf('Lambda')).toBeUndefined();
    expect(await laneOf('Crusoe')).toMatchObject({ dealCount: 1, totalUsd: 3e9, openedByDealId: id });
    const shown = await api(fx, 'GET', `/api/deals/${id}`);
    expect(shown.json.new_lane).toBe(false);
    const [edit] = (await eventsOf(id)).filter((e) => e.action === 'edit');
    expect(edit.note).toMatch(/lane Reka → Lambda removed.*lane Reka → Crusoe opened/);

    const { dealIds: others } = await seedArticle(fx, [extracted({ lab: 'Reka', provider: 'Crusoe', amount_usd: 3e9, gigawatts: null })], { published: new Date('2025-12-01T00:00:00Z') });
    const merge = await api(fx, 'POST', `/api/deals/${id}/merge`, { into: others[0] });
    expect(merge.status).toBe(409);
    expect(String(merge.json.message)).toBe(`cannot merge deal ${id}: it is approved (by api-token)`);
  });

  test('concurrent approvals of one candidate: exactly one succeeds and one approve event is written', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Microsoft', kind: 'cloud', amount_usd: 30e9 })]);
    const results = await Promise.all(Array.from({ length: 8 }, () => api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {})));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const approvals = (await eventsOf(dealIds[0])).filter((e) => e.action === 'approve');
    expect(approvals).toHaveLength(1);
  });

  test('reject with a reason; edit with PATCH records before and after; a stale version is a conflict', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Cohere', provider: 'CoreWeave' }), extracted({ lab: 'Cohere', provider: 'Oracle', kind: 'datacenter' })]);
    const [a, b] = dealIds;
    const rej = await api(fx, 'POST', `/api/deals/${a}/reject`, { reason: 'capex total, not a deal' });
    expect(rej.status).toBe(200);
    expect((rej.json.deal as { reject_reason: string }).reject_reason).toBe('capex total, not a deal');
    const edit = await api(fx, 'PATCH', `/api/deals/${b}`, { amount_usd: 12e9, hardware: 'GB300', version: 1 });
    expect(edit.status).toBe(200);
    const [ev] = (await eventsOf(b)).filter((e) => e.action === 'edit');
    expect(ev.before?.amountUsd).toBe(300e9);
    expect(ev.after?.amountUsd).toBe(12e9);
    expect(ev.after?.hardware).toBe('GB300');
    const stale = await api(fx, 'PATCH', `/api/deals/${b}`, { gigawatts: 2, version: 1 });
    expect(stale.status).toBe(409);
    expect(String(stale.json.message)).toMatch(/changed since/);
  });

  test('merge moves the sources, undo moves them back', async () => {
    const x = await seedArticle(fx, [extracted({ lab: 'xAI', provider: 'Oracle', amount_usd: 10e9 })]);
    const y = await seedArticle(fx, [extracted({ lab: 'xAI', provider: 'Oracle', amount_usd: 100e9 })]); // too far apart to cluster
    expect(x.dealIds[0]).not.toBe(y.dealIds[0]);
    const m = await api(fx, 'POST', `/api/deals/${y.dealIds[0]}/merge`, { into: x.dealIds[0] });
    expect(m.status).toBe(200);
    const target = await api(fx, 'GET', `/api/deals/${x.dealIds[0]}`);
    expect(target.json.source_count).toBe(2);
    expect(target.json.merged_from).toEqual([y.dealIds[0]]);
    expect((await api(fx, 'GET', `/api/deals/${y.dealIds[0]}`)).json.review_state).toBe('merged');
    const u = await api(fx, 'POST', '/api/undo', {});
    expect(u.status).toBe(200);
    expect((u.json.undone as { action: string }).action).toBe('merge');
    const back = await fx.database.db.select().from(dealSources).where(eq(dealSources.dealId, y.dealIds[0]));
    expect(back).toHaveLength(1);
    expect((await api(fx, 'GET', `/api/deals/${y.dealIds[0]}`)).json.review_state).toBe('pending');
    expect((await api(fx, 'GET', `/api/deals/${x.dealIds[0]}`)).json.source_count).toBe(1);
  });

  test('undo of an approval returns the deal to the queue; undo is per reviewer', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Google', provider: 'Westinghouse', kind: 'power', amount_usd: null, gigawatts: 2 })]);
    expect((await api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {})).status).toBe(200);
    // Another reviewer has nothing of their own to undo.
    const other = await signIn(fx, 'bo', 'another long password');
    const refused = await api(fx, 'POST', '/api/undo', {}, { cookie: other.cookie, 'x-csrf-token': other.csrf });
    expect(refused.status).toBe(400);
    const u = await api(fx, 'POST', '/api/undo', { deal_id: dealIds[0] });
    expect(u.status).toBe(200);
    const [d] = await fx.database.db.select().from(deals).where(eq(deals.id, dealIds[0]));
    expect(d.reviewState).toBe('pending');
    const ev = await eventsOf(dealIds[0]);
    expect(ev.map((e) => e.action)).toEqual(['approve', 'undo']);
    expect(ev[0].undoneAt).not.toBeNull();
  });

  test('bulk reject rejects the pending ones and skips the rest', async () => {
    const { dealIds } = await seedArticle(fx, [
      extracted({ lab: 'Safe Superintelligence', provider: 'Google' }),
      extracted({ lab: 'Safe Superintelligence', provider: 'Nvidia', kind: 'chips' }),
    ]);
    await api(fx, 'POST', `/api/deals/${dealIds[0]}/approve`, {});
    const r = await api(fx, 'POST', '/api/deals/bulk-reject', { ids: [...dealIds, 999999], reason: 'noise' });
    expect(r.status).toBe(200);
    expect(r.json.rejected).toEqual([dealIds[1]]);
    expect(r.json.skipped).toEqual([dealIds[0], 999999]);
  });

  test('the queue lists new lanes first, then by confidence', async () => {
    // A pair with a lane already (approved above: OpenAI → AMD) and high confidence comes after a new pair.
    await seedArticle(fx, [extracted({ lab: 'OpenAI', provider: 'AMD', kind: 'chips', amount_usd: 90e9, confidence: 0.99 })], { published: new Date('2025-12-30T00:00:00Z') });
    await seedArticle(fx, [extracted({ lab: 'Reka', provider: 'Lambda', confidence: 0.5 })]);
    await seedArticle(fx, [extracted({ lab: 'Reka', provider: 'Crusoe', confidence: 0.6 })]);
    const r = await api(fx, 'GET', '/api/deals?state=pending&limit=500');
    const items = r.json.items as { lab: string; provider: string; new_lane: boolean; confidence: number }[];
    const firstOld = items.findIndex((i) => !i.new_lane);
    expect(firstOld).toBeGreaterThan(0);
    expect(items.slice(firstOld).every((i) => !i.new_lane)).toBe(true);
    const newOnes = items.slice(0, firstOld).map((i) => i.confidence);
    expect(newOnes).toEqual([...newOnes].sort((p, q) => q - p));
    expect(items.find((i) => i.lab === 'OpenAI' && i.provider === 'AMD')?.new_lane).toBe(false);
  });
});
