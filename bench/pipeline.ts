// Stage "pipeline": new articles in a local news site's feeds → candidates in PostgreSQL, through real
// `lanewatch start` processes: throughput per burst of new articles (first poll that shows them → last one
// stored), latency per article from its first appearance in a feed to its row being extracted (the poll
// interval is taken out because the clock starts when a poll first receives the item), and peak memory.
import { loadZytePages } from './inputs.js';
import { NewsServer } from './news-server.js';
import { articleCopies, articleProgress, finishedArticles, insertFeeds } from './database.js';
import { deadProcesses, extractorQueue, openServiceRun, startProcesses, waitFor, type ProcessSpec, type ServiceRun, type ServiceRunOptions } from './service-run.js';
import { skippedStage, type Figure, type StageResult, type Target } from './report.js';
import { formatNumber, percentile, summarize, type Summary } from './stats.js';
import type { MemoryPeak } from './processes.js';
import { cpuBetween } from './cpu.js';

export interface PipelineOptions {
  feeds: number;
  ports: number;
  /** Bursts (runs) per layout, and new items per feed in each: 5 × 10 × 100 feeds = 5,000 articles. */
  bursts: number;
  perFeed: number;
  /** Articles revealed one at a time, at trickleRate per second, for latency below saturation. */
  trickle: number;
  trickleRate: number;
  layouts: ('single' | 'two-extractors')[];
  /** One-core extract rate on the same pages (from the extract stage), the yardstick of the targets. */
  baseline?: number;
  nodeArgs?: string[];
}

interface LayoutResult {
  layout: string;
  burstRates: number[];
  burstSeconds: number[];
  burstLatencies: number[];
  trickleLatencies: number[];
  memory: MemoryPeak[];
  failed: number;
  problems: string[];
  pageFetchesPerArticle: number;
  /** CPU seconds per group over the bursts, and the articles they processed. */
  cpu: Map<string, number>;
  cpuArticles: number;
  /** RSS of each process once started and idle, before the first burst. */
  idleRss: Map<string, number>;
}

const layouts: Record<PipelineOptions['layouts'][number], ProcessSpec[]> = {
  single: [{ name: 'lanewatch start' }],
  'two-extractors': [{ name: 'lanewatch start' }, { name: 'lanewatch start --roles extractor', roles: ['extractor'] }],
};

/** Makes feeds due now (all when urls is null): the scheduler's next tick enqueues their polls. */
async function makeDue(run: ServiceRun, urls: string[] | null): Promise<void> {
  if (urls) await run.database.pool.query('update feeds set next_poll_at = now() where url = any($1)', [urls]);
  else await run.database.pool.query('update feeds set next_poll_at = now()');
}

async function waitDone(run: ServiceRun, expected: number, timeoutMs: number): Promise<boolean> {
  return waitFor(run, async () => (await articleProgress(run.database)).done >= expected, timeoutMs, 200);
}

