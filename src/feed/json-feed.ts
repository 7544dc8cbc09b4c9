// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) → ParsedFeed. Lenient where feeds in the wild
// are sloppy (numeric ids, a missing version, unknown fields), strict only where nothing can be read.
import { z } from 'zod';
import { parseFeedDate } from './dates.js';
import { textToHtml } from '../text/escape.js';
import { tidyText } from '../text/html-text.js';
import { FeedParseError, type FeedItem, type ParsedFeed } from './types.js';
import { resolveUrl } from './xml-tree.js';

/** A string field that tolerates numbers (ids) and drops anything else rather than failing the item. */
const text = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .catch(null);

const authorSchema = z.object({ name: text, url: text }).partial().passthrough();

const itemSchema = z
  .object({
    id: text,
    url: text,
    external_url: text,
    title: text,
    content_html: text,
    content_text: text,
    summary: text,
    date_published: text,
    date_modified: text,
    author: authorSchema.nullish().catch(null),
    authors: z.array(authorSchema.catch({})).nullish().catch(null),
  })
  .passthrough();

const feedSchema = z
  .object({
    version: text,
    title: text,
    home_page_url: text,
    feed_url: text,
    items: z.array(z.unknown()),
  })
  .passthrough();

function nonEmpty(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

function readItem(raw: unknown, base: string | null): FeedItem | null {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return null;
  const it = parsed.data;
  const link = nonEmpty(it.url) ?? nonEmpty(it.external_url);
  const authorName = nonEmpty(it.authors?.map((a) => a.name).find((n) => nonEmpty(n)) ?? it.author?.name);
  return {
    id: nonEmpty(it.id),
    title: it.title ? nonEmpty(tidyText(it.title)) : null,
    titleHtml: null,
    link: link ? resolveUrl(link, base) : null,
    published: parseFeedDate(it.date_published) ?? parseFeedDate(it.date_modified),
    content: nonEmpty(it.content_html) ?? (nonEmpty(it.content_text) ? textToHtml(it.content_text!) : null),
    summary: nonEmpty(it.summary),
    author: authorName,
  };
}

export function looksLikeJson(text: string): boolean {
  const c = text.trimStart()[0];
  return c === '{' || c === '[';
}

export function readJsonFeed(text: string, url: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError(`The document looks like JSON but cannot be read as JSON (${(err as Error).message}).`);
  }
  const parsed = feedSchema.safeParse(data);
  if (!parsed.success) {
    throw new FeedParseError('The document is JSON but not a JSON Feed: it has no "items" list.');
  }
  const feed = parsed.data;
  const version = feed.version ?? '';
  if (version && !/jsonfeed\.org\/version\/1/i.test(version)) {
    throw new FeedParseError(`The document is JSON but not a JSON Feed version 1.x (version is "${version}").`);
  }
  const base = nonEmpty(feed.feed_url) ?? url;
  const homePage = nonEmpty(feed.home_page_url);
  const items: FeedItem[] = [];
  for (const raw of feed.items) {
    const item = readItem(raw, base);
    if (item) items.push(item);
  }
  return {
    format: 'json',
    title: feed.title ? nonEmpty(tidyText(feed.title)) : null,
    titleHtml: null,
    id: nonEmpty(feed.feed_url),
    link: homePage ? resolveUrl(homePage, url) : null,
    ttlMinutes: null,
    items,
  };
}
