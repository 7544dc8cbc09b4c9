import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { Queues } from '../queue.js';

/** What the web role's routes are given. */
export interface WebDeps {
  settings: Settings;
  db: Db;
  queues: Queues;
  logger: Logger;
  /** Resolves when PostgreSQL and Redis both answer; for /readyz. */
  checkReady(): Promise<{ postgres: boolean; redis: boolean }>;
}
