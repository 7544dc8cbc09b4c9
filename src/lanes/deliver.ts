// Delivers one outbox row (an alert or a digest to one channel) and records the outcome on the row.
// Throws when the channel failed, so that BullMQ's attempts and backoff do the retrying.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts, digests, type AlertDelivery } from '../db/schema.js';
import { channels, isChannelName } from './channels/index.js';
import { DeliveryError, type ChannelContext, type OutboundMessage } from './channels/types.js';
import { renderDigest } from './digest-render.js';
import { renderAlert } from './render.js';

export type DeliveryOutcome =
  | { outcome: 'succeeded'; delivery: AlertDelivery }
  /** Already succeeded or failed (a duplicate job, or one re-enqueued by the sweep), or the row is gone. */
  | { outcome: 'skipped'; reason: string };

/** Thrown after the row was marked failed for good: the worker wraps it in UnrecoverableError. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

async function messageFor(db: DbOrTx, delivery: AlertDelivery): Promise<OutboundMessage | null> {
  if (delivery.alertId !== null) {
    const [alert] = await db.select().from(alerts).where(eq(alerts.id, delivery.alertId));
    return alert ? renderAlert(alert) : null;
  }
  if (delivery.digestId !== null) {
    const [digest] = await db.select().from(digests).where(eq(digests.id, delivery.digestId));
    return digest ? renderDigest(digest) : null;
  }
  return null;
}

/**
 * `isFinalAttempt`: no retry follows this one, so a failure marks the row failed (terminal) instead of pending.
 */
export async function deliverOne(db: DbOrTx, deliveryId: number, ctx: ChannelContext, isFinalAttempt: boolean): Promise<DeliveryOutcome> {
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
  const message = await messageFor(db, delivery);
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
