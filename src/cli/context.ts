// What commands that need the services open: settings, the database (created and migrated), the queues.
import { settings, type Settings } from '../config.js';
import { connectDatabase, redactUrl } from '../db/connect.js';
import type { Database } from '../db/client.js';
import { log } from '../log.js';
import { openQueues, producerConnection, type Queues } from '../queue.js';

export interface CommandContext {
  settings: Settings;
  database: Database;
  close(): Promise<void>;
}

/** Opens PostgreSQL for a command; a database that is down is one clear line, not a stack trace. */
export async function openCommandContext(): Promise<CommandContext> {
  const s = settings();
  try {
    const database = await connectDatabase(s.DATABASE_URL, log(), { maxWaitMs: 0, poolSize: 4 });
    return { settings: s, database, close: () => database.close() };
  } catch (err) {
    throw new Error(`cannot use PostgreSQL at ${redactUrl(s.DATABASE_URL)}: ${(err as Error).message}`);
  }
}

/** Runs `fn` with a command context, closing it afterwards. */
export async function withContext<T>(fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const ctx = await openCommandContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Opens the producer side of the queues (fails fast if Redis is down). */
export function openCommandQueues(s: Settings): { queues: Queues; close(): Promise<void> } {
  const connection = producerConnection(s.REDIS_URL);
  connection.on('error', () => {});
  const queues = openQueues(connection, s.QUEUE_PREFIX);
  return {
    queues,
    async close() {
      await queues.close();
      connection.disconnect();
    },
  };
}
