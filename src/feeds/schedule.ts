// The polling schedule lives in the feeds table; each scheduler tick turns the feeds now due into poll-feed jobs.
// jobId = feed + due time: however many ticks or processes enqueue a feed, BullMQ holds one job for that due time.
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { feeds } from '../db/schema.js';
import { jobIds, queueNames, type Queues } from '../queue.js';

/** A feed's fixed place in the interval, 0..1, spread evenly by the golden ratio so neighbouring ids land far apart. */
export function feedPhase(feedId: number): number {
  return (feedId * 0.6180339887498949) % 1;
}

/**
 * The due time nearest to `at` (within half an interval) that falls on the feed's phase: every feed keeps
 * its own slot in the interval, so a thousand feeds imported at once do not stay polled all at once.
 */
export function alignToPhase(feedId: number, at: Date, intervalSeconds: number): Date {
  const period = intervalSeconds * 1000;
  const want = feedPhase(feedId) * period;
  let shift = (want - (at.getTime() % period) + period) % period;
  if (shift > period / 2) shift -= period;
  return new Date(at.getTime() + Math.round(shift));
}

/** A new feed's first poll: soon, but the feeds of one import spread over at most five minutes. */
export function firstDue(feedId: number, now: Date, intervalSeconds: number): Date {
  const spread = Math.min(intervalSeconds, 300) * 1000;
  return new Date(now.getTime() + Math.floor(feedPhase(feedId) * spread));
}

/** ms timestamp of a due time, as used in job ids and payloads. */
export function dueKey(at: Date): number {
  return Math.floor(at.getTime());
}

export interface EnqueueDueOptions {
  now?: Date;
  /** Most feeds enqueued per tick; the rest wait for the next tick. */
  limit?: number;
  /**
   * A feed still due this long after its due time has a job that ended without moving it (PostgreSQL was down
   * during the poll): that job is removed so the same jobId can be enqueued again.
   */
  staleAfterMs: number;
}

/** Enqueues a poll-feed job for every enabled feed now due; returns how many feeds were due. */
export async function enqueueDueFeeds(db: Db, queues: Queues, options: EnqueueDueOptions): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db
    .select({ id: feeds.id, nextPollAt: feeds.nextPollAt })
    .from(feeds)
    .where(and(eq(feeds.enabled, true), lte(feeds.nextPollAt, now)))
    .orderBy(asc(feeds.nextPollAt))
    .limit(options.limit ?? 5_000);
  if (due.length === 0) return 0;
  const queue = queues.queue(queueNames.pollFeed);
  // Bounded per tick: with a backlog of thousands of overdue feeds the tick must stay short; the rest wait a tick.
  const stale = due.filter((f) => now.getTime() - f.nextPollAt.getTime() >= options.staleAfterMs).slice(0, 200);
  await Promise.all(
    stale.map(async (f) => {
      const old = await queue.getJob(jobIds.pollFeed(f.id, dueKey(f.nextPollAt)));
      if (old?.finishedOn) await old.remove().catch(() => {});
    }),
  );
  await queues.enqueueBulk(
    queueNames.pollFeed,
    due.map((f) => ({ payload: { feedId: f.id, due: dueKey(f.nextPollAt) }, jobId: jobIds.pollFeed(f.id, dueKey(f.nextPollAt)) })),
  );
  return due.length;
}
