// The outbox's way into the queue: every delivery row that is not finished gets a deliver-alert job.
// Safe to call any number of times: the jobId (one per delivery row) keeps one job per delivery in Redis, and the
// row's state keeps a finished delivery from being sent again when the job was already removed.
import { eq, inArray } from 'drizzle-orm';
import type { JobsOptions } from 'bullmq';
import type { DbOrTx } from '../db/client.js';
import { alertDeliveries, alerts } from '../db/schema.js';
import { jobIds, queueNames, type Queues } from '../queue.js';

/** Deliveries enqueued per Redis round trip. */
const batchSize = 500;

/**
 * Enqueues a deliver-alert job for every pending or processing delivery; returns how many rows it enqueued for.
 * A delivery of an alert still in its undo window is enqueued delayed until the window ends.
 * `options` overrides the queue's job options (tests use a short backoff).
 */
export async function enqueuePendingDeliveries(db: DbOrTx, queues: Queues, options?: JobsOptions): Promise<number> {
  const rows = await db
    .select({ id: alertDeliveries.id, sendAfter: alerts.sendAfter })
    .from(alertDeliveries)
    .leftJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .where(inArray(alertDeliveries.state, ['pending', 'processing']))
    .orderBy(alertDeliveries.id);
  const now = Date.now();
  for (let i = 0; i < rows.length; i += batchSize) {
    await queues.enqueueBulk(
      queueNames.deliverAlert,
      rows.slice(i, i + batchSize).map((r) => {
        const wait = r.sendAfter ? r.sendAfter.getTime() - now : 0;
        return { payload: { deliveryId: r.id }, jobId: jobIds.deliverAlert(r.id), options: wait > 0 ? { ...options, delay: wait } : options };
      }),
    );
  }
  return rows.length;
}
