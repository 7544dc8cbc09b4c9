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

/** How long a command waits for Redis before it gives up (the work is in PostgreSQL; the service's sweep sends it). */
export const commandRedisWaitMs = 5_000;

export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

export interface CommandQueues {
  /** Producers whose every call ends within the wait: rejected with RedisUnreachableError when Redis does not answer. */
  queues: Queues;
  /** The first failure to reach Redis, also when a library caught it (review actions log and go on). */
  failure(): RedisUnreachableError | null;
  close(): Promise<void>;
}

function bounded<T>(work: Promise<T>, ms: number, what: () => RedisUnreachableError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(what()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Opens the producer side of the queues; a Redis that is down costs at most `waitMs` per call, never a hang. */
export function openCommandQueues(s: Settings, waitMs = commandRedisWaitMs): CommandQueues {
  const connection = producerConnection(s.REDIS_URL);
  let lastError = '';
  connection.on('error', (err: Error) => {
    lastError = err.message;
  });
  const inner = openQueues(connection, s.QUEUE_PREFIX);
  let failure: RedisUnreachableError | null = null;
  const unreachable = () => {
    failure ??= new RedisUnreachableError(`Redis at ${redactUrl(s.REDIS_URL)} did not answer within ${waitMs / 1000} s${lastError ? ` (${lastError})` : ''}`);
    return failure;
  };
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (failure) throw failure;
    try {
      return await bounded(work(), waitMs, unreachable);
    } catch (err) {
      if (err instanceof RedisUnreachableError) throw err;
      // Refused at once (enableOfflineQueue is off): the same outcome as no answer.
      if (connection.status !== 'ready') throw unreachable();
      throw err;
    }
  };
  const queues: Queues = {
    queue: inner.queue,
    enqueue: (name, payload, options) => guard(() => inner.enqueue(name, payload, options)),
    enqueueBulk: (name, jobs) => guard(() => inner.enqueueBulk(name, jobs)),
    close: () => inner.close(),
  };
  return {
    queues,
    failure: () => failure,
    async close() {
      // Closing waits for pending commands; with Redis gone they never finish: drop the connection first.
      if (failure) connection.disconnect();
      await bounded(inner.close(), 2_000, () => new RedisUnreachableError('closing the queues took too long')).catch(() => {});
      connection.disconnect();
    },
  };
}
