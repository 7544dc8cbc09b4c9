// Start-up: wait for PostgreSQL (clear message, retries), create the database if missing, migrate.
import { createDatabaseIfMissing, migrateDatabase, openDatabase, type Database } from './client.js';
import type { Logger } from '../log.js';
import { redactUrl } from '../text/redact.js';

/** Re-exported: the one redaction (src/text/redact.ts) also covers DATABASE_URL and REDIS_URL. */
export { redactUrl };

const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '57P03', '57P01']);

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (e?.code !== undefined && connectionCodes.has(e.code)) || /timeout|terminat|connect/i.test(e?.message ?? '');
}

/** Opens the database, retrying while PostgreSQL is unreachable (every `retryMs`, for at most `maxWaitMs`). */
export async function connectDatabase(
  databaseUrl: string,
  logger: Logger,
  options: { poolSize?: number; retryMs?: number; maxWaitMs?: number } = {},
): Promise<Database> {
  const retryMs = options.retryMs ?? 2_000;
  const deadline = Date.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
  for (let attempt = 1; ; attempt++) {
    try {
      if (await createDatabaseIfMissing(databaseUrl)) logger.info({ database: redactUrl(databaseUrl) }, 'created database');
      const database = openDatabase(databaseUrl, { max: options.poolSize });
      await migrateDatabase(database.db);
      return database;
    } catch (err) {
      if (!isConnectionError(err) || Date.now() + retryMs > deadline) throw err;
      logger.warn({ database: redactUrl(databaseUrl), attempt, error: (err as Error).message }, `PostgreSQL is not reachable; retrying in ${retryMs / 1000}s`);
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}
