// `npm run bench [-- --json] [--only extract,model,feeds,pipeline,poller] [--quick|--full] [--cpu-prof] [--layouts single,two-extractors]`:
// measures every stage of lanewatch on this machine with the local PostgreSQL and Redis, and prints a table
// (or one JSON object). Figures are medians of several runs with min and max. Asserts nothing.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { benchExtract } from './extract.js';
import { benchModel } from './model.js';
import { benchFeeds } from './feeds.js';
import { benchPipeline } from './pipeline.js';
import { benchPoller } from './poller.js';
import { adminDatabaseUrl, benchRedisUrl } from './database.js';
import { finishOpenRuns, serviceEnvOverrides } from './service-run.js';
import { renderTable, skippedStage, type StageResult } from './report.js';
import { buildServiceCode } from './build.js';

const stageNames = ['extract', 'model', 'feeds', 'pipeline', 'poller'] as const;
type StageName = (typeof stageNames)[number];

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    /** The issue's full pipeline size: 5 bursts of 1,000 (5,000 articles) per layout; takes longer than 5 minutes. */
    full: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'pipeline-bursts': { type: 'string' },
    'pipeline-per-feed': { type: 'string' },
    'poller-feeds': { type: 'string' },
    layouts: { type: 'string' },
    /** KEY=VALUE settings for every service process (e.g. EXTRACT_THREADS=2), applied after the bench's own. */
    env: { type: 'string', multiple: true },
  },
});

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const int = (v: string | undefined, d: number) => (v === undefined ? d : Math.max(1, Math.floor(Number(v)) || d));

const only = new Set<StageName>(
  args.only ? (args.only.split(',').map((s) => s.trim()).filter((s): s is StageName => (stageNames as readonly string[]).includes(s))) : stageNames,
);
const quick = args.quick;
const runs = int(args.runs, quick ? 2 : 3);

let cpuProfDir: string | undefined;
if (args['cpu-prof']) {
  cpuProfDir = join(tmpdir(), `lanewatch-bench-prof-${Date.now().toString(36)}`);
  mkdirSync(cpuProfDir, { recursive: true });
}
for (const pair of args.env ?? []) {
  const at = pair.indexOf('=');
  if (at > 0) serviceEnvOverrides[pair.slice(0, at)] = pair.slice(at + 1);
}
const nodeArgs = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : undefined;

async function services(): Promise<{ postgres?: string; redis?: string; problem?: string }> {
  const out: { postgres?: string; redis?: string; problem?: string } = {};
  const client = new pg.Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    out.postgres = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v;
  } catch (err) {
    out.problem = `PostgreSQL at ${adminDatabaseUrl}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(benchRedisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 5_000, retryStrategy: () => null });
  try {
    await redis.connect();
    out.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
  } catch (err) {
    out.problem = `${out.problem ? `${out.problem}; ` : ''}Redis at ${benchRedisUrl}: ${(err as Error).message}`;
  } finally {
    redis.disconnect();
  }
  return out;
}

function machine() {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux
  }
  return { cpu: model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const serviceCode = only.has('pipeline') || only.has('poller') ? buildServiceCode() : 'not started';
  const info = { date: new Date().toISOString(), serviceCode, serviceSettings: { ...serviceEnvOverrides }, command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`, ...machine(), ...(await services()) };
  log(`${info.cpu}, ${info.cores} cores, node ${info.node}, PostgreSQL ${info.postgres ?? '?'}, Redis ${info.redis ?? '?'}, load ${info.loadAverageAtStart.join(' ')}; service processes: ${serviceCode}`);
  const results: StageResult[] = [];
  const needServices = info.problem;

  if (only.has('extract')) {
    log('extract …');
    results.push(await benchExtract({ runs, naiveEvery: quick ? 6 : 3, corpusRepeat: quick ? 5 : 10 }));
  }
  if (only.has('model')) {
    log('model …');
    results.push(await benchModel({ runs, curve: !quick }));
  }
  if (only.has('feeds')) {
    log('feeds …');
    results.push(await benchFeeds({ runs, bigFeedRepeat: quick ? 50 : 150 }));
  }
  const baseline = results.find((r) => r.stage === 'extract')?.values.zyteArticlesPerSecond;
  if (only.has('pipeline')) {
    log('pipeline …');
    results.push(
      needServices
        ? skippedStage('pipeline', needServices)
        : await benchPipeline({
            feeds: 100,
            ports: 4,
            // 3 bursts of 1,000 keep the whole bench under 5 minutes here; --full runs the 5,000 of the issue.
            bursts: int(args['pipeline-bursts'], quick ? 2 : args.full ? 5 : 3),
            perFeed: int(args['pipeline-per-feed'], quick ? 2 : 10),
            trickle: quick ? 40 : 100,
            trickleRate: 10,
            layouts: (args.layouts ?? 'single,two-extractors').split(',').filter((l): l is 'single' | 'two-extractors' => l === 'single' || l === 'two-extractors'),
            baseline,
            nodeArgs,
          }),
    );
  }
  if (only.has('poller')) {
    log('poller …');
    results.push(
      needServices
        ? skippedStage('poller', needServices)
        : await benchPoller({ feeds: int(args['poller-feeds'], quick ? 2_000 : 10_000), ports: 4, rounds: runs, nodeArgs }),
    );
  }
  for (const r of results) log(`${r.stage}: ${r.skipped ? `skipped (${r.skipped})` : `${Math.round(r.seconds)} s`}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (cpuProfDir) log(`CPU profiles of the service processes in ${cpuProfDir}`);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ machine: info, seconds, stages: results })}\n`);
  } else {
    process.stdout.write(
      `lanewatch bench, ${info.date}\n${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}, PostgreSQL ${info.postgres ?? '?'}, Redis ${info.redis ?? '?'}; load average at start ${info.loadAverageAtStart.join(' ')}\n` +
        `command: ${info.command}; ${seconds} s (${results.map((r) => `${r.stage} ${Math.round(r.seconds)} s`).join(', ')})\n\n${renderTable(results)}\n`,
    );
  }
}

// Interrupted: stop the service processes and drop the bench's database and queue keys before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void finishOpenRuns().finally(() => process.exit(130));
  });
}

await main();
