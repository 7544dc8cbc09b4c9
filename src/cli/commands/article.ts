// `lanewatch article [--json] FILE|URL|- ...`: the main text and metadata of each page.
// One bad input prints one error line and the rest go on; the exit code is 1 if any input failed.
import type { Command } from 'commander';
import { settings } from '../../config.js';
import { extractArticle, decodeHtml } from '../../page/index.js';
import { notHtmlReason } from '../../text/charset.js';
import type { ExtractedArticle } from '../../page/types.js';
import { printable } from '../printable.js';
import { isHttpUrl, readFileCapped, readStdinCapped } from '../read-input.js';

export interface LoadedInput {
  html: string;
  /** The page's URL when known (fetched inputs): resolves a relative canonical link. */
  url: string | null;
  /** True when a fetched page was larger than PAGE_MAX_BYTES and only its first PAGE_MAX_BYTES were read. */
  truncated?: boolean;
}

/** Set once a URL was fetched: pooled connections are then closed before the command ends. */
let usedNetwork = false;

function decodeChecked(body: Buffer, contentType: string | null): string {
  const reason = notHtmlReason(body);
  if (reason) throw new Error(reason);
  return decodeHtml(body, contentType);
}

/** Loads one command-line input (path, http(s) URL or `-`) as decoded HTML. Throws a plain Error on failure. */
export async function loadInput(input: string): Promise<LoadedInput> {
  const s = settings();
  if (input === '-') return { html: decodeChecked(await readStdinCapped(s.PAGE_MAX_BYTES, 'cut'), null), url: null };
  if (!isHttpUrl(input)) {
    return { html: decodeChecked(await readFileCapped(input, s.PAGE_MAX_BYTES, 'cut'), null), url: null };
  }
  // Imported only for URL inputs: reading files needs no network code.
  const { fetchUrl, fetchOptionsFor } = await import('../../net/fetch.js');
  usedNetwork = true;
  const result = await fetchUrl(input, fetchOptionsFor('page', s));
  if (result.status < 200 || result.status >= 300) throw new Error(`HTTP ${result.status} from ${result.url}`);
  return { html: decodeChecked(result.body, result.headers['content-type'] ?? null), url: result.url, ...(result.truncated ? { truncated: true } : {}) };
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
          const { html, url, truncated } = await loadInput(input);
          const a = extractArticle(html, url, { maxChars: settings().PAGE_MAX_BYTES });
          if (opts.json) {
            const line = { input, title: a.title, published: a.published, canonical_url: a.canonical_url, language: a.language, text: a.text, ...(truncated ? { truncated } : {}) };
            process.stdout.write(`${JSON.stringify(line)}\n`);
          } else {
            process.stdout.write(`${printable(readable(input, a))}${truncated ? `(the page is larger than PAGE_MAX_BYTES: only its first ${settings().PAGE_MAX_BYTES} bytes were read)\n` : ''}\n`);
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
