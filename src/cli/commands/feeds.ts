// `lanewatch feeds add URL | import FILE|URL | list [--json] | remove URL | export`.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatTime } from '../../format.js';
import type { Settings } from '../../config.js';
import { eq } from 'drizzle-orm';
import { feeds as feedsTable, type Feed } from '../../db/schema.js';
import { parseOpml, toOpml } from '../../feed/opml.js';
import { addFeed, addFeeds, FeedUrlError, listFeeds, removeFeed } from '../../polling/store.js';
import { fetchOptionsFor, fetchUrl } from '../../net/fetch.js';
import { FetchError } from '../../net/types.js';
import { refusedAddress, refusedAddresses } from '../../net/check-url.js';
import { withoutNul } from '../../articles/store.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';
import { withContext } from '../context.js';
import { redactUrl, redactUrlsIn } from '../../text/redact.js';

/** Reads an OPML document from a file or an http(s) URL, with the feed size cap. */
export async function readOpmlSource(source: string, s: Settings): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    try {
      const r = await fetchUrl(source, fetchOptionsFor('feed', s));
      if (r.status !== 200) throw new UsageError(`cannot import ${source}: HTTP ${r.status}`);
      return r.body.toString('utf8');
    } catch (err) {
      if (err instanceof FetchError) throw new UsageError(`cannot import ${source}: ${err.code}: ${err.message}`);
      throw err;
    }
  }
  let size: number;
  try {
    const info = await stat(source);
    if (!info.isFile()) throw new UsageError(`not a file: ${source}`);
    size = info.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > s.FEED_MAX_BYTES) throw new UsageError(`${source} is larger than FEED_MAX_BYTES (${s.FEED_MAX_BYTES} bytes)`);
  return readFile(source, 'utf8');
}

function feedJson(f: Feed) {
  return {
    id: f.id,
    url: redactUrl(f.url),
    title: f.title,
    enabled: f.enabled,
    failures: f.failures,
    last_error: f.lastError === null ? null : redactUrlsIn(f.lastError),
    last_status: f.lastStatus,
    last_polled_at: f.lastPolledAt?.toISOString() ?? null,
    last_success_at: f.lastSuccessAt?.toISOString() ?? null,
    next_poll_at: f.nextPollAt.toISOString(),
    items_seen: f.itemsSeen,
    not_modified_in_row: f.notModifiedInRow,
    ignores_conditional: f.ignoresConditional,
  };
}

function health(f: Feed): string {
  if (f.failures > 0) return `FAILING ×${f.failures}: ${redactUrlsIn(f.lastError ?? '')}`;
  if (!f.lastSuccessAt) return 'not polled yet';
  const notes = [
    f.notModifiedInRow > 0 ? `unchanged ×${f.notModifiedInRow}` : null,
    f.ignoresConditional ? 'ignores conditional GET' : null,
  ].filter(Boolean);
  return `ok ${formatTime(f.lastSuccessAt)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export function registerFeeds(program: Command): void {
  const feeds = program.command('feeds').description('The feeds lanewatch polls');

  feeds
    .command('add <url>')
    .description('Add a feed (RSS, Atom or JSON Feed URL)')
    .option('--title <title>', 'a title to show until the feed gives its own')
    .action(async (url: string, opts: { title?: string }) => {
      await withContext(async (ctx) => {
        const refused = await refusedAddress(url, ctx.settings.ALLOW_PRIVATE_NETWORKS);
        if (refused) throw new UsageError(`cannot add the feed: ${refused.code}: ${refused.message}`);
        try {
          const { feed, created } = await addFeed(ctx.database.db, url, ctx.settings.POLL_INTERVAL_SECONDS, opts.title);
          console.log(created ? `added ${redactUrl(feed.url)} (id ${feed.id})` : `already there: ${redactUrl(feed.url)} (id ${feed.id})`);
        } catch (err) {
          if (err instanceof FeedUrlError) throw new UsageError(err.message);
          throw err;
        }
      });
    });

  feeds
    .command('import <source>')
    .description('Add every feed of an OPML file or URL')
    .action(async (source: string) => {
      await withContext(async (ctx) => {
        const text = await readOpmlSource(source, ctx.settings);
        let entries;
        try {
          entries = parseOpml(text);
        } catch (err) {
          throw new UsageError(`${source} is not a readable OPML document: ${(err as Error).message}`);
        }
        // PostgreSQL text cannot hold NUL: an outline title with one is stored without it, not a failed import.
        const cleaned = entries.map((e) => ({ ...e, url: e.url.replace(/\0/g, ''), title: withoutNul(e.title ?? null) }));
        const refused = await refusedAddresses(cleaned.map((e) => e.url), ctx.settings.ALLOW_PRIVATE_NETWORKS);
        const r = await addFeeds(ctx.database.db, cleaned.filter((e) => !refused.has(e.url)), ctx.settings.POLL_INTERVAL_SECONDS);
        const skipped = [...[...refused].map(([u, err]) => ({ url: u, error: `${err.code}: ${err.message}` })), ...r.invalid];
        for (const bad of skipped) console.error(printable(`skipped ${redactUrlsIn(bad.url)}: ${redactUrlsIn(bad.error)}`));
        console.log(`imported ${redactUrlsIn(source)}: ${r.added.length} added, ${r.existing.length} already there, ${skipped.length} skipped`);
      });
    });

  feeds
    .command('list')
    .description('Every feed with its health: last success, last error, next poll')
    .option('--json', 'a JSON array')
    .action(async (opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const rows = await listFeeds(ctx.database.db);
        if (opts.json) {
          console.log(JSON.stringify(rows.map(feedJson), null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log('no feeds (add one with `lanewatch feeds add URL` or `lanewatch feeds import config/feeds.opml`)');
          return;
        }
        for (const f of rows) {
          console.log(printable(`${String(f.id).padStart(5)}  ${redactUrl(f.url)}\n       ${f.title ?? '(untitled)'} · ${health(f)} · next ${formatTime(f.nextPollAt)}`));
        }
      });
    });

  feeds
    .command('remove <url-or-id>')
    .description('Stop polling a feed, named by its URL or its id from `feeds list` (its articles and deals stay)')
    .action(async (url: string) => {
      await withContext(async (ctx) => {
        if (/^\d{1,9}$/.test(url)) {
          const gone = await ctx.database.db.delete(feedsTable).where(eq(feedsTable.id, Number(url))).returning({ url: feedsTable.url });
          if (gone.length === 0) throw new UsageError(`no feed has the id ${url}`);
          console.log(`removed ${redactUrl(gone[0].url)}`);
          return;
        }
        if (!(await removeFeed(ctx.database.db, url))) throw new UsageError(`no feed has the URL ${redactUrlsIn(url)}`);
        console.log(`removed ${redactUrlsIn(url)}`);
      });
    });

  feeds
    .command('export')
    .description('Print every feed as OPML')
    .action(async () => {
      await withContext(async (ctx) => {
        const rows = await listFeeds(ctx.database.db);
        process.stdout.write(toOpml(rows.map((f) => ({ url: f.url, title: f.title }))));
      });
    });
}
