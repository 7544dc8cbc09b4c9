// PostgreSQL drops every connection mid-run (what a restart looks like to clients; simulated with
// pg_terminate_backend on this test's database only, the shared server stays up): workers retry, jobs are not
// lost, and the service recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { createTestDatabase, createTestPrefix, testDatabaseBase, type TestDatabase } from '../helpers/services.js';
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
  server = await startFeedServer({ pageDelayMs: 300 });
});
afterAll(async () => {
  await service?.close();
  await server?.close();
  await prefix?.cleanup();
  await t?.drop();
});

/** Ends every connection to the test database except the admin's own; returns how many. */
async function terminateConnections(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: testDatabaseBase });
  await admin.connect();
  try {
    const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL connections dropped mid-run', () => {
  it('recovers by itself and finishes every article', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '3', EXTRACT_CONCURRENCY: '2' });
    await addFeeds(t.db, server.feeds.map((url) => ({ url })), 2);
    service = await startService({ roles: ['poller', 'extractor'], settings: s, logger: quietLogger() });
    const total = server.articles.length;
    await waitFor('some articles extracted', async () => (await extractedCount(t.db)) >= 2, 60_000, 50);

    let terminated = 0;
    for (let i = 0; i < 6; i++) {
      terminated += await terminateConnections(t.name);
      await new Promise((r) => setTimeout(r, 400));
    }
    expect(terminated).toBeGreaterThan(0);

    await waitFor('every article extracted', async () => (await extractedCount(t.db)) === total, 150_000);
    const since = new Date();
    await waitFor('every feed polled successfully again', async () => (await t.db.select().from(feeds)).every((f) => f.lastSuccessAt && f.lastSuccessAt > since), 60_000);
    expect(await t.db.$count(articles)).toBe(total);
    // One source per article and pair, as in a clean run; every candidate backed by evidence. (The number of
    // candidates depends on the order articles were clustered in, so it is bounded by the sources, not compared.)
    const mine = await tableCounts(t.db);
    const clean = await cleanRunCounts(t.db, server.url, prefix.prefix);
    expect({ articles: mine.articles, sources: mine.sources }).toEqual({ articles: clean.articles, sources: clean.sources });
    expect(await dealsWithoutSources(t.db)).toBe(0);
    expect(mine.deals).toBeLessThanOrEqual(mine.sources);
  }, 240_000);
});
