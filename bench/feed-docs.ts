// Feed documents the bench generates: a news feed of n items (RSS 2.0), as a news site would publish it.
import { escapeXml } from '../src/text/escape.js';

const esc = escapeXml;

export interface GeneratedItem {
  guid: string;
  title: string;
  link: string;
  published: Date;
  summary: string;
}

export function rssDocument(title: string, siteUrl: string, items: readonly GeneratedItem[], ttlMinutes?: number): string {
  const body = items
    .map(
      (it) => `<item><title>${esc(it.title)}</title><link>${esc(it.link)}</link><guid isPermaLink="false">${esc(it.guid)}</guid>` +
        `<pubDate>${it.published.toUTCString()}</pubDate><description>${esc(it.summary)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>${esc(siteUrl)}</link><description>${esc(title)} news</description>
${ttlMinutes ? `<ttl>${ttlMinutes}</ttl>` : ''}
${body}
</channel></rss>
`;
}

const words = 'compute cluster gigawatt capacity datacenter agreement cloud provider chips training inference expansion'.split(' ');

/** A 200-item feed like a busy outlet's: HTML in descriptions, entities, RFC 822 dates. */
export function generatedFeed(itemCount = 200): Buffer {
  const base = Date.UTC(2026, 0, 1);
  const items: GeneratedItem[] = Array.from({ length: itemCount }, (_, i) => ({
    guid: `urn:bench:item:${i}`,
    title: `Story ${i}: ${words[i % words.length]} & ${words[(i * 7) % words.length]} “news”`,
    link: `https://news.example/${2026}/${i}/story-${i}?utm_source=rss&ref=feed`,
    published: new Date(base - i * 3_600_000),
    summary: `<p>${Array.from({ length: 40 }, (_, w) => words[(i + w) % words.length]).join(' ')} &mdash; <a href="/more/${i}">more</a></p>`,
  }));
  return Buffer.from(rssDocument('Bench Wire', 'https://news.example/', items, 15));
}
