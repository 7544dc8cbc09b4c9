// A PostgreSQL database and a Redis key prefix of the bench's own, removed afterwards.
import type { Database } from '../src/db/client.js';
import { createScratchDatabase, createScratchPrefix, type ScratchDatabase } from '../test/helpers/scratch.js';
import { feeds } from '../src/db/schema.js';

export const adminDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const benchRedisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type BenchDatabase = ScratchDatabase;

export function createBenchDatabase(label = 'lw_bench'): Promise<BenchDatabase> {
  return createScratchDatabase(adminDatabaseUrl, label, 4);
}

export function createQueuePrefix(label = 'lwbench'): { prefix: string; cleanup(): Promise<void> } {
  return createScratchPrefix(benchRedisUrl, label);
}

export interface FeedRow {
  url: string;
  /** Validators from an earlier poll, as if the feed had been polled before. */
  etag?: string;
  lastModified?: string;
}

/** Inserts feeds (due now) in batches: one statement per thousand rows. */
export async function insertFeeds(database: Database, rows: readonly (string | FeedRow)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await database.db.insert(feeds).values(
      rows.slice(i, i + 1000).map((r, k) => {
        const row = typeof r === 'string' ? { url: r } : r;
        return { url: row.url, title: `Bench feed ${i + k}`, etag: row.etag ?? null, lastModified: row.lastModified ?? null };
      }),
    );
  }
}

export interface ArticleProgress {
  total: number;
  done: number;
  failed: number;
}

export async function articleProgress(database: Database): Promise<ArticleProgress> {
  const r = await database.pool.query<{ total: string; done: string; failed: string }>(
    `select count(*) as total, count(*) filter (where state <> 'queued') as done, count(*) filter (where state = 'failed') as failed from articles`,
  );
  const row = r.rows[0];
  return { total: Number(row.total), done: Number(row.done), failed: Number(row.failed) };
}

export interface FinishedArticle {
  itemId: number;
  state: string;
  finishedMs: number;
}

/** Articles no longer queued, with the bench item number taken from their URL. */
export async function finishedArticles(database: Database): Promise<FinishedArticle[]> {
  const r = await database.pool.query<{ url: string; state: string; ms: string }>(
    `select url, state, extract(epoch from coalesce(extracted_at, updated_at)) * 1000 as ms from articles where state <> 'queued'`,
  );
  return r.rows.flatMap((row) => {
    const m = /\/articles\/(\d+)\.html/.exec(row.url);
    return m ? [{ itemId: Number(m[1]), state: row.state, finishedMs: Number(row.ms) }] : [];
  });
}

/** Articles stored per bench item: every item must be stored exactly once. */
export async function articleCopies(database: Database): Promise<{ rows: number; distinctItems: number; duplicated: number }> {
  const r = await database.pool.query<{ rows: string; items: string; dup: string }>(
    `with per as (select substring(url from '/articles/([0-9]+)[.]html') as item, count(*) as n from articles group by 1)
     select coalesce(sum(n), 0) as rows, count(*) as items, count(*) filter (where n > 1) as dup from per`,
  );
  const row = r.rows[0];
  return { rows: Number(row.rows), distinctItems: Number(row.items), duplicated: Number(row.dup) };
}
