// Withdrawing a pair's live new-lane alert inside a review's transaction: deliveries not yet made are cancelled, and
// the channels that had it (or may have, mid-send) get one correction through the same outbox. Used when a lane a
// review opened loses its last approved deal (undo, edit) and when the candidate behind a provisional alert goes
// away (reject, merge, edit).
import { and, eq } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { alertDeliveries, alerts, type Alert } from '../db/schema.js';
import { insertDeliveries, liveAlertOf } from '../alerts/alert-store.js';
import { buildLaneCorrection, type LaneCorrectionPayload } from '../alerts/message.js';

/** The review action that withdrew the alert, as the correction tells it. */
export interface WithdrawCause {
  reason: LaneCorrectionPayload['reason'];
  dealId: number;
  /** Where the deal now stands: its new pair after an edit, the deal it was merged into. */
  now?: LaneCorrectionPayload['now'];
}

export interface Withdrawal {
  withdrawnAlertId: number | null;
  correctionAlertId: number | null;
  cancelledDeliveries: number;
}

/**
 * Withdraws the pair's live new-lane alert, if any. Its delivery rows are locked first, so that a notifier claiming
 * one waits for this decision: pending rows are cancelled (never sent); a channel whose row succeeded or is being
 * sent gets the correction, which deliverOne holds back until that send is known to have succeeded.
 * Call with the lab's lock held (lockLab); after the commit, call enqueuePendingDeliveries.
 */
export async function withdrawLiveAlert(tx: Tx, pair: { lab: string; provider: string }, cause: WithdrawCause, settings: Settings): Promise<Withdrawal> {
  const [alert] = await tx.select().from(alerts).where(liveAlertOf(pair.lab, pair.provider)).for('update');
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
  const correctionAlertId = reached.length ? await insertCorrection(tx, alert, cause, withdrawnAt, reached, settings) : null;
  return { withdrawnAlertId: alert.id, correctionAlertId, cancelledDeliveries: cancelled.length };
}

async function insertCorrection(tx: Tx, alert: Alert, cause: WithdrawCause, withdrawnAt: Date, channels: string[], settings: Settings): Promise<number | null> {
  const { message, payload } = buildLaneCorrection({
    lab: alert.lab,
    provider: alert.provider,
    correctsAlertId: alert.id,
    correctedHeadline: alert.message,
    dealId: cause.dealId,
    reason: cause.reason,
    now: cause.now ?? null,
    withdrawnAt,
    publicUrl: settings.PUBLIC_URL,
  });
  const [row] = await tx
    .insert(alerts)
    .values({ kind: 'correction', lab: alert.lab, provider: alert.provider, dealId: cause.dealId, correctsAlertId: alert.id, message, payload })
    .onConflictDoNothing({ target: alerts.correctsAlertId })
    .returning({ id: alerts.id });
  if (!row) return null;
  await insertDeliveries(tx, row.id, channels);
  return row.id;
}