async function runLayout(name: PipelineOptions['layouts'][number], pages: string[], options: PipelineOptions): Promise<LayoutResult> {
  const result: LayoutResult = { layout: name, burstRates: [], burstSeconds: [], burstLatencies: [], trickleLatencies: [], memory: [], failed: 0, problems: [], pageFetchesPerArticle: 0, cpu: new Map(), cpuArticles: 0, idleRss: new Map() };
  const server = new NewsServer({ feeds: options.feeds, ports: options.ports, pages, feedWindow: 100 });
  await server.start();
  const spec: ServiceRunOptions = {
    label: name,
    processes: layouts[name],
    // Feeds are made due when news is put in them (as if their poll time had come) and otherwise wait an hour:
    // polling 100 feeds every second would charge the pipeline with ~100 polls/s that a real install (a poll
    // every 15 minutes) never makes; the poller stage measures polling. The latency clock starts at the poll
    // that first receives an item, so the wait for the poll (here up to one 1-second scheduler tick) is not in it.
    env: { POLL_INTERVAL_SECONDS: '3600', SCHEDULER_TICK_SECONDS: '1' },
    nodeArgs: options.nodeArgs,
  };
  const run = await openServiceRun(spec);
  try {
    await insertFeeds(run.database, Array.from({ length: options.feeds }, (_, i) => server.feedUrl(i)));
    startProcesses(run, spec);
    // Start-up through tsx on a busy 2-core machine takes several seconds; two minutes means it is broken.
    const extractors = layouts[name].filter((p) => !p.roles || p.roles.includes('extractor')).length;
    const ready = await waitFor(
      run,
      async () => server.feedsPolledAtLeast(1) === options.feeds && (await run.workerCount(extractorQueue)) >= extractors,
      120_000,
      250,
    );
    if (!ready) {
      const dead = deadProcesses(run);
      result.problems.push(
        dead.length
          ? `process exited: ${dead.join('; ')}`
          : `not ready in 120 s: ${server.feedsPolledAtLeast(1)}/${options.feeds} feeds polled, ${await run.workerCount(extractorQueue)} extractor workers (logs in ${run.logDir})`,
      );
      return result;
    }
    result.idleRss = run.memory.current();
    let expected = 0;
    for (let b = 0; b < options.bursts; b++) {
      await run.sampleCpu();
      const cpuBefore = run.cpu.totals();
      const ids = server.reveal(options.perFeed);
      await makeDue(run, null);
      expected += ids.length;
      // Bounded by what even a slow run does: 5 articles/s at worst, and never less than two minutes.
      const ok = await waitDone(run, expected, Math.max(120_000, (ids.length / 5) * 1000));
      const finished = new Map((await finishedArticles(run.database)).map((a) => [a.itemId, a]));
      const served = ids.map((id) => server.items.get(id)?.firstServedAt).filter((t): t is number => t !== undefined);
      const ends = ids.map((id) => finished.get(id)?.finishedMs).filter((t): t is number => t !== undefined);
      if (!ok || served.length === 0 || ends.length < ids.length) {
        result.problems.push(`burst ${b + 1}: ${ends.length}/${ids.length} articles finished in time${deadProcesses(run).length ? `; exited: ${deadProcesses(run).join('; ')}` : ''}`);
        break;
      }
      await run.sampleCpu();
      for (const [g, v] of cpuBetween(cpuBefore, run.cpu.totals())) result.cpu.set(g, (result.cpu.get(g) ?? 0) + v);
      result.cpuArticles += ids.length;
      const seconds = (Math.max(...ends) - Math.min(...served)) / 1000;
      result.burstSeconds.push(seconds);
      result.burstRates.push(ids.length / seconds);
      for (const id of ids) {
        const s = server.items.get(id)?.firstServedAt;
        const e = finished.get(id)?.finishedMs;
        if (s !== undefined && e !== undefined) result.burstLatencies.push((e - s) / 1000);
      }
    }
    if (result.problems.length === 0 && options.trickle > 0) {
      const ids: number[] = [];
      const gapMs = 1000 / options.trickleRate;
      for (let i = 0; i < options.trickle; i++) {
        const feed = (i * 37) % options.feeds;
        ids.push(...server.reveal(1, [feed]));
        await makeDue(run, [server.feedUrl(feed)]);
        await new Promise((r) => setTimeout(r, gapMs));
      }
      expected += ids.length;
      const ok = await waitDone(run, expected, 120_000);
      if (!ok) result.problems.push(`trickle: not every article finished within 2 minutes`);
      const finished = new Map((await finishedArticles(run.database)).map((a) => [a.itemId, a]));
      for (const id of ids) {
        const s = server.items.get(id)?.firstServedAt;
        const e = finished.get(id)?.finishedMs;
        if (s !== undefined && e !== undefined) result.trickleLatencies.push((e - s) / 1000);
      }
    }
    const progress = await articleProgress(run.database);
    result.failed = progress.failed;
    const copies = await articleCopies(run.database);
    if (copies.duplicated > 0 || copies.rows !== server.items.size) {
      result.problems.push(`PostgreSQL holds ${copies.rows} article rows for ${server.items.size} items (${copies.duplicated} items stored more than once)`);
    }
    const fetches = [...server.items.values()].reduce((a, r) => a + r.pageFetches, 0);
    result.pageFetchesPerArticle = fetches / Math.max(1, server.items.size);
  } finally {
    const end = await run.finish();
    result.memory = end.memory;
    for (const e of end.exits) if (e.killed) result.problems.push(`${e.name} did not stop within 20 s of SIGTERM and was killed`);
    await server.close();
  }
  return result;
}

