// Alerts with their deliveries (state, attempts, last error), newest first: for `lanewatch alerts list` and the web.
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts, digests, type AlertDelivery } from '../db/schema.js';
import { channels } from './channels/index.js';
import { renderTestMessage } from './render.js';
import type { ChannelContext, ChannelName } from './channels/types.js';
import { configuredChannels } from './channels/configured.js';

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

export interface AlertView {
  id: number;
  lab: string;
  provider: string;
  provisional: boolean;
  message: string;
  dealId: number | null;
  createdAt: Date;
  deliveries: DeliveryView[];
}

export interface DigestView {
  id: number;
  periodStart: Date;
  periodEnd: Date;
  message: string;
  deliveries: DeliveryView[];
}

function view(d: AlertDelivery): DeliveryView {
  return {
    id: d.id,
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    responseExcerpt: d.responseExcerpt,
    deliveredAt: d.deliveredAt,
    updatedAt: d.updatedAt,
  };
}

export async function listAlerts(db: DbOrTx, limit = 100): Promise<AlertView[]> {
  const rows = await db.select().from(alerts).orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(limit);
  if (rows.length === 0) return [];
  const deliveries = await db
    .select()
    .from(alertDeliveries)
    .where(inArray(alertDeliveries.alertId, rows.map((r) => r.id)))
    .orderBy(alertDeliveries.id);
  return rows.map((a) => ({
    id: a.id,
    lab: a.lab,
    provider: a.provider,
    provisional: a.provisional,
    message: a.message,
    dealId: a.dealId,
    createdAt: a.createdAt,
    deliveries: deliveries.filter((d) => d.alertId === a.id).map(view),
  }));
}

export async function listDigests(db: DbOrTx, limit = 30): Promise<DigestView[]> {
  const rows = await db.select().from(digests).orderBy(desc(digests.periodStart)).limit(limit);
  if (rows.length === 0) return [];
  const deliveries = await db
    .select()
    .from(alertDeliveries)
    .where(and(isNotNull(alertDeliveries.digestId), inArray(alertDeliveries.digestId, rows.map((r) => r.id))))
    .orderBy(alertDeliveries.id);
  return rows.map((d) => ({
    id: d.id,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    message: d.message,
    deliveries: deliveries.filter((x) => x.digestId === d.id).map(view),
  }));
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
