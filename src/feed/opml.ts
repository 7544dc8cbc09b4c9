// OPML subscription lists: read every outline that names a feed (at any depth: readers nest them in
// folders), leniently (bad XML, bare ampersands, HTML entities, odd attribute case), and write one back.
import { escapeXml as escapeAttr } from '../text/escape.js';
import { parseXml, type XmlElement } from './xml-tree.js';

export interface OpmlFeed {
  url: string;
  title: string | null;
}

export class OpmlParseError extends Error {
  override name = 'OpmlParseError';
}

function attr(el: XmlElement, ...names: string[]): string | null {
  for (const n of names) {
    const v = el.attrs[n]?.trim();
    if (v) return v;
  }
  return null;
}

/** Reads an OPML document's feeds, in document order, each URL once. Throws OpmlParseError when it is not OPML. */
export function parseOpml(text: string): OpmlFeed[] {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === '') throw new OpmlParseError('the document is empty');
  const doc = parseXml(clean);
  const root = doc.roots.find((r) => r.local === 'opml');
  const outlinesAtTop = doc.roots.some((r) => r.local === 'outline' || r.local === 'body');
  if (!root && !outlinesAtTop) {
    const first = doc.roots[0];
    throw new OpmlParseError(first ? `its root element is <${first.local}>, not <opml>` : 'it holds no XML element');
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  // Depth-first in document order without recursion (nesting depth is bounded by parseXml anyway).
  const stack: XmlElement[] = [...(root ? [root] : doc.roots)].reverse();
  while (stack.length) {
    const el = stack.pop()!;
    if (el.local === 'outline') {
      const url = attr(el, 'xmlurl', 'xml_url', 'rssurl', 'feedurl');
      const typedUrl = !url && /^(rss|atom|feed)$/i.test(el.attrs.type ?? '') ? attr(el, 'url') : null;
      const feedUrl = url ?? typedUrl;
      if (feedUrl && !seen.has(feedUrl)) {
        seen.add(feedUrl);
        feeds.push({ url: feedUrl, title: attr(el, 'title', 'text') });
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return feeds;
}

/** An OPML 2.0 document listing the feeds. */
export function toOpml(feeds: readonly OpmlFeed[], title = 'lanewatch feeds'): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeAttr(title)}</title></head>`,
    '  <body>',
  ];
  for (const f of feeds) {
    const name = escapeAttr(f.title ?? f.url);
    lines.push(`    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeAttr(f.url)}"/>`);
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
