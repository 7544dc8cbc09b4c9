// Reviewers' decisions as labelled examples. Each reviewed deal counts once, in its final state (an approval
// later undone is no approval): approved → its pair is a deal in every source article, with its status;
// rejected → the pair extraction proposed is no deal; a pair corrected by an edit → the proposed pair is no
// deal and (once approved) the corrected one is. Merged deals are labelled through the deal they went into.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { articles, dealSources, deals, reviewEvents } from '../db/schema.js';
import { labelDecisions, type LabelledArticle, type PairLabel } from './dataset.js';
import { pairKey } from './metrics.js';

/** A reviewer's decision counts as much as this many corpus pairs: a team's own judgement should move the model. */
export const REVIEW_WEIGHT = 5;

export interface ReviewedArticle {
  articleId: number;
  title: string | null;
  text: string;
  published: string | null;
  decisions: PairLabel[];
}

export async function reviewDecisions(db: Db): Promise<ReviewedArticle[]> {
  const reviewed = await db
    .selectDistinct({ dealId: reviewEvents.dealId })
    .from(reviewEvents)
    .where(isNull(reviewEvents.undoneAt));
  if (reviewed.length === 0) return [];
  const ids = reviewed.map((r) => r.dealId);
  const rows = await db
    .select({
      dealId: deals.id, lab: deals.lab, provider: deals.provider, status: deals.status, state: deals.reviewState,
      articleId: dealSources.articleId, sourceLab: dealSources.lab, sourceProvider: dealSources.provider,
    })
    .from(deals)
    .innerJoin(dealSources, eq(dealSources.dealId, deals.id))
    .where(inArray(deals.id, ids));
  const byArticle = new Map<number, Map<string, PairLabel>>();
  const decide = (articleId: number, label: PairLabel): void => {
    const m = byArticle.get(articleId) ?? new Map<string, PairLabel>();
    const key = pairKey(label.lab, label.provider);
    // A pair approved in one deal and rejected in another of the same article: the approval stands.
    if (!m.get(key)?.deal) m.set(key, label);
    byArticle.set(articleId, m);
  };
  for (const r of rows) {
    const proposed = { lab: r.sourceLab, provider: r.sourceProvider };
    const corrected = pairKey(proposed.lab, proposed.provider) !== pairKey(r.lab, r.provider);
    if (r.state === 'approved') {
      decide(r.articleId, { lab: r.lab, provider: r.provider, deal: true, status: r.status });
      if (corrected) decide(r.articleId, { ...proposed, deal: false, status: r.status });
    } else if (r.state === 'rejected') {
      decide(r.articleId, { ...proposed, deal: false, status: r.status });
      if (corrected) decide(r.articleId, { lab: r.lab, provider: r.provider, deal: false, status: r.status });
    } else if (r.state === 'pending' && corrected) {
      decide(r.articleId, { ...proposed, deal: false, status: r.status });
    }
  }
  if (byArticle.size === 0) return [];
  const texts = await db
    .select({ id: articles.id, title: articles.title, text: articles.text, published: articles.published })
    .from(articles)
    .where(and(inArray(articles.id, [...byArticle.keys()])));
  return texts
    .filter((a) => a.text !== null && a.text.length > 0)
    .sort((a, b) => a.id - b.id)
    .map((a) => ({
      articleId: a.id,
      title: a.title,
      text: a.text ?? '',
      published: a.published ? a.published.toISOString() : null,
      decisions: [...(byArticle.get(a.id)?.values() ?? [])].sort((x, y) => pairKey(x.lab, x.provider).localeCompare(pairKey(y.lab, y.provider))),
    }));
}

export function labelReviews(reviewed: ReviewedArticle[], weight = REVIEW_WEIGHT): LabelledArticle[] {
  return reviewed.map((r) => labelDecisions(`article-${r.articleId}`, r.title, r.text, r.published, r.decisions, weight));
}
