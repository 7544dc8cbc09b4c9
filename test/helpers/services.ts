// Real PostgreSQL and Redis for tests: each test file gets its own database and its own queue prefix.
import { createScratchDatabase, createScratchPrefix, type ScratchDatabase } from './scratch.js';

export const testDatabaseBase = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TestDatabase = ScratchDatabase;

/** A fresh, migrated database; drop() closes its pool and removes it. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createScratchDatabase(testDatabaseBase, 'lw_test');
}

/** A queue prefix of this test file's own; cleanup() deletes every key under it. */
export function createTestPrefix(): { prefix: string; cleanup(): Promise<void> } {
  return createScratchPrefix(testRedisUrl, 'lwtest');
}
