// The bench's local news site: conditional GET, new items, unique pages, first-served times, overlap counting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { NewsServer } from '../../../bench/news-server.js';

const page = `<html><head><link rel="canonical" href="https://elsewhere.example/story"><title>T</title></head><body><p>Body text.</p></body></html>`;

describe('bench news server', () => {
  const server = new NewsServer({ feeds: 3, ports: 2, pages: [page], feedWindow: 10 });
  beforeAll(() => server.start());
  afterAll(() => server.close());

  it('answers 304 to its own validators and 200 with the new items after a reveal', async () => {
    const url = server.feedUrl(1);
    const first = await request(url);
    expect(first.statusCode).toBe(200);
    await first.body.text();
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    const again = await request(url, { headers: { 'if-none-match': etag, 'if-modified-since': lastModified } });
    expect(again.statusCode).toBe(304);
    await again.body.dump();
    const byDate = await request(url, { headers: { 'if-modified-since': lastModified } });
    expect(byDate.statusCode).toBe(304);
    await byDate.body.dump();

    const [id] = server.reveal(1, [1]);
    expect(server.items.get(id)?.firstServedAt).toBeUndefined();
    const changed = await request(url, { headers: { 'if-none-match': etag, 'if-modified-since': lastModified } });
    expect(changed.statusCode).toBe(200);
    const xml = await changed.body.text();
    expect(xml).toContain(`/articles/${id}.html`);
    expect(server.items.get(id)?.firstServedAt).toBeTypeOf('number');
    // A client that only sends If-Modified-Since still sees a change made in the same second.
    const byDateAfter = await request(url, { headers: { 'if-modified-since': lastModified } });
    expect(byDateAfter.statusCode).toBe(200);
    await byDateAfter.body.dump();
    expect(server.feedPolls(1).polls).toBe(5);
    expect(server.feedPolls(1).notModified).toBe(2);
  });

  it('serves each article its own page, with its own canonical URL and headline', async () => {
    const [a, b] = server.reveal(2, [0]);
    const pageA = await (await request(server.articleUrl(a, 0))).body.text();
    const pageB = await (await request(server.articleUrl(b, 0))).body.text();
    expect(pageA).not.toContain('elsewhere.example');
    expect(pageA).toContain(`<link rel="canonical" href="${server.articleUrl(a, 0)}">`);
    expect(pageA).toContain(`<p>Dispatch ${a}. Body text.`);
    expect(pageB).toContain(`Dispatch ${b}.`);
    expect(server.items.get(a)?.pageFetches).toBe(1);
    const missing = await request(server.articleUrl(9999, 0));
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
  });

  it('counts two polls of one feed at the same time as an overlap', async () => {
    const before = server.stats.overlaps;
    await Promise.all([request(server.feedUrl(2)), request(server.feedUrl(2))].map(async (p) => (await p).body.dump()));
    // The two requests may or may not be in flight together; sequential ones never count.
    expect(server.stats.overlaps - before).toBeLessThanOrEqual(1);
    const seq = server.stats.overlaps;
    await (await request(server.feedUrl(2))).body.dump();
    expect(server.stats.overlaps).toBe(seq);
  });
});
