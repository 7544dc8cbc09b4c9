// What a queue card shows beyond the deal row: the text before each evidence sentence (where a lab named only
// earlier in the article is found), and for a merged deal the deal it went into and the sources it took along.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { articles, dealSources, deals, reviewEvents, type Deal } from '../db/schema.js';
import { sourcesOf, type SourceView } from './queries.js';

/** How much article text before an evidence sentence is read to find the lab it refers to. */
export const contextChars = 1500;

/** The article text just before each source's evidence sentence (up to contextChars), by source id. */
export async function textBeforeEvidence(db: DbOrTx, sourceIds: number[]): Promise<Map<number, string>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: dealSources.id,
      before: sql<string | null>`substring(${articles.text} from greatest(1, ${dealSources.evidenceStart} + 1 - ${contextChars}) for least(${contextChars}, ${dealSources.evidenceStart}))`,
    })
    .from(dealSources)
    .innerJoin(articles, eq(articles.id, dealSources.articleId))
    .where(and(inArray(dealSources.id, sourceIds), sql`${dealSources.evidenceStart} > 0`));
  return new Map(rows.filter((r) => r.before).map((r) => [r.id, r.before as string]));
}

export interface MergedInfo {
  into: Pick<Deal, 'id' | 'lab' | 'provider' | 'reviewState'> | null;
  /** The sources this deal had when it was merged (they now belong to `into`). */
  sources: SourceView[];
}

/** For merged deals: the deal each went into and the sources its merge moved there. */
export async function mergedInfoOf(db: DbOrTx, merged: Pick<Deal, 'id' | 'mergedInto'>[]): Promise<Map<number, MergedInfo>> {
  const out = new Map<number, MergedInfo>();
  if (merged.length === 0) return out;
  const ids = merged.map((d) => d.id);
  const targetIds = [...new Set(merged.map((d) => d.mergedInto).filter((v): v is number => v !== null))];
  const targets = targetIds.length ? await db.select({ id: deals.id, lab: deals.lab, provider: deals.provider, reviewState: deals.reviewState }).from(deals).where(inArray(deals.id, targetIds)) : [];
  const events = await db
    .select({ dealId: reviewEvents.dealId, after: reviewEvents.after })
    .from(reviewEvents)
    .where(and(inArray(reviewEvents.dealId, ids), eq(reviewEvents.action, 'merge'), sql`${reviewEvents.undoneAt} is null`))
    .orderBy(desc(reviewEvents.id));
  const moved = new Map<number, number[]>();
  for (const e of events) {
    if (moved.has(e.dealId)) continue;
    const list = e.after?.movedSourceIds;
    moved.set(e.dealId, Array.isArray(list) ? list.filter((v): v is number => typeof v === 'number') : []);
  }
  const sources = await sourcesOf(db, targetIds);
  for (const d of merged) {
    const mine = new Set(moved.get(d.id) ?? []);
    out.set(d.id, { into: targets.find((t) => t.id === d.mergedInto) ?? null, sources: sources.filter((s) => mine.has(s.id)) });
  }
  return out;
}
