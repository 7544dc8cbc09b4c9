// A PostgreSQL database and a Redis key prefix of the bench's own, removed afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createDatabaseIfMissing, migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { feeds } from '../src/db/schema.js';

export const adminDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const benchRedisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export interface BenchDatabase extends Database {
  url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(label = 'lw_bench'): Promise<BenchDatabase> {
  const name = unique(label);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  await createDatabaseIfMissing(url.toString());
  const database = openDatabase(url.toString(), { max: 4 });
  await migrateDatabase(database.db);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      const admin = new pg.Client({ connectionString: adminDatabaseUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function createQueuePrefix(label = 'lwbench'): { prefix: string; cleanup(): Promise<void> } {
  const prefix = unique(label);
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(benchRedisUrl, { maxRetriesPerRequest: 3 });
      try {
        let cursor = '0';
        // Bounded: a prefix holds at most a few hundred thousand keys here.
        for (let round = 0; round < 100_000; round++) {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
          if (cursor === '0') break;
        }
      } finally {
        redis.disconnect();
      }
    },
  };
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
