// Start-up wait for Redis: a clear message and a retry while it is down, never a stack trace.
import { Redis } from 'ioredis';
import { redactUrl } from '../db/connect.js';
import type { Logger } from '../log.js';

export async function waitForRedis(url: string, logger: Logger, options: { retryMs?: number; maxWaitMs?: number } = {}): Promise<void> {
  const retryMs = options.retryMs ?? 2_000;
  const deadline = Date.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
  for (let attempt = 1; ; attempt++) {
    // One connection per try, no reconnecting inside it: the loop is the retry.
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.ping();
      const policy = await redis.config('GET', 'maxmemory-policy').catch(() => null);
      const value = Array.isArray(policy) ? policy[1] : null;
      // BullMQ needs Redis to keep its keys: an evicting Redis silently loses jobs.
      if (value && value !== 'noeviction') logger.warn({ 'maxmemory-policy': value }, 'Redis maxmemory-policy should be noeviction');
      return;
    } catch (err) {
      if (Date.now() + retryMs > deadline) throw new Error(`Redis at ${redactUrl(url)} is not reachable: ${(err as Error).message}`);
      logger.warn({ redis: redactUrl(url), attempt, error: (err as Error).message }, `Redis is not reachable; retrying in ${retryMs / 1000}s`);
      await new Promise((r) => setTimeout(r, retryMs));
    } finally {
      redis.disconnect();
    }
  }
}

/** Deletes every key under a queue prefix (a demo reset, a test's cleanup); returns how many. */
export async function deleteQueueKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  redis.on('error', () => {});
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
