// `lanewatch demo` (`npm run demo`): lanewatch against a small built-in news site on loopback serving the labelled
// sample articles as feeds, with a demo reviewer: the queue fills in a minute. It honours PORT, DATABASE_URL and
// REDIS_URL as `start` does (without DATABASE_URL: the database lanewatch_demo on the default server), keeps its
// own queue prefix, resets only a database it created itself, and prints its alerts as they are sent.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { deleteQueueKeys } from '../../service/redis.js';
import type { Command } from 'commander';
import { defaultDatabaseUrl, defaultPublicUrl, loadSettings, type Settings } from '../../config.js';
import type { Db } from '../../db/client.js';
import { addFeeds } from '../../polling/store.js';
import { importBaseline, parseBaselineCsv } from '../../lanes/baseline.js';
import { listAlerts } from '../../alerts/alert-list.js';
import { createLogger } from '../../log.js';
import { redactUrl } from '../../text/redact.js';
import { roleNames } from '../../role.js';
import { startService } from '../../service/start.js';
import { startNewsSite } from '../../demo/news-site.js';
import { addUser } from '../../web/auth/users.js';
import { projectPath } from '../../paths.js';
import { UsageError } from '../errors.js';
import { oneLine } from '../printable.js';
import { createDemoDatabase, demoDatabaseState } from '../demo/database.js';

const corpusRoot = projectPath('test/fixtures/corpus');
const baselineFile = projectPath('config/lanes.csv');

interface DemoOptions {
  port?: string;
  databaseUrl?: string;
  prefix: string;
  drip: string;
  keep?: boolean;
  baseline: boolean;
}

/** Without DATABASE_URL the demo keeps out of the default database: lanewatch_demo on the same server. */
export function demoDatabaseUrl(configured: string, given: string | undefined): string {
  if (given) return given;
  if (configured !== defaultDatabaseUrl) return configured;
  const u = new URL(configured);
  u.pathname = '/lanewatch_demo';
  return u.toString();
}

/** A free loopback port, so that PUBLIC_URL (links in alerts) names the port the demo really listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Prints each alert once it has been sent (a delivery done), so that the demo shows what a channel received. */
function printAlertsAsSent(db: Db, everyMs: number): () => void {
  const printed = new Set<number>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const a of (await listAlerts(db, 50)).reverse()) {
        if (printed.has(a.id) || !a.deliveries.some((d) => d.state === 'succeeded')) continue;
        printed.add(a.id);
        const tag = a.kind === 'correction' ? 'CORRECTION' : 'ALERT';
        console.log(`${tag} #${a.id}  ${oneLine(a.message)}`);
      }
    } catch {
      // The database going away at shutdown is no news; the next tick tries again.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return () => clearInterval(timer);
}

