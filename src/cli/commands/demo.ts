// `lanewatch demo` (`npm run demo`): lanewatch against a small built-in news site on loopback serving the labelled
// sample articles as feeds, in its own database and queue prefix, with a demo reviewer: the queue fills in a minute.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { deleteQueueKeys } from '../../service/redis.js';
import type { Command } from 'commander';
import { loadSettings, type Settings } from '../../config.js';
import { addFeeds } from '../../feeds/store.js';
import { importBaseline, parseBaselineCsv } from '../../lanes/baseline.js';
import { createLogger } from '../../log.js';
import { roleNames } from '../../service/role.js';
import { startService } from '../../service/start.js';
import { startNewsSite } from '../../demo/news-site.js';
import { addUser } from '../../web/auth/users.js';
import { projectPath } from '../../paths.js';
import { UsageError } from '../errors.js';

const corpusRoot = projectPath('test/fixtures/corpus');
const baselineFile = projectPath('config/lanes.csv');

interface DemoOptions {
  port: string;
  databaseUrl?: string;
  prefix: string;
  drip: string;
  keep?: boolean;
  baseline: boolean;
}

/** The demo's own database: DATABASE_URL's server with the database named lanewatch_demo. */
function demoDatabaseUrl(base: string): string {
  const u = new URL(base);
  u.pathname = '/lanewatch_demo';
  return u.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run lanewatch against a built-in news site on loopback (sample articles as feeds) with a demo reviewer')
    .option('--port <n>', 'web UI port (0 picks a free one)', '8080')
    .option('--database-url <url>', 'database for the demo (default: DATABASE_URL with the database lanewatch_demo)')
    .option('--prefix <name>', 'Redis key prefix for the demo', 'lanewatch-demo')
    .option('--drip <seconds>', 'reveal one more article per outlet every so many seconds', '8')
    .option('--keep', 'keep what an earlier demo stored (default: start afresh)')
    .option('--no-baseline', 'do not load the baseline lanes from config/lanes.csv')
    .action(async (opts: DemoOptions) => {
      const port = Number(opts.port);
      const drip = Number(opts.drip);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('lanewatch demo: --port must be 0-65535');
      if (!(drip > 0)) throw new UsageError('lanewatch demo: --drip must be a positive number of seconds');
      const corpusDirs = ['dev', 'seed'].map((s) => join(corpusRoot, s)).filter((d) => existsSync(join(d, 'manifest.json')));
      if (corpusDirs.length === 0) throw new UsageError(`lanewatch demo: no sample articles in ${corpusRoot} (copy a labelled corpus there: dev/ and seed/)`);

      const base = loadSettings();
      const databaseUrl = opts.databaseUrl ?? demoDatabaseUrl(base.DATABASE_URL);
      const site = await startNewsSite({ corpusDirs, dripSeconds: drip });
      const overrides: Partial<Record<keyof Settings, string>> = {
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: opts.prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        // The news site is on loopback: the demo allows private addresses for itself only.
        ALLOW_PRIVATE_NETWORKS: 'true',
        // Poll often so that news dripping in shows up within seconds.
        POLL_INTERVAL_SECONDS: '10',
        SCHEDULER_TICK_SECONDS: '2',
        SWEEP_INTERVAL_SECONDS: '15',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        PUBLIC_URL: `http://127.0.0.1:${port || 8080}`,
      };
      // Modules that read settings() see the demo's values too.
      for (const [k, v] of Object.entries(overrides)) process.env[k] = v;
      const settings = loadSettings(process.env, overrides);
      const logger = createLogger(settings.LOG_LEVEL);

      if (!opts.keep) {
        await dropDatabase(databaseUrl).catch((err: Error) => {
          throw new Error(`cannot reset the demo database: ${err.message}`);
        });
        await deleteQueueKeys(settings.REDIS_URL, settings.QUEUE_PREFIX).catch(() => {});
      }
      let service: Awaited<ReturnType<typeof startService>>;
      try {
        service = await startService({ roles: roleNames, settings, logger });
      } catch (err) {
        await site.close();
        const e = err as { code?: string; message?: string };
        if (e.code === 'EADDRINUSE') throw new UsageError(`lanewatch demo: port ${port} is in use; pick another with --port N (0 = any free port)`);
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
      const url = web?.url ?? `http://127.0.0.1:${port}`;
      console.log(
        [
          '',
          'lanewatch demo is running.',
          '',
          `  Review queue   ${url}/`,
          `  User           demo`,
          `  Password       ${password}`,
          '',
          `  News site      ${site.url}/  (${site.articleCount} sample articles from ${site.feeds.length} outlets; more appear every ${drip} s)`,
          `  Database       ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}  (Redis prefix ${settings.QUEUE_PREFIX})`,
          '',
          'Candidates appear in the queue within a minute. Keys: j/k move, a approve, r reject, e edit, m merge, u undo, ? help.',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await service.close();
      await site.close();
      process.exit(0);
    });
}
