// Stage "poller": 10,000 feeds that answer 304, polled by a real `lanewatch start --roles poller`: conditional
// polls per second, and a check that no feed is polled twice at once nor twice in one round.
import { NewsServer } from './news-server.js';
import { insertFeeds } from './database.js';
import { deadProcesses, openServiceRun, startProcesses, waitFor, type ServiceRunOptions } from './service-run.js';
import { skippedStage, type Figure, type StageResult, type Target } from './report.js';
import { formatNumber, summarize } from './stats.js';

export interface PollerOptions {
  feeds: number;
  ports: number;
  /** Timed rounds after the first (which fetches every feed in full and stores its validators). */
  rounds: number;
  nodeArgs?: string[];
}

export async function benchPoller(options: PollerOptions): Promise<StageResult> {
  const started = Date.now();
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  for (const f of ['../src/service/start.ts', '../src/feeds/poll.ts']) {
    if (!existsSync(fileURLToPath(new URL(f, import.meta.url)))) return skippedStage('poller', `${f.slice(3)} does not exist yet`);
  }
  const figures: Figure[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const server = new NewsServer({ feeds: options.feeds, ports: options.ports, pages: ['<html><body><p>unused</p></body></html>'], feedWindow: 10 });
  await server.start();
  const spec: ServiceRunOptions = {
    label: 'poller',
    processes: [{ name: 'lanewatch start --roles poller', roles: ['poller'] }],
    // An hour between polls: no feed comes due again by itself; each round is started by making every feed due.
    env: { POLL_INTERVAL_SECONDS: '3600', SCHEDULER_TICK_SECONDS: '1' },
    nodeArgs: options.nodeArgs,
  };
  const run = await openServiceRun(spec);
  const rates: number[] = [];
  let doublePolls = 0;
  let not304 = 0;
  try {
    await insertFeeds(run.database, Array.from({ length: options.feeds }, (_, i) => server.feedUrl(i)));
    startProcesses(run, spec);
    // Start-up plus a full first fetch of every feed; at 50 polls/s it would still be done in 200 s.
    const first = await waitFor(run, () => server.feedsPolledAtLeast(1) === options.feeds, 240_000, 250);
    if (!first) {
      const dead = deadProcesses(run);
      notes.push(dead.length ? `process exited: ${dead.join('; ')}` : `first round incomplete: ${server.feedsPolledAtLeast(1)}/${options.feeds} feeds polled in 240 s (logs in ${run.logDir})`);
    } else {
      for (let round = 1; round <= options.rounds; round++) {
        // Let the last polls of the previous round record their results before the feeds are made due again.
        await new Promise((r) => setTimeout(r, 1500));
        const before304 = server.stats.feedNotModified;
        const beforeRequests = server.stats.feedRequests;
        const mark = Date.now();
        await run.database.pool.query('update feeds set next_poll_at = now()');
        const ok = await waitFor(run, () => server.feedsPolledAtLeast(round + 1) === options.feeds, 120_000, 100);
        if (!ok) {
          notes.push(`round ${round}: ${server.feedsPolledAtLeast(round + 1)}/${options.feeds} feeds polled within 120 s`);
          break;
        }
        await new Promise((r) => setTimeout(r, 1000)); // a second poll of some feed in this round would show now
        let firstPoll = Infinity;
        let lastPoll = 0;
        for (let f = 0; f < options.feeds; f++) {
          const { polls, times } = server.feedPolls(f);
          if (polls > round + 1) doublePolls += polls - (round + 1);
          const inRound = times.filter((t) => t >= mark);
          if (inRound.length) {
            firstPoll = Math.min(firstPoll, inRound[0]);
            lastPoll = Math.max(lastPoll, inRound[0]);
          }
        }
        const requests = server.stats.feedRequests - beforeRequests;
        not304 += requests - (server.stats.feedNotModified - before304);
        rates.push(options.feeds / Math.max(0.001, (lastPoll - firstPoll) / 1000));
      }
    }
  } finally {
    const end = await run.finish();
    for (const m of end.memory) figures.push({ name: `peak RSS, ${m.process}`, unit: 'MB', summary: summarize([m.peakRssMb]) });
    await server.close();
  }
  if (rates.length) {
    const s = summarize(rates);
    figures.unshift({ name: `conditional polls, ${options.feeds.toLocaleString('en-US')} feeds answering 304`, unit: 'polls/s', summary: s });
    targets.push({ text: 'poller ≥ 500 conditional polls/s', met: s.median >= 500, measured: `${formatNumber(s.median)}/s` });
    targets.push({
      text: 'no poll of a feed overlapping another poll of it',
      met: server.stats.overlaps === 0 && doublePolls === 0,
      measured: `${server.stats.overlaps} overlapping, ${doublePolls} extra polls in a round`,
    });
    notes.push(`${not304} polls in the timed rounds were not answered 304 (expected 0)`);
  }
  return { stage: 'poller', figures, targets, notes, values: {}, seconds: (Date.now() - started) / 1000 };
}
