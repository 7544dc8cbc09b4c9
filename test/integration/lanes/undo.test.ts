// Undoing an approval on real PostgreSQL, Redis, an HTTP receiver and an SMTP server: the lane it opened is removed
// (or its totals recomputed), and an alert already delivered is corrected once per channel, one still pending cancelled.
import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { alertDeliveries, alerts, deals, reviewEvents } from '../../../src/db/schema.js';
import { getDeal } from '../../../src/deals/queries.js';
import { approveDeal, undoLastAction } from '../../../src/deals/review.js';
import { listAlerts } from '../../../src/alerts/alert-list.js';
import { buildDigestPayload } from '../../../src/alerts/digest.js';
import { deliverOne } from '../../../src/alerts/deliver.js';
import { loadLaneMap } from '../../../src/lanes/map.js';
import type { WebDeps } from '../../../src/web/deps.js';
import { alertsRoutes } from '../../../src/web/routes/alerts.js';
import { lanesRoutes } from '../../../src/web/routes/lanes.js';
import { waitFor } from '../alerts/receivers.js';
import { alertsOf, allDelivered, deliveriesOf, laneOf, queueIdle, useNotifiedHarness } from './setup.js';

const reviewer = 'test-reviewer';
const spacexHeadline = 'Anthropic added a third compute lane: SpaceX (after Google, Amazon)';
const spacexCorrection = 'Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer';

const h = useNotifiedHarness();

/** The undo as the review runs it, then the deliveries it created enqueued with the harness's short backoff. */
async function undo(dealId: number) {
  const result = await undoLastAction({ db: h.db.db, settings: h.settings }, reviewer, dealId);
  await h.enqueue();
  return result;
}

function mailText(raw: string): string {
  return raw.replace(/\r\n[ \t]+/g, ' ').replace(/=\r\n/g, '');
}
const hooksFor = (alertId: number) => h.http.requests.filter((r) => r.path === '/hook' && (JSON.parse(r.body) as { alertId?: number }).alertId === alertId);
// A correction quotes the headline it corrects: "only" leaves corrections out when counting new-lane alerts.
const isCorrection = (text: string) => text.includes('withdrawn by a reviewer');
const slackWith = (fragment: string, only: 'any' | 'new-lane' = 'any') =>
  h.http.requests.filter((r) => r.path === '/slack' && r.status === 200 && r.body.includes(fragment) && (only === 'any' || !isCorrection(r.body)));
const mailsWith = (fragment: string, only: 'any' | 'new-lane' = 'any') =>
  h.smtp.messages.filter((m) => mailText(m.raw).includes(fragment) && (only === 'any' || !isCorrection(mailText(m.raw))));
const logsFor = (alertId: number) => h.logLines.filter((l) => (l.alert as { alertId?: number } | undefined)?.alertId === alertId);

function web(): Hono {
  const deps: WebDeps = { settings: h.settings, db: h.db.db, queues: h.queues, logger: h.ctx.logger, checkReady: async () => ({ postgres: true, redis: true }) };
  const app = new Hono();
  app.route('/lanes', lanesRoutes(deps));
  app.route('/alerts', alertsRoutes(deps));
  return app;
}

