// The sweep rebuilds lost work from PostgreSQL: queued articles whose jobs vanished (Redis flushed) or ended
// without storing anything get a job again; nothing is enqueued twice; hopeless ones are marked failed.
import { beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { eq, inArray } from 'drizzle-orm';
import { articles } from '../../../src/db/schema.js';
import { addFeed } from '../../../src/polling/store.js';
import { storeFeedItems } from '../../../src/articles/store.js';
import { sweep } from '../../../src/articles/sweep.js';
import { jobIds, queueNames } from '../../../src/queue.js';
import { testRedisUrl } from '../../helpers/services.js';
import { quietLogger, waitFor } from '../../helpers/service-env.js';
import { useServiceTest } from '../../helpers/service-test.js';

const env = useServiceTest({ queues: true });
let ids: number[];
const logger = quietLogger();

beforeAll(async () => {
  const { feed } = await addFeed(env.db, 'https://sweep.example/feed.xml', 900);
  const items = Array.from({ length: 12 }, (_, i) => ({
    id: `s${i}`,
    title: `Story ${i}`,
    link: `https://sweep.example/${i}`,
    published: null,
    content: null,
    summary: null,
    author: null,
  }));
  ids = (await storeFeedItems(env.db, feed.id, items)).created;
});

const queue = () => env.queues.queue(queueNames.processArticle);
async function jobCount(): Promise<number> {
  const c = await queue().getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

describe('sweep', () => {
  it('enqueues stored articles that have no job, once', async () => {
    expect(await jobCount()).toBe(0);
    const r = await sweep(env.db, env.queues, logger, { graceMs: 0 });
    expect(ids.length).toBeGreaterThan(0);
    expect(r.requeued).toBe(ids.length);
    for (const id of ids) expect(await queue().getJob(jobIds.processArticle(id)), `job of article ${id}`).toMatchObject({ id: jobIds.processArticle(id) });
    const again = await sweep(env.db, env.queues, logger, { graceMs: 0 });
    expect(again.requeued).toBe(0);
    expect(await jobCount()).toBe(ids.length);
  });

  it('leaves articles touched within the grace period to their jobs', async () => {
    const fresh = await sweep(env.db, env.queues, logger, { graceMs: 3_600_000 });
    expect(fresh.requeued).toBe(0);
  });

  it('rebuilds every job after the prefix is flushed from Redis', async () => {
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${env.prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    redis.disconnect();
    expect(await jobCount()).toBe(0);
    const r = await sweep(env.db, env.queues, logger, { graceMs: 0 });
    expect(r.requeued).toBe(ids.length);
    expect(await jobCount()).toBe(ids.length);
  });

  it('re-enqueues an article whose job ended without storing it, and gives up after the attempts', async () => {
    // A worker that "completes" jobs without doing the work: the rows stay queued.
    const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker(queueNames.processArticle, async () => 'nothing', { connection, prefix: env.prefix, concurrency: 10 });
    await waitFor('jobs completed', async () => (await queue().getJobCounts('completed')).completed === ids.length);
    await worker.close();
    connection.disconnect();

    await env.db.update(articles).set({ attempts: 10 }).where(eq(articles.id, ids[0]));
    const r = await sweep(env.db, env.queues, logger, { graceMs: 0 });
    expect(r.requeued).toBe(ids.length - 1);
    expect(r.givenUp).toBe(1);
    const rows = await env.db.select().from(articles).where(inArray(articles.id, ids));
    expect(rows.find((a) => a.id === ids[0])).toMatchObject({ state: 'failed', error: expect.stringMatching(/gave up/) });
    expect(rows.filter((a) => a.state === 'queued')).toHaveLength(ids.length - 1);
    expect((await queue().getJobCounts('waiting')).waiting).toBe(ids.length - 1);
  });
});
