// The whole service against a local news site: import the OPML with the CLI, every article stored once and
// extracted, candidate deals for the deal-bearing ones, the next poll a 304, and a restart adds nothing.
import { describe, expect, it } from 'vitest';
import { articles, dealSources, feeds } from '../../src/db/schema.js';
import type { RunningService } from '../../src/service/start.js';
import { roleNames } from '../../src/role.js';
import type { Settings } from '../../src/config.js';
import { goldDealCount } from '../helpers/feed-server.js';
import { waitFor } from '../helpers/service-env.js';
import { useServiceTest } from '../helpers/service-test.js';
import { runLanewatch, settingsEnv } from '../helpers/lanewatch-process.js';
import { tableCounts, waitForAllExtracted } from '../helpers/fault-checks.js';

const env = useServiceTest({ feeds: {} });
let service: RunningService | undefined;
// A short interval so that the second poll comes within the test.
const settings = (): Settings => env.settings({ POLL_INTERVAL_SECONDS: '3' });

describe('lanewatch end to end', () => {
  it('imports the OPML with the CLI', async () => {
    const { db, server } = env;
    const r = await runLanewatch(['feeds', 'import', server.opml], settingsEnv(settings()));
    expect(r.output).toMatch(new RegExp(`${server.feeds.length} added`));
    expect(r.code).toBe(0);
    expect(await db.$count(feeds)).toBe(server.feeds.length);
  });

  it('stores and extracts every article once, with candidate deals for the deal-bearing ones', async () => {
    const { db, server } = env;
    service = await env.startService(roleNames, settings());
    const total = server.articles.length;
    await waitForAllExtracted(db, total, 90_000);
    const counts = await tableCounts(db);
    expect(counts.articles).toBe(total);
    const rows = await db.select().from(articles);
    expect(new Set(rows.map((r) => r.canonicalUrl)).size).toBe(total);
    const sources = await db.select().from(dealSources);
    const bearing = server.articles.map((a) => a.id).filter((id) => goldDealCount(id) > 0);
    const withDeals = bearing.filter((id) => sources.some((x) => rows.find((r) => r.id === x.articleId)?.url.endsWith(`/${id}.html`)));
    expect(withDeals.length).toBeGreaterThanOrEqual(Math.ceil(bearing.length / 2));
    expect(counts.deals).toBeGreaterThan(0);
  }, 120_000);

  it('polls again with a conditional GET answered 304', async () => {
    const { db, server } = env;
    await waitFor('a 304 for every feed', async () => {
      const stats = server.stats();
      return server.feeds.every((url) => (stats[new URL(url).pathname]?.not_modified ?? 0) >= 1);
    }, 60_000);
    const rows = await db.select().from(feeds);
    expect(rows.every((f) => f.failures === 0 && f.lastSuccessAt !== null && f.etag !== null)).toBe(true);
    expect(await db.$count(articles)).toBe(server.articles.length);
  }, 90_000);

  it('serves the web role from the same process', async () => {
    const web = service!.roles.find((r) => r.name === 'web') as { url?: string } | undefined;
    expect(web?.url).toBeTruthy();
    const res = await fetch(`${web!.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('adds nothing on a restart', async () => {
    const { db, server } = env;
    const before = await tableCounts(db);
    await service!.close();
    const polled = server.requests('/feeds/');
    service = await env.startService(roleNames, settings());
    await waitFor('another round of polls', async () => server.requests('/feeds/') >= polled + server.feeds.length, 60_000);
    // Let a sweep run over whatever it finds.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await tableCounts(db)).toEqual(before);
    expect((await db.select().from(articles)).every((a) => a.state === 'extracted')).toBe(true);
  }, 90_000);

  it('lists the feeds with their health', async () => {
    const r = await runLanewatch(['feeds', 'list', '--json'], settingsEnv(settings()));
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('['))) as { url: string; failures: number; last_success_at: string | null }[];
    expect(listed.map((f) => f.url).sort()).toEqual([...env.server.feeds].sort());
    expect(listed.every((f) => f.failures === 0 && f.last_success_at)).toBe(true);
  }, 30_000);
});
