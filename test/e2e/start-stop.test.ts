// `lanewatch start` as a real process: SIGTERM with jobs in flight exits 0 and hands them back (a new process
// finishes them); PostgreSQL or Redis down at start is a clear message and a retry, and SIGTERM still exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { testSettings, waitFor } from '../helpers/service-env.js';
import { settingsEnv, spawnLanewatch, type LanewatchProcess } from '../helpers/lanewatch-process.js';
import { extractedCount } from '../helpers/fault-checks.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
const children: LanewatchProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  // Pages slower than the shutdown deadline: the jobs in flight cannot finish in time and must be handed back.
  server = await startFeedServer({ pageDelayMs: 2_500 });
});
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  await server?.close();
  await prefix?.cleanup();
  await t?.drop();
});

function start(env: Record<string, string>, roles = 'poller,extractor'): LanewatchProcess {
  const p = spawnLanewatch(['start', '--roles', roles], env);
  children.push(p);
  return p;
}

describe('lanewatch start', () => {
  it('stops on SIGTERM with jobs in flight, exits 0, and a new process finishes them', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '30', FETCH_TIMEOUT_SECONDS: '10', JOB_LOCK_SECONDS: '3', SHUTDOWN_TIMEOUT_SECONDS: '1', EXTRACT_CONCURRENCY: '4' });
    await addFeeds(t.db, server.feeds.map((url) => ({ url })), 1);
    const env = { ...settingsEnv(s), LOG_LEVEL: 'info' };
    const first = start(env);
    await waitFor('page fetches in flight', async () => Object.keys(server.stats()).some((path) => path.startsWith('/articles/')), 60_000, 50);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"lanewatch stopped"/);
    const extractedAtStop = await extractedCount(t.db);
    expect(extractedAtStop).toBeLessThan(server.articles.length);

    const second = start(env);
    await waitFor('every article extracted by the next process', async () => (await extractedCount(t.db)) === server.articles.length, 180_000);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Handed back, not given up: every page was fetched in the end (none fell back to the feed's summary).
    const rows = await t.db.select().from(articles);
    expect(rows.filter((a) => a.bodySource !== 'page').map((a) => a.fetchError)).toEqual([]);
  }, 240_000);

  it('waits for PostgreSQL with a clear message, and SIGTERM still exits 0', async () => {
    const s = testSettings('postgres://postgres@127.0.0.1:1/lanewatch', prefix.prefix);
    const p = start({ ...settingsEnv(s), LOG_LEVEL: 'info' }, 'poller');
    await waitFor('the retry message', async () => /PostgreSQL is not reachable; retrying/.test(p.output()), 30_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('waits for Redis with a clear message', async () => {
    const s = testSettings(t.url, prefix.prefix, { REDIS_URL: 'redis://127.0.0.1:1' });
    const p = start({ ...settingsEnv(s), LOG_LEVEL: 'info' }, 'extractor');
    await waitFor('the retry message', async () => /Redis is not reachable; retrying/.test(p.output()), 30_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 60_000);

  it('refuses bad settings with one line per bad value', async () => {
    const p = start({ ...settingsEnv(testSettings(t.url, prefix.prefix)), POLL_INTERVAL_SECONDS: 'soon', PORT: '99999' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/POLL_INTERVAL_SECONDS: must be a number/);
    expect(p.output()).toMatch(/PORT:/);
  }, 30_000);
});
