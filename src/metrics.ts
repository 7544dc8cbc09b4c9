// Prometheus metrics of the process. Counters and histograms are observed where the work happens (poller,
// extractor); gauges of stored state (articles, deals, queue depths, failing feeds) are read at scrape time.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'lanewatch_process_' });

/** Seconds to extract deals from one article (fetch excluded): observed by the extractor. */
export const extractionSeconds = new Histogram({
  name: 'lanewatch_extraction_seconds',
  help: 'Time to turn one article into deals (parsing, NLP, storing), seconds',
  // From a few ms (short article, no candidate sentences) to seconds (huge page, many sentences).
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Feed polls that failed (network, HTTP error, unparseable feed): incremented by the poller. */
export const pollFailures = new Counter({
  name: 'lanewatch_poll_failures_total',
  help: 'Feed polls that failed, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const articlesByState = new Gauge({ name: 'lanewatch_articles', help: 'Stored articles by state', labelNames: ['state'] as const, registers: [metricsRegistry] });
export const dealsByState = new Gauge({ name: 'lanewatch_deals', help: 'Candidate deals by review state', labelNames: ['state'] as const, registers: [metricsRegistry] });
export const queueDepth = new Gauge({ name: 'lanewatch_queue_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'] as const, registers: [metricsRegistry] });
export const feedsFailing = new Gauge({ name: 'lanewatch_feeds_failing', help: 'Enabled feeds whose last poll failed', registers: [metricsRegistry] });
export const feedFailuresInRow = new Gauge({ name: 'lanewatch_feed_failures_in_row', help: 'Sum over feeds of failures in a row (poll failures recorded in PostgreSQL, all processes)', registers: [metricsRegistry] });
export const lanesOpen = new Gauge({ name: 'lanewatch_lanes', help: 'Lanes by origin', labelNames: ['origin'] as const, registers: [metricsRegistry] });
