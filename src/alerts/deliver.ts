// Delivers one outbox row (an alert or a digest to one channel) and records the outcome on the row.
// Throws when the channel failed, so that BullMQ's attempts and backoff do the retrying.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts, digests, type Alert, type AlertDelivery } from '../db/schema.js';
import { channels, isChannelName } from './channels/index.js';
import { DeliveryError, type ChannelContext, type OutboundMessage } from './channels/types.js';
import { renderDigest } from './digest-render.js';
import { renderAlert } from './render.js';

export type DeliveryOutcome =
  | { outcome: 'succeeded'; delivery: AlertDelivery }
  /** Already succeeded, failed or cancelled (a duplicate job, or one re-enqueued by the sweep), the row is gone, or the alert was withdrawn. */
  | { outcome: 'skipped'; reason: string }
  /** The alert is still in its undo window: nothing was claimed or sent; try again at sendAfter. */
  | { outcome: 'not-due'; sendAfter: Date };

/** Thrown after the row was marked failed for good: the worker wraps it in UnrecoverableError. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/**
 * Whether an alert may go to this delivery's channel now. A withdrawn alert is no longer sent. A correction goes
 * only where the alert it corrects was delivered, and after it: while that delivery is still in flight it waits.
 */
async function alertGate(db: DbOrTx, alert: Alert, channel: string): Promise<{ gate: 'send' } | { gate: 'cancel' | 'wait'; reason: string }> {
  if (alert.withdrawnAt) return { gate: 'cancel', reason: 'the alert was withdrawn by a reviewer before this channel had it' };
  if (alert.kind !== 'correction' || alert.correctsAlertId === null) return { gate: 'send' };
  const [corrected] = await db
    .select({ state: alertDeliveries.state })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.alertId, alert.correctsAlertId), eq(alertDeliveries.channel, channel)));
  if (corrected?.state === 'succeeded') return { gate: 'send' };
  if (corrected?.state === 'pending' || corrected?.state === 'processing') {
    return { gate: 'wait', reason: `waiting for the withdrawn alert ${alert.correctsAlertId}'s ${channel} delivery to finish` };
  }
  return { gate: 'cancel', reason: `the withdrawn alert ${alert.correctsAlertId} never reached ${channel}: nothing to correct` };
}

async function digestMessage(db: DbOrTx, digestId: number | null): Promise<OutboundMessage | null> {
  if (digestId === null) return null;
  const [digest] = await db.select().from(digests).where(eq(digests.id, digestId));
  return digest ? renderDigest(digest) : null;
}

/**
 * `isFinalAttempt`: no retry follows this one, so a failure marks the row failed (terminal) instead of pending.
 */
export async function deliverOne(db: DbOrTx, deliveryId: number, ctx: ChannelContext, isFinalAttempt: boolean, now = new Date()): Promise<DeliveryOutcome> {
  // Checked before the row is claimed: a withdrawal within the window then finds it pending and cancels it unsent.
  const [waiting] = await db
    .select({ sendAfter: alerts.sendAfter })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .where(and(eq(alertDeliveries.id, deliveryId), eq(alertDeliveries.state, 'pending'), gt(alerts.sendAfter, now)));
  if (waiting?.sendAfter) return { outcome: 'not-due', sendAfter: waiting.sendAfter };
  const [delivery] = await db
    .update(alertDeliveries)
    .set({ state: 'processing', attempts: sql`${alertDeliveries.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(alertDeliveries.id, deliveryId), inArray(alertDeliveries.state, ['pending', 'processing'])))
    .returning();
  if (!delivery) return { outcome: 'skipped', reason: 'not pending (already delivered, failed or removed)' };

  const fail = async (message: string, excerpt: string | null, permanent: boolean): Promise<never> => {
    const terminal = permanent || isFinalAttempt;
    await db
      .update(alertDeliveries)
      .set({ state: terminal ? 'failed' : 'pending', lastError: message.slice(0, 2000), responseExcerpt: excerpt, updatedAt: new Date() })
      .where(eq(alertDeliveries.id, deliveryId));
    throw terminal ? new PermanentDeliveryError(message) : new DeliveryError(message, excerpt);
  };

  if (!isChannelName(delivery.channel)) return fail(`unknown channel "${delivery.channel}"`, null, true);
  let message: OutboundMessage | null;
  if (delivery.alertId !== null) {
    const [alert] = await db.select().from(alerts).where(eq(alerts.id, delivery.alertId));
    const decision = alert ? await alertGate(db, alert, delivery.channel) : ({ gate: 'send' } as const);
    if (decision.gate === 'wait') return fail(decision.reason, null, false);
    if (decision.gate === 'cancel') {
      await db
        .update(alertDeliveries)
        .set({ state: 'cancelled', lastError: decision.reason, updatedAt: new Date() })
        .where(and(eq(alertDeliveries.id, deliveryId), eq(alertDeliveries.state, 'processing')));
      return { outcome: 'skipped', reason: decision.reason };
    }
    message = alert ? renderAlert(alert) : null;
  } else {
    message = await digestMessage(db, delivery.digestId);
  }
  if (!message) return fail('the alert or digest of this delivery no longer exists', null, true);

  try {
    const result = await channels[delivery.channel](message, ctx);
    const [done] = await db
      .update(alertDeliveries)
      .set({ state: 'succeeded', responseExcerpt: result.excerpt, lastError: null, deliveredAt: new Date(), updatedAt: new Date() })
      .where(eq(alertDeliveries.id, deliveryId))
      .returning();
    return { outcome: 'succeeded', delivery: done };
  } catch (err) {
    if (err instanceof DeliveryError) return fail(err.message, err.excerpt, err.permanent);
    const e = err as Error;
    return fail(e.message ?? String(err), null, false);
  }
}
