// The queue catalog: per queue its name, payload schema, job id, job options and worker options, declared once and
// imported by producers and workers; defineWorker() is the one way to consume a queue.
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';
import type { Settings } from './config.js';
import type { Logger } from './log.js';

export const queueNames = {
  /** Repeating tick: enqueue the feeds now due, sweep lost work, send digests. */
  schedule: 'schedule',
  pollFeed: 'poll-feed',
  processArticle: 'process-article',
  deliverAlert: 'deliver-alert',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export const payloadSchemas = {
  [queueNames.schedule]: z.object({ task: z.enum(['enqueue-due-feeds', 'sweep', 'digest']) }),
  [queueNames.pollFeed]: z.object({ feedId: z.number().int().positive(), due: z.number().int() }),
  [queueNames.processArticle]: z.object({ articleId: z.number().int().positive() }),
  [queueNames.deliverAlert]: z.object({ deliveryId: z.number().int().positive() }),
} satisfies Record<QueueName, z.ZodType>;

export type Payload<N extends QueueName> = z.infer<(typeof payloadSchemas)[N]>;

const day = 24 * 3600;

/** Per-queue job options, with the reason beside each number. */
export const jobOptions: Record<QueueName, JobsOptions> = {
  [queueNames.schedule]: {
    attempts: 1, // the next tick is the retry
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 500 },
  },
  [queueNames.pollFeed]: {
    // Polling failures are data: recorded on the feed row with backoff, so BullMQ does not retry them.
    attempts: 1,
    removeOnComplete: { age: day, count: 10_000 },
    removeOnFail: { age: 7 * day, count: 10_000 },
  },
  [queueNames.processArticle]: {
    // Fetch or database hiccups deserve real retries; after 5 the article is marked failed and the sweep leaves it.
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: day, count: 50_000 },
    removeOnFail: { age: 14 * day, count: 50_000 },
  },
  [queueNames.deliverAlert]: {
    // A receiver that is down for a while still gets its alert: ~10 attempts over about 2 hours.
    attempts: 10,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 30 * day },
    removeOnFail: { age: 30 * day },
  },
};

/** A BullMQ jobId may not contain ':'; these are the only ids lanewatch makes. */
export const jobIds = {
  pollFeed: (feedId: number, due: number) => `feed-${feedId}-${due}`,
  processArticle: (articleId: number) => `article-${articleId}`,
  deliverAlert: (deliveryId: number) => `delivery-${deliveryId}`,
};

export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
}

