// Starts the chosen roles in one process, and stops them along one path (SIGTERM, SIGINT or close()).
import type { Redis } from 'ioredis';
import type { Settings } from '../config.js';
import { connectDatabase, redactUrl } from '../db/connect.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../log.js';
import { closeFetchAgents } from '../net/fetch.js';
import { openQueues, producerConnection, workerConnection, type Queues } from '../queue.js';
import type { RoleContext, RoleName, RunningRole } from '../role.js';
import { stopOnProcessFaults } from './faults.js';
import { waitForRedis } from './redis.js';

export interface ServiceOptions {
  roles: readonly RoleName[];
  settings: Settings;
  logger: Logger;
  /** Called once every role is up (runService): `lanewatch start` prints its readable start-up line here. */
  onStarted?: (service: RunningService) => void;
}

export interface RunningService {
  roles: RunningRole[];
  database: Database;
  queues: Queues;
  /** Stops every role (in-flight jobs finish or are handed back by the deadline), then Redis and the pool. */
  close(): Promise<void>;
}

async function startRole(name: RoleName, ctx: RoleContext): Promise<RunningRole[]> {
  switch (name) {
    case 'poller': {
      const { startScheduler } = await import('../../workers/scheduler.js');
      const { startPoller } = await import('../../workers/poller.js');
      return [await startScheduler(ctx), await startPoller(ctx)];
    }
    case 'extractor': {
      const { startExtractor } = await import('../../workers/extractor.js');
      return [await startExtractor(ctx)];
    }
    case 'notifier': {
      const { startNotifier } = await import('../../workers/notifier.js');
      return [await startNotifier(ctx)];
    }
    case 'web': {
      const { startWeb } = await import('../web/server.js');
      return [await startWeb(ctx)];
    }
  }
}

/** Waits for `work` at most `ms` (closing what is left is then the process exit's job); never throws. */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** PostgreSQL connections one process needs: one per job that can run at once, plus a few for the web and ticks. */
function poolSize(roles: readonly RoleName[], s: Settings): number {
  let n = 4;
  if (roles.includes('poller')) n += s.POLL_CONCURRENCY + 1;
  if (roles.includes('extractor')) n += s.EXTRACT_CONCURRENCY;
  if (roles.includes('notifier')) n += 4;
  if (roles.includes('web')) n += 6;
  return Math.min(n, 60);
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { settings: s, logger } = options;
  const roles = [...new Set(options.roles)];
  logger.info({ roles, database: redactUrl(s.DATABASE_URL), redis: redactUrl(s.REDIS_URL), prefix: s.QUEUE_PREFIX }, 'lanewatch starting');
  await waitForRedis(s.REDIS_URL, logger);
  const database = await connectDatabase(s.DATABASE_URL, logger, { poolSize: poolSize(roles, s) });
  const producer = producerConnection(s.REDIS_URL);
  producer.on('error', () => {}); // every call that needs Redis reports it
  const queues = openQueues(producer, s.QUEUE_PREFIX);
  const connections: Redis[] = [];
  const ctx: RoleContext = {
    settings: s,
    roles,
    database,
    queues,
    logger,
    workerConnection() {
      const c = workerConnection(s.REDIS_URL);
      c.on('error', () => {}); // BullMQ reconnects; its workers log what matters
      connections.push(c);
      return c;
    },
  };

  const running: RunningRole[] = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info({ roles: running.map((r) => r.name) }, 'lanewatch stopping');
      const closeRole = (role: RunningRole) =>
        role.close().catch((err: Error) => logger.warn({ role: role.name, error: err.message }, 'role did not close cleanly'));
      // The web stops taking requests first; then every worker stops taking jobs at once, so that the deadlines
      // of their in-flight jobs run side by side, not one after another.
      await Promise.all(running.filter((r) => r.name === 'web').map(closeRole));
      await Promise.all(running.filter((r) => r.name !== 'web').map(closeRole));
      await within(5_000, queues.close());
      producer.disconnect();
      for (const c of connections) c.disconnect();
      // pool.end() waits for every checked-out client: a job abandoned at the deadline may hold one forever.
      await within(5_000, database.close());
      await closeFetchAgents();
      logger.info('lanewatch stopped');
    })();
    return closing;
  };

  try {
    // Consumers before producers: work enqueued at start finds a worker waiting.
    const order: RoleName[] = ['extractor', 'notifier', 'poller', 'web'];
    for (const name of order.filter((r) => roles.includes(r))) {
      running.push(...(await startRole(name, ctx)));
      logger.info({ role: name }, 'role started');
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { roles: running, database, queues, close };
}

/**
 * Runs the service until SIGTERM or SIGINT, then stops it within SHUTDOWN_TIMEOUT_SECONDS (plus a margin for
 * closing connections) and resolves with the exit code: 0 after a signal, 1 after an unhandled rejection or an
 * uncaught exception (logged, then the same shutdown path). A signal during start-up stops the service as soon as
 * it is up; a second signal exits at once.
 */
export async function runService(options: ServiceOptions): Promise<number> {
  const { logger } = options;
  let signalled: (() => void) | undefined;
  const stopRequested = new Promise<void>((resolve) => (signalled = resolve));
  let stopping = false;
  let started = false;
  let exitCode = 0;
  const requestStop = (fields: Record<string, unknown>, code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    if (!started) {
      // Still waiting for PostgreSQL or Redis, or opening roles: no job is in flight yet.
      logger.info(fields, 'stopped before start-up finished');
      process.exit(code);
    }
    // Roles already close their workers against SHUTDOWN_TIMEOUT_SECONDS; this bounds everything else.
    const hardStop = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, (options.settings.SHUTDOWN_TIMEOUT_SECONDS + 10) * 1000);
    hardStop.unref();
    signalled!();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'signal received');
    requestStop({ signal }, 0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const removeFaultHandlers = stopOnProcessFaults(logger, (fault) => requestStop({ fault }, 1));
  try {
    const service = await startService(options);
    started = true;
    options.onStarted?.(service);
    await stopRequested;
    await service.close();
    return exitCode;
  } finally {
    removeFaultHandlers();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
