// The extractor process killed with SIGKILL in the middle of a batch: after a restart every article is extracted
// exactly once and no deal is stored twice (compared with a clean run of the same articles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { closeFetchAgents } from '../../src/net/fetch.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testSettings, waitFor } from '../helpers/service-env.js';
import { settingsEnv, spawnLanewatch, type LanewatchProcess } from '../helpers/lanewatch-process.js';
import { cleanRunCounts, dealsWithoutSources, extractedCount, tableCounts } from '../helpers/fault-checks.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
let poller: RunningService | undefined;
let extractor: LanewatchProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
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
});

describe('extractor killed mid-batch', () => {
  it('finishes every article exactly once after a restart, with no duplicate deal', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '30', JOB_LOCK_SECONDS: '3', EXTRACT_CONCURRENCY: '3' });
    await addFeeds(t.db, server.feeds.map((url) => ({ url })), 2);
    // The poller runs here; the extractor is a separate process that can be killed.
    poller = await startService({ roles: ['poller'], settings: s, logger: quietLogger() });
    const total = server.articles.length;
    await waitFor('every article stored', async () => (await t.db.$count(articles)) === total, 60_000);

    const env = { ...settingsEnv(s), LOG_LEVEL: 'info' };
    const outputs: string[] = [];
    extractor = spawnLanewatch(['start', '--roles', 'extractor'], env);
    await waitFor('a few articles extracted', async () => (await extractedCount(t.db)) >= 3, 90_000, 50);
    const atKill = await extractedCount(t.db);
    extractor.child.kill('SIGKILL');
    await extractor.exited;
    outputs.push(extractor.output());
    expect(atKill).toBeLessThan(total); // the kill landed mid-batch

    extractor = spawnLanewatch(['start', '--roles', 'extractor'], env);
    await waitFor('every article extracted after the restart', async () => (await extractedCount(t.db)) === total, 120_000);
    extractor.child.kill('SIGTERM');
    expect(await extractor.exited).toBe(0);
    outputs.push(extractor.output());

    // Each commit logs once: across the killed process and its successor, no article was extracted twice.
    const committed = outputs
      .join('\n')
      .split('\n')
      .flatMap((line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; article_id?: number };
          return j.msg === 'article extracted' ? [j.article_id] : [];
        } catch {
          return [];
        }
      });
    expect(committed.length).toBeGreaterThanOrEqual(total - 3); // a kill between commit and log loses a line, never adds one
    expect(new Set(committed).size).toBe(committed.length);

    const rows = await t.db.select().from(articles);
    expect(rows.every((a) => a.state === 'extracted' && a.extractedAt !== null)).toBe(true);

    // The same articles extracted once, cleanly, in another database: the same deals and sources.
    // One source per article and pair, as in a clean run; every candidate backed by evidence. (The number of
    // candidates depends on the order articles were clustered in, so it is bounded by the sources, not compared.)
    const mine = await tableCounts(t.db);
    const clean = await cleanRunCounts(t.db, server.url, prefix.prefix);
    expect({ articles: mine.articles, sources: mine.sources }).toEqual({ articles: clean.articles, sources: clean.sources });
    expect(await dealsWithoutSources(t.db)).toBe(0);
    expect(mine.deals).toBeLessThanOrEqual(mine.sources);
    expect((await t.db.select().from(feeds)).every((f) => f.failures === 0)).toBe(true);
  }, 300_000);
});