/** The payload, validated; otherwise an InvalidPayloadError naming the queue and each bad field. */
export function parsePayload<N extends QueueName>(name: N, data: unknown): Payload<N> {
  const result = payloadSchemas[name].safeParse(data);
  if (result.success) return result.data as Payload<N>;
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'payload'}: ${i.message}`);
  throw new InvalidPayloadError(`invalid ${name} payload: ${problems.join('; ')}`);
}

/** The settings the worker options are read from. */
export type WorkerSettings = Pick<
  Settings,
  'QUEUE_PREFIX' | 'JOB_LOCK_SECONDS' | 'SHUTDOWN_TIMEOUT_SECONDS' | 'POLL_CONCURRENCY' | 'EXTRACT_CONCURRENCY' | 'NOTIFY_CONCURRENCY'
>;

/** Jobs one worker runs at once, per queue, with the reason. */
const workerConcurrency: Record<QueueName, (s: WorkerSettings) => number> = {
  // One tick at a time: overlapping sweeps would only do the same work twice.
  [queueNames.schedule]: () => 1,
  // Polls mostly wait on the network; a hanging host holds one slot for at most FETCH_TIMEOUT_SECONDS.
  [queueNames.pollFeed]: (s) => s.POLL_CONCURRENCY,
  // Page fetches overlap while the extraction threads work.
  [queueNames.processArticle]: (s) => s.EXTRACT_CONCURRENCY,
  // Deliveries mostly wait on a receiver; a channel that is down holds a few slots while the others flow.
  [queueNames.deliverAlert]: (s) => s.NOTIFY_CONCURRENCY,
};

/** Per-queue worker options: the same lock and stall rules for every queue, its own concurrency. */
export function workerOptions(name: QueueName, s: WorkerSettings): { concurrency: number; lockDuration: number; stalledInterval: number } {
  return {
    concurrency: workerConcurrency[name](s),
    // A hold on a job lasts this long without renewal, and stalled jobs are looked for as often: a killed worker's
    // jobs are back in the queue within about two lock durations.
    lockDuration: s.JOB_LOCK_SECONDS * 1000,
    stalledInterval: s.JOB_LOCK_SECONDS * 1000,
  };
}

/** What a worker is started with. The connection is the worker's own (maxRetriesPerRequest: null); close() ends it. */
export interface WorkerContext {
  connection: Redis;
  settings: WorkerSettings;
  logger: Logger;
}

export interface WorkerDefinition<N extends QueueName> {
  queue: N;
  /** The job's work on its parsed payload. Throws to fail the job: UnrecoverableError when a retry cannot help. */
  handle(payload: Payload<N>, job: Job, token: string | undefined): Promise<unknown>;
  /** The failed-job log line: what happens next (the payload's fields, attempt and error are logged with it). */
  failedMessage?: string;
  /** After the failed job is logged; `final` when it will not run again. Its errors are logged. */
  onFailed?(job: Job, error: Error, final: boolean): Promise<void> | void;
}

export interface DefinedWorker {
  worker: Worker;
  /**
   * Stops taking jobs. In-flight jobs get until SHUTDOWN_TIMEOUT_SECONDS to finish; after it they are abandoned, their
   * locks lapse and another worker takes them again (handed back, not lost). Then the connection is closed.
   */
  close(): Promise<'finished' | 'handed-back'>;
}

/** A payload's fields as log keys (feedId → feed_id), when it is a valid payload. */
function payloadLogFields(name: QueueName, data: unknown): Record<string, unknown> {
  const parsed = payloadSchemas[name].safeParse(data);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}

/**
 * The one way to consume a queue: parses each payload (a bad one fails its job once, with UnrecoverableError and a
 * clear message, and nothing else stops), applies the catalog's worker options, logs failed, stalled and error
 * events, and closes against the shutdown deadline.
 */
export function defineWorker<N extends QueueName>(ctx: WorkerContext, definition: WorkerDefinition<N>): DefinedWorker {
  const name = definition.queue;
  const logger = ctx.logger.child({ queue: name });
  const parse = (job: Job): Payload<N> => {
    try {
      return parsePayload(name, job.data);
    } catch (err) {
      // Retrying cannot fix a bad payload: the job fails once, with the reason.
      throw new UnrecoverableError((err as Error).message);
    }
  };
  const worker = new Worker(name, async (job: Job, token?: string) => definition.handle(parse(job), job, token), {
    connection: ctx.connection,
    prefix: ctx.settings.QUEUE_PREFIX,
    ...workerOptions(name, ctx.settings),
  });
  worker.on('error', (err) => logger.error({ error: err.message }, `${name} worker error`));
  worker.on('stalled', (jobId) => logger.warn({ job_id: jobId }, 'job stalled (its worker stopped renewing the lock); it runs again'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn(
      { job_id: job.id, ...payloadLogFields(name, job.data), attempt: job.attemptsMade, final, error: err.message },
      definition.failedMessage ?? `${name} job failed`,
    );
    if (!definition.onFailed) return;
    Promise.resolve()
      .then(() => definition.onFailed!(job, err, final))
      .catch((e: Error) => logger.error({ job_id: job.id, error: e.message }, 'failed-job handler threw'));
  });
  const deadlineMs = ctx.settings.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  let closing: Promise<'finished' | 'handed-back'> | undefined;
  return {
    worker,
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'handed-back'>((resolve) => {
          timer = setTimeout(() => resolve('handed-back'), deadlineMs);
        });
        const closed = worker.close().then(
          () => 'finished' as const,
          (err: Error) => {
            logger.warn({ error: err.message }, `${name} worker did not close cleanly`);
            return 'finished' as const;
          },
        );
        const outcome = await Promise.race([closed, deadline]);
        clearTimeout(timer);
        if (outcome === 'handed-back') {
          // BullMQ's close(true) after close() only returns the pending close, which waits for the job: instead the
          // connection that renews the job locks goes, so the locks lapse and another worker takes the jobs again.
          logger.warn({ deadline_seconds: ctx.settings.SHUTDOWN_TIMEOUT_SECONDS }, 'jobs still running at the shutdown deadline are handed back');
        }
        ctx.connection.disconnect();
        return outcome;
      })();
      return closing;
    },
  };
}

const baseRedisOptions: RedisOptions = {
  // Reconnect forever with a capped delay: Redis restarting is a pause, never a crash.
  retryStrategy: (times) => Math.min(times * 200, 5_000),
};

/** Connection for workers: commands wait for Redis to come back rather than fail (BullMQ requires null here). */
export function workerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { ...baseRedisOptions, maxRetriesPerRequest: null });
}

/** Connection for producers: fail fast when Redis is down so that the caller records it and moves on. */
export function producerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { ...baseRedisOptions, maxRetriesPerRequest: 3, enableOfflineQueue: false });
}

export interface Queues {
  queue<N extends QueueName>(name: N): Queue<Payload<N>>;
  enqueue<N extends QueueName>(name: N, payload: Payload<N>, options?: JobsOptions): Promise<void>;
  enqueueBulk<N extends QueueName>(name: N, jobs: { payload: Payload<N>; jobId: string; options?: JobsOptions }[]): Promise<void>;
  close(): Promise<void>;
}

/** Typed producers for every queue. Payloads are validated before they reach Redis. */
export function openQueues(connection: ConnectionOptions, prefix: string): Queues {
  const queues = new Map<QueueName, Queue>();
  const get = <N extends QueueName>(name: N): Queue<Payload<N>> => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: jobOptions[name] });
      q.on('error', () => {}); // connection errors surface on the calls that need Redis
      queues.set(name, q);
    }
    return q as unknown as Queue<Payload<N>>;
  };
  return {
    queue: get,
    async enqueue(name, payload, options) {
      const data = parsePayload(name, payload);
      await (get(name) as Queue).add(name, data, options);
    },
    async enqueueBulk(name, jobs) {
      if (jobs.length === 0) return;
      await (get(name) as Queue).addBulk(
        jobs.map((j) => ({ name, data: parsePayload(name, j.payload), opts: { ...jobOptions[name], ...j.options, jobId: j.jobId } })),
      );
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
