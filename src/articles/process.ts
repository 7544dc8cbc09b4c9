// Processes one stored article: fetch its page, extract text and deals (off the main thread), and store it all in
// ONE transaction with the candidate deals. Safe to run twice for one article: the second run changes nothing.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { articles } from '../db/schema.js';
import { recordArticleDeals } from '../deals/record.js';
import { onCandidatesStored } from '../lanes/candidate.js';
import { enqueuePendingDeliveries } from '../alerts/deliveries.js';
import type { Logger } from '../log.js';
import { extractionSeconds } from '../metrics.js';
import { fetchOptionsFor, fetchUrl } from '../net/fetch.js';
import { FetchError, type FetchResult } from '../net/types.js';
import type { Queues } from '../queue.js';
import { canonicalUrl } from '../feed/canonical-url.js';
import type { ExtractInput, ExtractOutput } from './extract-work.js';
import { withoutNul } from './store.js';

export interface ProcessDeps {
  db: Db;
  queues: Queues;
  settings: Settings;
  logger: Logger;
  extract(input: ExtractInput): Promise<ExtractOutput>;
}

export type ProcessOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'extracted'; bodySource: 'page' | 'feed'; deals: number; fetchError: string | null };

/** A page fetch that may work on a later attempt; raised so that the queue retries the job. */
export class TransientPageError extends Error {
  override name = 'TransientPageError';
}

const pageAccept = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const transientCodes = new Set(['timeout', 'connect', 'dns', 'protocol']);

function isHtml(contentType: string | undefined): boolean {
  if (!contentType) return true; // servers that send none usually send HTML
  return /html|xml|text\/plain/i.test(contentType);
}

interface PageAttempt {
  page: FetchResult | null;
  /** Why the page is not used; null when it is. */
  problem: string | null;
}

async function fetchPage(url: string, s: Settings, finalAttempt: boolean): Promise<PageAttempt> {
  let result: FetchResult;
  try {
    result = await fetchUrl(url, { ...fetchOptionsFor('page', s), headers: { accept: pageAccept } });
  } catch (err) {
    const message = err instanceof FetchError ? `${err.code}: ${err.message}` : `fetch failed: ${(err as Error).message}`;
    if (err instanceof FetchError && transientCodes.has(err.code) && !finalAttempt) throw new TransientPageError(message);
    return { page: null, problem: message };
  }
  if (result.status >= 200 && result.status < 300) {
    if (!isHtml(result.headers['content-type'])) return { page: null, problem: `not an HTML page (${result.headers['content-type']})` };
    return { page: result, problem: null };
  }
  const problem = `HTTP ${result.status}`;
  if ((result.status >= 500 || result.status === 429 || result.status === 408) && !finalAttempt) throw new TransientPageError(problem);
  return { page: null, problem };
}

/** What an article whose page was cut at the cap records (the column `fetch_error`, which starts with "truncated:"). */
export function truncationNote(maxBytes: number): string {
  return `truncated: the page is larger than PAGE_MAX_BYTES; its first ${maxBytes} bytes were extracted`;
}

