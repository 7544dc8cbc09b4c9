// The contract of lanewatch's feed layer (src/feed/parse.ts): any RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0 or JSON Feed document.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface FeedItem {
  /** guid / id as the feed gave it; null when it gave none. */
  id: string | null;
  /** Plain text: markup removed, references decoded. */
  title: string | null;
  /**
   * The title as HTML when the feed marks it up (Atom type="html"/"xhtml", markup in an RSS title),
   * sanitised (no script, event handlers or javascript: URLs); null when the title is plain text.
   */
  titleHtml?: string | null;
  /** Absolute URL, resolved against the feed's base. */
  link: string | null;
  /** ISO 8601, or null when the item has no date that can be read. */
  published: string | null;
  /** Full content (HTML) when the feed carries it. */
  content: string | null;
  /** Summary / description (HTML or text). */
  summary: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** Plain text, as FeedItem.title. */
  title: string | null;
  /** As FeedItem.titleHtml. */
  titleHtml?: string | null;
  /** Atom <id> (or JSON Feed feed_url) when the feed gives one. */
  id?: string | null;
  link: string | null;
  /** <ttl> (RSS) in minutes, when given; else the syndication module's updatePeriod/updateFrequency. */
  ttlMinutes: number | null;
  /**
   * The document ended before its root element closed (cut off in transit, or by a size cap): the items
   * read whole are kept, one cut off part-way is left out. Worth recording as a feed problem.
   */
  truncated?: boolean;
  items: FeedItem[];
}

/** The document is not a feed that can be read; message says why in a sentence. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}
