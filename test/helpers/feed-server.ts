// A local news site for tests, on 127.0.0.1 only: the labelled corpus (test/fixtures/corpus) served as RSS 2.0,
// Atom, RSS 1.0 and JSON feeds with ETag / Last-Modified and 304s, the article pages, an OPML of every feed, /stats,
// faulty feeds, and any number of small synthetic feeds. Modelled on ../shared/corpus/serve.mjs, without depending on it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { corpusFeedPath, escapeXml, loadCorpus, renderCorpusFeed, type CorpusArticle } from '../../src/demo/corpus.js';

export type { CorpusArticle };

export const corpusDirs = ['dev', 'seed'].map((d) => fileURLToPath(new URL(`../fixtures/corpus/${d}`, import.meta.url)));

/** How many deals the corpus's gold file lists for article `id` (0 for an id in no corpus). */
export function goldDealCount(id: string): number {
  for (const dir of corpusDirs) {
    try {
      return (JSON.parse(readFileSync(`${dir}/gold/${id}.json`, 'utf8')) as { deals: unknown[] }).deals.length;
    } catch {
      // in the other corpus
    }
  }
  return 0;
}

export const faultFeeds = {
  'broken-500': 'always HTTP 500',
  slow: 'answers after slowMs',
  hang: 'never answers',
  'not-xml': 'an HTML page',
  truncated: 'cut in the middle',
  huge: 'a 64 MiB feed',
  'redirect-loop': 'redirects to itself',
  'gone-404': 'HTTP 404',
  'gone-410': 'HTTP 410',
  'retry-503': 'HTTP 503 with Retry-After: 7200',
} as const;
export type FaultFeed = keyof typeof faultFeeds;

export interface FeedServerOptions {
  faults?: boolean;
  /** Delay of the slow feed. */
  slowMs?: number;
  /** Small synthetic feeds /synthetic/<n>.xml, each with two items whose pages exist. */
  synthetic?: number;
  /** Delay before every article page is sent (to catch a worker mid-batch). */
  pageDelayMs?: number;
  /** Article ids whose page answers 404 (the extractor must fall back to the feed's summary). */
  missingPages?: string[];
  /** Leave the corpus outlets out of the OPML (only synthetic and fault feeds). */
  corpusInOpml?: boolean;
}

export interface FeedServer {
  url: string;
  opml: string;
  feeds: string[];
  articles: CorpusArticle[];
  stats(): Record<string, { requests: number; not_modified: number }>;
  /** Requests so far for the paths that start with `pathPrefix`. */
  requests(pathPrefix: string): number;
  /** Requests that arrived for `path` and are still waiting for an answer. */
  pending(path: string): number;
  close(): Promise<void>;
}

