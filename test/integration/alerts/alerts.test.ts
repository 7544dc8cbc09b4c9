// New-lane alerts end to end on real PostgreSQL, Redis, an HTTP receiver and an SMTP server (all on 127.0.0.1).
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alertDeliveries, alerts, deals, lanes } from '../../../src/db/schema.js';
import { sendWebhook, verifyWebhookSignature, signatureHeader } from '../../../src/alerts/channels/webhook.js';
import { DeliveryError } from '../../../src/alerts/channels/types.js';
import { renderTestMessage } from '../../../src/alerts/render.js';
import { queueNames } from '../../../src/queue.js';
import { waitFor } from './receivers.js';
import { enqueuePendingDeliveries } from '../../../src/alerts/deliveries.js';
import { deliverOne } from '../../../src/alerts/deliver.js';
import { allDelivered, deliveriesOf, fastRetry, queueIdle, storeSeedArticle, useNotifiedHarness, webhookSecret } from '../lanes/setup.js';

const h = useNotifiedHarness();

/** Unfolds header lines and quoted-printable soft breaks, so that a subject or sentence can be searched for. */
function mailText(raw: string): string {
  return raw.replace(/\r\n[ \t]+/g, ' ').replace(/=\r\n/g, '');
}

function webhookDeliveries(alertId: number) {
  return h.http.requests.filter((r) => r.path === '/hook' && (JSON.parse(r.body) as { alertId?: number }).alertId === alertId);
}
function slackMessages(fragment: string) {
  return h.http.requests.filter((r) => r.path === '/slack' && r.status === 200 && r.body.includes(fragment));
}
function mails(fragment: string) {
  return h.smtp.messages.filter((m) => mailText(m.raw).includes(fragment));
}
function logLines(alertId: number) {
  return h.logLines.filter((l) => (l.alert as { alertId?: number } | undefined)?.alertId === alertId);
}


describe('Anthropic → SpaceX from the seed article (real article and deal extraction)', () => {
  let alertId: number;

  it('opens Anthropic\'s third lane and delivers exactly one alert to each channel', async () => {
    const dealIds = await storeSeedArticle(h);
    const [spacex] = await h.db.db.select().from(deals).where(and(inArray(deals.id, dealIds), eq(deals.provider, 'SpaceX')));
    expect(spacex).toMatchObject({ lab: 'Anthropic', provider: 'SpaceX', reviewState: 'pending' });

    const result = await h.approve(spacex.id);
    expect(result.laneOpened).toBe(true);
    expect(result.alertId).toEqual(expect.any(Number));
    alertId = result.alertId as number;

    const rows = await waitFor(() => allDelivered(h, alertId), 20_000, 'the four deliveries');
    expect(rows.map((r) => [r.channel, r.attempts])).toEqual([
      ['email', 1],
      ['log', 1],
      ['slack', 1],
      ['webhook', 1],
    ]);

    const headline = 'Anthropic added a third compute lane: SpaceX (after Google, Amazon)';
    const hooks = webhookDeliveries(alertId);
    expect(hooks).toHaveLength(1);
    const payload = JSON.parse(hooks[0].body) as Record<string, unknown>;
    expect(payload).toMatchObject({ event: 'lane.opened', lab: 'Anthropic', provider: 'SpaceX', ordinal: 3, headline, confirmed: true, previousProviders: ['Google', 'Amazon'] });
    const sources = payload.sources as { evidence: string; url: string }[];
    expect(sources).toHaveLength(1);
    expect(sources[0].evidence.toLowerCase()).toContain('spacex');
    expect(JSON.stringify(payload.sources)).toContain('https://seed.example/the-alliance-map-is-dead');

    expect(slackMessages(headline)).toHaveLength(1);
    const mail = mails(headline);
    expect(mail).toHaveLength(1);
    expect(mail[0].to).toEqual(['analyst@example.test']);
    expect(mailText(mail[0].raw)).toContain(sources[0].evidence.slice(0, 40));
    const logged = logLines(alertId);
    expect(logged).toHaveLength(1);
    expect(logged[0].msg).toBe(`[lanewatch] ${headline}`);
  });

  it('signs the webhook so that the receiver can verify it, and a changed body fails', () => {
    const [hook] = webhookDeliveries(alertId);
    const header = String(hook.headers[signatureHeader]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(hook.body, header, webhookSecret, now)).toBe(true);
    expect(verifyWebhookSignature(hook.body.replace('SpaceX', 'SpaceY'), header, webhookSecret, now)).toBe(false);
    expect(verifyWebhookSignature(hook.body, header, 'another-secret', now)).toBe(false);
    // A replay of the same request an hour later is refused.
    expect(verifyWebhookSignature(hook.body, header, webhookSecret, now + 3600)).toBe(false);
  });

  it('skips a delivery that already succeeded (a duplicate job, or one re-enqueued by the sweep)', async () => {
    const webhook = (await deliveriesOf(h, alertId)).find((r) => r.channel === 'webhook');
    const before = h.http.requests.length;
    const result = await deliverOne(h.db.db, webhook?.id as number, { settings: h.settings, logger: h.ctx.logger }, false);
    expect(result.outcome).toBe('skipped');
    expect(h.http.requests.length).toBe(before);
    expect((await deliveriesOf(h, alertId)).find((r) => r.channel === 'webhook')?.attempts).toBe(1);
  });

  it('adds a second SpaceX deal to the lane and delivers nothing', async () => {
    const before = h.http.requests.length + h.smtp.messages.length;
    const second = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', amountUsd: 5e9 });
    const result = await h.approve(second.id);
    expect(result).toEqual({ laneOpened: false, alertId: null });

    const [lane] = await h.db.db.select().from(lanes).where(and(eq(lanes.lab, 'Anthropic'), eq(lanes.provider, 'SpaceX')));
    expect(lane).toMatchObject({ origin: 'review', dealCount: 2, totalUsd: 5e9 });
    const pairAlerts = await h.db.db.select().from(alerts).where(and(eq(alerts.lab, 'Anthropic'), eq(alerts.provider, 'SpaceX')));
    expect(pairAlerts).toHaveLength(1);
    const open = await h.db.db.select().from(alertDeliveries).where(inArray(alertDeliveries.state, ['pending', 'processing']));
    expect(open).toHaveLength(0);
    await waitFor(() => queueIdle(h), 10_000, 'the queue to be idle');
    expect(h.http.requests.length + h.smtp.messages.length).toBe(before);
  });
});