describe('undo of the approval that opened a lane, after its alert was delivered', () => {
  let dealId: number;
  let alertId: number;
  let correctionId: number;

  it('removes the lane and sends one correction to every channel', async () => {
    const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', amountUsd: 30e9 });
    dealId = deal.id;
    const approved = await h.approve(deal.id);
    alertId = approved.alertId as number;
    await waitFor(() => allDelivered(h, alertId), 20_000, 'the new-lane alert');

    const result = await undo(deal.id);
    expect(result.deal.reviewState).toBe('pending');
    expect(await laneOf(h, 'Anthropic', 'SpaceX')).toBeUndefined();

    const rows = await alertsOf(h, 'Anthropic', 'SpaceX');
    expect(rows.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    correctionId = rows[1].id;
    expect(rows[1]).toMatchObject({ message: spacexCorrection, correctsAlertId: alertId, dealId: deal.id });

    await waitFor(() => allDelivered(h, correctionId), 20_000, 'the correction');
    const hooks = hooksFor(correctionId);
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0].body)).toMatchObject({ event: 'lane.withdrawn', lab: 'Anthropic', provider: 'SpaceX', headline: spacexCorrection, correctsAlertId: alertId });
    expect(hooks[0].headers['x-lanewatch-event']).toBe('lane.withdrawn');
    expect(slackWith(spacexCorrection)).toHaveLength(1);
    // The mail's subject is encoded (the arrow is not ASCII): look for the body's words.
    expect(mailsWith('SpaceX was withdrawn by a reviewer')).toHaveLength(1);
    expect(logsFor(correctionId)).toHaveLength(1);
    // The original went out once and is not sent again.
    expect(hooksFor(alertId)).toHaveLength(1);
  });

  it('records what the undo did to the lane in the review history', async () => {
    const events = await h.db.db.select().from(reviewEvents).where(eq(reviewEvents.dealId, dealId)).orderBy(reviewEvents.id);
    expect(events.map((e) => e.action)).toEqual(['approve', 'undo']);
    expect(events[1].after).toMatchObject({ lanes: { recomputed: { lab: 'Anthropic', provider: 'SpaceX', outcome: 'removed', withdrawnAlertId: alertId, correctionAlertId: correctionId } } });
    expect(events[1].note).toContain('lane Anthropic → SpaceX removed');
  });

  it('the lane map, the API, the queue and the alerts list agree', async () => {
    const map = await loadLaneMap(h.db.db, { lab: 'Anthropic' });
    expect(map.cells.map((c) => c.provider)).toEqual(['Google', 'Amazon']);
    const api = (await (await web().request('/lanes?format=json&lab=Anthropic')).json()) as { lanes: { provider: string }[] };
    expect(api.lanes.map((l) => l.provider)).toEqual(['Google', 'Amazon']);
    // Approving it again would open a lane: the queue shows the "new lane" badge again.
    expect((await getDeal(h.db.db, dealId))?.newLane).toBe(true);

    const listed = await listAlerts(h.db.db);
    expect(listed.find((a) => a.id === alertId)).toMatchObject({ kind: 'new-lane', withdrawnAt: expect.any(Date) });
    expect(listed.find((a) => a.id === correctionId)).toMatchObject({ kind: 'correction', correctsAlertId: alertId, message: spacexCorrection });
    const page = await (await web().request('/alerts')).text();
    expect(page).toContain('Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer');
    expect(page).toContain('<span class="badge rejected">withdrawn</span>');
  });

  it('nothing more is sent once the queue is idle', async () => {
    const before = h.http.requests.length + h.smtp.messages.length;
    await h.enqueue();
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(h.http.requests.length + h.smtp.messages.length).toBe(before);
  });

  it('re-approving opens the lane again and raises one new alert, delivered once', async () => {
    const again = await h.approve(dealId);
    expect(again.laneOpened).toBe(true);
    expect(again.alertId).not.toBeNull();
    expect(again.alertId).not.toBe(alertId);
    const rows = await waitFor(() => allDelivered(h, again.alertId as number), 20_000, 'the new alert');
    expect(rows).toHaveLength(4);
    expect(hooksFor(again.alertId as number)).toHaveLength(1);
    expect(mailsWith(spacexHeadline, 'new-lane')).toHaveLength(2); // the first alert and this one
    expect(await laneOf(h, 'Anthropic', 'SpaceX')).toMatchObject({ origin: 'review', dealCount: 1, totalUsd: 30e9, openedByDealId: dealId });
  });

  it('the digest lists the reopened lane once, with its live alert', async () => {
    const digest = await buildDigestPayload(h.db.db, new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000), h.settings.PUBLIC_URL);
    expect(digest.newLanes.filter((l) => l.provider === 'SpaceX')).toEqual([expect.objectContaining({ lab: 'Anthropic', headline: spacexHeadline, dealId })]);
  });
});

