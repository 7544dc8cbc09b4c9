// The load test (`npm run test:load`, not part of `npm test`): 10,000 feeds and 50,000 articles from a local news
// server, real `lanewatch start` processes, real PostgreSQL and Redis. Asserts correctness only (no time):
// every feed keeps being polled and never twice at once, most polls are answered 304, the pipeline drains,
// PostgreSQL holds every article exactly once, memory does not keep growing. Prints the figures.
// Sizes can be lowered for a quick try: LOAD_FEEDS, LOAD_ACTIVE_FEEDS, LOAD_ARTICLES.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusPages } from '../../bench/inputs.js';
import { NewsServer } from '../../bench/news-server.js';
import { articleCopies, articleProgress, insertFeeds } from '../../bench/database.js';
import { deadProcesses, extractorQueue, openServiceRun, startProcesses, waitFor, type ServiceRun, type ServiceRunOptions } from '../../bench/service-run.js';
import type { MemoryPeak } from '../../bench/processes.js';
import { percentile } from '../../bench/stats.js';

const envInt = (name: string, d: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : d;
};
const feedCount = envInt('LOAD_FEEDS', 10_000);
/** Most feeds are quiet (their polls are answered 304); news arrives on these. */
const activeFeeds = Math.min(feedCount, envInt('LOAD_ACTIVE_FEEDS', 1_000));
const articleCount = envInt('LOAD_ARTICLES', 50_000);
const waves = 10;
/** Seconds between waves of new items: the poll interval spans two waves, so polls see news and 304s alike. */
const waveGapMs = 30_000;
const pollIntervalSeconds = 60;

// Most news is not about compute deals: 1 page in 50 is a labelled corpus page (deals in nearly every one), the
// rest are ordinary stories. (With only corpus pages, each deal would collect thousands of copies of one story.)
const dealPageShare = 50;
const fillerTopics = [
  ['The city council', 'approved a new cycle lane along the river after a long public consultation'],
  ['The regional orchestra', 'opened its autumn season with a programme of early symphonies'],
  ['Forecasters', 'expect heavy rain across the north of the country through the weekend'],
  ['The local football club', 'won its third match in a row thanks to a late penalty'],
  ['Researchers at the museum', 'catalogued a collection of fossil ferns found in a quarry'],
];
function fillerPage(i: number): string {
  const [who, what] = fillerTopics[i % fillerTopics.length];
  const paragraph = `${who} ${what}. Residents said the change was welcome, and officials promised an update next month. ` +
    'Several people who spoke at the meeting asked for more information about the timetable and the cost to households.';
  return `<!doctype html><html lang="en"><head><title>${who} ${what}</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>${who} ${what}</h1>${Array.from({ length: 6 }, () => `<p>${paragraph}</p>`).join('\n')}</article>
<footer>Copyright Local News</footer></body></html>`;
}

function loadPages(): string[] {
  const corpus = loadCorpusPages()?.map((p) => p.html) ?? [];
  const fillers = Array.from({ length: Math.max(1, corpus.length * (dealPageShare - 1)) }, (_, i) => fillerPage(i));
  return [...corpus, ...fillers];
}

