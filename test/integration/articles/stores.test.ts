// Feeds and articles stores on a real PostgreSQL: add/import/remove, and one row per story however feeds repeat it.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { articles, feeds } from '../../../src/db/schema.js';
import { addFeed, addFeeds, FeedUrlError, listFeeds, removeFeed } from '../../../src/polling/store.js';
import { storeFeedItems } from '../../../src/articles/store.js';
import type { FeedItem } from '../../../src/feed/types.js';
import { useServiceTest } from '../../helpers/service-test.js';

const env = useServiceTest();

const item = (over: Partial<FeedItem>): FeedItem => ({
  id: null,
  title: 'A title',
  link: null,
  published: '2025-09-10T14:00:00Z',
  content: null,
  summary: null,
  author: null,
  ...over,
});

describe('feeds store', () => {
  it('adds a feed once, spreads first polls, and removes it', async () => {
    const a = await addFeed(env.db, 'https://feeds.example/a.xml#frag', 900);
    expect(a.created).toBe(true);
    expect(a.feed.url).toBe('https://feeds.example/a.xml');
    const again = await addFeed(env.db, 'https://feeds.example/a.xml', 900);
    expect(again).toMatchObject({ created: false, feed: { id: a.feed.id } });
    expect(await removeFeed(env.db, 'https://feeds.example/a.xml')).toBe(true);
    expect(await removeFeed(env.db, 'https://feeds.example/a.xml')).toBe(false);
  });

  it('refuses URLs that are not http(s) with a clear error', async () => {
    await expect(addFeed(env.db, 'file:///etc/passwd', 900)).rejects.toThrow(FeedUrlError);
    await expect(addFeed(env.db, "'; drop table feeds; --", 900)).rejects.toThrow(/not a URL/);
    expect((await env.db.select().from(feeds)).every((f) => f.url.startsWith('http'))).toBe(true);
  });

  it('imports many feeds, skipping duplicates and bad URLs, with different first due times', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({ url: `https://feeds.example/${i}.xml`, title: `Feed ${i}` }));
    const r = await addFeeds(env.db, [...inputs, inputs[0], { url: 'javascript:alert(1)' }], 900);
    expect(r.added).toHaveLength(20);
    expect(r.invalid).toHaveLength(1);
    const again = await addFeeds(env.db, inputs, 900);
    expect(again.added).toHaveLength(0);
    expect(again.existing).toHaveLength(20);
    const listed = await listFeeds(env.db);
    const dues = new Set(listed.filter((f) => f.url.startsWith('https://feeds.example/')).map((f) => f.nextPollAt.getTime()));
    expect(dues.size).toBe(20);
  });
});