describe('undo while other approved deals of the pair remain', () => {
  it('keeps the lane, recomputes its totals and opener, and sends nothing', async () => {
    const first = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 1e9 });
    const second = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 2e9 });
    const third = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: null });
    const opened = await h.approve(first.id);
    await h.approve(second.id);
    await h.approve(third.id);
    await waitFor(() => allDelivered(h, opened.alertId as number), 20_000, 'the alert');
    expect(await laneOf(h, 'Mistral', 'Fluidstack')).toMatchObject({ dealCount: 3, totalUsd: 3e9, openedByDealId: first.id });
    const sentBefore = h.http.requests.length + h.smtp.messages.length;

    // The approval that opened the lane is undone: the next approval in order becomes the opener.
    await undo(first.id);
    const [secondDeal, thirdDeal] = await h.db.db.select().from(deals).where(inArray(deals.id, [second.id, third.id])).orderBy(deals.id);
    const lane = (await laneOf(h, 'Mistral', 'Fluidstack'))!;
    expect(lane).toMatchObject({ origin: 'review', dealCount: 2, totalUsd: 2e9, totalGw: null, openedByDealId: second.id });
    expect(lane.openedAt).toEqual(secondDeal.reportedAt);
    expect(lane.lastDealAt).toEqual(thirdDeal.reportedAt);

    const pairAlerts = await alertsOf(h, 'Mistral', 'Fluidstack');
    expect(pairAlerts.map((a) => [a.kind, a.withdrawnAt])).toEqual([['new-lane', null]]);
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(h.http.requests.length + h.smtp.messages.length).toBe(sentBefore);

    // Undo the rest one by one: the lane goes with the last one, and only then is the alert corrected.
    await undo(third.id);
    expect(await laneOf(h, 'Mistral', 'Fluidstack')).toMatchObject({ dealCount: 1, totalUsd: 2e9, lastDealAt: secondDeal.reportedAt });
    expect(await alertsOf(h, 'Mistral', 'Fluidstack')).toHaveLength(1);
    await undo(second.id);
    expect(await laneOf(h, 'Mistral', 'Fluidstack')).toBeUndefined();
    const after = await alertsOf(h, 'Mistral', 'Fluidstack');
    expect(after.map((a) => a.kind)).toEqual(['new-lane', 'correction']);
    await waitFor(() => allDelivered(h, after[1].id), 20_000, 'the correction');
    expect(slackWith('Correction: the new compute lane Mistral → Fluidstack was withdrawn by a reviewer')).toHaveLength(1);
  });
});

