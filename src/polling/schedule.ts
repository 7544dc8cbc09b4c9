// The polling schedule lives in the feeds table; each scheduler tick turns the feeds now due into poll-feed jobs.
// Each due time of a feed is enqueued once (recorded on its row); jobId = feed + due time is the second guard.
import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
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
   * The claim lease: a feed whose due time was enqueued this long ago and is still due lost its job (Redis
   * flushed) or had it end without moving the feed (PostgreSQL was down during the poll). It is enqueued again,
   * after removing a finished job of the same jobId so that the jobId can be used again.
   */
  staleAfterMs: number;
}

/**
 * Enqueues one poll-feed job per due time of each enabled feed now due; returns how many feeds it enqueued.
 * The feed row records the due time it was enqueued for, so a feed waiting in the queue behind a backlog is not
 * sent to Redis again on every tick, and the next tick takes the next feeds. Rows are taken with FOR UPDATE SKIP
 * LOCKED and marked inside the transaction that sends their jobs: concurrent schedulers never take the same feed,
 * and a send that fails leaves them unmarked for the next tick. BullMQ's jobId dedupe remains the second guard.
 */
export async function enqueueDueFeeds(db: Db, queues: Queues, options: EnqueueDueOptions): Promise<number> {
  const now = options.now ?? new Date();
  const leaseStart = new Date(now.getTime() - options.staleAfterMs);
  return db.transaction(async (tx) => {
    const picked = tx.$with('picked').as(
      tx
        .select({ id: feeds.id, resend: sql<boolean>`${feeds.enqueuedDue} is not distinct from ${feeds.nextPollAt}`.as('resend') })
        .from(feeds)
        .where(
          and(
            eq(feeds.enabled, true),
            lte(feeds.nextPollAt, now),
            or(sql`${feeds.enqueuedDue} is distinct from ${feeds.nextPollAt}`, lte(feeds.enqueuedAt, leaseStart)),
          ),
        )
        .orderBy(asc(feeds.nextPollAt))
        .limit(options.limit ?? 5_000)
        .for('update', { skipLocked: true }),
    );
    const due = await tx
      .with(picked)
      .update(feeds)
      .set({ enqueuedDue: sql`${feeds.nextPollAt}`, enqueuedAt: now })
      .from(picked)
      .where(eq(feeds.id, picked.id))
      .returning({ id: feeds.id, nextPollAt: feeds.nextPollAt, resend: picked.resend });
    if (due.length === 0) return 0;
    due.sort((a, b) => a.nextPollAt.getTime() - b.nextPollAt.getTime());
    const queue = queues.queue(queueNames.pollFeed);
    // Bounded per tick so that the tick stays short after a flush; a finished job left beyond it dedupes the
    // send below, and its feed comes up again a lease later.
    const resent = due.filter((f) => f.resend).slice(0, 200);
    await Promise.all(
      resent.map(async (f) => {
        const old = await queue.getJob(jobIds.pollFeed(f.id, dueKey(f.nextPollAt)));
        if (old?.finishedOn) await old.remove().catch(() => {});
      }),
    );
    await queues.enqueueBulk(
      queueNames.pollFeed,
      due.map((f) => ({ payload: { feedId: f.id, due: dueKey(f.nextPollAt) }, jobId: jobIds.pollFeed(f.id, dueKey(f.nextPollAt)) })),
    );
    return due.length;
  });
}

/**
 * Redis lost its keys: the jobs of feeds enqueued for their current due time are gone, so those feeds are made
 * eligible at once rather than a lease later. Returns how many.
 */
export async function forgetEnqueuedPolls(db: Db): Promise<number> {
  const rows = await db
    .update(feeds)
    .set({ enqueuedDue: null, enqueuedAt: null })
    .where(sql`${feeds.enqueuedDue} = ${feeds.nextPollAt}`)
    .returning({ id: feeds.id });
  return rows.length;
}