describe('retries', () => {
  it('a receiver answering 500 three times, then 200, gets the alert once', async () => {
    h.http.failNext('/hook', 3, 500);
    const deal = await h.insertDeal({ lab: 'xAI', provider: 'Nvidia' });
    const { alertId } = await h.approve(deal.id);
    expect(alertId).not.toBeNull();
    const rows = await waitFor(() => allDelivered(h, alertId as number), 30_000, 'the deliveries');
    const webhook = rows.find((r) => r.channel === 'webhook');
    expect(webhook).toMatchObject({ state: 'succeeded', attempts: 4, lastError: null });
    expect(webhookDeliveries(alertId as number).map((r) => r.status)).toEqual([500, 500, 500, 200]);
    // The other channels were not held back by the webhook's failures.
    expect(rows.filter((r) => r.channel !== 'webhook').every((r) => r.attempts === 1)).toBe(true);
    expect(mails('xAI added a second compute lane: Nvidia (after Oracle)')).toHaveLength(1);
  });

  it('a channel that is down delays only its own deliveries', async () => {
    h.http.failAlways('/slack', 503);
    const deal = await h.insertDeal({ lab: 'Meta', provider: 'Nebius' });
    const { alertId } = await h.approve(deal.id);
    const id = alertId as number;
    const others = await waitFor(async () => {
      const rows = await deliveriesOf(h, id);
      const slack = rows.find((r) => r.channel === 'slack');
      const rest = rows.filter((r) => r.channel !== 'slack');
      return rest.length === 3 && rest.every((r) => r.state === 'succeeded') && slack && slack.attempts >= 2 ? { slack, rest } : undefined;
    }, 20_000, 'the other channels to deliver while Slack is down');
    expect(others.slack.state).not.toBe('succeeded');
    expect(others.slack.lastError).toContain('HTTP 503');
    expect(others.slack.responseExcerpt).toContain('receiver says 503');

    h.http.failAlways('/slack', null);
    const rows = await waitFor(() => allDelivered(h, id), 20_000, 'Slack after it came back');
    expect(rows.find((r) => r.channel === 'slack')?.lastError).toBeNull();
    expect(slackMessages('Meta added a third compute lane: Nebius')).toHaveLength(1);
  });
});

describe('final failures', () => {
  it('marks a delivery failed, with its last error, when the attempts run out', async () => {
    h.http.failAlways('/hook', 502);
    const deal = await h.insertDeal({ lab: 'Cohere', provider: 'Oracle' });
    const { alertId } = await h.approve(deal.id, { enqueue: false });
    await enqueuePendingDeliveries(h.db.db, h.queues, { ...fastRetry, attempts: 2 });
    const webhook = await waitFor(async () => {
      const row = (await deliveriesOf(h, alertId as number)).find((r) => r.channel === 'webhook');
      return row?.state === 'failed' ? row : undefined;
    }, 20_000, 'the webhook delivery to fail for good');
    h.http.failAlways('/hook', null);
    expect(webhook).toMatchObject({ attempts: 2, lastError: 'receiver answered HTTP 502' });
    expect(webhookDeliveries(alertId as number).map((r) => r.status)).toEqual([502, 502]);
    // A failed delivery is terminal: the sweep does not send it again.
    expect(await enqueuePendingDeliveries(h.db.db, h.queues)).toBe(0);
  });

  it('fails at once, without retrying, a delivery that can never succeed', async () => {
    const [alert] = await h.db.db.select().from(alerts).where(and(eq(alerts.lab, 'Cohere'), eq(alerts.provider, 'Oracle')));
    const [row] = await h.db.db.insert(alertDeliveries).values({ alertId: alert.id, channel: 'pager' }).returning();
    await h.enqueue();
    const failed = await waitFor(async () => {
      const [r] = await h.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, row.id));
      return r.state === 'failed' ? r : undefined;
    }, 20_000, 'the unknown channel to fail');
    expect(failed).toMatchObject({ attempts: 1, lastError: 'unknown channel "pager"' });
  });
});

