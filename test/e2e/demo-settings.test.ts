// `lanewatch demo` and `lanewatch start` as a newcomer runs them, with settings: the demo honours PORT,
// DATABASE_URL and REDIS_URL, refuses to reset a database it did not create, prints its reviewer and the alerts it
// sends; a reviewer added with the printed DATABASE_URL signs in to it; `start` prints a readable start-up line.
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestPrefix, testDatabaseBase } from '../helpers/services.js';
import { runLanewatch, spawnLanewatch, type LanewatchProcess } from '../helpers/lanewatch-process.js';
import { waitFor } from '../helpers/service-env.js';
import { useServiceTest } from '../helpers/service-test.js';

const prefix = createTestPrefix();
const dbUrl = (name: string) => {
  const u = new URL(testDatabaseBase);
  u.pathname = `/${name}`;
  return u.toString();
};
const demoDb = `${prefix.prefix}_demo`;
const foreignDb = `${prefix.prefix}_foreign`;
const running: LanewatchProcess[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testDatabaseBase });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function stop(p: LanewatchProcess): Promise<number | null> {
  if (p.child.exitCode === null) p.child.kill('SIGTERM');
  return p.exited;
}

afterAll(async () => {
  for (const p of running) await stop(p);
  await prefix.cleanup();
  await admin(async (c) => {
    for (const name of [demoDb, foreignDb]) await c.query(`drop database if exists "${name}" with (force)`);
  });
});

describe('lanewatch demo', () => {
  test('refuses to reset a database it did not create, and leaves it as it was', async () => {
    await admin((c) => c.query(`create database "${foreignDb}"`));
    const foreign = new pg.Client({ connectionString: dbUrl(foreignDb) });
    await foreign.connect();
    await foreign.query('create table precious (v text); insert into precious values (\'keep me\')');
    await foreign.end();

    const r = await runLanewatch(['demo', '--port', '0', '--prefix', prefix.prefix], { DATABASE_URL: dbUrl(foreignDb), LOG_LEVEL: 'error' }, { timeoutMs: 60_000 });
    expect(r.code, r.output).toBe(2);
    expect(r.stderr).toMatch(/exists and was not created by the demo, so the demo will not reset it/);
    expect(r.stderr).toMatch(/--keep/);
    const check = new pg.Client({ connectionString: dbUrl(foreignDb) });
    await check.connect();
    const rows = await check.query('select v from precious');
    await check.end();
    expect(rows.rows).toEqual([{ v: 'keep me' }]);
  }, 90_000);

  test('honours PORT, DATABASE_URL and REDIS_URL, prints its reviewer and its alerts; a reviewer added as printed signs in', async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATABASE_URL: dbUrl(demoDb), REDIS_URL: 'redis://localhost:6379', LOG_LEVEL: 'error', ALERT_DELAY_SECONDS: '1' };
    const p = spawnLanewatch(['demo', '--prefix', prefix.prefix, '--drip', '2'], env);
    running.push(p);
    await waitFor('the demo to start', async () => {
      if (p.child.exitCode !== null) throw new Error(`demo exited: ${p.output()}`);
      return /Password\s+\S+/.test(p.stdout());
    }, 90_000, 200);
    const out = p.stdout();
    expect(out).toContain(`Review queue   http://127.0.0.1:${port}/`);
    expect(out).toMatch(/User\s+demo/);
    expect(out).toContain(`Database       ${dbUrl(demoDb)}  (created for the demo`);
    expect(out).toContain('Redis redis://localhost:6379');
    expect(out).toContain(`More reviewers DATABASE_URL=${dbUrl(demoDb)} lanewatch users add NAME`);

    // A reviewer added the way the demo says lands in the demo's database.
    const add = await runLanewatch(['users', 'add', 'walt', '--password-stdin'], { DATABASE_URL: dbUrl(demoDb), LOG_LEVEL: 'error' }, { stdin: { input: 'walt password 1\n' }, timeoutMs: 60_000 });
    expect(add.code, add.output).toBe(0);
    const login = await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'walt', password: 'walt password 1' }) });
    expect(login.status).toBe(303);

    // Approving a candidate that opens a lane: the demo prints the alert once it is sent.
    const db = new pg.Client({ connectionString: dbUrl(demoDb) });
    await db.connect();
    let dealId: number | undefined;
    try {
      await waitFor('a pending candidate for a new lane', async () => {
        const r = await db.query<{ id: number }>(
          `select d.id from deals d where d.review_state = 'pending' and not exists (select 1 from lanes l where l.lab = d.lab and l.provider = d.provider) order by d.id limit 1`,
        );
        dealId = r.rows[0]?.id;
        return dealId !== undefined;
      }, 90_000, 1_000);
    } finally {
      await db.end();
    }
    const approve = await runLanewatch(['deals', 'approve', String(dealId)], { DATABASE_URL: dbUrl(demoDb), REDIS_URL: 'redis://localhost:6379', QUEUE_PREFIX: prefix.prefix, LOG_LEVEL: 'error' }, { timeoutMs: 60_000 });
    expect(approve.code, approve.output).toBe(0);
    expect(approve.stdout).toMatch(/new lane opened \(alert (\d+)\)/);
    const alertId = /alert (\d+)/.exec(approve.stdout)![1];
    await waitFor('the alert printed by the demo', async () => new RegExp(`ALERT #${alertId}  \\S`).test(p.stdout()), 90_000, 500);

    expect(await stop(p)).toBe(0);
    // Run again: the database is the demo's own, so it is reset.
    const again = spawnLanewatch(['demo', '--port', '0', '--prefix', prefix.prefix, '--drip', '2'], env);
    running.push(again);
    await waitFor('the demo to start again', async () => {
      if (again.child.exitCode !== null) throw new Error(`demo exited: ${again.output()}`);
      return /Password\s+\S+/.test(again.stdout());
    }, 90_000, 200);
    expect(again.stdout()).toContain('(reset (created by an earlier demo)');
    expect(await stop(again)).toBe(0);
  }, 300_000);
});

const service = useServiceTest();

describe('lanewatch start', () => {
  test('prints a readable start-up line with the URL and how to add a reviewer', async () => {
    const p = service.startProcess(['web'], service.settings({ LOG_LEVEL: 'info' }));
    await waitFor('the start-up line', async () => {
      if (p.child.exitCode !== null) throw new Error(`start exited: ${p.output()}`);
      return /lanewatch is running/.test(p.stdout());
    }, 60_000, 200);
    const line = /lanewatch is running: open (http:\/\/127\.0\.0\.1:\d+)\/ ; add a reviewer with `lanewatch users add NAME`/.exec(p.stdout());
    expect(line, p.stdout()).not.toBeNull();
    const res = await fetch(`${line![1]}/login`);
    expect(res.status).toBe(200);
    // The JSON log is still there, on standard error.
    expect(p.stderr()).toMatch(/"msg":"role started"/);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 90_000);
});
