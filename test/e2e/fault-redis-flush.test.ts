// Redis loses everything of lanewatch's prefix mid-run (a FLUSH or a restart without persistence): the scheduler
// puts its tickers back, the sweep rebuilds the lost jobs from PostgreSQL, and nothing is lost or stored twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteQueueKeys } from '../../src/service/redis.js';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { jobIds, queueNames } from '../../src/queue.js';
import { createTestDatabase, createTestPrefix, testRedisUrl, type TestDatabase } from '../helpers/services.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testSettings, waitFor } from '../helpers/service-env.js';
import { cleanRunCounts, dealsWithoutSources, extractedCount, tableCounts } from '../helpers/fault-checks.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
let service: RunningService | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  server = await startFeedServer({ pageDelayMs: 500 });
});
afterAll(async () => {
  await service?.close();
  await server?.close();
  await prefix?.cleanup();
  await t?.drop();
});

const feedRequests = () =>
  Object.entries(server.stats())
    .filter(([p]) => p.startsWith('/feeds/'))
    .reduce((n, [, v]) => n + v.requests, 0);

describe('Redis flushed mid-run', () => {
  it('rebuilds the work from PostgreSQL and loses nothing', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '4', EXTRACT_CONCURRENCY: '1', SWEEP_INTERVAL_SECONDS: '2' });
    await addFeeds(t.db, server.feeds.map((url) => ({ url })), 2);
    service = await startService({ roles: ['poller', 'extractor', 'notifier'], settings: s, logger: quietLogger() });
    const total = server.articles.length;
    await waitFor('every article stored and some extracted', async () => (await t.db.$count(articles)) === total && (await extractedCount(t.db)) >= 2, 60_000, 50);
    expect(await extractedCount(t.db)).toBeLessThan(total);

    expect(await deleteQueueKeys(testRedisUrl, prefix.prefix)).toBeGreaterThan(0);
    const polledAtFlush = feedRequests();

    await waitFor('every article extracted after the flush', async () => (await extractedCount(t.db)) === total, 120_000);
    // The schedulers came back: feeds are polled again after the flush.
    await waitFor('feeds polled again', async () => feedRequests() >= polledAtFlush + server.feeds.length, 60_000);
    const schedule = service.queues.queue(queueNames.schedule);
    expect(await schedule.getJobScheduler('enqueue-due-feeds')).toBeDefined();
    expect(await schedule.getJobScheduler('sweep')).toBeDefined();

    const counts = await tableCounts(t.db);
    expect(counts.articles).toBe(total);
    // One source per article and pair, as in a clean run; every candidate backed by evidence. (The number of
    // candidates depends on the order articles were clustered in, so it is bounded by the sources, not compared.)
    const mine = await tableCounts(t.db);
    const clean = await cleanRunCounts(t.db, server.url, prefix.prefix);
    expect({ articles: mine.articles, sources: mine.sources }).toEqual({ articles: clean.articles, sources: clean.sources });
    expect(await dealsWithoutSources(t.db)).toBe(0);
    expect(mine.deals).toBeLessThanOrEqual(mine.sources);
    expect((await t.db.select().from(feeds)).every((f) => f.failures === 0)).toBe(true);
  }, 240_000);

  it('gives the same job delivered twice no effect', async () => {
    const before = await tableCounts(t.db);
    const rows = await t.db.select().from(articles);
    const q = service!.queues;
    // Jobs under other ids carry the same payloads: BullMQ delivers them as separate jobs.
    await q.enqueueBulk(queueNames.processArticle, rows.flatMap((a) => [1, 2].map((k) => ({ payload: { articleId: a.id }, jobId: `${jobIds.processArticle(a.id)}-again-${k}` }))));
    const f = (await t.db.select().from(feeds))[0];
    const due = Math.floor(f.nextPollAt.getTime());
    await q.enqueueBulk(queueNames.pollFeed, [1, 2].map((k) => ({ payload: { feedId: f.id, due }, jobId: `${jobIds.pollFeed(f.id, due)}-again-${k}` })));
    const queue = q.queue(queueNames.processArticle);
    await waitFor('the duplicates processed', async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    }, 60_000);
    expect(await tableCounts(t.db)).toEqual(before);
  }, 90_000);
});
