// Shared checks of the fault tests: every article extracted, and nothing stored twice, judged against a clean run
// of the same articles in a database of its own.
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { articles, deals, dealSources } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { storeFeedItems } from '../../src/articles/store.js';
import { processArticle } from '../../src/articles/process.js';
import { createExtractPool } from '../../src/articles/extract-pool.js';
import { createTestDatabase } from './services.js';
import { startFeedServer } from './feed-server.js';
import { quietLogger, testQueues, testSettings } from './service-env.js';

export async function extractedCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(articles).where(eq(articles.state, 'extracted')))[0].n;
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

/** Candidates with no evidence at all: what a half-stored or duplicated extraction would leave behind. */
export async function dealsWithoutSources(db: Db): Promise<number> {
  const rows = await db.select({ id: deals.id }).from(deals).where(sql`not exists (select 1 from ${dealSources} s where s.deal_id = ${deals.id})`);
  return rows.length;
}
