// The project functions the bench measures, loaded when they exist: a stage whose code is absent is skipped with a message.
import type { ExtractedArticle } from '../src/page/types.js';
import type { ArticleMeta, ExtractedDeal } from '../src/extract/types.js';
import type { ExtractInput } from '../src/articles/extract-work.js';
import type { ParsedFeed } from '../src/feed/types.js';

export type ExtractArticleFn = (html: string | Buffer, url?: string | null) => ExtractedArticle;
export type ExtractDealsFn = (text: string, meta?: ArticleMeta) => ExtractedDeal[];
export type PageDealsFn = (input: ExtractInput) => { deals: ExtractedDeal[] };
export type PageInputFn = (html: string | Uint8Array, url?: string | null) => ExtractInput;
export type ParseFeedFn = (body: Buffer | string, options?: { url?: string; contentType?: string }) => ParsedFeed;

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

async function load<T>(specifier: string, exportName: string): Promise<Loaded<T>> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn !== 'function') return { ok: false, reason: `${specifier} exports no ${exportName} yet` };
    return { ok: true, value: fn as T };
  } catch (err) {
    return { ok: false, reason: `${specifier} cannot be loaded (${(err as Error).message.split('\n')[0]})` };
  }
}

export const loadExtractArticle = () => load<ExtractArticleFn>('../src/page/index.js', 'extractArticle');
export const loadExtractDeals = () => load<ExtractDealsFn>('../src/extract/index.js', 'extractDeals');
export const loadPageDeals = () => load<PageDealsFn>('../src/articles/extract-work.js', 'pageDeals');
export const loadPageInput = () => load<PageInputFn>('../src/articles/extract-work.js', 'pageInput');
export const loadParseFeed = () => load<ParseFeedFn>('../src/feed/parse.js', 'parseFeed');
