// The set-up and tear-down of a test file that runs lanewatch: its own database and queue prefix, the local news
// site and producer queues when asked, and every service, `lanewatch start` process and extra feed server the file
// starts, all stopped after the file (processes and services first, newest first; the database last).
import { afterAll, beforeAll } from 'vitest';
import type { Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { addFeeds, type ImportResult } from '../../src/polling/store.js';
import { closeFetchAgents } from '../../src/net/fetch.js';
import type { Queues } from '../../src/queue.js';
import type { RoleName } from '../../src/role.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { startFeedServer, type FeedServer, type FeedServerOptions } from './feed-server.js';
import { settingsEnv, spawnLanewatch, type LanewatchProcess } from './lanewatch-process.js';
import { quietLogger, testQueues, testSettings } from './service-env.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from './services.js';

export interface ServiceTestOptions {
  /** Serve the local news site (feed-server.ts) with these options, as `server`. */
  feeds?: FeedServerOptions;
  /** Open producer queues under the file's prefix, as `queues`. */
  queues?: boolean;
}

/** What a test file works with; the getters answer inside its hooks and tests (after the set-up ran). */
export interface ServiceTest {
  readonly database: TestDatabase;
  readonly db: Db;
  readonly prefix: string;
  readonly server: FeedServer;
  readonly queues: Queues;
  /** The test settings (service-env.ts) for this file's database and prefix. */
  settings(overrides?: Parameters<typeof testSettings>[2]): Settings;
  /** Adds every corpus feed of `server`, their first polls spread over one `intervalSeconds`. */
  addServerFeeds(intervalSeconds: number): Promise<ImportResult>;
  /** Another feed server, closed after the file. */
  feedServer(options?: FeedServerOptions): Promise<FeedServer>;
  /** The roles in this process, closed after the file (close() may be called before: it is idempotent). */
  startService(roles: readonly RoleName[], settings: Settings): Promise<RunningService>;
  /** `lanewatch start --roles ...` as a child process with `settings` and `env` on top, killed after the file. */
  startProcess(roles: readonly RoleName[], settings: Settings, env?: Record<string, string>): LanewatchProcess;
}

export function useServiceTest(options: ServiceTestOptions = {}): ServiceTest {
  let database: TestDatabase | undefined;
  let prefix: ReturnType<typeof createTestPrefix> | undefined;
  let server: FeedServer | undefined;
  let queues: ReturnType<typeof testQueues> | undefined;
  const stops: (() => unknown)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = createTestPrefix();
    if (options.queues) queues = testQueues(prefix.prefix);
    if (options.feeds) server = await startFeedServer(options.feeds);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await queues?.close();
    await server?.close();
    await closeFetchAgents();
    await prefix?.cleanup();
    await database?.drop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useServiceTest: no ${what} (outside the tests, or not asked for)`);
    return value;
  };
  const env: ServiceTest = {
    get database() {
      return ready(database, 'database');
    },
    get db() {
      return env.database.db;
    },
    get prefix() {
      return ready(prefix, 'queue prefix').prefix;
    },
    get server() {
      return ready(server, 'feed server');
    },
    get queues() {
      return ready(queues, 'queues').queues;
    },
    settings: (overrides) => testSettings(env.database.url, env.prefix, overrides),
    addServerFeeds: (intervalSeconds) => addFeeds(env.db, env.server.feeds.map((url) => ({ url })), intervalSeconds),
    async feedServer(serverOptions) {
      const s = await startFeedServer(serverOptions);
      stops.push(() => s.close());
      return s;
    },
    async startService(roles, settings) {
      const s = await startService({ roles, settings, logger: quietLogger() });
      stops.push(() => s.close());
      return s;
    },
    startProcess(roles, settings, extra = {}) {
      const p = spawnLanewatch(['start', '--roles', roles.join(',')], { ...settingsEnv(settings), ...extra });
      stops.push(() => p.child.kill('SIGKILL'));
      return p;
    },
  };
  return env;
}