export async function benchPipeline(options: PipelineOptions): Promise<StageResult> {
  const started = Date.now();
  const zyte = loadZytePages();
  if (!zyte) return skippedStage('pipeline', 'the Zyte benchmark pages are absent');
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  for (const f of ['../src/service/start.ts', '../src/polling/poll.ts', '../src/net/fetch.ts', '../src/extract/index.ts', '../src/page/index.ts']) {
    if (!existsSync(fileURLToPath(new URL(f, import.meta.url)))) return skippedStage('pipeline', `${f.slice(3)} does not exist yet`);
  }
  const pages = zyte.map((p) => p.html);
  const figures: Figure[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const values: Record<string, number> = {};
  const per = options.feeds * options.perFeed;
  const rates: Partial<Record<string, Summary>> = {};
  for (const layout of options.layouts) {
    const r = await runLayout(layout, pages, options);
    const label = layout === 'single' ? 'one process (lanewatch start)' : 'two extractor processes';
    for (const p of r.problems) notes.push(`${label}: ${p}`);
    if (r.burstRates.length) {
      const s = summarize(r.burstRates);
      rates[layout] = s;
      values[`${layout}ArticlesPerSecond`] = s.median;
      const total = r.burstSeconds.reduce((a, b) => a + b, 0);
      figures.push({ name: `end to end, ${label}: ${r.burstRates.length} bursts of ${per} new articles`, unit: 'articles/s', summary: s });
      notes.push(
        `${label}: ${per * r.burstRates.length} articles across ${options.feeds} feeds in ${formatNumber(total)} s of bursts = ${formatNumber((per * r.burstRates.length) / total)} articles/s overall; ${r.failed} failed; ${formatNumber(r.pageFetchesPerArticle)} page fetches per article`,
      );
    }
    if (r.burstLatencies.length) {
      figures.push({ name: `latency p50 / p95 in bursts (queueing included), ${label}`, unit: 's', summary: summarize([percentile(r.burstLatencies, 50), percentile(r.burstLatencies, 95)]) });
    }
    if (r.trickleLatencies.length) {
      const p50 = percentile(r.trickleLatencies, 50);
      const p95 = percentile(r.trickleLatencies, 95);
      figures.push(
        { name: `latency p50, first appearance → candidate, ${options.trickleRate}/s trickle, ${label}`, unit: 's', summary: summarize([p50]) },
        { name: `latency p95, same, ${label}`, unit: 's', summary: summarize([p95]) },
      );
      values[`${layout}LatencyP95`] = p95;
      targets.push({ text: `p95 latency ≤ 2 s (${label})`, met: p95 <= 2, measured: `${formatNumber(p95)} s` });
    }
    if (r.cpuArticles > 0) {
      const perArticle = (v: number) => (v * 1000) / r.cpuArticles;
      const total = [...r.cpu.values()].reduce((a, b) => a + b, 0);
      for (const [g, v] of [...r.cpu].sort((a, b) => b[1] - a[1])) {
        figures.push({ name: `CPU per article in bursts, ${label}: ${g}`, unit: 'ms', summary: summarize([perArticle(v)]) });
      }
      figures.push({ name: `CPU per article in bursts, ${label}: all of the above`, unit: 'ms', summary: summarize([perArticle(total)]) });
    }
    for (const m of r.memory) {
      const idle = r.idleRss.get(m.process);
      figures.push({ name: `peak RSS, ${label}: ${m.process}${idle ? ` (${Math.round(idle)} MB when idle after start-up)` : ''}`, unit: 'MB', summary: summarize([m.peakRssMb]) });
      targets.push({ text: `peak RSS ≤ 300 MB (${label}: ${m.process})`, met: m.peakRssMb <= 300, measured: `${formatNumber(m.peakRssMb)} MB` });
    }
  }
  const base = options.baseline;
  if (base && rates.single) {
    const share = rates.single.median / base;
    targets.push({ text: 'one process ≥ 80% of one core\'s extract rate', met: share >= 0.8, measured: `${formatNumber(share * 100)}% (${formatNumber(rates.single.median)} of ${formatNumber(base)}/s)` });
  }
  if (base && rates['two-extractors']) {
    const x = rates['two-extractors'].median / base;
    targets.push({ text: 'two extractor processes ≥ 1.6× one core\'s extract rate', met: x >= 1.6, measured: `${formatNumber(x)}×` });
    if (rates.single) notes.push(`two extractor processes ÷ one process: ${formatNumber(rates['two-extractors'].median / rates.single.median)}×`);
  }
  if (!base) notes.push('no extract baseline in this run (extract stage skipped): throughput targets not judged');
  return { stage: 'pipeline', figures, targets, notes, values, seconds: (Date.now() - started) / 1000 };
}
