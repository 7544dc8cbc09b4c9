// The CPU-heavy part of processing an article, with no database, queue or network: page bytes (or the feed's own
// content) → main text → deals. Runs in a worker thread (extract-pool.ts) so it never blocks the web role.
import { decodeHtml, extractArticle, type ExtractedArticle } from '../page/index.js';
import { extractArticleDeals } from '../extract/index.js';
import type { PipelineOptions } from '../extract/pipeline.js';
import type { ExtractedDeal } from '../extract/types.js';
import { htmlToParagraphs } from '../text/html-text.js';

export interface ExtractInput {
  /** The fetched page, when there is one. */
  page: { body: Uint8Array; contentType: string | null; url: string | null } | null;
  /** The item's content or summary from the feed: the body when the page is missing or empty. */
  feedContent: string | null;
  meta: { title: string | null; published: string | null; url: string | null };
}

/** No string in it holds a NUL character (PostgreSQL text cannot): the page and the feed content lose theirs first. */
export interface ExtractOutput {
  /** The decoded page HTML (kept so that text can be re-extracted later). */
  html: string | null;
  article: ExtractedArticle | null;
  text: string;
  bodySource: 'page' | 'feed';
  /** Why the page's text was not used although the page was fetched. */
  pageProblem: string | null;
  deals: ExtractedDeal[];
}

/** Pages with less main text than this (a paywall stub, a consent wall) are worse than the feed's summary. */
const minPageText = 200;

/** Plain text of a feed item's HTML content: block elements become paragraphs. */
export function feedText(html: string | null): string {
  return html ? htmlToParagraphs(html) : '';
}

/** The text a page (or the feed's content) yields, and where it came from: what extraction reads. */
export interface PageText {
  html: string | null;
  article: ExtractedArticle | null;
  text: string;
  bodySource: 'page' | 'feed';
  pageProblem: string | null;
  title: string | null;
  published: string | null;
  site: string | null;
  author: string | null;
}

export function pageText(input: ExtractInput): PageText {
  let html: string | null = null;
  let article: ExtractedArticle | null = null;
  let pageProblem: string | null = null;
  if (input.page) {
    // NUL characters (binary junk in a page) cannot be stored in PostgreSQL text: drop them before anything quotes them.
    html = decodeHtml(Buffer.from(input.page.body), input.page.contentType).replace(/\u0000/g, '');
    article = extractArticle(html, input.page.url);
    if (article.text.trim().length < minPageText) pageProblem = `the page had almost no main text (${article.text.trim().length} characters)`;
  }
  const fromFeed = feedText(input.feedContent?.replace(/\u0000/g, '') ?? null);
  const usePage = article !== null && pageProblem === null;
  // A thin page still beats an empty feed summary.
  const text = usePage ? article!.text : fromFeed.length >= (article?.text.trim().length ?? 0) ? fromFeed : article!.text;
  const bodySource = usePage || (article !== null && text === article.text) ? 'page' : 'feed';
  return {
    html, article, text, bodySource, pageProblem,
    title: article?.title ?? input.meta.title,
    published: article?.published ?? input.meta.published,
    site: article?.site_name ?? null,
    author: article?.author_organisation ?? null,
  };
}

/**
 * The one way from a page (bytes) or a feed item's content to deals: main text, headline first, then the pipeline.
 * The worker, `lanewatch extract`, training and evaluation, the bench and the tests all go through it.
 */
export function pageDeals(input: ExtractInput, options: PipelineOptions = {}): ExtractOutput {
  const { html, article, text, bodySource, pageProblem, title, published, site, author } = pageText(input);
  const deals = text ? extractArticleDeals(title, text, { published, site, author, url: input.meta.url }, options) : [];
  return { html, article, text, bodySource, pageProblem, deals };
}

/** The input for a page one already has (a file, a corpus article), with no feed behind it. */
export function pageInput(html: string | Uint8Array, url: string | null = null): ExtractInput {
  // A string is decoded already: its bytes are UTF-8 whatever its <meta charset> says.
  const decoded = typeof html === 'string';
  return {
    page: { body: decoded ? Buffer.from(html, 'utf8') : html, contentType: decoded ? 'text/html; charset=utf-8' : null, url },
    feedContent: null,
    meta: { title: null, published: null, url },
  };
}
