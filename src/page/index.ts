// Main text and metadata of an article page. Pure: no network, database or queue.
import { decodeHtml } from '../text/charset.js';
import { parseHtml, type Element } from './dom.js';
import { renderText } from './render.js';
import { jsonLdArticle, jsonLdObjects, stringField, type JsonObject } from './jsonld.js';
import { mainText, stripJunk } from './main-text.js';
import { readMetadata } from './metadata.js';
import type { ExtractedArticle } from './types.js';

export type { ExtractedArticle } from './types.js';
export { decodeHtml } from '../text/charset.js';

/**
 * Characters of HTML read per page; the rest is cut. Articles end well before this (the 181 pages
 * of the Zyte benchmark average 170 KB), and it bounds the time one page can take.
 */
export const MAX_HTML_CHARS = 5 * 1024 * 1024;

/** A JSON-LD articleBody shorter than this is a teaser, not a body. */
const MIN_JSONLD_WORDS = 50;

export interface ExtractOptions {
  /** Overrides MAX_HTML_CHARS (the service passes PAGE_MAX_BYTES). */
  maxChars?: number;
}

const words = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The articleBody a page states in JSON-LD, as plain text (some sites put HTML in it). */
function jsonLdBody(objects: JsonObject[]): string | null {
  const raw = stringField(jsonLdArticle(objects), 'articleBody') ?? objects.map((o) => stringField(o, 'articleBody')).find(Boolean) ?? null;
  if (!raw) return null;
  const plain = /<[a-z][^>]*>/i.test(raw) ? renderText([parseHtml(`<div>${raw}</div>`).children[0] as Element], new Set()) : raw;
  return plain
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Pages rendered by script often carry the whole story only in JSON-LD; when the page's own markup
 * gave less than half of it, the stated body is the better text.
 */
function preferJsonLdBody(text: string, body: string | null): string {
  if (!body) return text;
  const stated = words(body);
  return stated >= MIN_JSONLD_WORDS && words(text) < stated / 2 ? body : text;
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
  const text = preferJsonLdBody(mainText(source, { title: meta.title }, doc), jsonLdBody(objects));
  return { ...meta, text };
}
