// New feed items → article rows, stored BEFORE any job is enqueued for them (PostgreSQL is the record).
// One row per story: by the feed's GUID, by canonical URL (unique), and by content hash within the feed.
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { articles } from '../db/schema.js';
import { canonicalUrl } from '../feed/canonical-url.js';
import type { FeedItem } from '../feed/types.js';
import { httpUrl } from '../text/urls.js';

// Bounds on what one feed item may put in a row: a hostile feed must not fill the database.
const maxTitle = 1_000;
const maxGuid = 2_000;
const maxUrl = 4_000;
const maxFeedContent = 1_000_000;
/** Below this much text a content hash says nothing (every empty item would look alike). */
const minHashedText = 40;

export interface StoreItemsResult {
  /** Ids of the rows created now, oldest item first. */
  created: number[];
  /** Items already stored (same GUID, URL or content). */
  known: number;
  /** Items with neither a link, an id nor any text: nothing to identify them by. */
  unusable: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Not text for reading but a hash key (tags and references to spaces, lower case): changing it would change every stored content hash. */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#a-z0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Hash of an item's title and text, or null when there is too little text to tell items apart. */
export function itemContentHash(item: Pick<FeedItem, 'title' | 'content' | 'summary'>): string | null {
  const body = plain(item.content ?? item.summary ?? '');
  if (body.length < minHashedText) return null;
  return sha256(`${plain(item.title ?? '')}\n${body}`);
}

function publishedDate(iso: string | null): Date | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  // Dates before the web or far in the future are feed errors, not publication dates.
  if (Number.isNaN(t) || t < Date.UTC(1990, 0, 1) || t > Date.now() + 7 * 24 * 3600 * 1000) return null;
  return new Date(t);
}

interface Row {
  feedId: number;
  url: string;
  canonicalUrl: string;
  guid: string | null;
  title: string | null;
  published: Date | null;
  feedContent: string | null;
  contentHash: string | null;
}

/** PostgreSQL text cannot hold NUL characters; feeds sometimes carry them. */
export function withoutNul<T extends string | null>(value: T): T {
  return (value === null ? null : value.replace(/\u0000/g, '')) as T;
}

function toRow(feedId: number, raw: FeedItem): Row | null {
  const item: FeedItem = {
    ...raw,
    id: withoutNul(raw.id),
    title: withoutNul(raw.title),
    link: withoutNul(raw.link),
    published: withoutNul(raw.published),
    content: withoutNul(raw.content),
    summary: withoutNul(raw.summary),
  };
  const guid = item.id?.trim().slice(0, maxGuid) || null;
  const link = httpUrl(item.link) ?? httpUrl(guid);
  const hash = itemContentHash(item);
  const canonical = link ? canonicalUrl(link) : null;
  let url: string;
  let key: string;
  if (link && canonical) {
    url = link;
    key = canonical;
  } else if (guid || hash) {
    // No page to fetch: the row is keyed inside the feed, and the extractor reads the feed's own content.
    url = `urn:lanewatch:feed:${feedId}:${sha256(guid ?? hash ?? '').slice(0, 32)}`;
    key = url;
  } else {
    return null;
  }
  const content = item.content ?? item.summary;
  return {
    feedId,
    url: url.slice(0, maxUrl),
    canonicalUrl: key.slice(0, maxUrl),
    guid,
    title: item.title?.trim().slice(0, maxTitle) || null,
    published: publishedDate(item.published),
    feedContent: content ? content.slice(0, maxFeedContent) : null,
    contentHash: hash,
  };
}

/**
 * Items read from one poll at most: feeds list newest first, and a feed of a hundred thousand items is an attack
 * or an archive, not news (each new item costs a page fetch).
 */
export const maxItemsPerPoll = 1_000;
/** Items stored per statement: PostgreSQL takes at most 65,535 parameters, and each row has 8. */
const chunkSize = 500;

