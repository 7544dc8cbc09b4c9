// One measured run of the lanewatch service against the local news server: its own database, queue prefix,
// processes and memory sampling, all removed at the end whatever happens.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '../src/queue.js';
import { benchRedisUrl, createBenchDatabase, createQueuePrefix, type BenchDatabase } from './database.js';
import { MemorySampler, startService, type MemoryPeak, type ServiceProcess } from './processes.js';
import { CpuMeter } from './cpu.js';

export interface ProcessSpec {
  name: string;
  roles?: string[];
}

export interface ServiceRunOptions {
  label: string;
  processes: ProcessSpec[];
  env: Record<string, string>;
  /** Passed to every child: e.g. ['--cpu-prof', '--cpu-prof-dir', DIR]. */
  nodeArgs?: string[];
}

export interface ServiceRun {
  database: BenchDatabase;
  prefix: string;
  processes: ServiceProcess[];
  memory: MemorySampler;
  /** CPU of the service's threads, this process (the news server) and the database's PostgreSQL backends. */
  cpu: CpuMeter;
  /** Takes a CPU sample now (also done every half second while processes run). */
  sampleCpu(): Promise<void>;
  logDir: string;
  startCpuSampling(): void;
  /** Workers of a queue connected to Redis (BullMQ names their connections). */
  workerCount(queue: string): Promise<number>;
  /** Stops processes, returns peak memory, drops the database and the prefix's keys. */
  finish(): Promise<{ memory: MemoryPeak[]; exits: { name: string; code: number | null; signal: string | null; killed: boolean }[] }>;
}

const openRuns = new Set<ServiceRun>();

/** Settings given on the bench's command line (--env KEY=VALUE): applied to every service process, last. */
export const serviceEnvOverrides: Record<string, string> = {};

/** Ends every open run (processes, database, queue keys): for an interrupted bench. */
export async function finishOpenRuns(): Promise<void> {
  await Promise.all([...openRuns].map((r) => r.finish().catch(() => {})));
}

export async function openServiceRun(options: ServiceRunOptions): Promise<ServiceRun> {
  const database = await createBenchDatabase();
  const queuePrefix = createQueuePrefix();
  const logDir = join(tmpdir(), `lanewatch-bench-${options.label}-${Date.now().toString(36)}`);
  mkdirSync(logDir, { recursive: true });
  const connection = new Redis(benchRedisUrl, { maxRetriesPerRequest: null });
  const queues = new Map<string, Queue>();
  const memory = new MemorySampler();
  const processes: ServiceProcess[] = [];
  const cpu = new CpuMeter();
  const dbName = new URL(database.url).pathname.slice(1);
  let cpuTimer: NodeJS.Timeout | undefined;
  const run: ServiceRun = {
    database,
    prefix: queuePrefix.prefix,
    processes,
    memory,
    cpu,
    async sampleCpu() {
      for (const p of processes) cpu.sampleNodeProcess(p.name, p.pid);
      cpu.sampleProcess('bench process (news server)', process.pid);
      // The service's own connections to its database; the bench's queries are few and counted with them.
      const backends = await database.pool
        .query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName])
        .catch(() => ({ rows: [] as { pid: number }[] }));
      for (const b of backends.rows) cpu.sampleProcess('PostgreSQL backends', b.pid);
    },
    startCpuSampling() {
      cpuTimer = setInterval(() => void run.sampleCpu(), 500);
      cpuTimer.unref();
    },
    logDir,
    async workerCount(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection, prefix: queuePrefix.prefix });
        q.on('error', () => {});
        queues.set(name, q);
      }
      return q.getWorkersCount();
    },
    async finish() {
      openRuns.delete(run);
      if (cpuTimer) clearInterval(cpuTimer);
      const exits = [];
      for (const p of processes) exits.push({ name: p.name, ...(await p.stop()) });
      const peaks = memory.stop();
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      connection.disconnect();
      await database.drop().catch((err: Error) => console.error(`bench: could not drop ${database.url}: ${err.message}`));
      await queuePrefix.cleanup().catch((err: Error) => console.error(`bench: could not clean Redis prefix ${queuePrefix.prefix}: ${err.message}`));
      return { memory: peaks, exits };
    },
  };
  openRuns.add(run);
  return run;
}

/** Starts the run's processes (after the caller has put its feeds in the database). */
export function startProcesses(run: ServiceRun, options: ServiceRunOptions): void {
  const env = {
    DATABASE_URL: run.database.url,
    REDIS_URL: benchRedisUrl,
    QUEUE_PREFIX: run.prefix,
    ALLOW_PRIVATE_NETWORKS: 'true',
    // The web role is started by the default layout: any free port, loopback only.
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...options.env,
    ...serviceEnvOverrides,
  };
  for (const spec of options.processes) {
    const p = startService({ name: spec.name, roles: spec.roles, env, logPath: join(run.logDir, `${spec.name.replace(/[^A-Za-z0-9]+/g, '-')}.log`), nodeArgs: options.nodeArgs });
    run.processes.push(p);
    run.memory.track(spec.name, p.pid);
  }
  run.memory.start(500);
  run.startCpuSampling();
}

export const extractorQueue = queueNames.processArticle;
export const pollQueue = queueNames.pollFeed;

/** Waits (bounded) until check() holds; false if it did not within timeoutMs or a process died. */
export async function waitFor(run: ServiceRun | null, check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (run?.processes.some((p) => p.child.exitCode !== null || p.child.signalCode !== null)) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}

/** The last error-looking line of a log, to say why a process died. */
function lastError(logPath: string): string {
  try {
    const lines = readFileSync(logPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const errors = lines.filter((l) => /error|Error|fatal|Cannot/.test(l));
    const last = errors.at(-1) ?? lines.at(-1);
    return last ? `: ${last.trim().slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

export function deadProcesses(run: ServiceRun): string[] {
  return run.processes
    .filter((p) => p.child.exitCode !== null || p.child.signalCode !== null)
    .map((p) => `${p.name} (exit ${p.child.exitCode ?? p.child.signalCode}, log ${p.logPath}${lastError(p.logPath)})`);
}
