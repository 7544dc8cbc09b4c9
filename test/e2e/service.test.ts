// The whole service against a local news site: import the OPML with the CLI, every article stored once and
// extracted, candidate deals for the deal-bearing ones, the next poll a 304, and a restart adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { articles, deals, dealSources, feeds } from '../../src/db/schema.js';
import { startService, type RunningService } from '../../src/service/start.js';
import { roleNames } from '../../src/service/role.js';
import type { Settings } from '../../src/config.js';
import { createTestDatabase, createTestPrefix, type TestDatabase } from '../helpers/services.js';
import { corpusDirs, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { quietLogger, testSettings, waitFor } from '../helpers/service-env.js';
import { runLanewatch, settingsEnv } from '../helpers/lanewatch-process.js';

let t: TestDatabase;
let prefix: ReturnType<typeof createTestPrefix>;
let server: FeedServer;
let s: Settings;
let service: RunningService | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  prefix = createTestPrefix();
  server = await startFeedServer();
  // A short interval so that the second poll comes within the test.
  s = testSettings(t.url, prefix.prefix, { POLL_INTERVAL_SECONDS: '3' });
});
afterAll(async () => {
  await service?.close();
  await server?.close();
  await prefix?.cleanup();
  await t?.drop();
});

const n = async (table: typeof articles | typeof deals | typeof dealSources) => (await t.db.select({ n: count() }).from(table))[0].n;
const feedRequests = () =>
  Object.entries(server.stats())
    .filter(([p]) => p.startsWith('/feeds/'))
    .reduce((a, [, v]) => ({ requests: a.requests + v.requests, notModified: a.notModified + v.not_modified }), { requests: 0, notModified: 0 });

function bearing(): string[] {
  const ids: string[] = [];
  for (const dir of corpusDirs) {
    const m = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { articles: { id: string }[] };
    for (const a of m.articles) if ((JSON.parse(readFileSync(`${dir}/gold/${a.id}.json`, 'utf8')) as { deals: unknown[] }).deals.length) ids.push(a.id);
  }
  return ids;
}

describe('lanewatch end to end', () => {
  it('imports the OPML with the CLI', async () => {
    const r = await runLanewatch(['feeds', 'import', server.opml], settingsEnv(s));
    expect(r.output).toMatch(new RegExp(`${server.feeds.length} added`));
    expect(r.code).toBe(0);
    expect(await t.db.$count(feeds)).toBe(server.feeds.length);
  });

  it('stores and extracts every article once, with candidate deals for the deal-bearing ones', async () => {
    service = await startService({ roles: roleNames, settings: s, logger: quietLogger() });
    const total = server.articles.length;
    await waitFor('every article extracted', async () => (await t.db.select({ n: count() }).from(articles).where(eq(articles.state, 'extracted')))[0].n === total, 90_000);
    expect(await n(articles)).toBe(total);
    const rows = await t.db.select().from(articles);
    expect(new Set(rows.map((r) => r.canonicalUrl)).size).toBe(total);
    const sources = await t.db.select().from(dealSources);
    const withDeals = bearing().filter((id) => sources.some((x) => rows.find((r) => r.id === x.articleId)?.url.endsWith(`/${id}.html`)));
    expect(withDeals.length).toBeGreaterThanOrEqual(Math.ceil(bearing().length / 2));
    expect(await n(deals)).toBeGreaterThan(0);
  }, 120_000);

  it('polls again with a conditional GET answered 304', async () => {
    await waitFor('a 304 for every feed', async () => {
      const stats = server.stats();
      return server.feeds.every((url) => (stats[new URL(url).pathname]?.not_modified ?? 0) >= 1);
    }, 60_000);
    const rows = await t.db.select().from(feeds);
    expect(rows.every((f) => f.failures === 0 && f.lastSuccessAt !== null && f.etag !== null)).toBe(true);
    expect(await n(articles)).toBe(server.articles.length);
  }, 90_000);

  it('serves the web role from the same process', async () => {
    const web = service!.roles.find((r) => r.name === 'web') as { url?: string } | undefined;
    expect(web?.url).toBeTruthy();
    const res = await fetch(`${web!.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('adds nothing on a restart', async () => {
    const before = { articles: await n(articles), deals: await n(deals), sources: await n(dealSources) };
    await service!.close();
    const polled = feedRequests().requests;
    service = await startService({ roles: roleNames, settings: s, logger: quietLogger() });
    await waitFor('another round of polls', async () => feedRequests().requests >= polled + server.feeds.length, 60_000);
    // Let a sweep run over whatever it finds.
    await new Promise((r) => setTimeout(r, 3_000));
    expect({ articles: await n(articles), deals: await n(deals), sources: await n(dealSources) }).toEqual(before);
    expect((await t.db.select().from(articles)).every((a) => a.state === 'extracted')).toBe(true);
  }, 90_000);

  it('lists the feeds with their health', async () => {
    const r = await runLanewatch(['feeds', 'list', '--json'], settingsEnv(s));
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('['))) as { url: string; failures: number; last_success_at: string | null }[];
    expect(listed.map((f) => f.url).sort()).toEqual([...server.feeds].sort());
    expect(listed.every((f) => f.failures === 0 && f.last_success_at)).toBe(true);
  }, 30_000);
});