describe('undo before the alert was delivered', () => {
  it('cancels the pending deliveries, sends nothing and makes no correction', async () => {
    await h.stopNotifier();
    try {
      const deal = await h.insertDeal({ lab: 'Cohere', provider: 'Nscale' });
      // The jobs are in Redis already: the notifier will find them when it starts.
      const { alertId } = await h.approve(deal.id);
      const id = alertId as number;
      await undo(deal.id);
      expect((await deliveriesOf(h, id)).map((d) => d.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      expect((await alertsOf(h, 'Cohere', 'Nscale')).map((a) => a.kind)).toEqual(['new-lane']);
      expect(await laneOf(h, 'Cohere', 'Nscale')).toBeUndefined();

      await h.startNotifier();
      await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
      expect(hooksFor(id)).toHaveLength(0);
      expect(logsFor(id)).toHaveLength(0);
      expect(mailsWith('Cohere added')).toHaveLength(0);
      expect((await deliveriesOf(h, id)).map((d) => [d.state, d.attempts])).toEqual(Array(4).fill(['cancelled', 0]));
    } finally {
      await h.startNotifier();
    }
  });

  it('a delivery in flight when the approval is undone: the correction waits for it, and follows only if it went out', async () => {
    await h.stopNotifier();
    try {
      const deal = await h.insertDeal({ lab: 'Reka', provider: 'Lambda' });
      const { alertId } = await h.approve(deal.id, { enqueue: false });
      const id = alertId as number;
      const channelCtx = { settings: h.settings, logger: h.ctx.logger };
      // The webhook delivery was claimed by a notifier and is being sent when the reviewer undoes the approval.
      const webhook = (await deliveriesOf(h, id)).find((d) => d.channel === 'webhook');
      await h.db.db.update(alertDeliveries).set({ state: 'processing' }).where(eq(alertDeliveries.id, webhook?.id as number));
      await undoLastAction({ db: h.db.db, settings: h.settings }, reviewer, deal.id);

      const [, correction] = await alertsOf(h, 'Reka', 'Lambda');
      const correctionRows = await deliveriesOf(h, correction.id);
      expect(correctionRows.map((d) => d.channel)).toEqual(['webhook']);
      expect((await deliveriesOf(h, id)).map((d) => [d.channel, d.state])).toEqual([
        ['email', 'cancelled'],
        ['log', 'cancelled'],
        ['slack', 'cancelled'],
        ['webhook', 'processing'],
      ]);
      // While the original is still in flight, the correction is retried later rather than sent first.
      await expect(deliverOne(h.db.db, correctionRows[0].id, channelCtx, false)).rejects.toThrow(/waiting for/);
      expect(hooksFor(correction.id)).toHaveLength(0);
      // The original went out: the correction follows it.
      await h.db.db.update(alertDeliveries).set({ state: 'succeeded' }).where(eq(alertDeliveries.id, webhook?.id as number));
      expect((await deliverOne(h.db.db, correctionRows[0].id, channelCtx, false)).outcome).toBe('succeeded');
      expect(hooksFor(correction.id)).toHaveLength(1);
    } finally {
      await h.startNotifier();
    }
  });

  it('a delivery in flight that is retried after the undo is cancelled, and so is its correction', async () => {
    await h.stopNotifier();
    try {
      const deal = await h.insertDeal({ lab: 'Reka', provider: 'Crusoe' });
      const { alertId } = await h.approve(deal.id, { enqueue: false });
      const id = alertId as number;
      const webhook = (await deliveriesOf(h, id)).find((d) => d.channel === 'webhook');
      await h.db.db.update(alertDeliveries).set({ state: 'processing' }).where(eq(alertDeliveries.id, webhook?.id as number));
      await undo(deal.id);
      // The notifier that had claimed it died; the job comes back and finds the alert withdrawn.
      await h.startNotifier();
      const [, correction] = await alertsOf(h, 'Reka', 'Crusoe');
      await waitFor(async () => {
        const [original] = (await deliveriesOf(h, id)).filter((d) => d.channel === 'webhook');
        const [fix] = await deliveriesOf(h, correction.id);
        return original.state === 'cancelled' && fix.state === 'cancelled';
      }, 20_000, 'the in-flight delivery and its correction to be cancelled');
      expect(hooksFor(id)).toHaveLength(0);
      expect(hooksFor(correction.id)).toHaveLength(0);
    } finally {
      await h.startNotifier();
    }
  });
});

describe('re-approval under concurrency', () => {
  it('two deals of a withdrawn pair approved at once raise one new alert', async () => {
    const a = await h.insertDeal({ lab: 'xAI', provider: 'Nvidia', amountUsd: 1e9 });
    const b = await h.insertDeal({ lab: 'xAI', provider: 'Nvidia', amountUsd: 2e9 });
    const first = await h.approve(a.id);
    await waitFor(() => allDelivered(h, first.alertId as number), 20_000, 'the first alert');
    await undo(a.id);

    const results = await Promise.all([a.id, b.id].map((id) => approveDeal({ db: h.db.db, settings: h.settings }, id, reviewer)));
    await h.enqueue();
    expect(results.filter((r) => r.laneOpened)).toHaveLength(1);
    const raised = results.map((r) => r.alertId).filter((x): x is number => x !== null);
    expect(raised).toHaveLength(1);
    const pair = await alertsOf(h, 'xAI', 'Nvidia');
    expect(pair.map((x) => [x.kind, x.withdrawnAt === null])).toEqual([
      ['new-lane', false],
      ['correction', true],
      ['new-lane', true],
    ]);
    await waitFor(() => allDelivered(h, raised[0]), 20_000, 'the new alert');
    expect(hooksFor(raised[0])).toHaveLength(1);
    expect(slackWith('xAI added a second compute lane: Nvidia (after Oracle)', 'new-lane')).toHaveLength(2);
    expect(await laneOf(h, 'xAI', 'Nvidia')).toMatchObject({ dealCount: 2, totalUsd: 3e9 });
  });

  it('an undo and an approval of the same pair at once leave the lane and its alerts consistent', async () => {
    const a = await h.insertDeal({ lab: 'Meta', provider: 'Lambda', amountUsd: 4e9 });
    const b = await h.insertDeal({ lab: 'Meta', provider: 'Lambda', amountUsd: 6e9 });
    const first = await h.approve(a.id);
    await waitFor(() => allDelivered(h, first.alertId as number), 20_000, 'the first alert');
    await Promise.all([
      undoLastAction({ db: h.db.db, settings: h.settings }, reviewer, a.id),
      approveDeal({ db: h.db.db, settings: h.settings }, b.id, reviewer),
    ]);
    await h.enqueue();
    // Whichever committed first, b is the lane's only deal and exactly one new-lane alert is active.
    expect(await laneOf(h, 'Meta', 'Lambda')).toMatchObject({ dealCount: 1, totalUsd: 6e9, openedByDealId: b.id });
    const active = (await alertsOf(h, 'Meta', 'Lambda')).filter((x) => x.kind === 'new-lane' && x.withdrawnAt === null);
    expect(active).toHaveLength(1);
  });
});

describe('baseline lanes', () => {
  it('are never removed by an undo; their counts are recomputed', async () => {
    const before = await laneOf(h, 'Anthropic', 'Google');
    const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'Google', amountUsd: 10e9 });
    const result = await h.approve(deal.id);
    expect(result).toEqual({ laneOpened: false, alertId: null });
    expect(await laneOf(h, 'Anthropic', 'Google')).toMatchObject({ origin: 'baseline', dealCount: 1, totalUsd: 10e9 });
    await undo(deal.id);
    const lane = (await laneOf(h, 'Anthropic', 'Google'))!;
    expect(lane).toMatchObject({ id: before!.id, origin: 'baseline', dealCount: 0, totalUsd: null, totalGw: null, lastDealAt: null, openedByDealId: null });
    expect(lane.openedAt).toEqual(before!.openedAt);
    expect(await alertsOf(h, 'Anthropic', 'Google')).toHaveLength(0);
  });
});

