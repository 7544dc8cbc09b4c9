// CPU time used by processes and threads, read from /proc: the work each part of the pipeline does, which
// (unlike elapsed time) does not depend much on what else is running on the machine.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc's utime and stime count in 1/100 s on every common architecture (getconf CLK_TCK). */
const ticksPerSecond = 100;

function cpuTicks(statPath: string): number | null {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the comm: state(0) ppid(1) ... utime(11) stime(12).
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return null;
  }
}

/** Accumulates CPU seconds per named group across samples; threads and processes appearing later are counted from when first seen. */
export class CpuMeter {
  private readonly seen = new Map<string, { group: string; first: number; last: number }>();

  private record(key: string, group: string, ticks: number | null): void {
    if (ticks === null) return;
    const rec = this.seen.get(key);
    if (rec) rec.last = ticks;
    else this.seen.set(key, { group, first: ticks, last: ticks });
  }

  /** A Node process: its main thread (tid = pid) and its other threads (worker threads, GC helpers, libuv pool). */
  sampleNodeProcess(name: string, pid: number): void {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      const group = Number(tid) === pid ? `${name}: main thread` : `${name}: other threads`;
      this.record(`${pid}/${tid}`, group, cpuTicks(`/proc/${pid}/task/${tid}/stat`));
    }
  }

  /** A whole process (all its threads) under a group name. */
  sampleProcess(group: string, pid: number): void {
    this.record(String(pid), group, cpuTicks(`/proc/${pid}/stat`));
  }

  /** CPU seconds per group since each thread or process was first seen. */
  totals(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.seen.values()) out.set(r.group, (out.get(r.group) ?? 0) + (r.last - r.first) / ticksPerSecond);
    return out;
  }
}

/** Per-group difference of two totals() snapshots. */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [g, v] of after) out.set(g, v - (before.get(g) ?? 0));
  return out;
}
