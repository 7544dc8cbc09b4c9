// Throw-away databases and queue prefixes, for tests, the bench and the load test: each run works in its own
// and removes it afterwards, so runs can go in parallel on one PostgreSQL and one Redis.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deleteQueueKeys } from '../../src/service/redis.js';
import { createDatabaseIfMissing, migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';

export function uniqueName(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export interface ScratchDatabase extends Database {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A new, migrated database on the server of `adminUrl` (a URL of any database there, e.g. `postgres`). */
export async function createScratchDatabase(adminUrl: string, label: string, poolSize = 10): Promise<ScratchDatabase> {
  const name = uniqueName(label);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await createDatabaseIfMissing(url.toString());
  const database = openDatabase(url.toString(), { max: poolSize });
  await migrateDatabase(database.db);
  return {
    ...database,
    url: url.toString(),
    name,
    async drop() {
      await database.close().catch(() => {});
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A queue prefix of one's own; cleanup() deletes every key under it. */
export function createScratchPrefix(redisUrl: string, label: string): { prefix: string; cleanup(): Promise<void> } {
  const prefix = uniqueName(label);
  return { prefix, cleanup: async () => void (await deleteQueueKeys(redisUrl, prefix)) };
}