describe('articles store', () => {
  let feedId: number;
  let otherFeedId: number;
  beforeAll(async () => {
    feedId = (await addFeed(env.db, 'https://outlet.example/feed.xml', 900)).feed.id;
    otherFeedId = (await addFeed(env.db, 'https://other.example/feed.xml', 900)).feed.id;
  });
  const rowsOf = (id: number) => env.db.select().from(articles).where(eq(articles.feedId, id));

  it('stores new items once, by GUID and by canonical URL', async () => {
    const items = [
      item({ id: 'g1', link: 'https://outlet.example/one?utm_source=rss', title: 'One' }),
      item({ id: 'g2', link: 'https://outlet.example/two', title: 'Two' }),
    ];
    const first = await storeFeedItems(env.db, feedId, items);
    expect(first.created).toHaveLength(2);
    const second = await storeFeedItems(env.db, feedId, items);
    expect(second).toMatchObject({ created: [], known: 2 });
    // The same story reached by a tracking link from another feed is the same article.
    const other = await storeFeedItems(env.db, otherFeedId, [item({ id: 'x', link: 'https://outlet.example/one?fbclid=abc' })]);
    expect(other).toMatchObject({ created: [], known: 1 });
    const rows = await rowsOf(feedId);
    expect(rows.map((r) => r.canonicalUrl).sort()).toEqual(['https://outlet.example/one', 'https://outlet.example/two']);
    expect(rows.every((r) => r.state === 'queued')).toBe(true);
  });

  it('treats a GUID repeated on different links as no GUID', async () => {
    const r = await storeFeedItems(env.db, feedId, [
      item({ id: 'same', link: 'https://outlet.example/r1', title: 'R1' }),
      item({ id: 'same', link: 'https://outlet.example/r2', title: 'R2' }),
    ]);
    expect(r.created).toHaveLength(2);
    // A later poll reusing the GUID again for a new story still stores it.
    const later = await storeFeedItems(env.db, feedId, [item({ id: 'g1', link: 'https://outlet.example/new-story', title: 'New', summary: 'A different story entirely, with other words in it.' })]);
    expect(later.created).toHaveLength(1);
  });

  it('recognises an item without GUID by its URL, and one with a new URL but the same text by its content hash', async () => {
    const summary = 'OpenAI signed a deal with Oracle for 4.5 gigawatts of capacity, the companies said on Tuesday.';
    const a = await storeFeedItems(env.db, feedId, [item({ link: 'https://outlet.example/h1', title: 'Hash', summary })]);
    expect(a.created).toHaveLength(1);
    const b = await storeFeedItems(env.db, feedId, [item({ link: 'https://outlet.example/h1?session=9', title: 'Hash', summary })]);
    expect(b).toMatchObject({ created: [], known: 1 });
  });

  it('keeps items with no link by their GUID, and skips items with nothing to identify them', async () => {
    const r = await storeFeedItems(env.db, feedId, [
      item({ id: 'tag:outlet,2025:nolink', link: null, summary: 'Text only item' }),
      item({ id: null, link: null, title: null, summary: null }),
      item({ link: 'javascript:alert(1)', id: null, title: '<script>alert(1)</script>', summary: null }),
    ]);
    expect(r.created).toHaveLength(1);
    expect(r.unusable).toBe(2);
    const [row] = await env.db.select().from(articles).where(eq(articles.id, r.created[0]));
    expect(row.url).toMatch(/^urn:lanewatch:feed:/);
    const again = await storeFeedItems(env.db, feedId, [item({ id: 'tag:outlet,2025:nolink', link: null, summary: 'Text only item' })]);
    expect(again.created).toHaveLength(0);
  });

  it('drops impossible dates instead of storing them', async () => {
    const r = await storeFeedItems(env.db, feedId, [
      item({ id: 'd1', link: 'https://outlet.example/d1', published: '1970-01-01T00:00:00Z' }),
      item({ id: 'd2', link: 'https://outlet.example/d2', published: 'not a date' }),
    ]);
    const rows = await env.db.select().from(articles).where(eq(articles.feedId, feedId));
    expect(r.created).toHaveLength(2);
    for (const id of r.created) expect(rows.find((x) => x.id === id)!.published).toBeNull();
  });
});

describe('a feed with thousands of items', () => {
  it('stores the newest maxItemsPerPoll, oldest first, in several statements', async () => {
    const { maxItemsPerPoll } = await import('../../../src/articles/store.js');
    const { feed } = await addFeed(env.db, 'https://archive.example/feed.xml', 900);
    const items = Array.from({ length: 2_500 }, (_, i) => item({ id: `a${i}`, link: `https://archive.example/${i}`, title: `Item ${i}` }));
    const r = await storeFeedItems(env.db, feed.id, items);
    expect(r.created).toHaveLength(maxItemsPerPoll);
    const rows = await env.db.select().from(articles).where(eq(articles.feedId, feed.id));
    const byId = rows.sort((a, b) => a.id - b.id);
    // items[0] is the newest: it has the highest id; items beyond the cap are not stored.
    expect(byId.at(-1)!.guid).toBe('a0');
    expect(byId[0].guid).toBe(`a${maxItemsPerPoll - 1}`);
    expect((await storeFeedItems(env.db, feed.id, items)).created).toHaveLength(0);
  });
});

describe('hostile items', () => {
  it('stores items carrying NUL characters and SQL metacharacters as plain text', async () => {
    const { feed } = await addFeed(env.db, 'https://hostile.example/feed.xml', 900);
    const r = await storeFeedItems(env.db, feed.id, [
      item({ id: 'n\u0000ul', link: 'https://hostile.example/a\u0000b', title: "Ro\u0000bert'); drop table articles; --", summary: '<script>alert(1)</script>\u0000' }),
    ]);
    expect(r.created).toHaveLength(1);
    const [row] = await env.db.select().from(articles).where(eq(articles.id, r.created[0]));
    expect(row.title).toBe("Robert'); drop table articles; --");
    expect(row.guid).toBe('nul');
    expect(row.feedContent).toBe('<script>alert(1)</script>');
  });
});
