// A labelled corpus folder (manifest.json + articles/*.html, the format of test/fixtures/corpus) read as news
// outlets, and each outlet's feed in its own format. Used by the demo's news site and the tests' feed server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeXml } from '../text/escape.js';

export interface CorpusArticle {
  id: string;
  outlet: string;
  title: string;
  published: string;
  summary?: string;
  author?: string;
}

export type CorpusFeedFormat = 'rss2' | 'atom' | 'rss1' | 'json';

export interface CorpusOutlet {
  id: string;
  name: string;
  feed_format: CorpusFeedFormat;
  /** Newest first. */
  items: CorpusArticle[];
}

export interface Corpus {
  outlets: Map<string, CorpusOutlet>;
  pages: Map<string, Buffer>;
  articles: CorpusArticle[];
}

/** Reads corpus folders; a folder without a manifest, or an article without its page, is passed over. */
export function loadCorpus(dirs: readonly string[]): Corpus {
  const outlets = new Map<string, CorpusOutlet>();
  const pages = new Map<string, Buffer>();
  const articles: CorpusArticle[] = [];
  for (const dir of dirs) {
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) continue;
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outlets: Omit<CorpusOutlet, 'items'>[]; articles: CorpusArticle[] };
    for (const o of m.outlets) if (!outlets.has(o.id)) outlets.set(o.id, { ...o, items: [] });
    for (const a of m.articles) {
      const file = join(dir, 'articles', `${a.id}.html`);
      if (!existsSync(file) || !outlets.has(a.outlet)) continue;
      pages.set(a.id, readFileSync(file));
      outlets.get(a.outlet)!.items.push(a);
      articles.push(a);
    }
  }
  for (const o of outlets.values()) o.items.sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
  return { outlets, pages, articles };
}

/** The path an outlet's feed is served at: JSON feeds end in .json, the others in .xml. */
export function corpusFeedPath(o: CorpusOutlet): string {
  return `/feeds/${o.id}.${o.feed_format === 'json' ? 'json' : 'xml'}`;
}

/** Text for XML element content or a double-quoted attribute. */
export { escapeXml };

/** The outlet's feed holding `items` (newest first), served from `base`: [content type, body]. */
export function renderCorpusFeed(o: CorpusOutlet, items: readonly CorpusArticle[], base: string): [string, string] {
  const link = (a: CorpusArticle) => `${base}/articles/${a.id}.html`;
  const updated = items[0]?.published ?? '2025-01-01T00:00:00Z';
  switch (o.feed_format) {
    case 'atom':
      return [
        'application/atom+xml',
        `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(o.name)}</title><id>${base}${corpusFeedPath(o)}</id>
<link rel="self" href="${base}${corpusFeedPath(o)}"/><updated>${updated}</updated>
${items.map((a) => `<entry><title>${escapeXml(a.title)}</title><id>urn:corpus:${a.id}</id><link rel="alternate" href="${link(a)}"/><published>${a.published}</published><updated>${a.published}</updated><author><name>${escapeXml(a.author)}</name></author><summary type="html">${escapeXml(a.summary)}</summary></entry>`).join('\n')}
</feed>`,
      ];
    case 'rss1':
      return [
        'application/rdf+xml',
        `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${base}${corpusFeedPath(o)}"><title>${escapeXml(o.name)}</title><link>${base}/</link><description>${escapeXml(o.name)}</description>
<items><rdf:Seq>${items.map((a) => `<rdf:li rdf:resource="${link(a)}"/>`).join('')}</rdf:Seq></items></channel>
${items.map((a) => `<item rdf:about="${link(a)}"><title>${escapeXml(a.title)}</title><link>${link(a)}</link><description>${escapeXml(a.summary)}</description><dc:date>${a.published}</dc:date></item>`).join('\n')}
</rdf:RDF>`,
      ];
    case 'json':
      return [
        'application/feed+json',
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: o.name,
          feed_url: `${base}${corpusFeedPath(o)}`,
          items: items.map((a) => ({ id: `urn:corpus:${a.id}`, url: link(a), title: a.title, summary: a.summary, date_published: a.published })),
        }),
      ];
    default:
      return [
        'application/rss+xml',
        `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escapeXml(o.name)}</title><link>${base}/</link><description>${escapeXml(o.name)}</description>
${items.map((a) => `<item><title>${escapeXml(a.title)}</title><link>${link(a)}</link><guid isPermaLink="false">urn:corpus:${a.id}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate><description><![CDATA[${String(a.summary ?? '').replace(/]]>/g, ']]&gt;')}]]></description></item>`).join('\n')}
</channel></rss>`,
      ];
  }
}
