// Shared checks of the fault tests: every article extracted, nothing stored twice.
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { articles, deals, dealSources } from '../../src/db/schema.js';

export async function extractedCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(articles).where(eq(articles.state, 'extracted')))[0].n;
}

export async function tableCounts(db: Db): Promise<{ articles: number; deals: number; sources: number }> {
  return {
    articles: await db.$count(articles),
    deals: await db.$count(deals),
    sources: await db.$count(dealSources),
  };
}

/** Pairs (lab, provider, kind) that have more than one candidate: a duplicate made by a retried job shows here. */
export async function duplicatedDeals(db: Db): Promise<number> {
  const rows = await db.execute(sql`select lab, provider, kind, amount_usd, count(*) as n from deals group by 1, 2, 3, 4 having count(*) > 1`);
  return rows.rows.length;
}
