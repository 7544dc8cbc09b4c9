// Rebuilds lost work from PostgreSQL: every article still 'queued' gets its process-article job back (Redis lost
// it, the enqueue after storing failed, or the job ended without storing), and every unfinished alert delivery
// its deliver-alert job. Redis may lose everything; this loses nothing.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { articles } from '../db/schema.js';
import { enqueuePendingDeliveries } from '../alerts/deliveries.js';
import type { Logger } from '../log.js';
import { jobIds, jobOptions, queueNames, type Queues } from '../queue.js';

export interface SweepOptions {
  now?: Date;
  /** Articles touched more recently than this are left to the jobs that are surely still on their way. */
  graceMs?: number;
  /** Most articles looked at per sweep; the next sweep takes the rest. */
  limit?: number;
  /**
   * Tries (as counted on the row) after which a queued article whose job ended is marked failed rather than
   * re-enqueued: two full rounds of the queue's attempts.
   */
  maxAttempts?: number;
}

export interface SweepResult {
  requeued: number;
  givenUp: number;
  deliveries: number;
}

/** Redis round trips run this many at a time. */
const parallel = 50;

export async function sweep(db: Db, queues: Queues, logger: Logger, options: SweepOptions = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? 2 * (jobOptions[queueNames.processArticle].attempts ?? 1);
  const stuck = await db
    .select({ id: articles.id, attempts: articles.attempts })
    .from(articles)
    .where(and(eq(articles.state, 'queued'), lt(articles.updatedAt, new Date(now.getTime() - (options.graceMs ?? 30_000)))))
    .orderBy(asc(articles.id))
    .limit(options.limit ?? 5_000);

  const queue = queues.queue(queueNames.processArticle);
  const requeue: number[] = [];
  const giveUp: number[] = [];
  for (let i = 0; i < stuck.length; i += parallel) {
    await Promise.all(
      stuck.slice(i, i + parallel).map(async (a) => {
        const job = await queue.getJob(jobIds.processArticle(a.id));
        if (!job) {
          requeue.push(a.id);
        } else if (job.finishedOn) {
          // The job ended but the row says queued: it failed for good without the row being marked, or ended mid-way.
          if (a.attempts >= maxAttempts) {
            giveUp.push(a.id);
          } else {
            await job.remove().catch(() => {});
            requeue.push(a.id);
          }
        }
        // Otherwise the job is waiting, delayed or active: nothing to do.
      }),
    );
  }
  if (requeue.length) {
    await queues.enqueueBulk(
      queueNames.processArticle,
      requeue.map((articleId) => ({ payload: { articleId }, jobId: jobIds.processArticle(articleId) })),
    );
  }
  if (giveUp.length) {
    await db
      .update(articles)
      .set({ state: 'failed', error: `gave up after ${maxAttempts} attempts`, updatedAt: now })
      .where(and(inArray(articles.id, giveUp), eq(articles.state, 'queued'), gte(articles.attempts, maxAttempts)));
  }
  const deliveries = await enqueuePendingDeliveries(db, queues);
  if (requeue.length || giveUp.length) logger.info({ requeued: requeue.length, given_up: giveUp.length }, 'sweep rebuilt lost work');
  return { requeued: requeue.length, givenUp: giveUp.length, deliveries };
}
