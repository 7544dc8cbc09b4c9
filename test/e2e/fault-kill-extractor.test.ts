// The extractor process killed with SIGKILL in the middle of a batch: after a restart every article is extracted
// exactly once and no deal is stored twice (compared with a clean run of the same articles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { processArticle } from '../../src/articles/process.js';
import { createExtractPool } from '../../src/articles/extract-pool.js';
import { storeFeedItems } from '../../src/articles/store.js';
import { closeFetchAgents } from '../../src/net/fetch.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testQueues, testSettings, waitFor } from '../helpers/service-env.js';
import { settingsEnv, spawnLanewatch, type LanewatchProcess } from '../helpers/lanewatch-process.js';
import { duplicatedDeals, extractedCount, tableCounts } from '../helpers/fault-checks.js';

let t: TestDatabase;
let reference: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
let poller: RunningService | undefined;
let extractor: LanewatchProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  reference = await createTestDatabase();
  prefix = createTestPrefix();
  // Slow pages keep jobs in flight, so that the kill lands mid-batch.
  server = await startFeedServer({ pageDelayMs: 700 });
});
afterAll(async () => {
  extractor?.child.kill('SIGKILL');
  await poller?.close();
  await server?.close();
  await closeFetchAgents();
  await prefix?.cleanup();
  await t?.drop();
  await reference?.drop();
});

describe('extractor killed mid-batch', () => {
  it('finishes every article exactly once after a restart, with no duplicate deal', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '30', JOB_LOCK_SECONDS: '3', EXTRACT_CONCURRENCY: '3' });
    await addFeeds(t.db, server.feeds.map((url) => ({ url })), 2);
    // The poller runs here; the extractor is a separate process that can be killed.
    poller = await startService({ roles: ['poller'], settings: s, logger: quietLogger() });
    const total = server.articles.length;
    await waitFor('every article stored', async () => (await t.db.$count(articles)) === total, 60_000);

    const env = { ...settingsEnv(s), LOG_LEVEL: 'warn' };
    extractor = spawnLanewatch(['start', '--roles', 'extractor'], env);
    await waitFor('a few articles extracted', async () => (await extractedCount(t.db)) >= 3, 90_000, 50);
    const atKill = await extractedCount(t.db);
    extractor.child.kill('SIGKILL');
    await extractor.exited;
    expect(atKill).toBeLessThan(total); // the kill landed mid-batch

    extractor = spawnLanewatch(['start', '--roles', 'extractor'], env);
    await waitFor('every article extracted after the restart', async () => (await extractedCount(t.db)) === total, 120_000);
    extractor.child.kill('SIGTERM');
    expect(await extractor.exited).toBe(0);

    const rows = await t.db.select().from(articles);
    expect(rows.every((a) => a.state === 'extracted' && a.extractedAt !== null)).toBe(true);
    expect(await duplicatedDeals(t.db)).toBe(0);

    // The same articles extracted once, cleanly, in another database: the same deals and sources.
    const pool = createExtractPool(0, 60_000);
    const q = testQueues(prefix.prefix);
    const refSettings = testSettings(reference.url, prefix.prefix);
    const { added } = await addFeeds(reference.db, [{ url: 'https://reference.example/feed.xml' }], 60);
    for (const a of rows.sort((x, y) => x.id - y.id)) {
      const { created } = await storeFeedItems(reference.db, added[0].id, [
        { id: a.guid, title: a.title, link: a.url, published: a.published?.toISOString() ?? null, content: a.feedContent, summary: null, author: null },
      ]);
      const [copy] = await reference.db.select().from(articles).where(eq(articles.id, created[0]));
      await processArticle({ db: reference.db, queues: q.queues, settings: refSettings, logger: quietLogger(), extract: pool.run }, copy.id, { finalAttempt: true });
    }
    await q.close();
    const mine = await tableCounts(t.db);
    const clean = await tableCounts(reference.db);
    expect(mine).toEqual(clean);
    expect((await t.db.select().from(feeds)).every((f) => f.failures === 0)).toBe(true);
  }, 300_000);
});
