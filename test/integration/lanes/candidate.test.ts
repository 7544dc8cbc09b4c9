// ALERT_ON=candidate: a provisional alert for a confident candidate that would open a lane, confirmed (not resent)
// when the deal is approved, withdrawn (corrected, or cancelled before delivery) when the candidate goes away.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alertDeliveries, alerts, reviewEvents } from '../../../src/db/schema.js';
import { bulkRejectDeals, editDeal, mergeDeal, rejectDeal, undoLastAction, type ReviewContext } from '../../../src/deals/review.js';
import { waitFor } from '../alerts/receivers.js';
import { alertsOf, allDelivered, deliveriesOf, hooksFor, laneOf, useNotifiedHarness } from './setup.js';

const h = useNotifiedHarness({ ALERT_ON: 'candidate', ALERT_CANDIDATE_MIN_CONFIDENCE: '0.8' });

async function pairAlerts(lab: string, provider: string) {
  return h.db.db.select().from(alerts).where(and(eq(alerts.lab, lab), eq(alerts.provider, provider)));
}

describe('provisional alerts', () => {
  it('alerts on a confident candidate that would open a lane, marked unconfirmed', async () => {
    const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', confidence: 0.92 });
    await h.enqueue();
    const [alert] = await pairAlerts('Anthropic', 'SpaceX');
    expect(alert).toMatchObject({ provisional: true, dealId: deal.id, laneId: null });
    expect(alert.message).toBe('Unconfirmed: Anthropic added a third compute lane: SpaceX (after Google, Amazon) (candidate pending review)');
    expect(alert.payload).toMatchObject({ confirmed: false });
    await waitFor(async () => {
      const rows = await h.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alert.id));
      return rows.length === 4 && rows.every((r) => r.state === 'succeeded');
    }, 20_000, 'the provisional deliveries');
    const hook = h.http.requests.filter((r) => r.path === '/hook');
    expect(hook).toHaveLength(1);
    expect(JSON.parse(hook[0].body)).toMatchObject({ confirmed: false, title: alert.message });
  });

  it('says nothing for a candidate below the threshold or on an existing lane', async () => {
    await h.insertDeal({ lab: 'Cohere', provider: 'CoreWeave', confidence: 0.5 });
    await h.insertDeal({ lab: 'OpenAI', provider: 'Oracle', confidence: 0.99 });
    expect(await pairAlerts('Cohere', 'CoreWeave')).toHaveLength(0);
    expect(await pairAlerts('OpenAI', 'Oracle')).toHaveLength(0);
  });

  it('confirms the provisional alert when the deal is approved and sends nothing more', async () => {
    const requestsBefore = h.http.requests.length;
    const mailsBefore = h.smtp.messages.length;
    const [provisional] = await pairAlerts('Anthropic', 'SpaceX');
    const result = await h.approve(provisional.dealId as number);
    expect(result).toEqual({ laneOpened: true, alertId: null });
    const [confirmed] = await pairAlerts('Anthropic', 'SpaceX');
    expect(confirmed.id).toBe(provisional.id);
    expect(confirmed.provisional).toBe(false);
    expect(confirmed.laneId).not.toBeNull();
    expect(confirmed.payload).toMatchObject({ confirmed: true, confirmedByDealId: provisional.dealId });
    const rows = await h.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, provisional.id));
    expect(rows).toHaveLength(4);
    expect(h.http.requests.length).toBe(requestsBefore);
    expect(h.smtp.messages.length).toBe(mailsBefore);
  });
});

