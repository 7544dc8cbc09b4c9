// Queue names, payload schemas and job options: declared once, imported by producers and workers.
import { Queue, type JobsOptions, type ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';

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

export function parsePayload<N extends QueueName>(name: N, data: unknown): Payload<N> {
  return payloadSchemas[name].parse(data) as Payload<N>;
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
