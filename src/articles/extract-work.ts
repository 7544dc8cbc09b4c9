// The CPU-heavy part of processing an article, with no database, queue or network: page bytes (or the feed's own
// content) → main text → deals. Runs in a worker thread (extract-pool.ts) so it never blocks the web role.
import { load } from 'cheerio/slim';
import { decodeHtml, extractArticle, type ExtractedArticle } from '../article/index.js';
import { extractArticleDeals } from '../extract/index.js';
import type { ExtractedDeal } from '../extract/types.js';

export interface ExtractInput {
  /** The fetched page, when there is one. */
  page: { body: Uint8Array; contentType: string | null; url: string } | null;
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
  if (!html) return '';
  const $ = load(`<div id="lw-root">${html}</div>`, { xml: { xmlMode: false, decodeEntities: true } });
  $('script, style, noscript').remove();
  $('p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote, tr').each((_, el) => {
    $(el).before('\n\n');
  });
  return $('#lw-root')
    .text()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

export function runExtraction(input: ExtractInput): ExtractOutput {
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
  const deals = text
    ? extractArticleDeals(article?.title ?? input.meta.title, text, { published: article?.published ?? input.meta.published, url: input.meta.url })
    : [];
  return { html, article, text, bodySource, pageProblem, deals };
}