/** Stores the items not seen before as 'queued' articles; returns the new ids for enqueueing, oldest first. */
export async function storeFeedItems(db: DbOrTx, feedId: number, items: FeedItem[]): Promise<StoreItemsResult> {
  const result: StoreItemsResult = { created: [], known: 0, unusable: 0 };
  const kept = items.slice(0, maxItemsPerPoll);
  // Oldest chunk first, so that ids follow time across chunks too.
  for (let end = kept.length; end > 0; end -= chunkSize) {
    const r = await storeChunk(db, feedId, kept.slice(Math.max(0, end - chunkSize), end));
    result.created.push(...r.created);
    result.known += r.known;
    result.unusable += r.unusable;
  }
  return result;
}

async function storeChunk(db: DbOrTx, feedId: number, items: FeedItem[]): Promise<StoreItemsResult> {
  const result: StoreItemsResult = { created: [], known: 0, unusable: 0 };
  let rows: Row[] = [];
  for (const item of items) {
    const row = toRow(feedId, item);
    if (row) rows.push(row);
    else result.unusable++;
  }
  if (rows.length === 0) return result;

  // A GUID the feed gives to several different links identifies nothing: fall back to the URL for those.
  const linksOfGuid = new Map<string, Set<string>>();
  for (const r of rows) if (r.guid) (linksOfGuid.get(r.guid) ?? linksOfGuid.set(r.guid, new Set()).get(r.guid)!).add(r.canonicalUrl);
  for (const r of rows) if (r.guid && linksOfGuid.get(r.guid)!.size > 1) r.guid = null;

  const guids = [...new Set(rows.flatMap((r) => (r.guid ? [r.guid] : [])))];
  const hashes = [...new Set(rows.flatMap((r) => (r.contentHash ? [r.contentHash] : [])))];
  const urls = [...new Set(rows.map((r) => r.canonicalUrl))];
  // One after another: inside a transaction they share one connection.
  const byGuid = guids.length
    ? await db
        .select({ guid: articles.guid, canonicalUrl: articles.canonicalUrl, contentHash: articles.contentHash })
        .from(articles)
        .where(and(eq(articles.feedId, feedId), inArray(articles.guid, guids)))
    : [];
  const byHash = hashes.length
    ? await db.select({ contentHash: articles.contentHash }).from(articles).where(and(eq(articles.feedId, feedId), inArray(articles.contentHash, hashes)))
    : [];
  const byUrl = await db.select({ canonicalUrl: articles.canonicalUrl }).from(articles).where(inArray(articles.canonicalUrl, urls));
  const knownUrls = new Set(byUrl.map((r) => r.canonicalUrl));
  const knownHashes = new Set(byHash.map((r) => r.contentHash));
  const guidRows = new Map(byGuid.map((r) => [r.guid!, r]));

  const fresh: Row[] = [];
  const seenUrls = new Set<string>();
  const seenHashes = new Set<string>();
  for (const r of rows) {
    const sameGuid = r.guid ? guidRows.get(r.guid) : undefined;
    if (sameGuid) {
      // The same GUID on a different link and different text is a feed reusing GUIDs, not the same story.
      const reused = sameGuid.canonicalUrl !== r.canonicalUrl && (r.contentHash === null || sameGuid.contentHash !== r.contentHash);
      if (!reused) {
        result.known++;
        continue;
      }
      r.guid = null;
    }
    if (knownUrls.has(r.canonicalUrl) || seenUrls.has(r.canonicalUrl) || (r.contentHash && (knownHashes.has(r.contentHash) || seenHashes.has(r.contentHash)))) {
      result.known++;
      continue;
    }
    seenUrls.add(r.canonicalUrl);
    if (r.contentHash) seenHashes.add(r.contentHash);
    fresh.push(r);
  }
  rows = fresh.reverse(); // feeds list newest first; store oldest first so ids follow time
  if (rows.length === 0) return result;
  // A concurrent poll of another feed may have stored the same URL meanwhile: the unique index decides.
  const inserted = await db.insert(articles).values(rows).onConflictDoNothing().returning({ id: articles.id });
  result.created = inserted.map((r) => r.id);
  result.known += rows.length - inserted.length;
  return result;
}
