// Stage "poller": 10,000 feeds that answer 304, polled by a real `lanewatch start --roles poller`: conditional
// polls per second, and a check that no feed is polled twice at once nor twice in one round.
import { NewsServer } from './news-server.js';
import { insertFeeds } from './database.js';
import { deadProcesses, openServiceRun, startProcesses, waitFor, type ServiceRunOptions } from './service-run.js';
import { skippedStage, type Figure, type StageResult, type Target } from './report.js';
import { formatNumber, summarize } from './stats.js';
import { cpuBetween } from './cpu.js';

export interface PollerOptions {
  feeds: number;
  ports: number;
  /** Timed rounds: every feed polled once in each. */
  rounds: number;
  nodeArgs?: string[];
}

export async function benchPoller(options: PollerOptions): Promise<StageResult> {
  const started = Date.now();
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  for (const f of ['../src/service/start.ts', '../src/polling/poll.ts']) {
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
    // A 5-second tick: the scheduler enqueues at most 5,000 due feeds a tick, so the default 15 s would cap polling
    // at 333/s, and a 1 s tick re-sends every still-waiting feed's job each second (measured: half the rate).
    env: { POLL_INTERVAL_SECONDS: '3600', SCHEDULER_TICK_SECONDS: '5' },
    nodeArgs: options.nodeArgs,
  };
  const run = await openServiceRun(spec);
  const rates: number[] = [];
  let doublePolls = 0;
  let completedRounds = 0;
  let not304 = 0;
  try {
    // Every feed already carries the validators of an earlier poll: from the first round on, polls are conditional.
    await insertFeeds(
      run.database,
      Array.from({ length: options.feeds }, (_, i) => ({ url: server.feedUrl(i), ...server.validators(i) })),
    );
    startProcesses(run, spec);
    const cpu = new Map<string, number>();
    let cpuBefore = run.cpu.totals();
    for (let round = 1; round <= options.rounds; round++) {
      if (round > 1) {
        await run.sampleCpu();
        cpuBefore = run.cpu.totals();
      }
      const before304 = server.stats.feedNotModified;
      const beforeRequests = server.stats.feedRequests;
      const mark = Date.now();
      if (round > 1) {
        // Let the last polls of the previous round record their results before the feeds are made due again.
        await new Promise((r) => setTimeout(r, 1000));
        await run.database.pool.query('update feeds set next_poll_at = now()');
      }
      // The first round includes start-up through tsx on a busy machine: up to three minutes before it is called broken.
      const ok = await waitFor(run, () => server.feedsPolledAtLeast(round) === options.feeds, round === 1 ? 180_000 : 120_000, 100);
      if (!ok) {
        const dead = deadProcesses(run);
        notes.push(
          dead.length
            ? `process exited: ${dead.join('; ')}`
            : `round ${round}: ${server.feedsPolledAtLeast(round)}/${options.feeds} feeds polled in time (logs in ${run.logDir})`,
        );
        break;
      }
      {
        await new Promise((r) => setTimeout(r, 1000)); // a second poll of some feed in this round would show now
        let firstPoll = Infinity;
        let lastPoll = 0;
        for (let f = 0; f < options.feeds; f++) {
          const { times } = server.feedPolls(f);
          const inRound = times.filter((t) => t >= mark);
          if (inRound.length) {
            firstPoll = Math.min(firstPoll, inRound[0]);
            lastPoll = Math.max(lastPoll, inRound[0]);
          }
        }
        const requests = server.stats.feedRequests - beforeRequests;
        not304 += requests - (server.stats.feedNotModified - before304);
        rates.push(options.feeds / Math.max(0.001, (lastPoll - firstPoll) / 1000));
        completedRounds = round;
        await run.sampleCpu();
        // Round 1 also holds start-up: only the later rounds are counted.
        if (round > 1) for (const [g, v] of cpuBetween(cpuBefore, run.cpu.totals())) cpu.set(g, (cpu.get(g) ?? 0) + v);
      }
    }
    // Each feed was made due once per round: any poll beyond that is a feed polled twice for one due time.
    for (let f = 0; f < options.feeds; f++) doublePolls += Math.max(0, server.feedPolls(f).polls - completedRounds);
    const polls = (completedRounds - 1) * options.feeds;
    if (polls > 0) {
      for (const [g, v] of [...cpu].sort((a, b) => b[1] - a[1])) figures.push({ name: `CPU per conditional poll: ${g}`, unit: 'ms', summary: summarize([(v * 1000) / polls]) });
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
