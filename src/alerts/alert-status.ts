// Where an alert stands for a reviewer: waiting in its undo window ("sends in 42 s"), cancelled with nothing sent,
// sent, or corrected. Shown on the deal's card and page and on the Alerts page.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts, type AlertDelivery } from '../db/schema.js';
import { formatTime, formatWait } from '../format.js';

export type AlertSendStatus =
  | { state: 'waiting'; sendAfter: Date; secondsLeft: number }
  | { state: 'sending' }
  | { state: 'sent'; at: Date }
  /** Withdrawn before any channel had it: nothing was sent, no correction follows. */
  | { state: 'cancelled' }
  /** Withdrawn after a channel had it: a correction went (or goes) to those channels. */
  | { state: 'corrected' }
  | { state: 'failed' }
  | { state: 'no-channel' };

type DeliveryFacts = Pick<AlertDelivery, 'state' | 'deliveredAt'>;

export function alertSendStatus(alert: { sendAfter: Date | null; withdrawnAt: Date | null }, deliveries: DeliveryFacts[], now = new Date()): AlertSendStatus {
  const sent = deliveries.filter((d) => d.state === 'succeeded' && d.deliveredAt).map((d) => (d.deliveredAt as Date).getTime());
  if (alert.withdrawnAt) return sent.length || deliveries.some((d) => d.state === 'processing') ? { state: 'corrected' } : { state: 'cancelled' };
  if (deliveries.length === 0) return { state: 'no-channel' };
  if (sent.length) return { state: 'sent', at: new Date(Math.min(...sent)) };
  if (alert.sendAfter && alert.sendAfter.getTime() > now.getTime()) {
    return { state: 'waiting', sendAfter: alert.sendAfter, secondsLeft: (alert.sendAfter.getTime() - now.getTime()) / 1000 };
  }
  if (deliveries.every((d) => d.state === 'failed' || d.state === 'cancelled')) return { state: 'failed' };
  return { state: 'sending' };
}

/** "sends in 42 s", "cancelled: nothing sent", "sent 2026-12-06 01:07 UTC", … */
export function alertSendLabel(status: AlertSendStatus): string {
  switch (status.state) {
    case 'waiting':
      return `sends in ${formatWait(status.secondsLeft)}`;
    case 'sending':
      return 'sending';
    case 'sent':
      return `sent ${formatTime(status.at)}`;
    case 'cancelled':
      return 'cancelled: nothing sent';
    case 'corrected':
      return 'sent, then corrected';
    case 'failed':
      return 'not delivered (failed)';
    case 'no-channel':
      return 'no channel configured';
  }
}

export interface DealAlertStatus {
  alertId: number;
  status: AlertSendStatus;
}

/** The latest new-lane alert raised by each of these deals, with where it stands; deals without one are absent. */
export async function dealAlertStatuses(db: DbOrTx, dealIds: number[], now = new Date()): Promise<Map<number, DealAlertStatus>> {
  const out = new Map<number, DealAlertStatus>();
  if (dealIds.length === 0) return out;
  const rows = await db
    .select({ id: alerts.id, dealId: alerts.dealId, sendAfter: alerts.sendAfter, withdrawnAt: alerts.withdrawnAt })
    .from(alerts)
    .where(and(inArray(alerts.dealId, [...new Set(dealIds)]), eq(alerts.kind, 'new-lane')))
    .orderBy(desc(alerts.id));
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (r.dealId !== null && !latest.has(r.dealId)) latest.set(r.dealId, r);
  if (latest.size === 0) return out;
  const deliveries = await db
    .select({ alertId: alertDeliveries.alertId, state: alertDeliveries.state, deliveredAt: alertDeliveries.deliveredAt })
    .from(alertDeliveries)
    .where(inArray(alertDeliveries.alertId, [...latest.values()].map((a) => a.id)));
  for (const [dealId, a] of latest) {
    out.set(dealId, { alertId: a.id, status: alertSendStatus(a, deliveries.filter((d) => d.alertId === a.id), now) });
  }
  return out;
}
