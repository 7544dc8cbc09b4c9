// Alerts with their deliveries (state, attempts, last error), newest first: for `lanewatch alerts list` and the web.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts, digests, type Alert, type AlertDelivery } from '../db/schema.js';
import { channels } from './channels/index.js';
import { renderTestMessage } from './render.js';
import type { ChannelContext, ChannelName } from './channels/types.js';
import { configuredChannels } from './channels/configured.js';
import { redactUrlsIn } from '../text/redact.js';

export interface DeliveryView {
  id: number;
  channel: string;
  state: AlertDelivery['state'];
  attempts: number;
  lastError: string | null;
  responseExcerpt: string | null;
  deliveredAt: Date | null;
  updatedAt: Date;
}

/** An alert or a digest as listed: its own fields, then its deliveries (one per channel). */
export type Listed<T> = T & { deliveries: DeliveryView[] };

export type AlertView = Listed<{
  id: number;
  kind: Alert['kind'];
  lab: string;
  provider: string;
  provisional: boolean;
  message: string;
  dealId: number | null;
  /** Set when a reviewer undid the approval behind it (its lane was removed). */
  withdrawnAt: Date | null;
  /** On a correction: the alert it withdraws. */
  correctsAlertId: number | null;
  /** The end of its undo window: no channel gets it before then. */
  sendAfter: Date | null;
  createdAt: Date;
}>;

export type DigestView = Listed<{
  id: number;
  periodStart: Date;
  periodEnd: Date;
  message: string;
}>;

function view(d: AlertDelivery): DeliveryView {
  return {
    id: d.id,
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    // Errors and answers can quote the webhook or Slack URL, whose path is its secret.
    lastError: d.lastError === null ? null : redactUrlsIn(d.lastError),
    responseExcerpt: d.responseExcerpt === null ? null : redactUrlsIn(d.responseExcerpt),
    deliveredAt: d.deliveredAt,
    updatedAt: d.updatedAt,
  };
}

/** Attaches to each alert or digest its deliveries, in one query. */
async function withDeliveries<T extends { id: number }>(db: DbOrTx, items: T[], owner: 'alertId' | 'digestId'): Promise<Listed<T>[]> {
  if (items.length === 0) return [];
  const deliveries = await db
    .select()
    .from(alertDeliveries)
    .where(inArray(alertDeliveries[owner], items.map((i) => i.id)))
    .orderBy(alertDeliveries.id);
  return items.map((item) => ({ ...item, deliveries: deliveries.filter((d) => d[owner] === item.id).map(view) }));
}

export async function listAlerts(db: DbOrTx, limit = 100): Promise<AlertView[]> {
  const rows = await db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      lab: alerts.lab,
      provider: alerts.provider,
      provisional: alerts.provisional,
      message: alerts.message,
      dealId: alerts.dealId,
      withdrawnAt: alerts.withdrawnAt,
      correctsAlertId: alerts.correctsAlertId,
      sendAfter: alerts.sendAfter,
      createdAt: alerts.createdAt,
    })
    .from(alerts)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(limit);
  return withDeliveries(db, rows, 'alertId');
}

export async function listDigests(db: DbOrTx, limit = 30): Promise<DigestView[]> {
  const rows = await db
    .select({ id: digests.id, periodStart: digests.periodStart, periodEnd: digests.periodEnd, message: digests.message })
    .from(digests)
    .orderBy(desc(digests.periodStart))
    .limit(limit);
  return withDeliveries(db, rows, 'digestId');
}

/** Puts failed deliveries of an alert back to pending (attempts kept); returns how many. Enqueue them afterwards. */
export async function retryFailedDeliveries(db: DbOrTx, alertId: number): Promise<number> {
  const rows = await db
    .update(alertDeliveries)
    .set({ state: 'pending', updatedAt: new Date() })
    .where(and(eq(alertDeliveries.alertId, alertId), eq(alertDeliveries.state, 'failed')))
    .returning({ id: alertDeliveries.id });
  return rows.length;
}

export interface TestSendResult {
  channel: ChannelName;
  ok: boolean;
  detail: string;
}

/** Sends a test message to every configured channel now (not through the queue), one result per channel. */
export async function sendTestAlert(ctx: ChannelContext, now = new Date()): Promise<TestSendResult[]> {
  const message = renderTestMessage(now, ctx.settings.PUBLIC_URL);
  return Promise.all(
    configuredChannels(ctx.settings).map(async (channel) => {
      try {
        const r = await channels[channel](message, ctx);
        return { channel, ok: true, detail: r.excerpt };
      } catch (err) {
        return { channel, ok: false, detail: (err as Error).message };
      }
    }),
  );
}
