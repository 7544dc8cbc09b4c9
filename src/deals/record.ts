// Stores what extraction found in one article as candidate deals and their sources, inside the caller's transaction.
// One deal reported by several outlets (same lab, provider and kind, compatible amount and power, within
// clusterWindowDays) becomes ONE candidate with many sources; its fields are the best-supported values.
// Re-running it for the same article changes nothing (deal_sources is unique on article and pair).
import { and, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { dealSources, deals, reviewEvents, type Deal } from '../db/schema.js';
import type { Tx } from '../db/client.js';
import type { ExtractedDeal } from '../extract/types.js';
import { compatibleNumbers, consensusOf, sourceFieldsOf } from './consensus.js';

/** Reports of one deal by several outlets arrive within this window. */
export const clusterWindowDays = 14;

/** The existing candidate that a new report of (lab, provider, kind) belongs to, if any. */
export async function findCluster(tx: Tx, found: ExtractedDeal, reportedAt: Date): Promise<Deal | undefined> {
  const windowMs = clusterWindowDays * 24 * 3600 * 1000;
  const candidates = await tx
    .select()
    .from(deals)
    .where(
      and(
        eq(deals.lab, found.lab),
        eq(deals.provider, found.provider),
        eq(deals.kind, found.kind),
        inArray(deals.reviewState, ['pending', 'approved']),
        gte(sql`coalesce(${deals.reportedAt}, ${deals.createdAt})`, new Date(reportedAt.getTime() - windowMs)),
        lte(sql`coalesce(${deals.reportedAt}, ${deals.createdAt})`, new Date(reportedAt.getTime() + windowMs)),
      ),
    )
    .orderBy(deals.id);
  const fits = candidates.filter((d) => compatibleNumbers(d.amountUsd, found.amount_usd) && compatibleNumbers(d.gigawatts, found.gigawatts));
  // Prefer the candidate that states the same figures over one that merely states none.
  const score = (d: Deal) => Number(d.amountUsd !== null && found.amount_usd !== null) + Number(d.gigawatts !== null && found.gigawatts !== null);
  return fits.sort((a, b) => score(b) - score(a) || a.id - b.id)[0];
}

/** Re-derives a pending candidate's fields from all its sources, unless a reviewer has edited it (their word wins). */
/** Sources weighed when a deal's fields are recomputed: plenty for a consensus, bounded for widely reported deals. */
export const consensusSampleSize = 100;

export async function refreshFromSources(tx: Tx, dealId: number): Promise<void> {
  const [deal] = await tx.select().from(deals).where(eq(deals.id, dealId));
  if (!deal || deal.reviewState !== 'pending') return;
  const edited = await tx
    .select({ id: reviewEvents.id })
    .from(reviewEvents)
    .where(and(eq(reviewEvents.dealId, dealId), eq(reviewEvents.action, 'edit'), isNull(reviewEvents.undoneAt)))
    .limit(1);
  if (edited.length) return;
  // The newest sources only: a deal every outlet reports would otherwise cost a read of all its sources per new one.
  const sources = await tx
    .select({ fields: dealSources.fields })
    .from(dealSources)
    .where(eq(dealSources.dealId, dealId))
    .orderBy(desc(dealSources.id))
    .limit(consensusSampleSize);
  if (sources.length === 0) return;
  const c = consensusOf(sources.map((s) => sourceFieldsOf(s.fields)));
  await tx
    .update(deals)
    .set({ status: c.status, amountUsd: c.amountUsd, gigawatts: c.gigawatts, hardware: c.hardware, confidence: c.confidence, updatedAt: new Date() })
    .where(eq(deals.id, dealId));
}

/** Records the deals of one article; returns the ids of the deals it created or added a source to. */
export async function recordArticleDeals(
  tx: Tx,
  article: { id: number; published: Date | null },
  found: ExtractedDeal[],
): Promise<number[]> {
  const touched: number[] = [];
  const reportedAt = article.published ?? new Date();
  for (const d of found) {
    // Two extractor processes recording the same pair at once must not both create a candidate.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deal-pair|${d.lab}|${d.provider}`}))`);
    const already = await tx
      .select({ dealId: dealSources.dealId })
      .from(dealSources)
      .where(and(eq(dealSources.articleId, article.id), eq(dealSources.lab, d.lab), eq(dealSources.provider, d.provider)));
    if (already.length) {
      touched.push(already[0].dealId);
      continue;
    }
    const cluster = await findCluster(tx, d, reportedAt);
    let dealId: number;
    if (cluster) {
      dealId = cluster.id;
      if (cluster.reportedAt === null || reportedAt < cluster.reportedAt) {
        await tx.update(deals).set({ reportedAt, updatedAt: new Date() }).where(eq(deals.id, cluster.id));
      }
    } else {
      const [row] = await tx
        .insert(deals)
        .values({
          lab: d.lab,
          provider: d.provider,
          kind: d.kind,
          status: d.status,
          amountUsd: d.amount_usd,
          gigawatts: d.gigawatts,
          hardware: d.hardware,
          confidence: d.confidence,
          reportedAt,
        })
        .returning({ id: deals.id });
      dealId = row.id;
    }
    await tx
      .insert(dealSources)
      .values({
        dealId,
        articleId: article.id,
        lab: d.lab,
        provider: d.provider,
        evidence: d.evidence,
        evidenceStart: d.evidence_start,
        evidenceEnd: d.evidence_end,
        fields: {
          status: d.status,
          kind: d.kind,
          amount_usd: d.amount_usd,
          gigawatts: d.gigawatts,
          hardware: d.hardware,
          confidence: d.confidence,
        },
      })
      .onConflictDoNothing();
    if (cluster) await refreshFromSources(tx, dealId);
    touched.push(dealId);
  }
  return touched;
}
