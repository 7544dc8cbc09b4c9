// The schedule on real PostgreSQL + Redis: each due time of each feed is sent to Redis once, however often the
// scheduler ticks or however many schedulers run; a job lost with Redis comes back after the claim lease.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { eq, inArray } from 'drizzle-orm';
import { feeds } from '../../../src/db/schema.js';
import { addFeed } from '../../../src/polling/store.js';
import { pollFeed } from '../../../src/polling/poll.js';
import { dueKey, enqueueDueFeeds, forgetEnqueuedPolls } from '../../../src/polling/schedule.js';
import { jobIds, queueNames, workerConnection, type Queues } from '../../../src/queue.js';
import { closeFetchAgents } from '../../../src/net/fetch.js';
import { deleteQueueKeys } from '../../../src/service/redis.js';
import { createTestDatabase, createTestPrefix, testRedisUrl, type TestDatabase } from '../../helpers/services.js';
import { quietLogger, testQueues, testSettings } from '../../helpers/service-env.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let q: ReturnType<typeof testQueues>;
/** Every jobId handed to addBulk, in order: what reached Redis. */
let sent: string[];
let queues: Queues;
const lease = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  q = testQueues(prefix.prefix);
  queues = counting(q.queues);
});
beforeEach(async () => {
  sent = [];
  await t.db.delete(feeds);
  await q.queues.queue(queueNames.pollFeed).obliterate({ force: true });
});
afterAll(async () => {
  await q?.close();
  await closeFetchAgents();
  await prefix?.cleanup();
  await t?.drop();
});

function counting(base: Queues): Queues {
  return {
    ...base,
    async enqueueBulk(name, jobs) {
      sent.push(...jobs.map((j) => j.jobId));
      await base.enqueueBulk(name, jobs);
    },
  };
}

/** `n` enabled feeds due by `due`, a second apart, the first inserted the most overdue; inserted in batches. */
async function dueFeeds(n: number, due: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, n - i) }, (_, k) => ({
      url: `https://sched.example/${i + k}.xml`,
      nextPollAt: new Date(due.getTime() - (n - 1 - i - k) * 1000),
    }));
    ids.push(...(await t.db.insert(feeds).values(rows).returning({ id: feeds.id })).map((r) => r.id));
  }
  return ids;
}

const pollJobs = () => q.queues.queue(queueNames.pollFeed).getJobs(['waiting']);
const tick = (now?: Date) => enqueueDueFeeds(t.db, queues, { staleAfterMs: lease, now });

