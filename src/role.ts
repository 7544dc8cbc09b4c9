// What every role (poller, extractor, notifier, web) is started with, and what it gives back.
import type { Redis } from 'ioredis';
import type { Settings } from './config.js';
import type { Database } from './db/client.js';
import type { Logger } from './log.js';
import type { Queues } from './queue.js';

export const roleNames = ['poller', 'extractor', 'notifier', 'web'] as const;
export type RoleName = (typeof roleNames)[number];

export interface RoleContext {
  settings: Settings;
  /** Every role this process runs. */
  roles: readonly RoleName[];
  database: Database;
  /** Producers for every queue (fail fast when Redis is down). */
  queues: Queues;
  logger: Logger;
  /** A new Redis connection for a BullMQ Worker (maxRetriesPerRequest: null). The caller closes it via the role. */
  workerConnection(): Redis;
}

export interface RunningRole {
  name: string;
  /** Stops taking work, finishes or hands back what is in flight, closes what the role opened. */
  close(): Promise<void>;
}
