// The undo window on real PostgreSQL, Redis, an HTTP receiver (webhook, Slack) and an SMTP server: a new-lane alert
// waits ALERT_DELAY_SECONDS in the outbox; undone or edited away within it, nothing is sent and no correction follows;
// left alone, every channel gets it once, after the window. Timing is asserted only as order (sent after the window).
import { describe, expect, it } from 'vitest';
import { editDeal, rejectDeal, undoLastAction } from '../../../src/deals/review.js';
import { alertDeliveries } from '../../../src/db/schema.js';
import { alertSendLabel, alertSendStatus, dealAlertStatuses } from '../../../src/alerts/alert-status.js';
import { deliverOne } from '../../../src/alerts/deliver.js';
import { jobIds, queueNames } from '../../../src/queue.js';
import { waitFor } from './receivers.js';
import { alertsOf, allDelivered, deliveriesOf, hooksFor, laneOf, queueIdle, useNotifiedHarness } from '../lanes/setup.js';

// Long enough that an undo right after the approval falls inside it on a loaded machine, short enough for a test.
const h = useNotifiedHarness({ ALERT_DELAY_SECONDS: '8' });
const reviewer = 'test-reviewer';

const slackFor = (headline: string) => h.http.requests.filter((r) => r.path === '/slack' && r.body.includes(headline));
const mailsFor = (headline: string) => h.smtp.messages.filter((m) => m.raw.replace(/\r\n[ \t]+/g, ' ').replace(/=\r\n/g, '').includes(headline));
const logsFor = (alertId: number) => h.logLines.filter((l) => (l.alert as { alertId?: number } | undefined)?.alertId === alertId);

/** Every trace an alert could leave on the channels. */
function sentAnywhere(alertId: number, headline: string): number {
  return hooksFor(h, alertId).length + slackFor(headline).length + mailsFor(headline).length + logsFor(alertId).length;
}

