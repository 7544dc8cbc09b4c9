// One feed host that accepts connections and never answers, next to 50 feeds on another host: the 50 are all
// polled while the hanging request is still open, and the hanging feed ends with a timeout on its row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like, not } from 'drizzle-orm';
import { feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testSettings, waitFor } from '../helpers/service-env.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let good: FeedServer;
let hanging: FeedServer;
let service: RunningService | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  good = await startFeedServer({ synthetic: 50, corpusInOpml: false });
  hanging = await startFeedServer({ faults: true });
});
afterAll(async () => {
  await service?.close();
  await good?.close();
  await hanging?.close();
  await prefix?.cleanup();
  await t?.drop();
});

describe('one hanging host', () => {
  it('holds up no other feed', async () => {
    // The fetch timeout is long, so the hanging request is still open while the others are polled.
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '60', FETCH_TIMEOUT_SECONDS: '25', POLL_CONCURRENCY: '8', EXTRACT_CONCURRENCY: '4' });
    await addFeeds(t.db, [{ url: `${hanging.url}/feeds/hang.xml` }], 1);
    await addFeeds(t.db, Array.from({ length: 50 }, (_, n) => ({ url: `${good.url}/synthetic/${n}.xml` })), 2);
    service = await startService({ roles: ['poller', 'extractor'], settings: s, logger: quietLogger() });

    await waitFor('the hanging request open', async () => hanging.pending('/feeds/hang.xml') > 0, 30_000, 50);
    await waitFor(
      'all 50 feeds polled',
      async () => {
        const rows = await t.db.select().from(feeds).where(not(like(feeds.url, '%/hang.xml')));
        return rows.length === 50 && rows.every((f) => f.lastSuccessAt !== null && f.failures === 0);
      },
      60_000,
      100,
    );
    // ...while the hanging host still had not answered.
    expect(hanging.pending('/feeds/hang.xml')).toBeGreaterThan(0);
    const [hang] = await t.db.select().from(feeds).where(like(feeds.url, '%/hang.xml'));
    expect(hang.failures).toBe(0);
    expect(hang.lastSuccessAt).toBeNull();

    await waitFor('the hanging feed timed out', async () => ((await t.db.select().from(feeds).where(like(feeds.url, '%/hang.xml')))[0].failures >= 1), 60_000);
    const [after] = await t.db.select().from(feeds).where(like(feeds.url, '%/hang.xml'));
    expect(after.lastError).toMatch(/timeout/);
    expect(after.nextPollAt.getTime()).toBeGreaterThan(Date.now());
  }, 120_000);
});
