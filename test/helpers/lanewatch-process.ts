// Runs `node bin/lanewatch.js ...` as a child process (a real process, killable), with the given settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/lanewatch.js', import.meta.url));
const cwd = fileURLToPath(new URL('../..', import.meta.url));

export interface LanewatchProcess {
  child: ChildProcess;
  /** Standard output and error so far. */
  output(): string;
  exited: Promise<number | null>;
}

export function spawnLanewatch(args: string[], env: Record<string, string>): LanewatchProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Runs a CLI command to completion; resolves with its exit code and output. */
export async function runLanewatch(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = spawnLanewatch(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

/** The settings of a test as environment variables for a child process. */
export function settingsEnv(s: object): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== null) env[k] = String(v);
  return env;
}