describe('undo within the window', () => {
  it('cancels the alert: nothing is sent, even after the window, and no correction is made', async () => {
    const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', amountUsd: 30e9 });
    const { alertId } = await h.approve(deal.id);
    const id = alertId as number;
    const [alert] = await alertsOf(h, 'Anthropic', 'SpaceX');
    expect(alert.sendAfter?.getTime()).toBeGreaterThan(alert.createdAt.getTime());
    expect((await deliveriesOf(h, id)).map((d) => d.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
    const waiting = (await dealAlertStatuses(h.db.db, [deal.id])).get(deal.id);
    expect(waiting?.status.state).toBe('waiting');
    expect(alertSendLabel(waiting?.status ?? { state: 'sending' })).toMatch(/^sends in \d+ s$/);

    await undoLastAction({ db: h.db.db, settings: h.settings }, reviewer, deal.id);
    const undoneAt = new Date();
    await h.enqueue();
    expect(undoneAt.getTime()).toBeLessThan(alert.sendAfter?.getTime() ?? 0); // the premise: the undo fell inside the window

    expect(await laneOf(h, 'Anthropic', 'SpaceX')).toBeUndefined();
    const rows = await alertsOf(h, 'Anthropic', 'SpaceX');
    expect(rows.map((a) => [a.kind, a.withdrawnAt !== null])).toEqual([['new-lane', true]]);
    expect((await deliveriesOf(h, id)).map((d) => d.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await dealAlertStatuses(h.db.db, [deal.id])).get(deal.id)?.status).toEqual({ state: 'cancelled' });

    // The delayed jobs come due after the window and find nothing to send.
    await waitFor(() => queueIdle(h), 30_000, 'the delayed deliveries to run');
    expect(sentAnywhere(id, alert.message)).toBe(0);
    expect((await deliveriesOf(h, id)).every((d) => d.state === 'cancelled' && d.attempts === 0)).toBe(true);
    expect(await alertsOf(h, 'Anthropic', 'SpaceX')).toHaveLength(1);
  });

  it('an edit that moves the deal to another pair within the window cancels the first alert without a correction', async () => {
    const deal = await h.insertDeal({ lab: 'OpenAI', provider: 'Cerebrus' });
    const { alertId } = await h.approve(deal.id);
    const [first] = await alertsOf(h, 'OpenAI', 'Cerebrus');
    await editDeal({ db: h.db.db, settings: h.settings }, deal.id, reviewer, { provider: 'Cerebras' });
    await h.enqueue();

    expect((await deliveriesOf(h, alertId as number)).every((d) => d.state === 'cancelled')).toBe(true);
    expect(await alertsOf(h, 'OpenAI', 'Cerebrus')).toHaveLength(1);
    const [second] = await alertsOf(h, 'OpenAI', 'Cerebras');
    await waitFor(() => allDelivered(h, second.id), 30_000, 'the alert of the corrected pair');
    expect(sentAnywhere(first.id, first.message)).toBe(0);
    expect(hooksFor(h, second.id)).toHaveLength(1);
  });
});

describe('left alone', () => {
  it('is delivered once to every channel, after the window, even when its job is run early', async () => {
    const deal = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 1.1e12 });
    const { alertId } = await h.approve(deal.id);
    const id = alertId as number;
    const [alert] = await alertsOf(h, 'Mistral', 'Fluidstack');
    const sendAfter = alert.sendAfter as Date;

    // Within the window the notifier claims nothing.
    const webhook = (await deliveriesOf(h, id)).find((d) => d.channel === 'webhook');
    const early = await deliverOne(h.db.db, webhook?.id as number, { settings: h.settings, logger: h.ctx.logger }, false);
    expect(early).toEqual({ outcome: 'not-due', sendAfter });
    expect((await deliveriesOf(h, id)).find((d) => d.channel === 'webhook')).toMatchObject({ state: 'pending', attempts: 0 });
    // A job that comes up before the window ends (here promoted by hand) is put back until then.
    const job = await h.queues.queue(queueNames.deliverAlert).getJob(jobIds.deliverAlert(webhook?.id as number));
    await job?.promote();

    await waitFor(() => h.logLines.some((l) => l.msg === 'delivery held until its undo window ends' && l.delivery_id === webhook?.id), 10_000, 'the early job to be put back');

    const rows = await waitFor(() => allDelivered(h, id), 40_000, 'the deliveries after the window');
    for (const r of rows) {
      expect(r.deliveredAt?.getTime()).toBeGreaterThanOrEqual(sendAfter.getTime());
      expect(r.attempts).toBe(1);
    }
    const status = alertSendStatus(alert, rows);
    expect(status.state).toBe('sent');
    expect(alertSendLabel(status)).toMatch(/^sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);

    // The sweep enqueueing again sends nothing more.
    await h.enqueue();
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(hooksFor(h, id)).toHaveLength(1);
    expect(slackFor(alert.message)).toHaveLength(1);
    expect(mailsFor(alert.message)).toHaveLength(1);
    expect(logsFor(id)).toHaveLength(1);
    const [payload] = hooksFor(h, id).map((r) => JSON.parse(r.body) as { headline: string });
    expect(payload.headline).toBe(alert.message);
  });

  it('an undo after the window sends the correction, as before', async () => {
    const deal = await h.insertDeal({ lab: 'Cohere', provider: 'CoreWeave' });
    const { alertId } = await h.approve(deal.id);
    await waitFor(() => allDelivered(h, alertId as number), 40_000, 'the deliveries after the window');
    await undoLastAction({ db: h.db.db, settings: h.settings }, reviewer, deal.id);
    await h.enqueue();
    const rows = await alertsOf(h, 'Cohere', 'CoreWeave');
    expect(rows.map((a) => a.kind)).toEqual(['new-lane', 'correction']);
    // A correction is about something already sent: it does not wait.
    expect(rows[1].sendAfter).toBeNull();
    await waitFor(() => allDelivered(h, rows[1].id), 20_000, 'the correction');
    expect((await dealAlertStatuses(h.db.db, [deal.id])).get(deal.id)?.status).toEqual({ state: 'corrected' });
    expect(await h.db.db.select().from(alertDeliveries)).not.toHaveLength(0);
  });
});

describe('a provisional alert (ALERT_ON=candidate)', () => {
  const c = useNotifiedHarness({ ALERT_ON: 'candidate', ALERT_DELAY_SECONDS: '8' });

  it('rejected within the window: nothing is sent and no correction is made', async () => {
    const deal = await c.insertDeal({ lab: 'Anthropic', provider: 'Fluidstack', confidence: 0.95 });
    await c.enqueue();
    const [alert] = await alertsOf(c, 'Anthropic', 'Fluidstack');
    expect(alert).toMatchObject({ provisional: true, withdrawnAt: null });
    expect(alert.sendAfter).not.toBeNull();

    await rejectDeal({ db: c.db.db, settings: c.settings }, deal.id, reviewer, 'not a deal');
    await c.enqueue();
    expect((await deliveriesOf(c, alert.id)).map((d) => d.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    await waitFor(() => queueIdle(c), 30_000, 'the delayed deliveries to run');
    expect(hooksFor(c, alert.id)).toHaveLength(0);
    expect(c.http.requests.filter((r) => r.body.includes('Fluidstack'))).toHaveLength(0);
    expect(c.smtp.messages.filter((m) => m.raw.includes('Fluidstack'))).toHaveLength(0);
    expect((await alertsOf(c, 'Anthropic', 'Fluidstack')).map((a) => a.kind)).toEqual(['new-lane']);
  });
});
