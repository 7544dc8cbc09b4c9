// lanewatch service processes started for a measurement, and the peak memory of each, read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  logPath: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited within graceMs. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }>;
}

export interface StartOptions {
  name: string;
  /** undefined: every role (the default `lanewatch start`). */
  roles?: string[];
  env: Record<string, string>;
  logPath: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/**
 * How `npm start` and the Docker image run the service (docs/performance.md, "Memory"), so that the bench measures the same:
 * a small V8 young generation on the main thread, and two glibc malloc arenas instead of one per thread.
 */
const productionNodeArgs = ['--max-semi-space-size=4'];
const productionEnv = { MALLOC_ARENA_MAX: '2' };

export function startService(options: StartOptions): ServiceProcess {
  const args = [...productionNodeArgs, ...(options.nodeArgs ?? []), join(repoRoot, 'bin/lanewatch.js'), 'start'];
  if (options.roles) args.push('--roles', options.roles.join(','));
  const log = createWriteStream(options.logPath);
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...productionEnv, ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  const pid = child.pid;
  return {
    name: options.name,
    child,
    pid,
    logPath: options.logPath,
    exited,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), killed: false };
      child.kill('SIGTERM');
      // A clean shutdown closes workers against a deadline of its own; past graceMs it is stuck.
      const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs).unref());
      const first = await Promise.race([exited, timer]);
      if (first !== 'late') return { ...first, killed: false };
      child.kill('SIGKILL');
      return { ...(await exited), killed: true };
    },
  };
}

interface ProcStatus {
  hwmKb: number;
  rssKb: number;
}

function readStatus(pid: number): ProcStatus | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { hwmKb: kb('VmHWM'), rssKb: kb('VmRSS') };
  } catch {
    return null; // gone
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return String(pid);
  }
}

/** Every live descendant of pid (sandboxed processors and the like), by scanning /proc/<n>/stat for parents. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm may contain spaces and parentheses: the fields after the last ')' are fixed.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(rest[1]));
    } catch {
      // exited while scanning
    }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length && out.length < 1000) {
    const p = frontier.pop() as number;
    for (const [child, parent] of parentOf) if (parent === p) {
      out.push(child);
      frontier.push(child);
    }
  }
  return out;
}

export interface MemoryPeak {
  process: string;
  pid: number;
  peakRssMb: number;
  /** RSS at the first and last samples after start-up: roughly equal means flat. */
  firstRssMb: number;
  lastRssMb: number;
  samples: number;
  /** RSS over time (ms since sampling started, MB), thinned to at most maxSeries points. */
  series: [number, number][];
}

const maxSeries = 2_000;

/** Samples VmHWM / VmRSS of the tracked processes and their descendants every intervalMs. */
export class MemorySampler {
  private readonly tracked = new Map<number, { name: string; peakKb: number; firstKb: number; lastKb: number; samples: number; series: [number, number][] }>();
  private readonly startedAt = Date.now();
  private readonly roots: { name: string; pid: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  track(name: string, pid: number): void {
    this.roots.push({ name, pid });
  }

  start(intervalMs = 500): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    for (const root of this.roots) {
      const pids = [root.pid, ...descendants(root.pid)];
      pids.forEach((pid, i) => {
        const status = readStatus(pid);
        if (!status) return;
        const name = i === 0 ? root.name : `${root.name}: child ${commOf(pid)}`;
        const rec = this.tracked.get(pid) ?? { name, peakKb: 0, firstKb: status.rssKb, lastKb: status.rssKb, samples: 0, series: [] };
        rec.peakKb = Math.max(rec.peakKb, status.hwmKb, status.rssKb);
        rec.lastKb = status.rssKb;
        rec.samples++;
        rec.series.push([Date.now() - this.startedAt, status.rssKb / 1024]);
        // Keep every other point when full: bounded memory over any run length, evenly spread.
        if (rec.series.length > maxSeries) rec.series = rec.series.filter((_, k) => k % 2 === 0);
        this.tracked.set(pid, rec);
      });
    }
  }

  /** RSS (MB) of every tracked process now. */
  current(): Map<string, number> {
    this.sample();
    return new Map([...this.tracked.values()].map((r) => [r.name, r.lastKb / 1024]));
  }

  stop(): MemoryPeak[] {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return [...this.tracked.entries()].map(([pid, r]) => ({
      process: r.name,
      pid,
      peakRssMb: r.peakKb / 1024,
      firstRssMb: r.firstKb / 1024,
      lastRssMb: r.lastKb / 1024,
      samples: r.samples,
      series: r.series,
    }));
  }
}