describe('provisional alerts whose candidate goes away', () => {
  const reviewer = 'test-reviewer';
  const review = (): ReviewContext => ({ db: h.db.db, settings: h.settings });
  /** A confident candidate whose provisional alert has reached every channel. */
  async function deliveredCandidate(lab: string, provider: string) {
    const deal = await h.insertDeal({ lab, provider, confidence: 0.92 });
    await h.enqueue();
    const [alert] = await alertsOf(h, lab, provider);
    expect(alert).toMatchObject({ provisional: true, dealId: deal.id });
    await waitFor(() => allDelivered(h, alert.id), 20_000, 'the provisional alert');
    return { deal, alert };
  }
  const liveOf = async (lab: string, provider: string) => (await alertsOf(h, lab, provider)).filter((a) => a.kind === 'new-lane' && a.withdrawnAt === null);

  it('rejecting the candidate withdraws its delivered alert with one correction per channel', async () => {
    const { deal, alert } = await deliveredCandidate('Cohere', 'Nscale');
    await rejectDeal(review(), deal.id, reviewer, 'not a deal');
    await h.enqueue();
    const rows = await alertsOf(h, 'Cohere', 'Nscale');
    expect(rows.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    expect(rows[1]).toMatchObject({ correctsAlertId: alert.id, message: 'Correction: the new compute lane Cohere → Nscale was withdrawn by a reviewer' });
    expect(rows[1].payload).toMatchObject({ reason: 'rejected', correctedHeadline: alert.message });
    await waitFor(() => allDelivered(h, rows[1].id), 20_000, 'the correction');
    expect(JSON.parse(hooksFor(h, rows[1].id)[0].body)).toMatchObject({ event: 'lane.withdrawn', reason: 'rejected' });
    expect(hooksFor(h, alert.id)).toHaveLength(1);
    const [event] = await h.db.db.select().from(reviewEvents).where(eq(reviewEvents.dealId, deal.id));
    expect(event.note).toMatch(/^not a deal; provisional alert for Cohere → Nscale withdrawn, correction alert #\d+ sent for alert #\d+$/);
  });

  it('undoing the rejection puts the candidate back without alerting again', async () => {
    const [withdrawn] = await alertsOf(h, 'Cohere', 'Nscale');
    const undone = await undoLastAction(review(), reviewer, withdrawn.dealId as number);
    expect(undone.deal.reviewState).toBe('pending');
    expect(await liveOf('Cohere', 'Nscale')).toHaveLength(0);
    expect(await alertsOf(h, 'Cohere', 'Nscale')).toHaveLength(2);
  });

  it('rejecting before delivery cancels the alert and sends no correction', async () => {
    await h.stopNotifier();
    try {
      const deal = await h.insertDeal({ lab: 'Reka', provider: 'Crusoe', confidence: 0.95 });
      const [alert] = await alertsOf(h, 'Reka', 'Crusoe');
      await rejectDeal(review(), deal.id, reviewer);
      expect((await deliveriesOf(h, alert.id)).map((d) => d.state)).toEqual(Array(4).fill('cancelled'));
      expect((await alertsOf(h, 'Reka', 'Crusoe')).map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([['new-lane', true]]);
      await h.startNotifier();
      await h.enqueue();
      await new Promise((r) => setTimeout(r, 500));
      expect(hooksFor(h, alert.id)).toHaveLength(0);
    } finally {
      await h.startNotifier();
    }
  });

  it('another confident candidate of the pair keeps the alert standing; the last one withdraws it', async () => {
    const { deal, alert } = await deliveredCandidate('Mistral', 'Fluidstack');
    const other = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', confidence: 0.85 });
    await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', confidence: 0.5 });
    await rejectDeal(review(), deal.id, reviewer);
    expect((await liveOf('Mistral', 'Fluidstack')).map((a) => a.id)).toEqual([alert.id]);
    // A candidate below the threshold does not hold it up.
    const result = await bulkRejectDeals(review(), [other.id], reviewer);
    expect(result.rejected).toEqual([other.id]);
    await h.enqueue();
    expect(await liveOf('Mistral', 'Fluidstack')).toHaveLength(0);
    const rows = await alertsOf(h, 'Mistral', 'Fluidstack');
    expect(rows.map((a) => a.kind)).toEqual(['new-lane', 'correction']);
    expect(rows[1].dealId).toBe(other.id);
  });

  it('merging the candidate into one of another pair withdraws the alert, naming where it went', async () => {
    const { deal, alert } = await deliveredCandidate('xAI', 'Crusoe');
    const target = await h.insertDeal({ lab: 'xAI', provider: 'Oracle', confidence: 0.6 });
    await mergeDeal(review(), deal.id, target.id, reviewer);
    await h.enqueue();
    const rows = await alertsOf(h, 'xAI', 'Crusoe');
    expect(rows.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    expect(rows[1].payload).toMatchObject({ reason: 'merged', correctsAlertId: alert.id, now: { dealId: target.id, lab: 'xAI', provider: 'Oracle' } });
    await waitFor(() => allDelivered(h, rows[1].id), 20_000, 'the correction');
    // xAI → Oracle has a baseline lane: no provisional alert there.
    expect(await alertsOf(h, 'xAI', 'Oracle')).toHaveLength(0);
  });

  it('merging the candidate into a confident one of the same pair keeps the alert', async () => {
    const { deal, alert } = await deliveredCandidate('Meta', 'Nscale');
    // Reported two months later: a separate candidate, not clustered into the first.
    const target = await h.insertDeal({ lab: 'Meta', provider: 'Nscale', confidence: 0.9 });
    await mergeDeal(review(), deal.id, target.id, reviewer);
    expect((await liveOf('Meta', 'Nscale')).map((a) => a.id)).toEqual([alert.id]);
    expect(await alertsOf(h, 'Meta', 'Nscale')).toHaveLength(1);
  });

  it('editing the candidate to another pair withdraws the old alert and raises one for the new pair', async () => {
    const { deal, alert } = await deliveredCandidate('Microsoft', 'Lambda');
    await editDeal(review(), deal.id, reviewer, { provider: 'Crusoe' });
    await h.enqueue();
    const old = await alertsOf(h, 'Microsoft', 'Lambda');
    expect(old.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([
      ['new-lane', true],
      ['correction', false],
    ]);
    expect(old[1].payload).toMatchObject({ reason: 'edited', correctsAlertId: alert.id, now: { lab: 'Microsoft', provider: 'Crusoe' } });
    const [fresh] = await liveOf('Microsoft', 'Crusoe');
    expect(fresh).toMatchObject({ provisional: true, dealId: deal.id, message: expect.stringMatching(/^Unconfirmed: Microsoft added a \w+ compute lane: Crusoe/) });
    await waitFor(() => allDelivered(h, old[1].id), 20_000, 'the correction');
    await waitFor(() => allDelivered(h, fresh.id), 20_000, 'the new provisional alert');
    expect(await laneOf(h, 'Microsoft', 'Crusoe')).toBeUndefined();
  });
});
