// A small news site on loopback for `lanewatch demo`: serves the labelled sample articles of a corpus folder
// (test/fixtures/corpus/<set>/manifest.json + articles/*.html) as outlets with RSS 2.0 / Atom feeds.
// Items are revealed over time (half at start, then one per outlet every `dripSeconds`) so the queue visibly fills.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

interface ManifestArticle {
  id: string;
  outlet: string;
  title: string;
  published: string;
  summary?: string;
  author?: string;
}
interface Outlet {
  id: string;
  name: string;
  feed_format: string;
  items: ManifestArticle[];
}

export interface NewsSite {
  url: string;
  feeds: { url: string; title: string }[];
  articleCount: number;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function loadCorpus(dirs: string[]): { outlets: Map<string, Outlet>; pages: Map<string, Buffer> } {
  const outlets = new Map<string, Outlet>();
  const pages = new Map<string, Buffer>();
  for (const dir of dirs) {
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) continue;
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { outlets: Omit<Outlet, 'items'>[]; articles: ManifestArticle[] };
    for (const o of m.outlets) if (!outlets.has(o.id)) outlets.set(o.id, { ...o, items: [] });
    for (const a of m.articles) {
      const file = join(dir, 'articles', `${a.id}.html`);
      if (!existsSync(file) || !outlets.has(a.outlet)) continue;
      pages.set(a.id, readFileSync(file));
      outlets.get(a.outlet)!.items.push(a);
    }
  }
  // Oldest first: items are revealed in the order they were published.
  for (const o of outlets.values()) o.items.sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  return { outlets, pages };
}

function feedXml(o: Outlet, items: ManifestArticle[], base: string): { type: string; body: string } {
  const link = (a: ManifestArticle) => `${base}/articles/${a.id}.html`;
  const newest = [...items].reverse();
  if (o.feed_format === 'atom') {
    return {
      type: 'application/atom+xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(o.name)}</title><id>${base}/feeds/${o.id}.xml</id><updated>${newest[0]?.published ?? new Date(0).toISOString()}</updated>
${newest.map((a) => `<entry><title>${esc(a.title)}</title><id>${link(a)}</id><link href="${link(a)}"/><updated>${a.published}</updated><published>${a.published}</published><summary>${esc(a.summary ?? '')}</summary>${a.author ? `<author><name>${esc(a.author)}</name></author>` : ''}</entry>`).join('\n')}
</feed>`,
    };
  }
  return {
    type: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(o.name)}</title><link>${base}/</link><description>${esc(o.name)} (lanewatch demo)</description>
${newest.map((a) => `<item><title>${esc(a.title)}</title><link>${link(a)}</link><guid isPermaLink="true">${link(a)}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${esc(a.summary ?? '')}</description></item>`).join('\n')}
</channel></rss>`,
  };
}

export async function startNewsSite(options: { corpusDirs: string[]; dripSeconds: number; port?: number }): Promise<NewsSite> {
  const { outlets, pages } = loadCorpus(options.corpusDirs);
  if (pages.size === 0) throw new Error(`no sample articles found in ${options.corpusDirs.join(', ')}`);
  const started = Date.now();
  const visible = (o: Outlet) => {
    const n = Math.min(o.items.length, Math.ceil(o.items.length / 2) + Math.floor((Date.now() - started) / 1000 / options.dripSeconds));
    return o.items.slice(0, n);
  };
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const feed = /^\/feeds\/([\w-]+)\.xml$/.exec(path);
    const article = /^\/articles\/([\w-]+)\.html$/.exec(path);
    if (feed && outlets.has(feed[1])) {
      const { type, body } = feedXml(outlets.get(feed[1])!, visible(outlets.get(feed[1])!), base);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(body);
    } else if (article && pages.has(article[1])) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages.get(article[1]));
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>lanewatch demo news</title><h1>lanewatch demo news</h1><ul>${[...outlets.values()].map((o) => `<li><a href="/feeds/${o.id}.xml">${esc(o.name)}</a> (${visible(o).length}/${o.items.length})</li>`).join('')}</ul>`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    feeds: [...outlets.values()].map((o) => ({ url: `${base}/feeds/${o.id}.xml`, title: o.name })),
    articleCount: pages.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
