// `lanewatch demo` as a newcomer runs it: the built-in news site is polled and the queue fills within a minute.
import { afterAll, expect, test } from 'vitest';
import pg from 'pg';
import { createTestPrefix, testDatabaseBase } from '../helpers/services.js';
import { spawnLanewatch, type LanewatchProcess } from '../helpers/lanewatch-process.js';

const token = 'demo-test-token-0123456789';
const prefix = createTestPrefix();
const dbUrl = new URL(testDatabaseBase);
dbUrl.pathname = `/${prefix.prefix}`;
let demo: LanewatchProcess | undefined;

afterAll(async () => {
  if (demo && demo.child.exitCode === null) {
    demo.child.kill('SIGTERM');
    await demo.exited;
  }
  await prefix.cleanup();
  const admin = new pg.Client({ connectionString: testDatabaseBase });
  await admin.connect();
  await admin.query(`drop database if exists "${prefix.prefix}" with (force)`);
  await admin.end();
});

test('npm run demo: prints the URL and credentials, and candidates reach the queue within a minute', async () => {
  const p = spawnLanewatch(['demo', '--port', '0', '--database-url', dbUrl.toString(), '--prefix', prefix.prefix, '--drip', '2'], { LANEWATCH_TOKEN: token, LOG_LEVEL: 'error' });
  demo = p;
  // Start-up (migrations, roles) is a few seconds; the minute is the promise the README makes.
  const started = Date.now();
  while (!/Password\s+\S+/.test(p.stdout())) {
    if (p.child.exitCode !== null) throw new Error(`demo exited: ${p.stderr()}`);
    if (Date.now() - started > 60_000) throw new Error(`demo did not start: ${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const out = p.stdout();
  const url = /Review queue\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)![1];
  expect(out).toMatch(/User\s+demo/);
  let pending = 0;
  const deadline = Date.now() + 60_000;
  while (pending === 0 && Date.now() < deadline) {
    const res = await fetch(`${url}/api/deals?state=pending`, { headers: { authorization: `Bearer ${token}` } });
    pending = ((await res.json()) as { total: number }).total;
    if (pending === 0) await new Promise((r) => setTimeout(r, 1000));
  }
  expect(pending).toBeGreaterThan(0);
  // The printed credentials sign in.
  const password = /Password\s+(\S+)/.exec(out)![1];
  const login = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'demo', password }) });
  expect(login.status).toBe(303);
}, 150_000);
