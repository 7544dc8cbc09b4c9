// Editing (or merging into) an approved deal on real PostgreSQL, Redis, an HTTP receiver and an SMTP server: the deal
// moves between lanes in the edit's transaction; the pair it left is recomputed or withdrawn with a correction, the
// pair it joined opens with its one alert; new figures recompute the lane.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deals, reviewEvents } from '../../../src/db/schema.js';
import { ReviewConflictError } from '../../../src/deals/errors.js';
import { editDeal, mergeDeal, undoLastAction, type ReviewContext } from '../../../src/deals/review.js';
import { loadLaneMap } from '../../../src/lanes/map.js';
import { waitFor } from '../alerts/receivers.js';
import { alertsOf, allDelivered, deliveriesOf, hooksFor, laneOf, queueIdle, useNotifiedHarness } from './setup.js';

const reviewer = 'test-reviewer';
const h = useNotifiedHarness();
const review = (): ReviewContext => ({ db: h.db.db, settings: h.settings });

/** The edit as the review runs it, then the deliveries it created enqueued with the harness's short backoff. */
async function edit(dealId: number, change: Parameters<typeof editDeal>[3]) {
  const deal = await editDeal(review(), dealId, reviewer, change);
  await h.enqueue();
  return deal;
}
const sent = () => h.http.requests.length + h.smtp.messages.length;
const slackWith = (fragment: string) => h.http.requests.filter((r) => r.path === '/slack' && r.status === 200 && r.body.includes(fragment));