/** The canonical URL column's value: the page's own canonical URL when no other article holds it, else unchanged. */
function adoptedCanonical(wanted: string | null) {
  if (!wanted) return articles.canonicalUrl;
  return sql`case when exists (select 1 from ${articles} a2 where a2.canonical_url = ${wanted}) then ${articles.canonicalUrl} else ${wanted} end`;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

export async function processArticle(deps: ProcessDeps, articleId: number, options: { finalAttempt: boolean }): Promise<ProcessOutcome> {
  const { db, settings: s } = deps;
  const log = deps.logger.child({ article_id: articleId });
  const [article] = await db
    .update(articles)
    .set({ attempts: sql`${articles.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(articles.id, articleId), ne(articles.state, 'extracted')))
    .returning();
  if (!article) return { kind: 'skipped', reason: 'already extracted or deleted' };

  const fetchable = /^https?:\/\//i.test(article.url);
  const attempt: PageAttempt = fetchable ? await fetchPage(article.url, s, options.finalAttempt) : { page: null, problem: 'the feed item has no link' };
  const input: ExtractInput = {
    page: attempt.page
      ? { body: new Uint8Array(attempt.page.body.buffer, attempt.page.body.byteOffset, attempt.page.body.byteLength), contentType: attempt.page.headers['content-type'] ?? null, url: attempt.page.url }
      : null,
    feedContent: article.feedContent,
    meta: { title: article.title, published: article.published?.toISOString() ?? null, url: article.url },
  };
  // Extraction time excludes the page fetch: text, NLP and storing the deals.
  const endTimer = extractionSeconds.startTimer();
  const out = await deps.extract(input);
  // A page over PAGE_MAX_BYTES was cut at the cap and extracted: the article says so where a fetch problem goes.
  const truncated = out.bodySource === 'page' && attempt.page?.truncated === true;
  const fetchError = attempt.problem ?? (out.bodySource === 'feed' ? out.pageProblem : truncated ? truncationNote(s.PAGE_MAX_BYTES) : null);
  const published = article.published ?? (out.article?.published && !Number.isNaN(Date.parse(out.article.published)) ? new Date(out.article.published) : null);

  const pageCanonical = attempt.page && out.article?.canonical_url ? canonicalUrl(out.article.canonical_url) : null;
  const wantedCanonical = pageCanonical && pageCanonical !== article.canonicalUrl ? pageCanonical : null;

  // One UPDATE stores the article, moves it to the page's canonical URL and claims it: a second delivery of the job
  // waits on the row lock, then finds it extracted. Only an article with deals needs a transaction around it.
  const store = async (q: DbOrTx, canonical: string | null): Promise<boolean> => {
    const stored = await q
      .update(articles)
      .set({
        // The extraction thread's strings carry no NUL (PostgreSQL text cannot hold one): see ExtractOutput.
        html: out.html,
        text: out.text,
        canonicalUrl: adoptedCanonical(canonical),
        title: article.title ?? out.article?.title?.slice(0, 1_000) ?? null,
        published,
        language: out.article?.language?.slice(0, 50) ?? null,
        fetchedAt: attempt.page ? new Date() : null,
        httpStatus: attempt.page?.status ?? null,
        bodySource: out.bodySource,
        fetchError: withoutNul(fetchError),
        state: 'extracted',
        error: null,
        extractedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(articles.id, articleId), ne(articles.state, 'extracted')))
      .returning({ id: articles.id });
    return stored.length > 0;
  };
  const commit = async (canonical: string | null) => {
    if (out.deals.length === 0) return (await store(db, canonical)) ? { dealIds: [], alertIds: [] } : null;
    return db.transaction(async (tx) => {
      if (!(await store(tx, canonical))) return null;
      const dealIds = await recordArticleDeals(tx, { id: articleId, published }, out.deals);
      const alertIds = await onCandidatesStored(tx, dealIds, s);
      return { dealIds, alertIds };
    });
  };
  let result: { dealIds: number[]; alertIds: number[] } | null;
  try {
    result = await commit(wantedCanonical);
  } catch (err) {
    // Another article took the canonical URL between the check and the update: this one keeps its own.
    if (!wantedCanonical || !isUniqueViolation(err)) throw err;
    result = await commit(null);
  }
  endTimer();
  if (!result) return { kind: 'skipped', reason: 'extracted meanwhile by another delivery' };
  if (result.alertIds.length) {
    await enqueuePendingDeliveries(db, deps.queues).catch((err: Error) => log.warn({ error: err.message }, 'could not enqueue alert deliveries; the sweep will'));
  }
  log.info({ body_source: out.bodySource, deals: out.deals.length, fetch_error: fetchError, ...(truncated ? { truncated } : {}) }, 'article extracted');
  return { kind: 'extracted', bodySource: out.bodySource, deals: out.deals.length, fetchError };
}

/** After the last attempt: the article is marked failed with the reason, and the sweep leaves it alone. */
export async function markArticleFailed(db: Db, articleId: number, error: string): Promise<void> {
  await db
    .update(articles)
    .set({ state: 'failed', error: error.slice(0, 2_000), updatedAt: new Date() })
    .where(and(eq(articles.id, articleId), ne(articles.state, 'extracted')));
}
