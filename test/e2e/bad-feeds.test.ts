// Every kind of bad feed next to good ones, through the running service: each bad feed gets its error, failure
// count and a later next poll on its row; the good feeds are polled and their articles extracted regardless.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/feeds/store.js';
import { parseOpml } from '../../src/feeds/opml.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { faultFeedErrors, faultFeeds, startFeedServer, type FaultFeed, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testSettings, waitFor } from '../helpers/service-env.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
let service: RunningService | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  server = await startFeedServer({ faults: true, slowMs: 10_000 });
});
afterAll(async () => {
  await service?.close();
  await server?.close();
  await prefix?.cleanup();
  await t?.drop();
});

const expected = faultFeedErrors;

describe('bad feeds in a running service', () => {
  it('records each failure on its own row and keeps polling the rest', async () => {
    const s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '5', FETCH_TIMEOUT_SECONDS: '2' });
    const opml = await (await fetch(server.opml)).text();
    const { added } = await addFeeds(t.db, parseOpml(opml), s.POLL_INTERVAL_SECONDS);
    expect(added.length).toBe(server.feeds.length + Object.keys(faultFeeds).length);
    service = await startService({ roles: ['poller', 'extractor'], settings: s, logger: quietLogger() });

    await waitFor(
      'every bad feed failed twice',
      async () => {
        const bad = await t.db.select().from(feeds).where(like(feeds.url, '%/feeds/%'));
        return bad.filter((f) => Object.keys(faultFeeds).some((n) => f.url.endsWith(`/${n}.xml`))).every((f) => f.failures >= 2 || f.url.endsWith('/retry-503.xml'));
      },
      90_000,
    );
    await waitFor('every good article extracted', async () => (await t.db.select({ n: count() }).from(articles).where(eq(articles.state, 'extracted')))[0].n === server.articles.length, 60_000);

    const rows = await t.db.select().from(feeds);
    for (const [name, pattern] of Object.entries(expected)) {
      const f = rows.find((r) => r.url.endsWith(`/feeds/${name}.xml`))!;
      expect(f.lastError, name).toMatch(pattern);
      expect(f.failures, name).toBeGreaterThanOrEqual(1);
      expect(f.enabled, name).toBe(true);
      expect(f.nextPollAt.getTime(), name).toBeGreaterThan(f.lastPolledAt!.getTime());
    }
    // Retry-After: two hours, whatever the interval.
    const busy = rows.find((r) => r.url.endsWith('/retry-503.xml'))!;
    expect(busy.nextPollAt.getTime() - busy.lastPolledAt!.getTime()).toBeGreaterThan(7_000_000);
    for (const url of server.feeds) {
      const f = rows.find((r) => r.url === url)!;
      expect(f.failures, url).toBe(0);
      expect(f.lastSuccessAt, url).not.toBeNull();
    }
    expect(await t.db.$count(articles)).toBe(server.articles.length);
  }, 150_000);
});