describe('editing the provider of the approved deal that opened a lane, after its alert went out', () => {
  let dealId: number;
  let oldAlertId: number;

  it('withdraws the old lane with a correction and opens the new one with its alert, each delivered once', async () => {
    const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', amountUsd: 30e9 });
    dealId = deal.id;
    oldAlertId = (await h.approve(deal.id)).alertId as number;
    await waitFor(() => allDelivered(h, oldAlertId), 20_000, 'the first alert');

    const moved = await edit(deal.id, { provider: 'Fluidstack' });
    expect(moved).toMatchObject({ reviewState: 'approved', provider: 'Fluidstack' });
    expect(await laneOf(h, 'Anthropic', 'SpaceX')).toBeUndefined();
    expect(await laneOf(h, 'Anthropic', 'Fluidstack')).toMatchObject({ origin: 'review', dealCount: 1, totalUsd: 30e9, openedByDealId: deal.id });

    const old = await alertsOf(h, 'Anthropic', 'SpaceX');
    expect(old.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    expect(old[1].payload).toMatchObject({ reason: 'edited', correctsAlertId: oldAlertId, now: { dealId: deal.id, lab: 'Anthropic', provider: 'Fluidstack' } });
    const [opened] = await alertsOf(h, 'Anthropic', 'Fluidstack');
    expect(opened).toMatchObject({ kind: 'new-lane', provisional: false, withdrawnAt: null, message: 'Anthropic added a third compute lane: Fluidstack (after Google, Amazon)' });

    await waitFor(() => allDelivered(h, old[1].id), 20_000, 'the correction');
    await waitFor(() => allDelivered(h, opened.id), 20_000, 'the new lane alert');
    expect(hooksFor(h, old[1].id)).toHaveLength(1);
    expect(hooksFor(h, opened.id)).toHaveLength(1);
    expect(JSON.parse(hooksFor(h, old[1].id)[0].body)).toMatchObject({ event: 'lane.withdrawn', reason: 'edited' });
    expect(slackWith('A reviewer corrected deal')).toHaveLength(1);
    expect(hooksFor(h, oldAlertId)).toHaveLength(1);
  });

  it('records both lanes in the edit event, and the map counts the deal once', async () => {
    const [, editEvent] = await h.db.db.select().from(reviewEvents).where(eq(reviewEvents.dealId, dealId)).orderBy(reviewEvents.id);
    expect(editEvent.action).toBe('edit');
    expect(editEvent.note).toMatch(/^provider; lane Anthropic → SpaceX removed, correction alert #\d+ sent for alert #\d+; lane Anthropic → Fluidstack opened with alert #\d+$/);
    expect(editEvent.after).toMatchObject({ lanes: { recomputed: { outcome: 'removed' }, joined: { lab: 'Anthropic', provider: 'Fluidstack', laneOpened: true } } });
    const map = await loadLaneMap(h.db.db, { lab: 'Anthropic' });
    expect(map.cells.map((c) => [c.provider, c.deals])).toEqual([
      ['Google', 0],
      ['Amazon', 0],
      ['Fluidstack', 1],
    ]);
  });

  it('undoing the edit moves the deal back: the new lane is withdrawn, the old pair opens again and alerts anew', async () => {
    await undoLastAction(review(), reviewer, dealId);
    await h.enqueue();
    expect(await laneOf(h, 'Anthropic', 'Fluidstack')).toBeUndefined();
    expect(await laneOf(h, 'Anthropic', 'SpaceX')).toMatchObject({ dealCount: 1, openedByDealId: dealId });
    const fluid = await alertsOf(h, 'Anthropic', 'Fluidstack');
    expect(fluid.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    const spacex = (await alertsOf(h, 'Anthropic', 'SpaceX')).filter((a) => a.kind === 'new-lane' && a.withdrawnAt === null);
    expect(spacex).toHaveLength(1);
    expect(spacex[0].id).not.toBe(oldAlertId);
    await waitFor(() => allDelivered(h, spacex[0].id), 20_000, 'the reopened lane alert');
    await waitFor(() => allDelivered(h, fluid[1].id), 20_000, 'the correction of the undone edit');
  });
});

describe('editing an approved deal onto a pair that has a lane', () => {
  it('recomputes the lane it left and adds to the one it joined, sending nothing', async () => {
    const first = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 1e9 });
    const second = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 2e9 });
    const opened = await h.approve(first.id);
    await h.approve(second.id);
    await waitFor(() => allDelivered(h, opened.alertId as number), 20_000, 'the alert');
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    const before = sent();

    await edit(second.id, { lab: 'OpenAI', provider: 'Oracle' });
    expect(await laneOf(h, 'Mistral', 'Fluidstack')).toMatchObject({ dealCount: 1, totalUsd: 1e9, openedByDealId: first.id });
    expect(await laneOf(h, 'OpenAI', 'Oracle')).toMatchObject({ origin: 'baseline', dealCount: 1, totalUsd: 2e9 });
    expect(await alertsOf(h, 'OpenAI', 'Oracle')).toHaveLength(0);
    expect((await alertsOf(h, 'Mistral', 'Fluidstack')).map((a) => [a.kind, a.withdrawnAt])).toEqual([['new-lane', null]]);
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(sent()).toBe(before);
  });

  it('moving the opener away makes the next approved deal the opener, on its date', async () => {
    const a = await h.insertDeal({ lab: 'Cohere', provider: 'CoreWeave', amountUsd: 5e9 });
    const b = await h.insertDeal({ lab: 'Cohere', provider: 'CoreWeave', amountUsd: 7e9 });
    await h.approve(a.id);
    await h.approve(b.id);
    await edit(a.id, { provider: 'Nscale' });
    const [bDeal] = await h.db.db.select().from(deals).where(eq(deals.id, b.id));
    const lane = await laneOf(h, 'Cohere', 'CoreWeave');
    expect(lane).toMatchObject({ dealCount: 1, totalUsd: 7e9, openedByDealId: b.id });
    expect(lane?.openedAt).toEqual(bDeal.reportedAt);
    expect(await laneOf(h, 'Cohere', 'Nscale')).toMatchObject({ dealCount: 1, totalUsd: 5e9, openedByDealId: a.id });
  });
});

