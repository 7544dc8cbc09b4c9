// ALERT_ON=candidate: a provisional alert for a confident candidate that would open a lane, confirmed (not resent)
// when the deal is approved.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDeliveries, alerts } from '../../../src/db/schema.js';
import type { RunningRole } from '../../../src/service/role.js';
import { startNotifier } from '../../../workers/notifier.js';
import { waitFor } from './receivers.js';
import { startHarness, type LanesHarness } from './setup.js';

let h: LanesHarness;
let notifier: RunningRole;

beforeAll(async () => {
  h = await startHarness({ ALERT_ON: 'candidate', ALERT_CANDIDATE_MIN_CONFIDENCE: '0.8' });
  notifier = await startNotifier(h.ctx);
});

afterAll(async () => {
  await notifier?.close();
  await h?.close();
});

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
