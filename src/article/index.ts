// Main text and metadata of an article page. Pure: no network, database or queue.
import { decodeHtml } from './charset.js';
import { parseHtml } from './dom.js';
import { jsonLdObjects } from './jsonld.js';
import { mainText, stripJunk } from './main-text.js';
import { readMetadata } from './metadata.js';
import type { ExtractedArticle } from './types.js';

export type { ExtractedArticle } from './types.js';
export { decodeHtml } from './charset.js';

/**
 * Characters of HTML read per page; the rest is cut. Articles end well before this (the 181 pages
 * of the Zyte benchmark average 170 KB), and it bounds the time one page can take.
 */
export const MAX_HTML_CHARS = 5 * 1024 * 1024;

export interface ExtractOptions {
  /** Overrides MAX_HTML_CHARS (the service passes PAGE_MAX_BYTES). */
  maxChars?: number;
}

export function extractArticle(html: string | Buffer, url?: string | null, options: ExtractOptions = {}): ExtractedArticle {
  const max = options.maxChars ?? MAX_HTML_CHARS;
  let source = typeof html === 'string' ? html : decodeHtml(html.length > max * 4 ? html.subarray(0, max * 4) : html);
  if (source.length > max) source = source.slice(0, max);
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const doc = parseHtml(source);
  const objects = jsonLdObjects(doc);
  const meta = readMetadata(doc, objects, url ?? null);
  // The metadata has been read: the same tree, stripped, serves the first main-text attempt (one parse, not two).
  stripJunk(doc);
  const text = mainText(source, { title: meta.title }, doc);
  return { ...meta, text };
}