describe('editing the figures of an approved deal', () => {
  it('recomputes the lane totals and kind, and sends nothing', async () => {
    const a = await h.insertDeal({ lab: 'Reka', provider: 'Lambda', amountUsd: 1e9 });
    const b = await h.insertDeal({ lab: 'Reka', provider: 'Lambda', amountUsd: 3e9 });
    const opened = await h.approve(a.id);
    await h.approve(b.id);
    await waitFor(() => allDelivered(h, opened.alertId as number), 20_000, 'the alert');
    const before = sent();

    await edit(a.id, { amountUsd: 2e9, gigawatts: 1.5, kind: 'datacenter' });
    expect(await laneOf(h, 'Reka', 'Lambda')).toMatchObject({ dealCount: 2, totalUsd: 5e9, totalGw: 1.5, kind: 'datacenter' });
    await edit(b.id, { amountUsd: null });
    expect(await laneOf(h, 'Reka', 'Lambda')).toMatchObject({ dealCount: 2, totalUsd: 2e9, totalGw: 1.5 });
    await edit(a.id, { hardware: 'GB200' });
    expect(await laneOf(h, 'Reka', 'Lambda')).toMatchObject({ dealCount: 2, totalUsd: 2e9 });
    const events = await h.db.db.select().from(reviewEvents).where(eq(reviewEvents.dealId, a.id)).orderBy(reviewEvents.id);
    expect(events.at(-1)?.note).toBe('hardware; lane Reka → Lambda recomputed from 2 approved deals');

    expect((await alertsOf(h, 'Reka', 'Lambda')).map((x) => x.kind)).toEqual(['new-lane']);
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(sent()).toBe(before);
  });

  it('merging an earlier report into an approved deal moves its lane\'s first date', async () => {
    // insertDeal dates each story 30 days after the previous one: the later-inserted candidate is reported later.
    const approved = await h.insertDeal({ lab: 'Meta', provider: 'Lambda', amountUsd: 4e9 });
    await h.approve(approved.id);
    const laneBefore = await laneOf(h, 'Meta', 'Lambda');
    const earlier = await h.insertDeal({ lab: 'Meta', provider: 'Lambda', amountUsd: 4e9 });
    await h.db.db.update(deals).set({ reportedAt: new Date('2025-06-01T00:00:00Z') }).where(eq(deals.id, earlier.id));
    await mergeDeal(review(), earlier.id, approved.id, reviewer);
    const lane = await laneOf(h, 'Meta', 'Lambda');
    expect(lane).toMatchObject({ dealCount: 1, totalUsd: 4e9, openedByDealId: approved.id });
    expect(lane?.openedAt).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(lane?.openedAt.getTime()).toBeLessThan(laneBefore?.openedAt.getTime() as number);
  });

  it('an approved deal cannot be merged away: the merge is refused and nothing moves', async () => {
    const a = await h.insertDeal({ lab: 'xAI', provider: 'Nvidia' });
    const b = await h.insertDeal({ lab: 'xAI', provider: 'Nvidia' });
    await h.approve(a.id);
    const attempt = mergeDeal(review(), a.id, b.id, reviewer);
    await expect(attempt).rejects.toBeInstanceOf(ReviewConflictError);
    await expect(mergeDeal(review(), a.id, b.id, reviewer)).rejects.toThrow(`cannot merge deal ${a.id}: it is approved (by ${reviewer})`);
    expect(await laneOf(h, 'xAI', 'Nvidia')).toMatchObject({ dealCount: 1, openedByDealId: a.id });
  });
});

describe('editing before the alert was delivered', () => {
  it('cancels the old alert without a correction; the new pair\'s alert goes out once the notifier runs', async () => {
    await h.stopNotifier();
    try {
      const deal = await h.insertDeal({ lab: 'Microsoft', provider: 'Crusoe' });
      const { alertId } = await h.approve(deal.id);
      await edit(deal.id, { provider: 'Lambda' });
      expect((await deliveriesOf(h, alertId as number)).map((d) => d.state)).toEqual(Array(4).fill('cancelled'));
      expect((await alertsOf(h, 'Microsoft', 'Crusoe')).map((a) => a.kind)).toEqual(['new-lane']);
      const [fresh] = await alertsOf(h, 'Microsoft', 'Lambda');
      await h.startNotifier();
      await waitFor(() => allDelivered(h, fresh.id), 20_000, 'the new pair\'s alert');
      expect(hooksFor(h, alertId as number)).toHaveLength(0);
      expect(hooksFor(h, fresh.id)).toHaveLength(1);
    } finally {
      await h.startNotifier();
    }
  });
});

describe('concurrent edits', () => {
  it('two approved deals moved between two labs in opposite directions at once both succeed', async () => {
    const a = await h.insertDeal({ lab: 'Cohere', provider: 'Oracle' });
    const b = await h.insertDeal({ lab: 'Mistral', provider: 'Oracle' });
    await h.approve(a.id);
    await h.approve(b.id);
    const results = await Promise.allSettled([
      editDeal(review(), a.id, reviewer, { lab: 'Mistral', provider: 'Nebius' }),
      editDeal(review(), b.id, reviewer, { lab: 'Cohere', provider: 'Nebius' }),
    ]);
    await h.enqueue();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await laneOf(h, 'Cohere', 'Oracle')).toBeUndefined();
    expect(await laneOf(h, 'Mistral', 'Oracle')).toBeUndefined();
    expect(await laneOf(h, 'Mistral', 'Nebius')).toMatchObject({ dealCount: 1, openedByDealId: a.id });
    expect(await laneOf(h, 'Cohere', 'Nebius')).toMatchObject({ dealCount: 1, openedByDealId: b.id });
  });
});
