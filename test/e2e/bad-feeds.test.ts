// Every kind of bad feed next to good ones, through the running service: each bad feed gets its error, failure
// count and a later next poll on its row; the good feeds are polled and their articles extracted regardless.
import { describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { articles, feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/polling/store.js';
import { parseOpml } from '../../src/feed/opml.js';
import { faultFeedErrors, faultFeeds } from '../helpers/feed-server.js';
import { waitFor } from '../helpers/service-env.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitForAllExtracted } from '../helpers/fault-checks.js';

const env = useServiceTest({ feeds: { faults: true, slowMs: 10_000 } });

describe('bad feeds in a running service', () => {
  it('records each failure on its own row and keeps polling the rest', async () => {
    const { db, server } = env;
    const s = env.settings({ POLL_INTERVAL_SECONDS: '5', FETCH_TIMEOUT_SECONDS: '2' });
    const opml = await (await fetch(server.opml)).text();
    const { added } = await addFeeds(db, parseOpml(opml), s.POLL_INTERVAL_SECONDS);
    expect(added.length).toBe(server.feeds.length + Object.keys(faultFeeds).length);
    await env.startService(['poller', 'extractor'], s);

    await waitFor(
      'every bad feed failed twice',
      async () => {
        const bad = await db.select().from(feeds).where(like(feeds.url, '%/feeds/%'));
        return bad.filter((f) => Object.keys(faultFeeds).some((n) => f.url.endsWith(`/${n}.xml`))).every((f) => f.failures >= 2 || f.url.endsWith('/retry-503.xml'));
      },
      90_000,
    );
    await waitForAllExtracted(db, server.articles.length, 60_000, 'every good article extracted');

    const rows = await db.select().from(feeds);
    for (const [name, pattern] of Object.entries(faultFeedErrors)) {
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
    expect(await db.$count(articles)).toBe(server.articles.length);
  }, 150_000);
});
