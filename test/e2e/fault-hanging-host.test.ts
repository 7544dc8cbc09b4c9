// One feed host that accepts connections and never answers, next to 50 feeds on another host: the 50 are all
// polled while the hanging request is still open, and the hanging feed ends with a timeout on its row.
import { describe, expect, it } from 'vitest';
import { like, not } from 'drizzle-orm';
import { feeds } from '../../src/db/schema.js';
import { addFeeds } from '../../src/polling/store.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitFor } from '../helpers/service-env.js';

const env = useServiceTest({ feeds: { faults: true } });

describe('one hanging host', () => {
  it('holds up no other feed', async () => {
    const hanging = env.server;
    const good = await env.feedServer({ synthetic: 50, corpusInOpml: false });
    // The fetch timeout is long, so the hanging request is still open while the others are polled.
    const s = env.settings({ POLL_INTERVAL_SECONDS: '60', FETCH_TIMEOUT_SECONDS: '25', POLL_CONCURRENCY: '8', EXTRACT_CONCURRENCY: '4' });
    await addFeeds(env.db, [{ url: `${hanging.url}/feeds/hang.xml` }], 1);
    await addFeeds(env.db, Array.from({ length: 50 }, (_, n) => ({ url: `${good.url}/synthetic/${n}.xml` })), 2);
    await env.startService(['poller', 'extractor'], s);

    const hangRow = async () => (await env.db.select().from(feeds).where(like(feeds.url, '%/hang.xml')))[0];
    await waitFor('the hanging request open', async () => hanging.pending('/feeds/hang.xml') > 0, 30_000, 50);
    await waitFor(
      'all 50 feeds polled',
      async () => {
        const rows = await env.db.select().from(feeds).where(not(like(feeds.url, '%/hang.xml')));
        return rows.length === 50 && rows.every((f) => f.lastSuccessAt !== null && f.failures === 0);
      },
      60_000,
      100,
    );
    // ...while the hanging host still had not answered.
    expect(hanging.pending('/feeds/hang.xml')).toBeGreaterThan(0);
    const hang = await hangRow();
    expect(hang.failures).toBe(0);
    expect(hang.lastSuccessAt).toBeNull();

    await waitFor('the hanging feed timed out', async () => (await hangRow()).failures >= 1, 60_000);
    const after = await hangRow();
    expect(after.lastError).toMatch(/timeout/);
    expect(after.nextPollAt.getTime()).toBeGreaterThan(Date.now());
  }, 120_000);
});