describe('ALERT_ON=candidate: undoing the approval that confirmed a provisional alert', () => {
  const c = useNotifiedHarness({ ALERT_ON: 'candidate', ALERT_CANDIDATE_MIN_CONFIDENCE: '0.8' });

  const delivered = async (alertId: number) => {
    const rows = await c.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId));
    return rows.length === 4 && rows.every((r) => r.state === 'succeeded');
  };

  it('withdraws it with a correction; approving again raises a new, confirmed alert', async () => {
    const deal = await c.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', confidence: 0.92 });
    await c.enqueue();
    const [provisional] = await c.db.db.select().from(alerts).where(eq(alerts.dealId, deal.id));
    await waitFor(() => delivered(provisional.id), 20_000, 'the provisional alert');
    expect(await c.approve(deal.id)).toEqual({ laneOpened: true, alertId: null });

    await undoLastAction({ db: c.db.db, settings: c.settings }, reviewer, deal.id);
    await c.enqueue();
    const rows = await c.db.db.select().from(alerts).orderBy(alerts.id);
    expect(rows.map((a) => [a.id === provisional.id, a.kind, a.withdrawnAt !== null])).toEqual([
      [true, 'new-lane', true],
      [false, 'correction', false],
    ]);
    expect(rows[1].payload).toMatchObject({ correctedHeadline: provisional.message });
    await waitFor(() => delivered(rows[1].id), 20_000, 'the correction');

    const again = await c.approve(deal.id);
    expect(again.laneOpened).toBe(true);
    expect(again.alertId).not.toBeNull();
    const [fresh] = await c.db.db.select().from(alerts).where(eq(alerts.id, again.alertId as number));
    expect(fresh).toMatchObject({ provisional: false, message: spacexHeadline });
    await waitFor(() => delivered(fresh.id), 20_000, 'the new alert');
    const hooks = c.http.requests.filter((r) => r.path === '/hook').map((r) => (JSON.parse(r.body) as { event: string }).event);
    expect(hooks).toEqual(['lane.opened', 'lane.withdrawn', 'lane.opened']);
  });
});
