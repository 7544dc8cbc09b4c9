// Shared checks of the fault tests: every article extracted, and nothing stored twice, judged against a clean run
// of the same articles in a database of its own.
import { expect } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { articles, deals, dealSources } from '../../src/db/schema.js';
import { addFeeds } from '../../src/polling/store.js';
import { storeFeedItems } from '../../src/articles/store.js';
import { processArticle } from '../../src/articles/process.js';
import { createExtractPool } from '../../src/articles/extract-pool.js';
import { createTestDatabase } from './services.js';
import { startFeedServer } from './feed-server.js';
import { quietLogger, testQueues, testSettings, waitFor } from './service-env.js';

export async function extractedCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(articles).where(eq(articles.state, 'extracted')))[0].n;
}

/** Waits until at least `n` articles are extracted, looking often (to act while a batch is still in flight). */
export async function waitForExtracted(db: Db, n: number, timeoutMs: number): Promise<void> {
  await waitFor(`${n} articles extracted`, async () => (await extractedCount(db)) >= n, timeoutMs, 50);
}

/** Waits until exactly `total` articles are extracted (one more would be an article stored twice). */
export async function waitForAllExtracted(db: Db, total: number, timeoutMs: number, what = 'every article extracted'): Promise<void> {
  await waitFor(what, async () => (await extractedCount(db)) === total, timeoutMs);
}

export interface TableCounts {
  articles: number;
  deals: number;
  sources: number;
}

export async function tableCounts(db: Db): Promise<TableCounts> {
  return {
    articles: await db.$count(articles),
    deals: await db.$count(deals),
    sources: await db.$count(dealSources),
  };
}

/**
 * Extracts the articles of `db` once each, in order, in a fresh database against a fresh copy of the news site
 * (no faults, no delays), and returns its counts: what a run without faults stores.
 */
export async function cleanRunCounts(db: Db, siteUrl: string, prefix: string): Promise<TableCounts> {
  const reference = await createTestDatabase();
  const site = await startFeedServer();
  const pool = createExtractPool(0, 60_000);
  const q = testQueues(prefix);
  try {
    const deps = { db: reference.db, queues: q.queues, settings: testSettings(reference.url, prefix), logger: quietLogger(), extract: pool.run };
    const { added } = await addFeeds(reference.db, [{ url: 'https://reference.example/feed.xml' }], 60);
    const rows = (await db.select().from(articles)).sort((a, b) => a.id - b.id);
    for (const a of rows) {
      const link = a.url.replace(siteUrl, site.url);
      const { created } = await storeFeedItems(reference.db, added[0].id, [
        { id: a.guid, title: a.title, link, published: a.published?.toISOString() ?? null, content: a.feedContent, summary: null, author: null },
      ]);
      await processArticle(deps, created[0], { finalAttempt: true });
    }
    return await tableCounts(reference.db);
  } finally {
    await q.close();
    await site.close();
    await reference.drop();
  }
}

/**
 * The articles of `db` against a clean run of them (cleanRunCounts): one source per article and pair, as in the clean
 * run, and every candidate backed by evidence. (The number of candidates depends on the order articles were
 * clustered in, so it is bounded by the sources, not compared.)
 */
export async function expectSameAsCleanRun(db: Db, siteUrl: string, prefix: string): Promise<void> {
  const mine = await tableCounts(db);
  const clean = await cleanRunCounts(db, siteUrl, prefix);
  expect({ articles: mine.articles, sources: mine.sources }).toEqual({ articles: clean.articles, sources: clean.sources });
  expect(await dealsWithoutSources(db)).toBe(0);
  expect(mine.deals).toBeLessThanOrEqual(mine.sources);
}

/** Candidates with no evidence at all: what a half-stored or duplicated extraction would leave behind. */
export async function dealsWithoutSources(db: Db): Promise<number> {
  const rows = await db.select({ id: deals.id }).from(deals).where(sql`not exists (select 1 from ${dealSources} s where s.deal_id = ${deals.id})`);
  return rows.length;
}
