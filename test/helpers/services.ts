// Real PostgreSQL and Redis for tests: each test file gets its own database and its own queue prefix.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deleteQueueKeys } from '../../src/service/redis.js';
import { createDatabaseIfMissing, migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';

export const testDatabaseBase = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh, migrated database; drop() closes its pool and removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('lw_test');
  const url = new URL(testDatabaseBase);
  url.pathname = `/${name}`;
  await createDatabaseIfMissing(url.toString());
  const database = openDatabase(url.toString(), { max: 10 });
  await migrateDatabase(database.db);
  return {
    ...database,
    url: url.toString(),
    name,
    async drop() {
      await database.close().catch(() => {});
      const admin = new pg.Client({ connectionString: testDatabaseBase });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A queue prefix of this test file's own; cleanup() deletes every key under it. */
export function createTestPrefix(): { prefix: string; cleanup(): Promise<void> } {
  const prefix = uniqueName('lwtest');
  return {
    prefix,
    async cleanup() {
      await deleteQueueKeys(testRedisUrl, prefix);
    },
  };
}
