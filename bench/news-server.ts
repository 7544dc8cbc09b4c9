// A local news site for the pipeline and poller stages and the load test, on 127.0.0.1 only:
// N RSS feeds spread over a few ports (so that they look like a few hosts), article pages made from real pages
// (repeated, each made unique by its own canonical URL and headline), ETag / Last-Modified with 304 answers,
// and new items revealed on demand, with the time each item was first served recorded (its first appearance
// to a poller, which takes the poll interval out of the latency).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rssDocument, type GeneratedItem } from './feed-docs.js';

export interface NewsServerOptions {
  feeds: number;
  /** Feeds are spread over this many listening ports. */
  ports: number;
  /** HTML of the article pages; item i gets page i mod length. */
  pages: readonly string[];
  /** A feed lists at most this many of its newest items. */
  feedWindow: number;
}

export interface ItemRecord {
  id: number;
  feed: number;
  revealedAt: number;
  /** First time the item was in a feed body sent to a poller (ms since epoch). */
  firstServedAt?: number;
  pageFetches: number;
}

interface FeedState {
  items: number[];
  version: number;
  lastModifiedMs: number;
  etag: string;
  cache?: { version: number; body: Buffer };
  inFlight: number;
  polls: number;
  notModified: number;
  /** Start times of the most recent polls (bounded). */
  pollTimes: number[];
}

interface PreparedPage {
  head: string;
  middle: string;
  tail: string;
}

const keepPollTimes = 200; // enough to check a schedule over a load test without unbounded growth

/** Splits a page so that a canonical link and a unique headline can be put in per article. */
function preparePage(html: string): PreparedPage {
  let h = html
    .replace(/<link\b[^>]*\bcanonical\b[^>]*>/gi, '')
    .replace(/<meta\b[^>]*og:url[^>]*>/gi, '')
    .replace(/<base\b[^>]*>/gi, '');
  const headOpen = /<head(\s[^>]*)?>/i.exec(h);
  const at = headOpen ? headOpen.index + headOpen[0].length : 0;
  const head = h.slice(0, at);
  h = h.slice(at);
  // The first paragraph carries the article's own number, so that no two articles have the same text.
  const p = /<p(\s[^>]*)?>/i.exec(h);
  const pAt = p ? p.index + p[0].length : h.length;
  return { head, middle: h.slice(0, pAt), tail: h.slice(pAt) };
}

export class NewsServer {
  readonly items = new Map<number, ItemRecord>();
  readonly stats = { feedRequests: 0, feedOk: 0, feedNotModified: 0, pageRequests: 0, notFound: 0, overlaps: 0 };
  private readonly feeds: FeedState[];
  private readonly pages: PreparedPage[];
  private readonly servers: Server[] = [];
  private portList: number[] = [];
  private nextItemId = 1;

