// Polling on real PostgreSQL + Redis against a local feed server: conditional GET, every kind of bad feed recorded
// with backoff, and one poll per due time however often the job is delivered (the schedule: schedule.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { articles, feeds, type Feed } from '../../../src/db/schema.js';
import { addFeeds, addFeed } from '../../../src/polling/store.js';
import { pollFeed, type PollDeps } from '../../../src/polling/poll.js';
import { dueKey } from '../../../src/polling/schedule.js';
import { jobIds, queueNames } from '../../../src/queue.js';
import { closeFetchAgents } from '../../../src/net/fetch.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../../helpers/services.js';
import { faultFeedErrors, faultFeeds, startFeedServer, type FaultFeed, type FeedServer } from '../../helpers/feed-server.js';
import { quietLogger, testQueues, testSettings } from '../../helpers/service-env.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let q: ReturnType<typeof testQueues>;
let server: FeedServer;
let deps: PollDeps;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  q = testQueues(prefix.prefix);
  server = await startFeedServer({ faults: true, slowMs: 10_000 });
  deps = { db: t.db, queues: q.queues, settings: testSettings(t.url, prefix.prefix, { FETCH_TIMEOUT_SECONDS: '2' }), logger: quietLogger() };
});
afterAll(async () => {
  await q?.close();
  await server?.close();
  await closeFetchAgents();
  await prefix?.cleanup();
  await t?.drop();
});

async function row(id: number): Promise<Feed> {
  const [f] = await t.db.select().from(feeds).where(eq(feeds.id, id));
  return f;
}
/** Makes a feed due now and polls it for that due time. */
async function pollNow(id: number) {
  const due = new Date(Date.now() - 1000);
  await t.db.update(feeds).set({ nextPollAt: due }).where(eq(feeds.id, id));
  return pollFeed(deps, id, dueKey(due));
}

