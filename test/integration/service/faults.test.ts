// An unhandled rejection or an uncaught exception in a running service is logged, and the process stops through the
// one shutdown path (roles closed, connections ended) and exits 1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestPrefix, testRedisUrl, type TestDatabase } from '../../helpers/services.js';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));
let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
});
afterAll(async () => {
  await prefix?.cleanup();
  await t?.drop();
});

function runFaultyService(fault: 'rejection' | 'exception'): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/fault-service.ts', fault], {
    cwd,
    env: { ...process.env, DATABASE_URL: t.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix.prefix, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_SECONDS: '5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines });
    }),
  );
}

describe('process faults', () => {
  it.each([
    ['rejection', 'unhandled promise rejection; stopping', 'a promise nobody awaited'],
    ['exception', 'uncaught exception; stopping', 'a throw nobody caught'],
  ] as const)('an unhandled %s is logged, then the service stops through its shutdown path and exits 1', async (fault, message, error) => {
    const { code, lines } = await runFaultyService(fault);
    const messages = lines.map((l) => l.msg);
    expect(lines.find((l) => l.msg === message)).toMatchObject({ level: expect.anything(), error });
    // In this order: the fault, then the roles stop, then the process has stopped.
    const at = (m: string) => messages.indexOf(m);
    expect(at(message)).toBeGreaterThan(at('role started'));
    expect(at('lanewatch stopping')).toBeGreaterThan(at(message));
    expect(at('lanewatch stopped')).toBeGreaterThan(at('lanewatch stopping'));
    expect(code).toBe(1);
  });
});
