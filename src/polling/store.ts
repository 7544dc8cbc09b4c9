// Adding, removing and listing feeds. A new feed's first poll is spread over a few minutes (see firstDue).
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { feeds, type Feed } from '../db/schema.js';
import { firstDue } from './schedule.js';

export class FeedUrlError extends Error {
  override name = 'FeedUrlError';
}

/** The feed URL as it will be stored: an absolute http(s) URL without its fragment, or FeedUrlError. */
export function normaliseFeedUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedUrlError(`not a URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedUrlError(`only http and https feeds are polled, not ${url.protocol} (${text.slice(0, 200)})`);
  url.hash = '';
  return url.toString();
}

export interface FeedInput {
  url: string;
  title?: string | null;
}

export interface ImportResult {
  added: Feed[];
  existing: string[];
  invalid: { url: string; error: string }[];
}

/** Adds feeds that are not there yet (by URL); existing ones are left as they are. */
export async function addFeeds(db: DbOrTx, inputs: FeedInput[], intervalSeconds: number, now = new Date()): Promise<ImportResult> {
  const result: ImportResult = { added: [], existing: [], invalid: [] };
  const wanted = new Map<string, FeedInput>();
  for (const input of inputs) {
    try {
      const url = normaliseFeedUrl(input.url);
      // NUL cannot be stored in PostgreSQL text; a title is cut to a sane length.
      if (!wanted.has(url)) wanted.set(url, { url, title: input.title?.replace(/\u0000/g, '').trim().slice(0, 1_000) || null });
    } catch (err) {
      result.invalid.push({ url: input.url, error: (err as Error).message });
    }
  }
  if (wanted.size === 0) return result;
  const urls = [...wanted.keys()];
  const inserted = await db
    .insert(feeds)
    .values(urls.map((url) => ({ url, title: wanted.get(url)!.title })))
    .onConflictDoNothing({ target: feeds.url })
    .returning();
  // The first poll depends on the id, known only now.
  for (const f of inserted) {
    const due = firstDue(f.id, now, f.pollIntervalSeconds ?? intervalSeconds);
    await db.update(feeds).set({ nextPollAt: due }).where(eq(feeds.id, f.id));
    result.added.push({ ...f, nextPollAt: due });
  }
  const addedUrls = new Set(inserted.map((f) => f.url));
  result.existing = urls.filter((u) => !addedUrls.has(u));
  return result;
}

export async function addFeed(db: DbOrTx, url: string, intervalSeconds: number, title?: string | null): Promise<{ feed: Feed; created: boolean }> {
  const r = await addFeeds(db, [{ url, title }], intervalSeconds);
  if (r.invalid.length) throw new FeedUrlError(r.invalid[0].error);
  if (r.added.length) return { feed: r.added[0], created: true };
  const [feed] = await db.select().from(feeds).where(eq(feeds.url, normaliseFeedUrl(url)));
  return { feed, created: false };
}

/** Removes a feed (its articles stay, detached). False when no feed has that URL. */
export async function removeFeed(db: DbOrTx, url: string): Promise<boolean> {
  const candidates = [url.trim()];
  try {
    candidates.push(normaliseFeedUrl(url));
  } catch {
    // Not a URL: only an exact match can remove it.
  }
  const gone = await db.delete(feeds).where(inArray(feeds.url, candidates)).returning({ id: feeds.id });
  return gone.length > 0;
}

export async function listFeeds(db: DbOrTx): Promise<Feed[]> {
  return db.select().from(feeds).orderBy(asc(feeds.id));
}
