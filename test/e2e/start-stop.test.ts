// `lanewatch start` as a real process: SIGTERM with jobs in flight exits 0 and hands them back (a new process
// finishes them); PostgreSQL or Redis down at start is a clear message and a retry, and SIGTERM still exits 0.
import { describe, expect, it } from 'vitest';
import { articles } from '../../src/db/schema.js';
import { testSettings, waitFor } from '../helpers/service-env.js';
import { useServiceTest } from '../helpers/service-test.js';
import { extractedCount, waitForAllExtracted } from '../helpers/fault-checks.js';

// Pages slower than the shutdown deadline: the jobs in flight cannot finish in time and must be handed back.
const env = useServiceTest({ feeds: { pageDelayMs: 2_500 } });
const info = { LOG_LEVEL: 'info' };

describe('lanewatch start', () => {
  it('stops on SIGTERM with jobs in flight, exits 0, and a new process finishes them', async () => {
    const { db, server } = env;
    const s = env.settings({ POLL_INTERVAL_SECONDS: '30', FETCH_TIMEOUT_SECONDS: '10', JOB_LOCK_SECONDS: '3', SHUTDOWN_TIMEOUT_SECONDS: '1', EXTRACT_CONCURRENCY: '4' });
    await env.addServerFeeds(1);
    const first = env.startProcess(['poller', 'extractor'], s, info);
    await waitFor('page fetches in flight', async () => server.requests('/articles/') > 0, 60_000, 50);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"lanewatch stopped"/);
    const extractedAtStop = await extractedCount(db);
    expect(extractedAtStop).toBeLessThan(server.articles.length);

    const second = env.startProcess(['poller', 'extractor'], s, info);
    await waitForAllExtracted(db, server.articles.length, 180_000, 'every article extracted by the next process');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Handed back, not given up: every page was fetched in the end (none fell back to the feed's summary).
    const rows = await db.select().from(articles);
    expect(rows.filter((a) => a.bodySource !== 'page').map((a) => a.fetchError)).toEqual([]);
  }, 240_000);

  it('waits for PostgreSQL with a clear message, and SIGTERM still exits 0', async () => {
    const p = env.startProcess(['poller'], testSettings('postgres://postgres@127.0.0.1:1/lanewatch', env.prefix), info);
    await waitFor('the retry message', async () => /PostgreSQL is not reachable; retrying/.test(p.output()), 30_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('waits for Redis with a clear message', async () => {
    const p = env.startProcess(['extractor'], env.settings({ REDIS_URL: 'redis://127.0.0.1:1' }), info);
    await waitFor('the retry message', async () => /Redis is not reachable; retrying/.test(p.output()), 30_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 60_000);

  it('refuses bad settings with one line per bad value', async () => {
    const p = env.startProcess(['poller', 'extractor'], env.settings(), { POLL_INTERVAL_SECONDS: 'soon', PORT: '99999' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/POLL_INTERVAL_SECONDS: must be a number/);
    expect(p.output()).toMatch(/PORT:/);
  }, 30_000);
});