async function prepareDatabase(url: string, keep: boolean): Promise<string> {
  const shown = redactUrl(url);
  let state;
  try {
    state = await demoDatabaseState(url);
  } catch (err) {
    throw new Error(`cannot use PostgreSQL for the demo at ${shown}: ${(err as Error).message}`);
  }
  if (state === 'missing') {
    await createDemoDatabase(url, false);
    return 'created for the demo';
  }
  if (keep) return state === 'made-by-demo' ? 'kept from an earlier demo' : 'an existing database, used as it is (--keep)';
  if (state === 'not-made-by-demo') {
    throw new UsageError(
      `lanewatch demo: the database ${shown} exists and was not created by the demo, so the demo will not reset it. ` +
        'Point DATABASE_URL (or --database-url) at a database name that does not exist yet, or add --keep to run the demo on it as it is.',
    );
  }
  await createDemoDatabase(url, true);
  return 'reset (created by an earlier demo)';
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run lanewatch against a built-in news site on loopback (sample articles as feeds) with a demo reviewer')
    .option('--port <n>', 'web UI port (default: PORT, else 8080; 0 picks a free one)')
    .option('--database-url <url>', 'database for the demo (default: DATABASE_URL; unset: lanewatch_demo on the default server)')
    .option('--prefix <name>', 'Redis key prefix for the demo', 'lanewatch-demo')
    .option('--drip <seconds>', 'reveal one more article per outlet every so many seconds', '8')
    .option('--keep', 'keep what an earlier demo stored (default: start afresh); also runs on a database the demo did not create')
    .option('--no-baseline', 'do not load the baseline lanes from config/lanes.csv')
    .action(async (opts: DemoOptions) => {
      const base = loadSettings();
      const port = opts.port === undefined ? base.PORT : Number(opts.port);
      const drip = Number(opts.drip);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('lanewatch demo: --port must be 0-65535');
      if (!(drip > 0)) throw new UsageError('lanewatch demo: --drip must be a positive number of seconds');
      if (opts.databaseUrl !== undefined) {
        const parsed = loadSettings({}, { DATABASE_URL: opts.databaseUrl });
        opts.databaseUrl = parsed.DATABASE_URL;
      }
      const corpusDirs = ['dev', 'seed'].map((s) => join(corpusRoot, s)).filter((d) => existsSync(join(d, 'manifest.json')));
      if (corpusDirs.length === 0) throw new UsageError(`lanewatch demo: no sample articles in ${corpusRoot} (copy a labelled corpus there: dev/ and seed/)`);

      const databaseUrl = demoDatabaseUrl(base.DATABASE_URL, opts.databaseUrl);
      const databaseNote = await prepareDatabase(databaseUrl, !!opts.keep);
      const listenPort = port === 0 ? await freePort() : port;
      const overrides: Partial<Record<keyof Settings, string>> = {
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: opts.prefix,
        PORT: String(listenPort),
        HOST: '127.0.0.1',
        // The news site is on loopback: the demo allows private addresses for itself only.
        ALLOW_PRIVATE_NETWORKS: 'true',
        // Poll often so that news dripping in shows up within seconds.
        POLL_INTERVAL_SECONDS: '10',
        SCHEDULER_TICK_SECONDS: '2',
        SWEEP_INTERVAL_SECONDS: '15',
        LOG_LEVEL: base.LOG_LEVEL === 'info' ? 'warn' : base.LOG_LEVEL,
        PUBLIC_URL: base.PUBLIC_URL !== defaultPublicUrl ? base.PUBLIC_URL : `http://127.0.0.1:${listenPort}`,
      };
      // Modules that read settings() see the demo's values too.
      for (const [k, v] of Object.entries(overrides)) process.env[k] = v;
      const settings = loadSettings(process.env, overrides);
      const logger = createLogger(settings.LOG_LEVEL);

      if (!opts.keep) await deleteQueueKeys(settings.REDIS_URL, settings.QUEUE_PREFIX).catch(() => {});
      const site = await startNewsSite({ corpusDirs, dripSeconds: drip });
      let service: Awaited<ReturnType<typeof startService>>;
      try {
        service = await startService({ roles: roleNames, settings, logger });
      } catch (err) {
        await site.close();
        const e = err as { code?: string; message?: string };
        if (e.code === 'EADDRINUSE') throw new UsageError(`lanewatch demo: port ${listenPort} is in use; pick another with --port N or PORT (0 = any free port)`);
        throw err;
      }
      const db = service.database.db;
      if (opts.baseline && existsSync(baselineFile)) {
        await db.transaction((tx) => importBaseline(tx, parseBaselineCsv(readFileSync(baselineFile, 'utf8'), baselineFile)));
      }
      await addFeeds(db, site.feeds, settings.POLL_INTERVAL_SECONDS);
      const password = randomBytes(9).toString('base64url');
      await addUser(db, 'demo', password);
      const web = service.roles.find((r): r is typeof r & { url: string } => r.name === 'web' && typeof (r as { url?: unknown }).url === 'string');
      const url = web?.url ?? `http://127.0.0.1:${listenPort}`;
      const shownDb = redactUrl(databaseUrl);
      console.log(
        [
          '',
          'lanewatch demo is running.',
          '',
          `  Review queue   ${url}/`,
          `  User           demo  (the reviewer made for the demo)`,
          `  Password       ${password}`,
          '',
          `  News site      ${site.url}/  (${site.articleCount} sample articles from ${site.feeds.length} outlets; more appear every ${drip} s)`,
          `  Database       ${shownDb}  (${databaseNote}; Redis ${redactUrl(settings.REDIS_URL)}, prefix ${settings.QUEUE_PREFIX})`,
          `  More reviewers DATABASE_URL=${shownDb} lanewatch users add NAME`,
          '',
          'Candidates appear in the queue within a minute. Keys: j/k move, a approve, r reject, e edit, m merge, u undo, ? help.',
          'Alerts are printed here as they are sent. Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      const stopPrinting = printAlertsAsSent(db, 1_000);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      stopPrinting();
      await service.close();
      await site.close();
      process.exit(0);
    });
}
