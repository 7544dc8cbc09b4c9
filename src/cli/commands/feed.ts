// `lanewatch feed [--json] FILE|URL|- ...`: parses each feed document with the feed layer the poller uses.
// One line per input, in input order; a bad input gets an error line and the rest go on; the exit code is
// 1 if any input failed. Inputs are read a few at a time so thousands of files go quickly.
import type { Command } from 'commander';
import { settings } from '../../config.js';
import { parseFeed } from '../../feed/parse.js';
import type { ParsedFeed } from '../../feed/types.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';
import { isHttpUrl, readFileCapped, readStdinCapped } from '../read-input.js';

/** Inputs read (or fetched) ahead of the one being parsed: enough to hide file and network latency, few enough to bound memory. */
const READ_AHEAD = 16;

interface LoadedFeed {
  body: Buffer;
  contentType: string | null;
  url: string | null;
}

interface LoadOptions {
  /** Base URL for relative links in files and standard input (--base-url). */
  baseUrl: string | null;
  /** Content-Type to assume for files and standard input (--content-type), for its charset. */
  contentType: string | null;
}

async function loadFeed(input: string, o: LoadOptions): Promise<LoadedFeed> {
  const s = settings();
  if (input === '-') return { body: await readStdinCapped(s.FEED_MAX_BYTES, 'refuse'), contentType: o.contentType, url: o.baseUrl };
  if (!isHttpUrl(input)) {
    return { body: await readFileCapped(input, s.FEED_MAX_BYTES, 'refuse'), contentType: o.contentType, url: o.baseUrl };
  }
  // Imported only for URL inputs: reading files needs no network code.
  const { fetchUrl, fetchOptionsFor } = await import('../../net/fetch.js');
  const result = await fetchUrl(input, {
    ...fetchOptionsFor('feed', s),
    headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' },
  });
  if (result.status < 200 || result.status >= 300) throw new Error(`HTTP ${result.status} from ${result.url}`);
  return { body: result.body, contentType: result.headers['content-type'] ?? null, url: result.url };
}

/**
 * "title" is the title as the feed gives it: sanitised HTML when the feed marks it up (Atom type="html",
 * markup in an RSS title), else text; the same convention as Python's feedparser. "title_text" is the
 * plain-text form that the poller stores.
 */
export interface FeedLine {
  input: string;
  ok: true;
  format: ParsedFeed['format'];
  title: string | null;
  title_text: string | null;
  id: string | null;
  link: string | null;
  ttl_minutes: number | null;
  /** Present (true) only when the document was cut off. */
  truncated?: true;
  items: { title: string | null; title_text: string | null; link: string | null; id: string | null; published: string | null }[];
}

export function feedLine(input: string, feed: ParsedFeed): FeedLine {
  return {
    input,
    ok: true,
    format: feed.format,
    title: feed.titleHtml ?? feed.title,
    title_text: feed.title,
    id: feed.id ?? null,
    link: feed.link,
    ttl_minutes: feed.ttlMinutes,
    ...(feed.truncated ? { truncated: true as const } : {}),
    items: feed.items.map((i) => ({ title: i.titleHtml ?? i.title, title_text: i.title, link: i.link, id: i.id, published: i.published })),
  };
}

function readable(input: string, feed: ParsedFeed): string {
  const lines = [`== ${input}`, `${feed.title ?? '(no title)'}  ${feed.link ?? ''}  [${feed.format}, ${feed.items.length} items]`];
  for (const i of feed.items) lines.push(`  ${i.published?.slice(0, 10) ?? '----------'}  ${i.title ?? '(no title)'}  ${i.link ?? ''}`);
  return `${lines.join('\n')}\n`;
}

/** Starts loading inputs READ_AHEAD at a time and yields each result in input order. */
async function* loadAll(inputs: string[], o: LoadOptions): AsyncGenerator<[string, PromiseSettledResult<LoadedFeed>]> {
  const pending: Promise<PromiseSettledResult<LoadedFeed>>[] = [];
  const settle = (input: string) =>
    loadFeed(input, o).then(
      (value): PromiseSettledResult<LoadedFeed> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<LoadedFeed> => ({ status: 'rejected', reason }),
    );
  let next = 0;
  while (next < inputs.length && pending.length < READ_AHEAD) pending.push(settle(inputs[next++]!));
  for (let i = 0; i < inputs.length; i++) {
    const result = await pending.shift()!;
    if (next < inputs.length) pending.push(settle(inputs[next++]!));
    yield [inputs[i]!, result];
  }
}

export function registerFeed(program: Command): void {
  program
    .command('feed')
    .description('Parse feed documents (RSS, Atom, RDF, JSON Feed) with the poller\'s feed layer and print what it reads')
    .argument('<inputs...>', 'feed files, http(s) URLs, or - for standard input')
    .option('--json', 'one JSON line per input: {"input","ok":true,"title","link","items":[...]} or {"input","ok":false,"error"}')
    .option('--base-url <url>', 'base URL for relative links in files and standard input (URL inputs use their own)')
    .option('--content-type <type>', 'Content-Type to assume for files and standard input, e.g. "text/xml; charset=iso-8859-1"')
    .action(async (inputs: string[], opts: { json?: boolean; baseUrl?: string; contentType?: string }) => {
      if (opts.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(opts.baseUrl)) {
        throw new UsageError(`--base-url must be an http(s) URL (got ${JSON.stringify(opts.baseUrl)})`);
      }
      const loadOptions: LoadOptions = { baseUrl: opts.baseUrl ?? null, contentType: opts.contentType ?? null };
      let failed = 0;
      let fetched = false;
      for await (const [input, loaded] of loadAll(inputs, loadOptions)) {
        if (isHttpUrl(input)) fetched = true;
        let line: string;
        try {
          if (loaded.status === 'rejected') throw loaded.reason;
          const { body, contentType, url } = loaded.value;
          const feed = parseFeed(body, { contentType, url });
          line = opts.json ? `${JSON.stringify(feedLine(input, feed))}\n` : printable(readable(input, feed));
          process.stdout.write(line);
        } catch (err) {
          failed++;
          const message = (err instanceof Error ? err.message : String(err)) || 'unknown error';
          if (opts.json) process.stdout.write(`${JSON.stringify({ input, ok: false, error: message })}\n`);
          else process.stderr.write(`${printable(`${input}: error: ${message}`)}\n`);
        }
      }
      if (fetched) {
        const { closeFetchAgents } = await import('../../net/fetch.js');
        await closeFetchAgents();
      }
      if (failed > 0) process.exitCode = 1;
    });
}
