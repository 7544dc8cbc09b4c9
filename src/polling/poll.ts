// Polls one feed: claim it, conditional GET, parse, store new items, set the next due time. Failures are data:
// recorded on the feed's row with backoff, never thrown (only PostgreSQL being unreachable throws).
import { and, eq, sql } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { feeds, type Feed } from '../db/schema.js';
import type { Logger } from '../log.js';
import { fetchOptionsFor, fetchUrl } from '../net/fetch.js';
import { parseCacheControlMaxAge, parseRetryAfter } from '../net/http-headers.js';
import { FetchError, type FetchResult } from '../net/types.js';
import { jobIds, queueNames, type Queues } from '../queue.js';
import { storeFeedItems, withoutNul } from '../articles/store.js';
import { nextPollDelaySeconds } from './backoff.js';
import { parseFeed } from '../feed/parse.js';
import { alignToPhase } from './schedule.js';
import { FeedParseError, type ParsedFeed } from '../feed/types.js';
import { pollFailures } from '../metrics.js';

export interface PollDeps {
  db: Db;
  queues: Queues;
  settings: Settings;
  logger: Logger;
}

export type PollOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'not-modified'; nextPollAt: Date }
  | { kind: 'updated'; created: number; known: number; nextPollAt: Date }
  | { kind: 'failed'; error: string; failures: number; nextPollAt: Date };

const feedAccept = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/**
 * How long a claimed feed is left alone while it is being polled: if the poller dies mid-poll, the feed is due
 * again after this, never lost. Longer than the whole fetch can take.
 */
export function claimLeaseMs(s: Settings): number {
  return 2 * s.FETCH_TIMEOUT_SECONDS * 1000 + 10_000;
}

/** Takes the feed for this due time; undefined when another delivery of the job, or a later schedule, got it. */
async function claim(db: Db, feedId: number, due: number, now: Date, leaseMs: number): Promise<Feed | undefined> {
  const [feed] = await db
    .update(feeds)
    .set({ nextPollAt: new Date(now.getTime() + leaseMs), lastPolledAt: now })
    .where(and(eq(feeds.id, feedId), eq(feeds.enabled, true), sql`abs(extract(epoch from ${feeds.nextPollAt}) * 1000 - ${due}) < 1`))
    .returning();
  return feed;
}

function describe(err: unknown): string {
  if (err instanceof FetchError) return `${err.code}: ${err.message}`;
  if (err instanceof FeedParseError) return `not a readable feed: ${err.message}`;
  return (err as Error)?.message ?? String(err);
}

/** The `reason` label of lanewatch_poll_failures_total: a FetchError code, an HTTP status class ("4xx"), or "parse". */
function failureReason(err: unknown): string {
  if (err instanceof FetchError) return err.code;
  if (err instanceof FeedParseError) return 'parse';
  return 'other';
}

