// A small news site on loopback for `lanewatch demo`: serves the labelled sample articles of a corpus folder
// (test/fixtures/corpus/<set>/manifest.json + articles/*.html) as outlets, each with a feed in its own format.
// Items are revealed over time (half at start, then one per outlet every `dripSeconds`) so the queue visibly fills.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corpusFeedPath, loadCorpus, renderCorpusFeed, type CorpusOutlet } from './corpus.js';
import { escapeHtml } from '../text/escape.js';


export interface NewsSite {
  url: string;
  feeds: { url: string; title: string }[];
  articleCount: number;
  close(): Promise<void>;
}

export async function startNewsSite(options: { corpusDirs: string[]; dripSeconds: number; port?: number }): Promise<NewsSite> {
  const { outlets, pages } = loadCorpus(options.corpusDirs);
  if (pages.size === 0) throw new Error(`no sample articles found in ${options.corpusDirs.join(', ')}`);
  const started = Date.now();
  // Items are revealed oldest first; the feed lists what is visible, newest first.
  const visible = (o: CorpusOutlet) => {
    const n = Math.min(o.items.length, Math.ceil(o.items.length / 2) + Math.floor((Date.now() - started) / 1000 / options.dripSeconds));
    return o.items.slice(o.items.length - n);
  };
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const feed = /^\/feeds\/([\w-]+)\.(?:xml|json)$/.exec(path);
    const article = /^\/articles\/([\w-]+)\.html$/.exec(path);
    if (feed && outlets.has(feed[1])) {
      const [type, body] = renderCorpusFeed(outlets.get(feed[1])!, visible(outlets.get(feed[1])!), base);
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' });
      res.end(body);
    } else if (article && pages.has(article[1])) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages.get(article[1]));
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>lanewatch demo news</title><h1>lanewatch demo news</h1><ul>${[...outlets.values()].map((o) => `<li><a href="${corpusFeedPath(o)}">${escapeHtml(o.name)}</a> (${visible(o).length}/${o.items.length})</li>`).join('')}</ul>`);
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
    feeds: [...outlets.values()].map((o) => ({ url: `${base}${corpusFeedPath(o)}`, title: o.name })),
    articleCount: pages.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
