// What undoing an approval does to the lane map, inside the undo's transaction: the inverse of onDealApproved.
// The lane is recomputed from the pair's approved deals that remain; a lane a review opened and no approved deal
// supports any more is removed, and its alert withdrawn: deliveries not yet made are cancelled, and the channels that
// had it (or may have, mid-send) get one correction through the same outbox.
import { and, asc, eq } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { alertDeliveries, alerts, deals, lanes, type Alert, type Deal, type Lane } from '../db/schema.js';
import { dealDate, insertDeliveries, liveAlertOf, lockLab } from './alert-store.js';
import { buildLaneCorrection } from './message.js';

export type LaneUndoOutcome =
  /** The pair had no lane (nothing to undo on the map). */
  | { outcome: 'none' }
  /** The lane stays (a baseline lane, or other approved deals remain): its figures are those of the remaining deals. */
  | { outcome: 'recomputed'; laneId: number; dealCount: number; openedByDealId: number | null }
  | { outcome: 'removed'; laneId: number; withdrawnAlertId: number | null; correctionAlertId: number | null; cancelledDeliveries: number };

/**
 * Call inside the transaction that returns `deal` from approved to its earlier state (the deal row no longer
 * approved). After the commit, call enqueuePendingDeliveries so that a correction is sent.
 */
export async function onApprovalUndone(tx: Tx, deal: Pick<Deal, 'id' | 'lab' | 'provider'>, settings: Settings): Promise<LaneUndoOutcome> {
  // The same lock as approvals of the lab: an approval of this pair waits for the undo, or the undo for it.
  await lockLab(tx, deal.lab);
  const [lane] = await tx
    .select()
    .from(lanes)
    .where(and(eq(lanes.lab, deal.lab), eq(lanes.provider, deal.provider)))
    .for('update');
  if (!lane) return { outcome: 'none' };
  const remaining = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.lab, deal.lab), eq(deals.provider, deal.provider), eq(deals.reviewState, 'approved')))
    .orderBy(asc(deals.reviewedAt), asc(deals.id));

  if (remaining.length === 0 && lane.origin === 'review') {
    await tx.delete(lanes).where(eq(lanes.id, lane.id));
    return { outcome: 'removed', laneId: lane.id, ...(await withdrawLiveAlert(tx, deal, settings)) };
  }
  const set = laneFigures(lane, remaining);
  await tx.update(lanes).set(set).where(eq(lanes.id, lane.id));
  return { outcome: 'recomputed', laneId: lane.id, dealCount: set.dealCount, openedByDealId: set.openedByDealId };
}

function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/**
 * The lane as the remaining approvals alone would have left it. A review lane keeps its opener while that deal is
 * still approved; otherwise the remaining deal approved first opens it, on its date. A baseline lane keeps its own
 * origin and date.
 */
function laneFigures(lane: Lane, remaining: Deal[]): Pick<Lane, 'dealCount' | 'totalUsd' | 'totalGw' | 'lastDealAt' | 'openedByDealId' | 'openedAt'> {
  const dates = remaining.map((d) => dealDate(d).getTime());
  const figures = {
    dealCount: remaining.length,
    totalUsd: sumOrNull(remaining.map((d) => d.amountUsd)),
    totalGw: sumOrNull(remaining.map((d) => d.gigawatts)),
    lastDealAt: dates.length ? new Date(Math.max(...dates)) : null,
    openedByDealId: lane.openedByDealId,
    openedAt: lane.openedAt,
  };
  if (lane.origin !== 'review' || remaining.some((d) => d.id === lane.openedByDealId)) return figures;
  const opener = remaining[0];
  return { ...figures, openedByDealId: opener.id, openedAt: dealDate(opener) };
}

/**
 * Withdraws the pair's live new-lane alert. Its delivery rows are locked first, so that a notifier claiming one
 * waits for this decision: pending rows are cancelled (never sent); a channel whose row succeeded or is being sent
 * gets the correction, which deliverOne holds back until that send is known to have succeeded.
 */
async function withdrawLiveAlert(
  tx: Tx,
  deal: Pick<Deal, 'id' | 'lab' | 'provider'>,
  settings: Settings,
): Promise<{ withdrawnAlertId: number | null; correctionAlertId: number | null; cancelledDeliveries: number }> {
  const [alert] = await tx.select().from(alerts).where(liveAlertOf(deal.lab, deal.provider)).for('update');
  if (!alert) return { withdrawnAlertId: null, correctionAlertId: null, cancelledDeliveries: 0 };
  const rows = await tx.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alert.id)).orderBy(alertDeliveries.id).for('update');
  const cancelled = await tx
    .update(alertDeliveries)
    .set({ state: 'cancelled', updatedAt: new Date() })
    .where(and(eq(alertDeliveries.alertId, alert.id), eq(alertDeliveries.state, 'pending')))
    .returning({ id: alertDeliveries.id });
  const withdrawnAt = new Date();
  await tx.update(alerts).set({ withdrawnAt }).where(eq(alerts.id, alert.id));
  const reached = rows.filter((r) => r.state === 'succeeded' || r.state === 'processing').map((r) => r.channel);
  const correctionAlertId = reached.length ? await insertCorrection(tx, alert, deal.id, withdrawnAt, reached, settings) : null;
  return { withdrawnAlertId: alert.id, correctionAlertId, cancelledDeliveries: cancelled.length };
}

async function insertCorrection(tx: Tx, alert: Alert, dealId: number, withdrawnAt: Date, channels: string[], settings: Settings): Promise<number | null> {
  const { message, payload } = buildLaneCorrection({
    lab: alert.lab,
    provider: alert.provider,
    correctsAlertId: alert.id,
    correctedHeadline: alert.message,
    dealId,
    withdrawnAt,
    publicUrl: settings.PUBLIC_URL,
  });
  const [row] = await tx
    .insert(alerts)
    .values({ kind: 'correction', lab: alert.lab, provider: alert.provider, dealId, correctsAlertId: alert.id, message, payload })
    .onConflictDoNothing({ target: alerts.correctsAlertId })
    .returning({ id: alerts.id });
  if (!row) return null;
  await insertDeliveries(tx, row.id, channels);
  return row.id;
}