export async function pollFeed(deps: PollDeps, feedId: number, due: number): Promise<PollOutcome> {
  const { db, settings: s } = deps;
  const log = deps.logger.child({ feed_id: feedId });
  const started = new Date();
  const feed = await claim(db, feedId, due, started, claimLeaseMs(s));
  if (!feed) return { kind: 'skipped', reason: 'already polled for this due time, removed or disabled' };
  const interval = feed.pollIntervalSeconds ?? s.POLL_INTERVAL_SECONDS;

  const headers: Record<string, string> = { accept: feedAccept };
  // Exactly the validators the server sent, each on its own: never a date made up from the clock.
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;

  let response: FetchResult | undefined;
  let parsed: ParsedFeed | undefined;
  let error: string | undefined;
  let reason = 'other';
  try {
    response = await fetchUrl(feed.url, { ...fetchOptionsFor('feed', s), headers });
    if (response.status === 200 || response.status === 203) {
      parsed = parseFeed(response.body, { url: response.url, contentType: response.headers['content-type'] ?? null });
    } else if (response.status !== 304) {
      reason = `${Math.floor(response.status / 100)}xx`;
      error = `HTTP ${response.status}${response.status === 404 || response.status === 410 ? ' (the feed is gone; still retried, with backoff)' : ''}`;
    }
  } catch (err) {
    error = describe(err);
    reason = failureReason(err);
  }

  const now = new Date();
  const retryAfter = parseRetryAfter(response?.headers['retry-after'], now) ?? null;

  if (error !== undefined || !response) {
    const failures = feed.failures + 1;
    const delay = nextPollDelaySeconds({ intervalSeconds: interval, failures, maxSeconds: s.POLL_BACKOFF_MAX_SECONDS, retryAfterSeconds: retryAfter });
    const nextPollAt = new Date(now.getTime() + delay * 1000);
    const message = withoutNul((error ?? 'no answer').slice(0, 2_000));
    await db
      .update(feeds)
      .set({ failures, lastError: message, lastStatus: response?.status ?? null, nextPollAt, notModifiedInRow: 0 })
      .where(eq(feeds.id, feed.id));
    pollFailures.inc({ reason });
    log.warn({ url: feed.url, failures, error: message, next_poll_at: nextPollAt.toISOString() }, 'feed poll failed');
    return { kind: 'failed', error: message, failures, nextPollAt };
  }

  const delay = nextPollDelaySeconds({
    intervalSeconds: interval,
    failures: 0,
    maxSeconds: s.POLL_BACKOFF_MAX_SECONDS,
    retryAfterSeconds: retryAfter,
    maxAgeSeconds: parseCacheControlMaxAge(response.headers['cache-control']) ?? null,
    ttlMinutes: parsed?.ttlMinutes ?? null,
  });
  const nextPollAt = alignToPhase(feed.id, new Date(now.getTime() + delay * 1000), interval);
  const healthy = { failures: 0, lastError: null, lastStatus: response.status, lastSuccessAt: now, nextPollAt };

  if (response.status === 304 || !parsed) {
    await db
      .update(feeds)
      .set({
        ...healthy,
        notModifiedInRow: feed.notModifiedInRow + 1,
        // A 304 may carry fresher validators; keep the old ones otherwise.
        etag: response.headers.etag ?? feed.etag,
        lastModified: response.headers['last-modified'] ?? feed.lastModified,
      })
      .where(eq(feeds.id, feed.id));
    return { kind: 'not-modified', nextPollAt };
  }

  const sentValidators = feed.etag !== null || feed.lastModified !== null;
  const sameValidators =
    (feed.etag !== null && response.headers.etag === feed.etag) || (feed.lastModified !== null && response.headers['last-modified'] === feed.lastModified);
  const items = parsed.items;
  // A cut-off document may still parse (leniently): keep what it holds, but it is a failure with backoff.
  const truncated = parsed.format === 'json' ? null : truncation(response.body);
  const failures = truncated ? feed.failures + 1 : 0;
  const failed = truncated
    ? {
        failures,
        lastError: truncated,
        lastStatus: response.status,
        nextPollAt: new Date(now.getTime() + nextPollDelaySeconds({ intervalSeconds: interval, failures, maxSeconds: s.POLL_BACKOFF_MAX_SECONDS }) * 1000),
      }
    : null;
  const stored = await db.transaction(async (tx) => {
    const r = await storeFeedItems(tx, feed.id, items);
    await tx
      .update(feeds)
      .set({
        ...(failed ?? healthy),
        notModifiedInRow: 0,
        etag: response.headers.etag ?? null,
        lastModified: response.headers['last-modified'] ?? null,
        ignoresConditional: sentValidators && sameValidators,
        title: feed.title ?? withoutNul(parsed.title?.slice(0, 1_000) ?? null),
        siteUrl: feed.siteUrl ?? withoutNul(parsed.link?.slice(0, 4_000) ?? null),
        itemsSeen: sql`${feeds.itemsSeen} + ${r.created.length}`,
      })
      .where(eq(feeds.id, feed.id));
    return r;
  });
  await enqueueArticles(deps, stored.created);
  log.info({ url: feed.url, items: items.length, created: stored.created.length, known: stored.known, unusable: stored.unusable }, 'feed polled');
  if (failed) {
    pollFailures.inc({ reason: 'truncated' });
    log.warn({ url: feed.url, failures, error: truncated, next_poll_at: failed.nextPollAt.toISOString() }, 'feed poll failed');
    return { kind: 'failed', error: truncated!, failures, nextPollAt: failed.nextPollAt };
  }
  return { kind: 'updated', created: stored.created.length, known: stored.known, nextPollAt };
}

/** An XML feed whose root element is never closed was cut off in transfer; null when it ends properly. */
export function truncation(body: Buffer): string | null {
  // Bytes as latin1 with NULs dropped: the closing tag reads the same in UTF-8, Latin-1 or UTF-16.
  const tail = body.subarray(Math.max(0, body.length - 4096)).toString('latin1').replace(/\0/g, '');
  if (/<\/(?:[\w.-]+:)?(?:rss|feed|rdf|channel)\s*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/i.test(tail)) return null;
  return 'truncated: the document ends before its root element is closed';
}

/** Enqueues process-article jobs; Redis being down only delays them (the sweep enqueues queued articles). */
export async function enqueueArticles(deps: Pick<PollDeps, 'queues' | 'logger'>, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  try {
    await deps.queues.enqueueBulk(
      queueNames.processArticle,
      articleIds.map((articleId) => ({ payload: { articleId }, jobId: jobIds.processArticle(articleId) })),
    );
  } catch (err) {
    deps.logger.warn({ articles: articleIds.length, error: (err as Error).message }, 'could not enqueue articles; the sweep will');
  }
}
