// Stores what extraction found in one article as candidate deals and their sources, inside the caller's transaction.
// Re-running it for the same article changes nothing (deal_sources is unique on article and pair).
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { dealSources, deals, type Deal } from '../db/schema.js';
import type { Tx } from '../db/client.js';
import type { ExtractedDeal } from '../extract/types.js';

/** Reports of one deal by several outlets arrive within this window. */
export const clusterWindowDays = 14;

function compatible(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return true;
  const hi = Math.max(a, b);
  return hi === 0 || Math.abs(a - b) / hi <= 0.15;
}

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
  return candidates.find((d) => compatible(d.amountUsd, found.amount_usd) && compatible(d.gigawatts, found.gigawatts));
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
      await tx
        .update(deals)
        .set({
          // A later source fills in what earlier ones left out; confidence grows with corroboration.
          amountUsd: cluster.amountUsd ?? d.amount_usd,
          gigawatts: cluster.gigawatts ?? d.gigawatts,
          hardware: cluster.hardware ?? d.hardware,
          confidence: Math.min(1, Math.max(cluster.confidence, d.confidence) + 0.05),
          updatedAt: new Date(),
        })
        .where(eq(deals.id, cluster.id));
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
    touched.push(dealId);
  }
  return touched;
}
