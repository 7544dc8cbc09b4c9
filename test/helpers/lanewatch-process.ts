// Runs `node bin/lanewatch.js ...` as a child process (a real process, killable), with the given settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/lanewatch.js', import.meta.url));
const cwd = fileURLToPath(new URL('../..', import.meta.url));

export interface LanewatchProcess {
  child: ChildProcess;
  /** Standard output and error so far, as they came. */
  output(): string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Standard input: none (the default), a string, or a file or device read as `cmd < file`. */
export type LanewatchStdin = 'ignore' | { input: string } | { file: string };

export function spawnLanewatch(args: string[], env: Record<string, string>, stdin: LanewatchStdin = 'ignore'): LanewatchProcess {
  const fd = typeof stdin === 'object' && 'file' in stdin ? openSync(stdin.file, 'r') : undefined;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: [stdin === 'ignore' ? 'ignore' : (fd ?? 'pipe'), 'pipe', 'pipe'],
  });
  // The child has its own copy of the descriptor.
  if (fd !== undefined) closeSync(fd);
  if (typeof stdin === 'object' && 'input' in stdin) {
    // A command may exit without reading its input: that is for the test to judge, not an error here.
    child.stdin!.on('error', () => {});
    child.stdin!.end(stdin.input);
  }
  let out = '';
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, stdout: () => stdout, stderr: () => stderr, exited };
}

export interface LanewatchRun {
  /** The exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI command to completion (all its output read). After `timeoutMs` it is killed, so that a command that
 * hangs ends with a signal instead of holding up the test.
 */
export function runLanewatch(args: string[], env: Record<string, string>, options: { stdin?: LanewatchStdin; timeoutMs?: number } = {}): Promise<LanewatchRun> {
  const p = spawnLanewatch(args, env, options.stdin);
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => p.child.kill('SIGKILL'), options.timeoutMs);
  return new Promise((resolve) =>
    p.child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: p.output(), stdout: p.stdout(), stderr: p.stderr() });
    }),
  );
}

/** The settings of a test as environment variables for a child process. */
export function settingsEnv(s: object): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== null) env[k] = String(v);
  return env;
}
