// lanewatch's feed layer: the bytes of a feed document → ParsedFeed. RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
// CDF and JSON Feed 1.x; charset from BOM, HTTP header and XML declaration; HTML entities in XML;
// links resolved against xml:base and the feed's URL; broken and truncated XML read leniently.
// Throws FeedParseError (with a sentence saying why) when the document is not a feed at all.
import { decodeFeedBytes, fixC1Controls } from '../text/charset.js';
import { looksLikeJson, readJsonFeed } from './json-feed.js';
import { FeedParseError, type ParsedFeed } from './types.js';
import { readXmlFeed } from './xml-feed.js';
import { parseXml } from './xml-tree.js';

export { FeedParseError } from './types.js';
export type { FeedFormat, FeedItem, ParsedFeed } from './types.js';

export interface ParseFeedOptions {
  /** The HTTP Content-Type header, for its charset and to recognise JSON. */
  contentType?: string | null;
  /** The feed's URL (after redirects): the base for relative links. */
  url?: string | null;
}

/** The document is an HTML page; feedUrls are the feeds it announces (absolute when the page URL is known). */
export class HtmlPageError extends FeedParseError {
  override name = 'HtmlPageError';
  constructor(readonly feedUrls: string[]) {
    super(feedUrls.length ? `The document is an HTML page, not a feed; it names its feed at ${feedUrls[0]}.` : 'The document is an HTML page, not a feed.');
  }
}

/** How much of a non-feed body is quoted back in an error. */
const QUOTE_CHARS = 40;

function quote(text: string): string {
  const q = text.trim().slice(0, QUOTE_CHARS).replace(/\s+/g, ' ');
  return JSON.stringify(q + (text.trim().length > QUOTE_CHARS ? '…' : ''));
}

/** Share of control characters and U+FFFD in the first KB above which a body is binary, not text. */
const BINARY_SHARE = 0.1;

function looksBinary(text: string): boolean {
  const head = text.slice(0, 1024);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return head.length > 0 && odd / head.length > BINARY_SHARE;
}

function isHtmlPage(text: string): boolean {
  return /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])/i.test(text.slice(0, 4096));
}

/** Feed URLs an HTML page announces with <link rel="alternate" type="application/rss+xml" href="...">. */
export function discoverFeedLinks(html: string, base: string | null): string[] {
  const found: string[] = [];
  const re = /<link\b[^>]*>/gi;
  // Feed links live in <head>; 64 KB covers any real head and bounds the scan.
  const head = html.slice(0, 65536);
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const tag = m[0];
    // A real <link> tag is short; a huge one is junk and would only cost time.
    if (tag.length > 2048) continue;
    if (!/\brel\s*=\s*["']?[^"'>]*\balternate\b/i.test(tag)) continue;
    if (!/\btype\s*=\s*["']?application\/(?:rss|atom|feed)\+(?:xml|json)|\btype\s*=\s*["']?application\/json/i.test(tag)) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (!value) continue;
    try {
      found.push(base ? new URL(value.trim(), base).href : value.trim());
    } catch {
      found.push(value.trim());
    }
  }
  return found;
}

/** Parses a feed document. Throws FeedParseError when it is not a feed that can be read. */
export function parseFeed(body: Buffer | string, options: ParseFeedOptions = {}): ParsedFeed {
  const url = options.url ?? null;
  let text = fixC1Controls(typeof body === 'string' ? body : decodeFeedBytes(body, options.contentType).text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text.slice(0, 4096)) && text.trim() === '') throw new FeedParseError('The document is empty.');
  if (looksBinary(text)) throw new FeedParseError('The document is binary data (an image, an archive or compressed bytes?), not a feed.');

  const jsonType = /\bjson\b/i.test(options.contentType ?? '');
  if (looksLikeJson(text) || (jsonType && !text.trimStart().startsWith('<'))) return readJsonFeed(text, url);

  const lt = text.indexOf('<');
  if (lt < 0) throw new FeedParseError(`The document is neither XML nor JSON (it begins ${quote(text)}).`);

  const doc = parseXml(lt > 0 && text.slice(0, lt).trim() !== '' ? text.slice(lt) : text, url);
  try {
    return readXmlFeed(doc);
  } catch (err) {
    if (!(err instanceof FeedParseError) || !isHtmlPage(text)) throw err;
    throw new HtmlPageError(discoverFeedLinks(text, url));
  }
}
