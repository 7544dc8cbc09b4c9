// Redis loses everything of lanewatch's prefix mid-run (a FLUSH or a restart without persistence): the scheduler
// puts its tickers back, the sweep rebuilds the lost jobs from PostgreSQL, and nothing is lost or stored twice.
import { describe, expect, it } from 'vitest';
import { deleteQueueKeys } from '../../src/service/redis.js';
import { articles, feeds } from '../../src/db/schema.js';
import type { RunningService } from '../../src/service/start.js';
import { jobIds, queueNames } from '../../src/queue.js';
import { testRedisUrl } from '../helpers/services.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitFor } from '../helpers/service-env.js';
import { expectSameAsCleanRun, extractedCount, tableCounts, waitForAllExtracted } from '../helpers/fault-checks.js';

const env = useServiceTest({ feeds: { pageDelayMs: 500 } });
let service: RunningService | undefined;

describe('Redis flushed mid-run', () => {
  it('rebuilds the work from PostgreSQL and loses nothing', async () => {
    const { db, server } = env;
    await env.addServerFeeds(2);
    service = await env.startService(['poller', 'extractor', 'notifier'], env.settings({ POLL_INTERVAL_SECONDS: '4', EXTRACT_CONCURRENCY: '1', SWEEP_INTERVAL_SECONDS: '2' }));
    const total = server.articles.length;
    await waitFor('every article stored and some extracted', async () => (await db.$count(articles)) === total && (await extractedCount(db)) >= 2, 60_000, 50);
    expect(await extractedCount(db)).toBeLessThan(total);

    expect(await deleteQueueKeys(testRedisUrl, env.prefix)).toBeGreaterThan(0);
    const polledAtFlush = server.requests('/feeds/');

    await waitForAllExtracted(db, total, 120_000, 'every article extracted after the flush');
    // The schedulers came back: feeds are polled again after the flush.
    await waitFor('feeds polled again', async () => server.requests('/feeds/') >= polledAtFlush + server.feeds.length, 60_000);
    const schedule = service.queues.queue(queueNames.schedule);
    expect(await schedule.getJobScheduler('enqueue-due-feeds')).toMatchObject({ key: 'enqueue-due-feeds' });
    expect(await schedule.getJobScheduler('sweep')).toMatchObject({ key: 'sweep' });

    expect((await tableCounts(db)).articles).toBe(total);
    await expectSameAsCleanRun(db, server.url, env.prefix);
    expect((await db.select().from(feeds)).every((f) => f.failures === 0)).toBe(true);
  }, 240_000);

  it('gives the same job delivered twice no effect', async () => {
    const { db } = env;
    const before = await tableCounts(db);
    const rows = await db.select().from(articles);
    const q = service!.queues;
    // Jobs under other ids carry the same payloads: BullMQ delivers them as separate jobs.
    await q.enqueueBulk(queueNames.processArticle, rows.flatMap((a) => [1, 2].map((k) => ({ payload: { articleId: a.id }, jobId: `${jobIds.processArticle(a.id)}-again-${k}` }))));
    const f = (await db.select().from(feeds))[0];
    const due = Math.floor(f.nextPollAt.getTime());
    await q.enqueueBulk(queueNames.pollFeed, [1, 2].map((k) => ({ payload: { feedId: f.id, due }, jobId: `${jobIds.pollFeed(f.id, due)}-again-${k}` })));
    const queue = q.queue(queueNames.processArticle);
    await waitFor('the duplicates processed', async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    }, 60_000);
    expect(await tableCounts(db)).toEqual(before);
  }, 90_000);
});