describe('polling good feeds', () => {
  let ids: number[];
  beforeAll(async () => {
    ids = (await addFeeds(t.db, server.feeds.map((url) => ({ url })), 60)).added.map((f) => f.id);
  });

  it('stores every item of RSS 2.0, Atom, RSS 1.0 and JSON feeds once, and enqueues each', async () => {
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toHaveLength(server.feeds.length);
    for (const id of ids) expect((await pollNow(id)).kind).toBe('updated');
    const rows = await t.db.select().from(articles).where(inArray(articles.feedId, ids));
    expect(server.articles.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(server.articles.length);
    expect(new Set(rows.map((r) => r.canonicalUrl)).size).toBe(rows.length);
    const queue = q.queues.queue(queueNames.processArticle);
    for (const r of rows) expect(await queue.getJob(jobIds.processArticle(r.id))).toBeDefined();
    const f = await row(ids[0]);
    expect(f).toMatchObject({ failures: 0, lastError: null, lastStatus: 200 });
    expect(f.etag).toMatch(/^"/);
    expect(f.lastModified).toMatch(/GMT$/);
    expect(f.title).toBeTruthy();
    expect(f.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 25_000); // about the 60 s interval, on its phase
  });

  it('sends back the validators, and a 304 costs nothing more', async () => {
    const before = server.stats();
    for (const id of ids) expect((await pollNow(id)).kind).toBe('not-modified');
    const after = server.stats();
    const notModified = (s: typeof after) => Object.entries(s).filter(([p]) => p.startsWith('/feeds/')).reduce((n, [, v]) => n + v.not_modified, 0);
    expect(notModified(after) - notModified(before)).toBe(ids.length);
    const rows = await t.db.select().from(articles).where(inArray(articles.feedId, ids));
    expect(rows).toHaveLength(server.articles.length);
    expect((await row(ids[0])).notModifiedInRow).toBe(1);
  });

  it('polls once per due time however many times the job is delivered', async () => {
    const due = new Date(Date.now() - 1000);
    await t.db.update(feeds).set({ nextPollAt: due }).where(eq(feeds.id, ids[0]));
    const outcomes = await Promise.all([1, 2, 3].map(() => pollFeed(deps, ids[0], dueKey(due))));
    expect(outcomes.filter((o) => o.kind === 'skipped')).toHaveLength(2);
    expect((await pollFeed(deps, ids[0], dueKey(due))).kind).toBe('skipped');
  });
});

describe('polling bad feeds', () => {
  const expected = faultFeedErrors;

  it.each(Object.keys(faultFeeds) as FaultFeed[])('%s: error, failure count and backoff on its row; polled again later', async (name) => {
    const { feed } = await addFeed(t.db, `${server.url}/feeds/${name}.xml`, 60);
    const first = await pollNow(feed.id);
    expect(first.kind).toBe('failed');
    const f1 = await row(feed.id);
    expect(f1.failures).toBe(1);
    expect(f1.lastError).toMatch(expected[name]);
    expect(f1.enabled).toBe(true);
    expect(f1.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    const second = await pollNow(feed.id);
    expect(second.kind).toBe('failed');
    const f2 = await row(feed.id);
    expect(f2.failures).toBe(2);
    // Backoff grows: the second failure waits about twice the interval (Retry-After asks for two hours).
    const wait = f2.nextPollAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(name === 'retry-503' ? 7000_000 : 110_000);
  }, 30_000);

  it('refuses a loopback feed unless ALLOW_PRIVATE_NETWORKS is true, and records why', async () => {
    const strict = { ...deps, settings: testSettings(t.url, prefix.prefix, { ALLOW_PRIVATE_NETWORKS: 'false' }) };
    const { feed } = await addFeed(t.db, `${server.url}/feeds/brightline.xml?strict=1`, 60);
    const due = new Date(Date.now() - 1000);
    await t.db.update(feeds).set({ nextPollAt: due }).where(eq(feeds.id, feed.id));
    expect((await pollFeed(strict, feed.id, dueKey(due))).kind).toBe('failed');
    expect((await row(feed.id)).lastError).toMatch(/blocked-address/);
  });
});

describe('what the server asks for', () => {
  it('honours Cache-Control max-age and <ttl>, and notices a server that ignores conditional requests', async () => {
    const { createServer } = await import('node:http');
    const seen: (string | undefined)[] = [];
    const site = createServer((req, res) => {
      seen.push(req.headers['if-none-match']);
      const ttl = req.url?.includes('ttl') ? '<ttl>180</ttl>' : '';
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"always-the-same"', 'cache-control': req.url?.includes('cc') ? 'max-age=7200' : 'no-transform' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>stubborn</title>${ttl}<item><title>One</title><link>http://127.0.0.1/one-${req.url}</link></item></channel></rss>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const port = (site.address() as { port: number }).port;
    try {
      const { feed: cc } = await addFeed(t.db, `http://127.0.0.1:${port}/cc.xml`, 60);
      const { feed: ttl } = await addFeed(t.db, `http://127.0.0.1:${port}/ttl.xml`, 60);
      await pollNow(cc.id);
      await pollNow(ttl.id);
      const ccRow = await row(cc.id);
      const ttlRow = await row(ttl.id);
      // Two hours and three hours rather than the 60 s interval (within half an interval of alignment).
      expect(ccRow.nextPollAt.getTime() - ccRow.lastPolledAt!.getTime()).toBeGreaterThan(7200_000 - 31_000);
      expect(ttlRow.nextPollAt.getTime() - ttlRow.lastPolledAt!.getTime()).toBeGreaterThan(10800_000 - 31_000);
      expect(ccRow.ignoresConditional).toBe(false);
      // The second poll sends the ETag back and gets the full body with the same ETag again.
      expect((await pollNow(cc.id)).kind).toBe('updated');
      expect(seen.at(-1)).toBe('"always-the-same"');
      expect((await row(cc.id)).ignoresConditional).toBe(true);
    } finally {
      site.close();
    }
  });
});
