// A page over PAGE_MAX_BYTES is cut at the cap, extracted and marked truncated, not thrown away: a 6 MB page (plain
// and gzip) with the deal in its first paragraph, served on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, dealSources, feeds } from '../../../src/db/schema.js';
import { processArticle, type ProcessDeps } from '../../../src/articles/process.js';
import { createExtractPool, type ExtractPool } from '../../../src/articles/extract-pool.js';
import { fetchOptionsFor, fetchUrl } from '../../../src/net/fetch.js';
import { quietLogger } from '../../helpers/service-env.js';
import { runLanewatch, settingsEnv } from '../../helpers/lanewatch-process.js';
import { useServiceTest } from '../../helpers/service-test.js';

const env = useServiceTest({ queues: true });
const lead = 'OpenAI signed a $300 billion deal with Oracle for 4.5 gigawatts of computing power, the companies said on Tuesday.';
const filler = '<p>' + 'Unrelated commentary about the weather and the markets goes on and on. '.repeat(40) + '</p>\n';
const page = Buffer.from(
  `<!doctype html><html><head><meta charset="utf-8"><title>OpenAI and Oracle sign a compute deal</title></head><body><article><h1>OpenAI and Oracle sign a compute deal</h1><p>${lead}</p>\n${filler.repeat(Math.ceil((6 * 1024 * 1024) / filler.length))}</article></body></html>`,
);
const gzipped = gzipSync(page);

let server: Server;
let base: string;
let pool: ExtractPool;

beforeAll(async () => {
  server = createServer((req, res) => {
    const gz = req.url === '/gzip.html';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(gz ? gzipped.length : page.length), ...(gz ? { 'content-encoding': 'gzip' } : {}) });
    res.end(gz ? gzipped : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = createExtractPool(1, 120_000);
});
afterAll(async () => {
  await pool?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('pages over PAGE_MAX_BYTES', () => {
  it('the page fetch cuts the body at the cap and marks it truncated; a feed fetch still refuses it', async () => {
    const s = env.settings();
    expect(page.length).toBeGreaterThan(s.PAGE_MAX_BYTES);
    for (const path of ['/plain.html', '/gzip.html']) {
      const r = await fetchUrl(`${base}${path}`, fetchOptionsFor('page', s));
      expect(r.status).toBe(200);
      expect(r.truncated, path).toBe(true);
      expect(r.body.length, path).toBe(s.PAGE_MAX_BYTES);
      expect(r.body.subarray(0, 2000).toString('utf8')).toContain(lead);
    }
    await expect(fetchUrl(`${base}/plain.html`, { ...fetchOptionsFor('feed', s), maxBytes: s.PAGE_MAX_BYTES })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('lanewatch article and extract by URL read the cut page: the deal is found, the article marked truncated', async () => {
    const env2 = { ...settingsEnv(env.settings()), ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'silent' };
    const [article, extract] = await Promise.all([
      runLanewatch(['article', '--json', `${base}/plain.html`], env2, { timeoutMs: 120_000 }),
      runLanewatch(['extract', '--json', `${base}/gzip.html`], env2, { timeoutMs: 120_000 }),
    ]);
    expect(article.code, article.stderr).toBe(0);
    const a = JSON.parse(article.stdout) as { text: string; truncated?: boolean };
    expect(a.truncated).toBe(true);
    expect(a.text).toContain('OpenAI signed a $300 billion deal with Oracle');
    expect(extract.code, extract.stderr).toBe(0);
    const x = JSON.parse(extract.stdout) as { deals: { lab: string; provider: string }[] };
    expect(x.deals.length).toBeGreaterThan(0);
  }, 180_000);

  it('processing the article extracts the deal from the cut page and records that it was cut', async () => {
    const s = env.settings();
    const [feed] = await env.db.insert(feeds).values({ url: `${base}/feed.xml`, title: 'Big pages' }).returning();
    for (const path of ['/plain.html', '/gzip.html']) {
      const url = `${base}${path}`;
      const [article] = await env.db.insert(articles).values({ feedId: feed.id, url, canonicalUrl: url, title: 'OpenAI and Oracle sign a compute deal' }).returning();
      const deps: ProcessDeps = { db: env.db, queues: env.queues, settings: s, logger: quietLogger(), extract: pool.run };
      const outcome = await processArticle(deps, article.id, { finalAttempt: true });
      expect(outcome.kind, path).toBe('extracted');
      const [stored] = await env.db.select().from(articles).where(eq(articles.id, article.id));
      expect(stored.bodySource, path).toBe('page');
      expect(stored.state).toBe('extracted');
      expect(stored.fetchError, path).toMatch(/^truncated: the page is larger than PAGE_MAX_BYTES/);
      expect(stored.text ?? '').toContain('OpenAI signed a $300 billion deal with Oracle');
      const sources = await env.db.select().from(dealSources).where(eq(dealSources.articleId, article.id));
      expect(sources.length, `${path}: deals from the cut page`).toBeGreaterThan(0);
    }
  });
});