describe(`load: ${feedCount} feeds, ${articleCount} articles`, () => {
  let server: NewsServer;
  let run: ServiceRun;
  let spec: ServiceRunOptions;
  let memory: MemoryPeak[] = [];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    const pages = loadPages();
    server = new NewsServer({ feeds: feedCount, ports: 4, pages, feedWindow: 100 });
    await server.start();
    spec = {
      label: 'load',
      processes: [{ name: 'lanewatch start' }, { name: 'lanewatch start --roles extractor', roles: ['extractor'] }],
      env: { POLL_INTERVAL_SECONDS: String(pollIntervalSeconds), SCHEDULER_TICK_SECONDS: '5' },
    };
    run = await openServiceRun(spec);
    await insertFeeds(run.database, Array.from({ length: feedCount }, (_, i) => server.feedUrl(i)));
  });

  afterAll(async () => {
    if (run) memory = (await run.finish()).memory;
    await server?.close();
    for (const m of memory) {
      const mid = m.series.filter(([t]) => t > 60_000);
      console.log(`load: peak RSS ${m.process}: ${m.peakRssMb.toFixed(0)} MB (RSS after the first minute ${mid[0]?.[1].toFixed(0) ?? '?'} MB, at the end ${m.lastRssMb.toFixed(0)} MB)`);
    }
    console.log(`load: figures ${JSON.stringify(figures)}`);
  });

  it('polls on schedule with mostly 304s, drains the pipeline, stores every article once, with flat memory', async () => {
    startProcesses(run, spec);
    // Start-up, then one full fetch of every feed (each answers 200 with no items and validators).
    const firstRound = await waitFor(run, () => server.feedsPolledAtLeast(1) === feedCount, 5 * 60_000, 500);
    expect(deadProcesses(run)).toEqual([]);
    expect(firstRound, `${server.feedsPolledAtLeast(1)}/${feedCount} feeds polled in the first 5 minutes`).toBe(true);
    expect(await waitFor(run, async () => (await run.workerCount(extractorQueue)) >= 2, 120_000, 500)).toBe(true);

    const perWave = Math.ceil(articleCount / waves / activeFeeds);
    const revealStart = Date.now();
    let revealed = 0;
    for (let w = 0; w < waves && revealed < articleCount; w++) {
      const left = articleCount - revealed;
      const feedsThisWave = Array.from({ length: Math.min(activeFeeds, Math.ceil(left / perWave)) }, (_, i) => i);
      const ids = server.reveal(perWave, feedsThisWave).slice(0, left);
      revealed += ids.length;
      if (w < waves - 1) await new Promise((r) => setTimeout(r, waveGapMs));
    }
    // Items beyond articleCount (the last wave rounded up) are in the feeds too: every revealed item counts.
    const expected = server.items.size;
    const lastWaveAt = Date.now();

    // Drains: every article extracted. Bounded: 10 articles/s at worst, plus 5 minutes.
    const drained = await waitFor(run, async () => (await articleProgress(run.database)).done >= expected, (expected / 10) * 1000 + 5 * 60_000, 1000);
    const elapsedS = (Date.now() - revealStart) / 1000;
    const progress = await articleProgress(run.database);
    figures.articles = expected;
    figures.secondsFromFirstWaveToDrained = Math.round(elapsedS);
    figures.secondsFromLastWaveToDrained = Math.round((Date.now() - lastWaveAt) / 1000);
    expect(deadProcesses(run)).toEqual([]);
    expect(drained, `${progress.done}/${expected} articles processed`).toBe(true);
    expect(progress.failed).toBe(0);

    // PostgreSQL holds every article exactly once.
    const copies = await articleCopies(run.database);
    expect(copies).toEqual({ rows: expected, distinctItems: expected, duplicated: 0 });
    const deals = await run.database.pool.query<{ deals: string; sources: string }>('select (select count(*) from deals) as deals, (select count(*) from deal_sources) as sources');
    figures.candidateDeals = Number(deals.rows[0].deals);
    figures.dealSources = Number(deals.rows[0].sources);

    // Polling kept its schedule: every feed polled again and again, never two polls of a feed at once, mostly 304.
    const observedS = (Date.now() - revealStart) / 1000;
    const polls = Array.from({ length: feedCount }, (_, f) => server.feedPolls(f));
    const counts = polls.map((p) => p.polls);
    const gaps = polls.flatMap((p) => p.times.slice(1).map((t, i) => (t - p.times[i]) / 1000));
    figures.polls = server.stats.feedRequests;
    figures.notModifiedShare = Math.round((server.stats.feedNotModified / server.stats.feedRequests) * 1000) / 1000;
    figures.pollGapSeconds = { p50: percentile(gaps, 50), p99: percentile(gaps, 99), max: Math.max(...gaps), interval: pollIntervalSeconds };
    figures.pollsPerFeed = { min: Math.min(...counts), median: percentile(counts, 50) };
    expect(server.stats.overlaps).toBe(0);
    // The schedule asks for one poll a minute: over the observed span each feed has had at least half of those.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1 + Math.floor((observedS / pollIntervalSeconds) * 0.5));
    expect(server.stats.feedNotModified / server.stats.feedRequests).toBeGreaterThan(0.5);
    expect(server.stats.notFound).toBe(0);

    // Memory: no process keeps growing. RSS at the end within 1.5× (+64 MB) of RSS after the first minute.
    run.memory.sample();
    const now = run.memory.stop();
    for (const m of now) {
      const after = m.series.find(([t]) => t > 60_000)?.[1];
      if (after === undefined) continue;
      expect(m.lastRssMb, `${m.process} RSS grew from ${after.toFixed(0)} MB to ${m.lastRssMb.toFixed(0)} MB`).toBeLessThanOrEqual(after * 1.5 + 64);
    }
  });
});
