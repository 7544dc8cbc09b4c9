// Processing articles on real PostgreSQL against a local news site: page → text → candidate deals in one
// transaction, in a worker thread; a missing page falls back to the feed's summary; twice is the same as once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { count, eq, inArray } from 'drizzle-orm';
import { articles, deals, dealSources, feeds } from '../../../src/db/schema.js';
import { addFeeds } from '../../../src/feeds/store.js';
import { pollFeed } from '../../../src/feeds/poll.js';
import { dueKey } from '../../../src/feeds/schedule.js';
import { processArticle, type ProcessDeps } from '../../../src/articles/process.js';
import { createExtractPool, type ExtractPool } from '../../../src/articles/extract-pool.js';
import { closeFetchAgents } from '../../../src/net/fetch.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../../helpers/services.js';
import { corpusDirs, startFeedServer, type FeedServer } from '../../helpers/feed-server.js';
import { quietLogger, testQueues, testSettings } from '../../helpers/service-env.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let q: ReturnType<typeof testQueues>;
let server: FeedServer;
let pool: ExtractPool;
let deps: ProcessDeps;
const missing = 'dev-001';

function goldDeals(id: string): number {
  for (const dir of corpusDirs) {
    try {
      return (JSON.parse(readFileSync(`${dir}/gold/${id}.json`, 'utf8')) as { deals: unknown[] }).deals.length;
    } catch {
      // in the other corpus
    }
  }
  return 0;
}

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  q = testQueues(prefix.prefix);
  server = await startFeedServer({ missingPages: [missing] });
  pool = createExtractPool(1, 60_000);
  const s = testSettings(t.url, prefix.prefix);
  deps = { db: t.db, queues: q.queues, settings: s, logger: quietLogger(), extract: pool.run };
  const { added } = await addFeeds(t.db, server.feeds.map((url) => ({ url })), 60);
  for (const f of added) {
    const [row] = await t.db.select().from(feeds).where(eq(feeds.id, f.id));
    await pollFeed({ ...deps }, f.id, dueKey(row.nextPollAt));
  }
});
afterAll(async () => {
  await pool?.close();
  await q?.close();
  await server?.close();
  await closeFetchAgents();
  await prefix?.cleanup();
  await t?.drop();
});

const counts = async () => ({
  deals: (await t.db.select({ n: count() }).from(deals))[0].n,
  sources: (await t.db.select({ n: count() }).from(dealSources))[0].n,
});

describe('processArticle', () => {
  it('extracts every article, with candidate deals for the deal-bearing ones', async () => {
    const rows = await t.db.select().from(articles);
    expect(rows).toHaveLength(server.articles.length);
    for (const a of rows) expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('extracted');
    const done = await t.db.select().from(articles);
    expect(done.every((a) => a.state === 'extracted' && a.extractedAt !== null && (a.text ?? '').length > 0)).toBe(true);
    const idOf = (a: { url: string }) => /\/articles\/([\w-]+)\.html$/.exec(a.url)![1];
    const bearing = done.filter((a) => goldDeals(idOf(a)) > 0);
    const sources = await t.db.select().from(dealSources);
    const withDeals = bearing.filter((a) => sources.some((s) => s.articleId === a.id));
    // Extraction quality is measured elsewhere; here the pipeline must carry deals through for most such articles.
    expect(withDeals.length).toBeGreaterThanOrEqual(Math.ceil(bearing.length / 2));
    const candidates = await t.db.select().from(deals);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((d) => d.reviewState === 'pending')).toBe(true);
    // Evidence is a sentence of the stored text, or the headline (which extraction reads too; offsets -1).
    for (const s of sources) {
      const a = done.find((x) => x.id === s.articleId)!;
      expect(s.evidenceStart === -1 ? (a.title ?? '') : a.text!).toContain(s.evidence);
    }
  });

  it('keeps the page HTML and records where the text came from', async () => {
    const rows = await t.db.select().from(articles);
    const page = rows.find((a) => !a.url.includes(missing))!;
    expect(page).toMatchObject({ bodySource: 'page', fetchError: null, httpStatus: 200 });
    expect(page.html).toMatch(/<html/i);
    const gone = rows.find((a) => a.url.includes(missing))!;
    expect(gone).toMatchObject({ bodySource: 'feed', fetchError: 'HTTP 404', state: 'extracted', html: null });
    expect((gone.text ?? '').length).toBeGreaterThan(0);
  });

  it('changes nothing when the same article is processed again', async () => {
    const before = await counts();
    const rows = await t.db.select().from(articles);
    for (const a of rows) expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('skipped');
    expect(await counts()).toEqual(before);
  });

  it('commits once when two deliveries of one job run at the same time', async () => {
    const before = await counts();
    const rows = await t.db.select().from(articles);
    const ids = rows.map((a) => a.id);
    await t.db.update(articles).set({ state: 'queued' }).where(inArray(articles.id, ids));
    const outcomes = await Promise.all(ids.flatMap((id) => [processArticle(deps, id, { finalAttempt: false }), processArticle(deps, id, { finalAttempt: false })]));
    // Each article: exactly one of the two commits; the re-extraction adds no deal and no source.
    expect(outcomes.filter((o) => o.kind === 'extracted')).toHaveLength(ids.length);
    expect(await counts()).toEqual(before);
    const after = await t.db.select().from(articles);
    expect(after.every((a) => a.state === 'extracted')).toBe(true);
  });

  it('skips an article that does not exist', async () => {
    expect((await processArticle(deps, 987654, { finalAttempt: true })).kind).toBe('skipped');
  });
});
