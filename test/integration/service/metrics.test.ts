// The poller and the extractor record into /metrics: a failed poll counts under its reason, an extraction is timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { articles, feeds } from '../../../src/db/schema.js';
import { addFeed } from '../../../src/polling/store.js';
import { pollFeed } from '../../../src/polling/poll.js';
import { dueKey } from '../../../src/polling/schedule.js';
import { processArticle } from '../../../src/articles/process.js';
import { pageDeals } from '../../../src/articles/extract-work.js';
import { createApp } from '../../../src/web/app.js';
import { quietLogger } from '../../helpers/service-env.js';
import { useServiceTest } from '../../helpers/service-test.js';

const token = 'metrics-token-0123456789abcdef';
const env = useServiceTest({ queues: true });
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/down.xml') return void res.writeHead(503).end('down');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('this is not a feed at all');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function pollOnce(url: string): Promise<string> {
  const settings = env.settings();
  const { feed } = await addFeed(env.db, url, 60);
  const [row] = await env.db.select().from(feeds).where(eq(feeds.id, feed.id));
  return (await pollFeed({ db: env.db, queues: env.queues, settings, logger: quietLogger() }, feed.id, dueKey(row.nextPollAt))).kind;
}

async function scrape(): Promise<string> {
  const settings = env.settings({ LANEWATCH_TOKEN: token });
  const app = createApp({ settings, db: env.db, queues: env.queues, logger: quietLogger(), checkReady: async () => ({ postgres: true, redis: true }) });
  const res = await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('/metrics', () => {
  it('counts failed polls by reason: HTTP status class, unparseable feed, the fetch error code', async () => {
    expect(await pollOnce(`${base}/down.xml`)).toBe('failed');
    expect(await pollOnce(`${base}/garbage.xml`)).toBe('failed');
    // A port that was just free: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await pollOnce(`http://127.0.0.1:${closedPort}/feed.xml`)).toBe('failed');
    const text = await scrape();
    expect(text).toContain('lanewatch_poll_failures_total{reason="connect"} 1');
    expect(text).toContain('lanewatch_poll_failures_total{reason="5xx"} 1');
    expect(text).toContain('lanewatch_poll_failures_total{reason="parse"} 1');
  });

  it('times each extraction', async () => {
    const settings = env.settings();
    const [feed] = await env.db.select().from(feeds).limit(1);
    const [article] = await env.db
      .insert(articles)
      .values({ feedId: feed.id, url: 'urn:item:1', canonicalUrl: 'urn:item:1', title: 'A deal', feedContent: '<p>OpenAI signed a $10 billion deal with Oracle.</p>' })
      .returning();
    const outcome = await processArticle(
      { db: env.db, queues: env.queues, settings, logger: quietLogger(), extract: async (input) => pageDeals(input) },
      article.id,
      { finalAttempt: true },
    );
    expect(outcome.kind).toBe('extracted');
    const text = await scrape();
    expect(text).toContain('lanewatch_extraction_seconds_count 1');
    expect(text).toMatch(/lanewatch_extraction_seconds_bucket\{le="\+Inf"\} 1/);
  });
});
