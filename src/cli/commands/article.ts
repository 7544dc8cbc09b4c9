// `lanewatch article [--json] FILE|URL|- ...`: the main text and metadata of each page.
// One bad input prints one error line and the rest go on; the exit code is 1 if any input failed.
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { settings } from '../../config.js';
import { extractArticle, decodeHtml } from '../../article/index.js';
import { notHtmlReason } from '../../article/charset.js';
import type { ExtractedArticle } from '../../article/types.js';
import { printable } from '../printable.js';

export interface LoadedInput {
  html: string;
  /** The page's URL when known (fetched inputs): resolves a relative canonical link. */
  url: string | null;
}

/** Set once a URL was fetched: pooled connections are then closed before the command ends. */
let usedNetwork = false;

/** Reads at most maxBytes of a file: a huge page is cut, not loaded whole (the extractor caps it again). */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  // stat before open: opening a FIFO would wait for a writer, and a device (/dev/zero) is not a page.
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile()) throw Object.assign(new Error('not a regular file (use - to read standard input)'), { code: 'ENOTFILE' });
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    const size = stat.isFile() ? stat.size : maxBytes;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(buffer, offset, length - offset, stat.isFile() ? offset : null);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    chunks.push(buf.subarray(0, maxBytes - total));
    total += buf.length;
    // Cut at the cap like a file, and stop reading: `- < /dev/zero` never ends.
    if (total >= maxBytes) break;
  }
  return Buffer.concat(chunks);
}

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function decodeChecked(body: Buffer, contentType: string | null): string {
  const reason = notHtmlReason(body);
  if (reason) throw new Error(reason);
  return decodeHtml(body, contentType);
}

/** Loads one command-line input (path, http(s) URL or `-`) as decoded HTML. Throws a plain Error on failure. */
export async function loadInput(input: string): Promise<LoadedInput> {
  const s = settings();
  if (input === '-') return { html: decodeChecked(await readStdin(s.PAGE_MAX_BYTES), null), url: null };
  if (!isUrl(input)) {
    let body: Buffer;
    try {
      body = await readCapped(input, s.PAGE_MAX_BYTES);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`no such file: ${input}`);
      if (code === 'EISDIR') throw new Error(`is a directory: ${input}`);
      if (code === 'ENOTFILE') throw new Error(`${(err as Error).message}: ${input}`);
      throw new Error(`cannot read ${input}: ${(err as Error).message}`);
    }
    return { html: decodeChecked(body, null), url: null };
  }
  // Imported only for URL inputs: reading files needs no network code.
  const { fetchUrl, fetchOptionsFor } = await import('../../net/fetch.js');
  usedNetwork = true;
  const result = await fetchUrl(input, fetchOptionsFor('page', s));
  if (result.status < 200 || result.status >= 300) throw new Error(`HTTP ${result.status} from ${result.url}`);
  return { html: decodeChecked(result.body, result.headers['content-type'] ?? null), url: result.url };
}

function readable(input: string, a: ExtractedArticle): string {
  const head = [`== ${input}`, `title:     ${a.title ?? '-'}`, `published: ${a.published ?? '-'}`, `canonical: ${a.canonical_url ?? '-'}`];
  if (a.language) head.push(`language:  ${a.language}`);
  return `${head.join('\n')}\n\n${a.text || '(no main text found)'}\n`;
}

export function registerArticle(program: Command): void {
  program
    .command('article')
    .description('Print the main text and metadata (title, published, canonical URL) of article pages')
    .argument('<inputs...>', 'HTML files, http(s) URLs, or - for standard input')
    .option('--json', 'one JSON line per input: {"input","title","published","canonical_url","text"}')
    .action(async (inputs: string[], opts: { json?: boolean }) => {
      let failed = 0;
      for (const input of inputs) {
        try {
          const { html, url } = await loadInput(input);
          const a = extractArticle(html, url, { maxChars: settings().PAGE_MAX_BYTES });
          if (opts.json) {
            const line = { input, title: a.title, published: a.published, canonical_url: a.canonical_url, language: a.language, text: a.text };
            process.stdout.write(`${JSON.stringify(line)}\n`);
          } else {
            process.stdout.write(`${printable(readable(input, a))}\n`);
          }
        } catch (err) {
          failed++;
          const message = (err as Error).message ?? String(err);
          if (opts.json) process.stdout.write(`${JSON.stringify({ input, error: message })}\n`);
          else process.stderr.write(`${printable(`${input}: error: ${message}`)}\n`);
        }
      }
      if (usedNetwork) await (await import('../../net/fetch.js')).closeFetchAgents();
      if (failed > 0) process.exitCode = 1;
    });
}