  constructor(private readonly options: NewsServerOptions) {
    if (options.pages.length === 0) throw new Error('the news server needs at least one page');
    this.pages = options.pages.map(preparePage);
    const now = Date.now();
    this.feeds = Array.from({ length: options.feeds }, (_, i) => ({
      items: [],
      version: 0,
      lastModifiedMs: Math.floor(now / 1000) * 1000,
      etag: `"f${i}-v0"`,
      inFlight: 0,
      polls: 0,
      notModified: 0,
      pollTimes: [],
    }));
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.options.ports; i++) {
      const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => this.handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      this.servers.push(server);
    }
    this.portList = this.servers.map((s) => (s.address() as AddressInfo).port);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
  }

  private portOf(feed: number): number {
    return this.portList[feed % this.portList.length];
  }

  feedUrl(feed: number): string {
    return `http://127.0.0.1:${this.portOf(feed)}/feeds/${feed}.xml`;
  }

  articleUrl(id: number, feed: number): string {
    return `http://127.0.0.1:${this.portOf(feed)}/articles/${id}.html`;
  }

  /** Makes `perFeed` new items visible in each listed feed (all feeds by default); returns their ids. */
  reveal(perFeed: number, feedIndexes?: readonly number[]): number[] {
    const ids: number[] = [];
    const now = Date.now();
    for (const f of feedIndexes ?? this.feeds.map((_, i) => i)) {
      const feed = this.feeds[f];
      for (let k = 0; k < perFeed; k++) {
        const id = this.nextItemId++;
        this.items.set(id, { id, feed: f, revealedAt: now, pageFetches: 0 });
        feed.items.push(id);
        ids.push(id);
      }
      feed.version++;
      feed.etag = `"f${f}-v${feed.version}"`;
      // Whole seconds, strictly increasing: a client sending only If-Modified-Since still sees every change.
      feed.lastModifiedMs = Math.max(Math.floor(now / 1000) * 1000, feed.lastModifiedMs + 1000);
    }
    return ids;
  }

  /** The validators a feed answers with now: stored on a feed row, they make its next poll conditional. */
  validators(feed: number): { etag: string; lastModified: string } {
    const f = this.feeds[feed];
    return { etag: f.etag, lastModified: new Date(f.lastModifiedMs).toUTCString() };
  }

  /** Polls each feed has had, and the start times of its latest polls. */
  feedPolls(feed: number): { polls: number; notModified: number; times: readonly number[] } {
    const f = this.feeds[feed];
    return { polls: f.polls, notModified: f.notModified, times: f.pollTimes };
  }

  /** How many feeds have been polled at least `n` times. */
  feedsPolledAtLeast(n: number): number {
    return this.feeds.reduce((c, f) => c + (f.polls >= n ? 1 : 0), 0);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (feedMatch && Number(feedMatch[1]) < this.feeds.length) return this.serveFeed(Number(feedMatch[1]), req, res);
    const pageMatch = /^\/articles\/(\d+)\.html$/.exec(path);
    if (pageMatch && this.items.has(Number(pageMatch[1]))) return this.servePage(Number(pageMatch[1]), res);
    this.stats.notFound++;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }

  private serveFeed(index: number, req: IncomingMessage, res: ServerResponse): void {
    const feed = this.feeds[index];
    const now = Date.now();
    this.stats.feedRequests++;
    feed.polls++;
    feed.pollTimes.push(now);
    if (feed.pollTimes.length > keepPollTimes) feed.pollTimes.splice(0, feed.pollTimes.length - keepPollTimes);
    feed.inFlight++;
    if (feed.inFlight > 1) this.stats.overlaps++;
    let done = false;
    const finish = () => {
      if (!done) feed.inFlight--;
      done = true;
    };
    res.once('finish', finish);
    res.once('close', finish);

    const lastModified = new Date(feed.lastModifiedMs).toUTCString();
    const validators = { etag: feed.etag, 'last-modified': lastModified };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh =
      inm !== undefined
        ? inm.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)
        : ims !== undefined && Number.isFinite(Date.parse(ims)) && Date.parse(ims) >= feed.lastModifiedMs;
    if (fresh) {
      this.stats.feedNotModified++;
      feed.notModified++;
      res.writeHead(304, validators).end();
      return;
    }
    if (!feed.cache || feed.cache.version !== feed.version) {
      const shown = feed.items.slice(-this.options.feedWindow).reverse();
      const items: GeneratedItem[] = shown.map((id) => {
        const rec = this.items.get(id) as ItemRecord;
        return {
          guid: `bench-item-${id}`,
          title: `Dispatch ${id} from feed ${index}`,
          link: this.articleUrl(id, index),
          published: new Date(rec.revealedAt),
          summary: `Summary of dispatch ${id}.`,
        };
      });
      feed.cache = { version: feed.version, body: Buffer.from(rssDocument(`Bench feed ${index}`, `http://127.0.0.1:${this.portOf(index)}/`, items)) };
    }
    for (const id of feed.items.slice(-this.options.feedWindow)) {
      const rec = this.items.get(id) as ItemRecord;
      rec.firstServedAt ??= now;
    }
    this.stats.feedOk++;
    res.writeHead(200, { ...validators, 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': feed.cache.body.length });
    res.end(feed.cache.body);
  }

  private servePage(id: number, res: ServerResponse): void {
    const rec = this.items.get(id) as ItemRecord;
    rec.pageFetches++;
    this.stats.pageRequests++;
    const page = this.pages[id % this.pages.length];
    const url = this.articleUrl(id, rec.feed);
    const body = Buffer.from(
      `${page.head}<link rel="canonical" href="${url}"><meta name="bench-item" content="${id}">${page.middle}Dispatch ${id}. ${page.tail}`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  }
}
