// Processing articles on real PostgreSQL against a local news site: page → text → candidate deals in one
// transaction, in a worker thread; a missing page falls back to the feed's summary; twice is the same as once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { articles, deals, dealSources, feeds } from '../../../src/db/schema.js';
import { pollFeed } from '../../../src/polling/poll.js';
import { dueKey } from '../../../src/polling/schedule.js';
import { processArticle, type ProcessDeps } from '../../../src/articles/process.js';
import { createExtractPool, type ExtractPool } from '../../../src/articles/extract-pool.js';
import { goldDealCount } from '../../helpers/feed-server.js';
import { quietLogger } from '../../helpers/service-env.js';
import { useServiceTest } from '../../helpers/service-test.js';

const missing = 'dev-001';
const env = useServiceTest({ queues: true, feeds: { missingPages: [missing] } });
let pool: ExtractPool;
let deps: ProcessDeps;

beforeAll(async () => {
  pool = createExtractPool(1, 60_000);
  deps = { db: env.db, queues: env.queues, settings: env.settings(), logger: quietLogger(), extract: pool.run };
  const { added } = await env.addServerFeeds(60);
  for (const f of added) {
    const [row] = await env.db.select().from(feeds).where(eq(feeds.id, f.id));
    await pollFeed({ ...deps }, f.id, dueKey(row.nextPollAt));
  }
});
afterAll(async () => {
  await pool?.close();
});

const counts = async () => ({
  deals: (await env.db.select({ n: count() }).from(deals))[0].n,
  sources: (await env.db.select({ n: count() }).from(dealSources))[0].n,
});

describe('processArticle', () => {
  it('extracts every article, with candidate deals for the deal-bearing ones', async () => {
    const rows = await env.db.select().from(articles);
    expect(rows).toHaveLength(env.server.articles.length);
    for (const a of rows) expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('extracted');
    const done = await env.db.select().from(articles);
    expect(done.every((a) => a.state === 'extracted' && a.extractedAt !== null && (a.text ?? '').length > 0)).toBe(true);
    const idOf = (a: { url: string }) => /\/articles\/([\w-]+)\.html$/.exec(a.url)![1];
    const bearing = done.filter((a) => goldDealCount(idOf(a)) > 0);
    const sources = await env.db.select().from(dealSources);
    const withDeals = bearing.filter((a) => sources.some((s) => s.articleId === a.id));
    // Extraction quality is measured elsewhere; here the pipeline must carry deals through for most such articles.
    expect(withDeals.length).toBeGreaterThanOrEqual(Math.ceil(bearing.length / 2));
    const candidates = await env.db.select().from(deals);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((d) => d.reviewState === 'pending')).toBe(true);
    // Evidence is a sentence of the stored text, or the headline (which extraction reads too; offsets -1).
    for (const s of sources) {
      const a = done.find((x) => x.id === s.articleId)!;
      expect(s.evidenceStart === -1 ? (a.title ?? '') : a.text!).toContain(s.evidence);
    }
  });

  it('keeps the page HTML and records where the text came from', async () => {
    const rows = await env.db.select().from(articles);
    const page = rows.find((a) => !a.url.includes(missing))!;
    expect(page).toMatchObject({ bodySource: 'page', fetchError: null, httpStatus: 200 });
    expect(page.html).toMatch(/<html/i);
    const gone = rows.find((a) => a.url.includes(missing))!;
    expect(gone).toMatchObject({ bodySource: 'feed', fetchError: 'HTTP 404', state: 'extracted', html: null });
    expect((gone.text ?? '').length).toBeGreaterThan(0);
  });

  it('changes nothing when the same article is processed again', async () => {
    const before = await counts();
    const rows = await env.db.select().from(articles);
    expect(rows.length).toBeGreaterThan(0);
    for (const a of rows) expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('skipped');
    expect(await counts()).toEqual(before);
  });

  it('commits once when two deliveries of one job run at the same time', async () => {
    const before = await counts();
    const rows = await env.db.select().from(articles);
    const ids = rows.map((a) => a.id);
    await env.db.update(articles).set({ state: 'queued' }).where(inArray(articles.id, ids));
    const outcomes = await Promise.all(ids.flatMap((id) => [processArticle(deps, id, { finalAttempt: false }), processArticle(deps, id, { finalAttempt: false })]));
    // Each article: exactly one of the two commits; the re-extraction adds no deal and no source.
    expect(outcomes.filter((o) => o.kind === 'extracted')).toHaveLength(ids.length);
    expect(await counts()).toEqual(before);
    const after = await env.db.select().from(articles);
    expect(after.every((a) => a.state === 'extracted')).toBe(true);
  });

  it("moves an article to its page's canonical URL, unless another article holds that URL", async () => {
    const [a, b] = (await env.db.select().from(articles)).filter((r) => !r.url.includes(missing));
    const pageCanonical = a.canonicalUrl;
    const requeue = (canonicalUrl: string) => env.db.update(articles).set({ state: 'queued', canonicalUrl }).where(eq(articles.id, a.id));
    const canonicalOf = async (id: number) => (await env.db.select({ c: articles.canonicalUrl }).from(articles).where(eq(articles.id, id)))[0].c;

    await requeue('https://syndicated.example/story');
    expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('extracted');
    expect(await canonicalOf(a.id)).toBe(pageCanonical);

    const bCanonical = b.canonicalUrl;
    await requeue('https://syndicated.example/story');
    await env.db.update(articles).set({ canonicalUrl: pageCanonical }).where(eq(articles.id, b.id));
    expect((await processArticle(deps, a.id, { finalAttempt: false })).kind).toBe('extracted');
    expect(await canonicalOf(a.id)).toBe('https://syndicated.example/story');
    await env.db.update(articles).set({ canonicalUrl: bCanonical }).where(eq(articles.id, b.id));
  });

  it('skips an article that does not exist', async () => {
    expect((await processArticle(deps, 987654, { finalAttempt: true })).kind).toBe('skipped');
  });
});