describe('each due time enqueued once', () => {
  it('turns due feeds into one job per feed and due time, and sends none again on the next ticks', async () => {
    const due = new Date(Date.now() - 5_000);
    const ids = await dueFeeds(3, due);
    await t.db.insert(feeds).values({ url: 'https://sched.example/later.xml', nextPollAt: new Date(Date.now() + 3600_000) });
    await t.db.insert(feeds).values({ url: 'https://sched.example/off.xml', nextPollAt: due, enabled: false });
    expect(await tick()).toBe(3);
    expect(await tick()).toBe(0);
    expect(await tick()).toBe(0);
    expect(sent).toHaveLength(3);
    const rows = await t.db.select().from(feeds).where(inArray(feeds.id, ids));
    expect((await pollJobs()).map((j) => j.id).sort()).toEqual(rows.map((f) => jobIds.pollFeed(f.id, dueKey(f.nextPollAt))).sort());
    for (const f of rows) expect(f.enqueuedDue?.getTime()).toBe(f.nextPollAt.getTime());
  });

  it('with 12,000 due feeds, each tick sends the next ones (most overdue first) and none already sent', async () => {
    const ids = await dueFeeds(12_000, new Date(Date.now() - 1_000));
    expect(await tick()).toBe(5_000);
    // ids were inserted most overdue first: the first tick took the 5,000 most overdue.
    expect(new Set(sent)).toEqual(new Set((await pollJobs()).map((j) => j.id)));
    const first = new Set(sent);
    expect(await tick()).toBe(5_000);
    expect(sent.slice(5_000).filter((id) => first.has(id))).toEqual([]);
    expect(await tick()).toBe(2_000);
    expect(await tick()).toBe(0);
    expect(sent).toHaveLength(12_000);
    expect(new Set(sent).size).toBe(12_000);
    expect(await q.queues.queue(queueNames.pollFeed).getWaitingCount()).toBe(12_000);
    const firstFeeds = ids.slice(0, 5_000);
    const rows = await t.db.select({ id: feeds.id, nextPollAt: feeds.nextPollAt }).from(feeds).where(inArray(feeds.id, firstFeeds));
    expect(new Set(rows.map((f) => jobIds.pollFeed(f.id, dueKey(f.nextPollAt))))).toEqual(first);
  }, 120_000);

  it('never enqueues one feed and due time twice from concurrent schedulers', async () => {
    await dueFeeds(6_000, new Date(Date.now() - 1_000));
    // Four schedulers at once, each with its own PostgreSQL session and Redis connection.
    const others = [1, 2, 3].map(() => testQueues(prefix.prefix));
    try {
      const counts = await Promise.all(
        [queues, ...others.map((o) => counting(o.queues))].map((qs) =>
          enqueueDueFeeds(t.db, qs, { staleAfterMs: lease, limit: 2_500 }),
        ),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(6_000);
      expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
    expect(sent).toHaveLength(6_000);
    expect(new Set(sent).size).toBe(6_000);
    expect(await tick()).toBe(0);
  }, 120_000);
});

describe('lost and finished jobs', () => {
  it('enqueues a feed whose job vanished with Redis again after the lease, or at once when told Redis was flushed', async () => {
    const now = new Date();
    const [a, b] = await dueFeeds(2, new Date(now.getTime() - 1_000));
    expect(await tick(now)).toBe(2);
    expect(await deleteQueueKeys(testRedisUrl, prefix.prefix)).toBeGreaterThan(0);
    expect(await tick(new Date(now.getTime() + lease - 1_000))).toBe(0);
    expect(await tick(new Date(now.getTime() + lease))).toBe(2);
    const jobs = await pollJobs();
    expect(jobs.map((j) => j.data.feedId).sort()).toEqual([a, b].sort());
    // Once re-sent, the lease starts again.
    expect(await tick(new Date(now.getTime() + lease + 1_000))).toBe(0);

    await deleteQueueKeys(testRedisUrl, prefix.prefix);
    expect(await forgetEnqueuedPolls(t.db)).toBe(2);
    expect(await tick(new Date(now.getTime() + lease + 2_000))).toBe(2);
    expect(await q.queues.queue(queueNames.pollFeed).getWaitingCount()).toBe(2);
  });

  it('removes a job that ended without polling the feed (PostgreSQL down) and enqueues the due time again', async () => {
    const now = new Date();
    const [id] = await dueFeeds(1, new Date(now.getTime() - 1_000));
    expect(await tick(now)).toBe(1);
    const [f] = await t.db.select().from(feeds).where(eq(feeds.id, id));
    const jobId = jobIds.pollFeed(id, dueKey(f.nextPollAt));
    const connection = workerConnection(testRedisUrl);
    const failed = new Promise<void>((resolve) => {
      const worker = new Worker(queueNames.pollFeed, async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), { connection, prefix: prefix.prefix });
      worker.on('failed', () => void worker.close().then(() => resolve()));
    });
    await failed;
    connection.disconnect();
    const queue = q.queues.queue(queueNames.pollFeed);
    expect(await queue.getJobState(jobId)).toBe('failed');
    expect(await tick(new Date(now.getTime() + lease - 1_000))).toBe(0);
    expect(await tick(new Date(now.getTime() + lease))).toBe(1);
    expect(await queue.getJobState(jobId)).toBe('waiting');
  });
});

describe('after a poll', () => {
  it('enqueues a polled feed at its next due time, not before', async () => {
    const settings = testSettings(t.url, prefix.prefix);
    const { feed } = await addFeed(t.db, 'http://127.0.0.1:9/refused.xml', 60);
    const due = new Date(Date.now() - 1_000);
    await t.db.update(feeds).set({ nextPollAt: due }).where(eq(feeds.id, feed.id));
    expect(await tick()).toBe(1);
    const outcome = await pollFeed({ db: t.db, queues: q.queues, settings, logger: quietLogger() }, feed.id, dueKey(due));
    // Nothing listens on port 9: a failure, with backoff moving the due time.
    if (outcome.kind !== 'failed') throw new Error(`expected a failed poll, got ${outcome.kind}`);
    const next = outcome.nextPollAt;
    expect(await tick(new Date(next.getTime() - 1))).toBe(0);
    expect(await tick(next)).toBe(1);
    expect(sent).toEqual([jobIds.pollFeed(feed.id, dueKey(due)), jobIds.pollFeed(feed.id, dueKey(next))]);
  });
});
