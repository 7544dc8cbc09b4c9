// Settings, logger and queues for service tests: loopback feeds allowed, short timeouts, this file's own prefix.
import { loadSettings, type Settings } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openQueues, producerConnection, type Queues } from '../../src/queue.js';
import { testRedisUrl } from './services.js';

export function testSettings(databaseUrl: string, prefix: string, overrides: Partial<Record<keyof Settings, string>> = {}): Settings {
  return loadSettings(
    {},
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      // Test servers listen on 127.0.0.1.
      ALLOW_PRIVATE_NETWORKS: 'true',
      FETCH_TIMEOUT_SECONDS: '3',
      POLL_INTERVAL_SECONDS: '60',
      SCHEDULER_TICK_SECONDS: '1',
      SWEEP_INTERVAL_SECONDS: '2',
      JOB_LOCK_SECONDS: '5',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
      POLL_CONCURRENCY: '8',
      EXTRACT_CONCURRENCY: '2',
      EXTRACT_THREADS: '1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...overrides,
    },
  );
}

export function quietLogger(): Logger {
  return createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
}

export function testQueues(prefix: string): { queues: Queues; close(): Promise<void> } {
  const connection = producerConnection(testRedisUrl);
  connection.on('error', () => {});
  const queues = openQueues(connection, prefix);
  return {
    queues,
    async close() {
      await queues.close();
      connection.disconnect();
    },
  };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
