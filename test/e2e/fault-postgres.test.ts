// PostgreSQL drops every connection mid-run (what a restart looks like to clients; simulated with
// pg_terminate_backend on this test's database only, the shared server stays up): workers retry, jobs are not
// lost, and the service recovers by itself.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { articles, feeds } from '../../src/db/schema.js';
import { testDatabaseBase } from '../helpers/services.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitFor } from '../helpers/service-env.js';
import { expectSameAsCleanRun, waitForAllExtracted, waitForExtracted } from '../helpers/fault-checks.js';

const env = useServiceTest({ feeds: { pageDelayMs: 300 } });

/** Ends every connection to the test database except the admin's own; returns how many. */
async function terminateConnections(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: testDatabaseBase });
  await admin.connect();
  try {
    const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL connections dropped mid-run', () => {
  it('recovers by itself and finishes every article', async () => {
    const { db, server } = env;
    await env.addServerFeeds(2);
    await env.startService(['poller', 'extractor'], env.settings({ POLL_INTERVAL_SECONDS: '3', EXTRACT_CONCURRENCY: '2' }));
    const total = server.articles.length;
    await waitForExtracted(db, 2, 60_000);

    let terminated = 0;
    for (let i = 0; i < 6; i++) {
      terminated += await terminateConnections(env.database.name);
      await new Promise((r) => setTimeout(r, 400));
    }
    expect(terminated).toBeGreaterThan(0);

    await waitForAllExtracted(db, total, 150_000);
    const since = new Date();
    await waitFor('every feed polled successfully again', async () => (await db.select().from(feeds)).every((f) => f.lastSuccessAt && f.lastSuccessAt > since), 60_000);
    expect(await db.$count(articles)).toBe(total);
    await expectSameAsCleanRun(db, server.url, env.prefix);
  }, 240_000);
});