describe('the webhook and private addresses', () => {
  it('refuses a webhook on a private address unless ALLOW_PRIVATE_NETWORKS, as a permanent failure', async () => {
    const before = h.http.requests.length;
    const message = renderTestMessage(new Date(), h.settings.PUBLIC_URL);
    const attempt = sendWebhook(message, { settings: { ...h.settings, ALLOW_PRIVATE_NETWORKS: false }, logger: h.ctx.logger });
    await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
    await expect(attempt).rejects.toMatchObject({ permanent: true });
    await expect(attempt).rejects.toThrow(/^blocked-address/);
    expect(h.http.requests.length).toBe(before);
  });
});

describe('a notifier that is not running', () => {
  it('delivers, once started, what was committed while it was down', async () => {
    await h.stopNotifier();
    const deal = await h.insertDeal({ lab: 'Microsoft', provider: 'Lambda' });
    const { alertId } = await h.approve(deal.id);
    const id = alertId as number;
    const waiting = await h.queues.queue(queueNames.deliverAlert).getJobCounts('waiting');
    expect(waiting.waiting).toBeGreaterThanOrEqual(4);
    expect((await deliveriesOf(h, id)).map((r) => [r.state, r.attempts])).toEqual(Array(4).fill(['pending', 0]));

    await h.startNotifier();
    await waitFor(() => allDelivered(h, id), 20_000, 'the deliveries after the start');
    expect(webhookDeliveries(id)).toHaveLength(1);
    expect(logLines(id)).toHaveLength(1);
  });

  it('sends, once started, an alert whose jobs never reached Redis (crash between commit and enqueue)', async () => {
    await h.stopNotifier();
    const deal = await h.insertDeal({ lab: 'Microsoft', provider: 'Crusoe' });
    const { alertId } = await h.approve(deal.id, { enqueue: false });
    const id = alertId as number;
    const counts = await h.queues.queue(queueNames.deliverAlert).getJobCounts('waiting', 'delayed');
    expect(counts.waiting + counts.delayed).toBe(0);

    await h.startNotifier();
    await waitFor(() => allDelivered(h, id), 20_000, 'the deliveries found by the start-up sweep');
    expect(webhookDeliveries(id)).toHaveLength(1);
    expect(mails('Microsoft added')).not.toHaveLength(0);
  });
});

describe('concurrent approvals', () => {
  it('two deals of one new pair approved at the same moment raise one alert', async () => {
    const a = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 1e9 });
    const b = await h.insertDeal({ lab: 'Mistral', provider: 'Fluidstack', amountUsd: 2e9 });
    // Both transactions are open before either approves: the database, not the order of calls, decides.
    let arrived = 0;
    let release: () => void = () => {};
    const bothOpen = new Promise<void>((r) => (release = r));
    const approveConcurrently = (dealId: number) =>
      h.db.db.transaction(async (tx) => {
        const [deal] = await tx.update(deals).set({ reviewState: 'approved', reviewer: 'test' }).where(eq(deals.id, dealId)).returning();
        if (++arrived === 2) release();
        await bothOpen;
        const { onDealApproved } = await import('../../../src/lanes/approve.js');
        return onDealApproved(tx, deal, h.settings);
      });
    const results = await Promise.all([approveConcurrently(a.id), approveConcurrently(b.id)]);
    await h.enqueue();

    expect(results.filter((r) => r.laneOpened)).toHaveLength(1);
    expect(results.filter((r) => r.alertId !== null)).toHaveLength(1);
    const pairAlerts = await h.db.db.select().from(alerts).where(and(eq(alerts.lab, 'Mistral'), eq(alerts.provider, 'Fluidstack')));
    expect(pairAlerts).toHaveLength(1);
    expect(pairAlerts[0].message).toBe('Mistral added its first compute lane: Fluidstack');
    const [lane] = await h.db.db.select().from(lanes).where(and(eq(lanes.lab, 'Mistral'), eq(lanes.provider, 'Fluidstack')));
    expect(lane).toMatchObject({ dealCount: 2, totalUsd: 3e9 });
    await waitFor(() => allDelivered(h, pairAlerts[0].id), 20_000, 'the deliveries');
    expect(webhookDeliveries(pairAlerts[0].id)).toHaveLength(1);
    expect(slackMessages('Mistral added its first compute lane: Fluidstack')).toHaveLength(1);
  });
});