function syntheticFeed(n: number, base: string): string {
  const items = [0, 1].map(
    (k) =>
      `<item><title>Synthetic ${n}-${k}</title><link>${base}/synthetic-articles/${n}-${k}.html</link><guid>synthetic-${n}-${k}</guid><pubDate>${new Date(Date.UTC(2025, 0, 1 + k)).toUTCString()}</pubDate><description>Item ${k} of synthetic feed ${n}.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Synthetic ${n}</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

function syntheticPage(id: string): string {
  const para = `This is synthetic article ${id}. It reports nothing about compute, money or power, and exists so that a feed has a page to fetch. `;
  return `<!doctype html><html><head><title>Synthetic ${id}</title></head><body><article><h1>Synthetic ${id}</h1><p>${para.repeat(4)}</p><p>${para.repeat(3)}</p></article></body></html>`;
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const { outlets, pages, articles } = loadCorpus(corpusDirs);
  const stats: Record<string, { requests: number; not_modified: number }> = {};
  const waiting = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const missing = new Set(options.missingPages ?? []);
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, base: string) => {
    const path = new URL(req.url ?? '/', base).pathname;
    const s = (stats[path] ??= { requests: 0, not_modified: 0 });
    s.requests++;
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const hold = () => {
      waiting.set(path, (waiting.get(path) ?? 0) + 1);
      res.on('close', () => waiting.set(path, (waiting.get(path) ?? 1) - 1));
    };
    if (options.faults) {
      const fault = /^\/feeds\/([a-z0-9-]+)\.xml$/.exec(path)?.[1] as FaultFeed | undefined;
      switch (fault) {
        case 'broken-500':
          return send(500, 'text/plain', 'internal error');
        case 'slow':
          hold();
          return later(options.slowMs ?? 30_000, () => send(200, 'application/rss+xml', '<rss version="2.0"><channel><title>slow</title></channel></rss>'));
        case 'hang':
          return hold();
        case 'not-xml':
          return send(200, 'text/html', '<!doctype html><html><body><h1>Welcome</h1><p>This is not a feed.</p></body></html>');
        case 'truncated':
          return send(200, 'application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>cut</title><item><title>Half an item</title><link>');
        case 'redirect-loop':
          return send(302, 'text/plain', '', { location: '/feeds/redirect-loop.xml' });
        case 'gone-404':
          return send(404, 'text/plain', 'not found');
        case 'gone-410':
          return send(410, 'text/plain', 'gone');
        case 'retry-503':
          return send(503, 'text/plain', 'busy', { 'retry-after': '7200' });
        case 'huge': {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>');
          const item = `<item><title>${'x'.repeat(900)}</title><link>${base}/nowhere</link></item>`;
          let left = 64 * 1024 * 1024;
          const pump = () => {
            while (left > 0 && !res.destroyed) {
              left -= item.length;
              if (!res.write(item)) return void res.once('drain', pump);
            }
            if (!res.destroyed) res.end('</channel></rss>');
          };
          return pump();
        }
      }
    }
    if (path === '/stats') return send(200, 'application/json', JSON.stringify(stats));
    if (path === '/opml.xml') {
      const rows: string[] = [];
      if (options.corpusInOpml !== false) {
        for (const o of outlets.values())
          rows.push(`<outline type="rss" text="${escapeXml(o.name)}" title="${escapeXml(o.name)}" xmlUrl="${base}${corpusFeedPath(o)}"/>`);
      }
      for (let n = 0; n < (options.synthetic ?? 0); n++) rows.push(`<outline type="rss" text="Synthetic ${n}" xmlUrl="${base}/synthetic/${n}.xml"/>`);
      if (options.faults) for (const f of Object.keys(faultFeeds)) rows.push(`<outline type="rss" text="${f}" xmlUrl="${base}/feeds/${f}.xml"/>`);
      return send(200, 'text/x-opml', `<?xml version="1.0"?><opml version="2.0"><head><title>test feeds</title></head><body>\n${rows.join('\n')}\n</body></opml>`);
    }
    const art = /^\/articles\/([A-Za-z0-9_-]+)\.html$/.exec(path);
    if (art && pages.has(art[1])) {
      if (missing.has(art[1])) return send(404, 'text/html', '<!doctype html><p>Not found</p>');
      if (options.pageDelayMs) {
        hold();
        return later(options.pageDelayMs, () => send(200, 'text/html; charset=utf-8', pages.get(art[1])!));
      }
      return send(200, 'text/html; charset=utf-8', pages.get(art[1])!);
    }
    const synPage = /^\/synthetic-articles\/(\d+-\d+)\.html$/.exec(path);
    if (synPage) return send(200, 'text/html; charset=utf-8', syntheticPage(synPage[1]));
    const syn = /^\/synthetic\/(\d+)\.xml$/.exec(path);
    const fm = /^\/feeds\/([A-Za-z0-9_-]+)\.(xml|json)$/.exec(path);
    const o = fm ? outlets.get(fm[1]) : undefined;
    if (o || (syn && Number(syn[1]) < (options.synthetic ?? 0))) {
      const [type, body] = o ? renderCorpusFeed(o, o.items, base) : ['application/rss+xml', syntheticFeed(Number(syn![1]), base)];
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const modified = new Date(o?.items[0]?.published ?? '2025-01-02T00:00:00Z').toUTCString();
      const since = req.headers['if-modified-since'];
      if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && since && Date.parse(since) >= Date.parse(modified))) {
        s.not_modified++;
        res.writeHead(304, { etag, 'last-modified': modified });
        return res.end();
      }
      return send(200, `${type}; charset=utf-8`, body, { etag, 'last-modified': modified });
    }
    send(404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => handle(req, res, `http://${req.headers.host}`));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('feed server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    opml: `${url}/opml.xml`,
    feeds: [...outlets.values()].map((o) => `${url}${corpusFeedPath(o)}`),
    articles,
    stats: () => structuredClone(stats),
    requests: (pathPrefix) => Object.entries(stats).reduce((n, [path, s]) => (path.startsWith(pathPrefix) ? n + s.requests : n), 0),
    pending: (path) => waiting.get(path) ?? 0,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The error each fault feed must leave on its feed row. */
export const faultFeedErrors: Record<FaultFeed, RegExp> = {
  'broken-500': /HTTP 500/,
  slow: /timeout/,
  hang: /timeout/,
  'not-xml': /not a readable feed/,
  truncated: /truncated/,
  huge: /too-large/,
  'redirect-loop': /redirect/,
  'gone-404': /HTTP 404/,
  'gone-410': /HTTP 410/,
  'retry-503': /HTTP 503/,
};
