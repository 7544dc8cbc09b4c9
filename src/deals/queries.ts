// Reading candidates for the queue, the deal page, the approved table and exports. Filters are bound parameters only.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { articles, dealKinds, dealSources, dealStatuses, deals, feeds, lanes, reviewEvents, reviewStates, type Article, type Deal, type Lane, type ReviewEvent } from '../db/schema.js';
import { disagreementsOf, sourceFieldsOf, type Disagreement, type SourceFields } from './consensus.js';
import { z } from 'zod';

/** Most rows one list request returns: a page an analyst can scan, and a bound on the work one request does. */
export const maxListLimit = 500;

export const dealFilterSchema = z
  .object({
    state: z.enum([...reviewStates, 'all']).default('pending'),
    lab: z.string().trim().max(200).optional(),
    provider: z.string().trim().max(200).optional(),
    kind: z.enum(dealKinds).optional(),
    status: z.enum(dealStatuses).optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(maxListLimit).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type DealFilter = z.infer<typeof dealFilterSchema>;

export interface SourceView {
  id: number;
  dealId: number;
  articleId: number;
  evidence: string;
  evidenceStart: number | null;
  fields: SourceFields;
  articleTitle: string | null;
  articleUrl: string;
  published: Date | null;
  outlet: string | null;
}

export interface DealListItem extends Deal {
  sourceCount: number;
  /** No lane exists yet for (lab, provider): approving this deal would open one. */
  newLane: boolean;
  sources: SourceView[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

// Correlated subqueries name their tables in full: drizzle leaves columns unqualified in single-table selects,
// and an unqualified "id" inside the subquery would bind to the inner table.
const newLaneSql = sql<boolean>`not exists (select 1 from lanes l where lower(l.lab) = lower("deals"."lab") and lower(l.provider) = lower("deals"."provider"))`;
const sourceCountSql = sql<number>`(select count(*)::int from deal_sources s where s.deal_id = "deals"."id")`;

function whereOf(f: Partial<DealFilter>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.state && f.state !== 'all') conds.push(eq(deals.reviewState, f.state));
  if (f.lab) conds.push(sql`lower(${deals.lab}) = lower(${f.lab})`);
  if (f.provider) conds.push(sql`lower(${deals.provider}) = lower(${f.provider})`);
  if (f.kind) conds.push(eq(deals.kind, f.kind));
  if (f.status) conds.push(eq(deals.status, f.status));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(deals.lab, pattern),
        ilike(deals.provider, pattern),
        ilike(deals.hardware, pattern),
        sql`exists (select 1 from deal_sources s join articles a on a.id = s.article_id
                    where s.deal_id = "deals"."id" and (s.evidence ilike ${pattern} or a.title ilike ${pattern}))`,
      ),
    );
  }
  return and(...conds);
}

export async function sourcesOf(db: DbOrTx, dealIds: number[]): Promise<SourceView[]> {
  if (dealIds.length === 0) return [];
  const rows = await db
    .select({
      id: dealSources.id,
      dealId: dealSources.dealId,
      articleId: dealSources.articleId,
      evidence: dealSources.evidence,
      evidenceStart: dealSources.evidenceStart,
      fields: dealSources.fields,
      articleTitle: articles.title,
      articleUrl: articles.url,
      published: articles.published,
      outlet: feeds.title,
    })
    .from(dealSources)
    .innerJoin(articles, eq(articles.id, dealSources.articleId))
    .leftJoin(feeds, eq(feeds.id, articles.feedId))
    .where(inArray(dealSources.dealId, dealIds))
    .orderBy(asc(articles.published), asc(dealSources.id));
  return rows.map((r) => ({ ...r, fields: sourceFieldsOf(r.fields) }));
}

/** Candidates for the queue (new lanes first, then confidence, then recency) or any other state's list. */
export async function listDeals(db: DbOrTx, filter: Partial<DealFilter> = {}): Promise<{ items: DealListItem[]; total: number }> {
  const f = dealFilterSchema.parse(filter);
  const where = whereOf(f);
  const order =
    f.state === 'pending'
      ? [desc(newLaneSql), desc(deals.confidence), desc(sql`coalesce(${deals.reportedAt}, ${deals.createdAt})`), desc(deals.id)]
      : [desc(sql`coalesce(${deals.reviewedAt}, ${deals.reportedAt}, ${deals.createdAt})`), desc(deals.id)];
  const rows = await db
    .select({ deal: deals, sourceCount: sourceCountSql, newLane: newLaneSql })
    .from(deals)
    .where(where)
    .orderBy(...order)
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(deals).where(where);
  const sources = await sourcesOf(db, rows.map((r) => r.deal.id));
  return {
    total,
    items: rows.map((r) => ({ ...r.deal, sourceCount: r.sourceCount, newLane: r.newLane, sources: sources.filter((s) => s.dealId === r.deal.id) })),
  };
}

export interface DealDetail extends DealListItem {
  events: ReviewEvent[];
  disagreements: Disagreement[];
  lane: Lane | null;
  mergedFrom: Pick<Deal, 'id' | 'lab' | 'provider'>[];
}

export async function getDeal(db: DbOrTx, id: number): Promise<DealDetail | null> {
  const [row] = await db.select({ deal: deals, sourceCount: sourceCountSql, newLane: newLaneSql }).from(deals).where(eq(deals.id, id));
  if (!row) return null;
  const sources = await sourcesOf(db, [id]);
  const events = await db.select().from(reviewEvents).where(eq(reviewEvents.dealId, id)).orderBy(asc(reviewEvents.id));
  const [lane] = await db.select().from(lanes).where(and(sql`lower(${lanes.lab}) = lower(${row.deal.lab})`, sql`lower(${lanes.provider}) = lower(${row.deal.provider})`));
  const mergedFrom = await db.select({ id: deals.id, lab: deals.lab, provider: deals.provider }).from(deals).where(eq(deals.mergedInto, id)).orderBy(deals.id);
  return {
    ...row.deal,
    sourceCount: row.sourceCount,
    newLane: row.newLane,
    sources,
    events,
    disagreements: disagreementsOf(sources.map((s) => s.fields)),
    lane: lane ?? null,
    mergedFrom,
  };
}

/** How many deals are in each review state (for the navigation counters and /metrics). */
export async function countByState(db: DbOrTx): Promise<Record<(typeof reviewStates)[number], number>> {
  const rows = await db.select({ state: deals.reviewState, n: sql<number>`count(*)::int` }).from(deals).groupBy(deals.reviewState);
  const out = { pending: 0, approved: 0, rejected: 0, merged: 0 };
  for (const r of rows) out[r.state] = r.n;
  return out;
}

/** The labs and providers that occur in a state, for the filter lists. */
export async function facetsOf(db: DbOrTx, state: DealFilter['state'] = 'pending'): Promise<{ labs: string[]; providers: string[] }> {
  const where = state === 'all' ? undefined : eq(deals.reviewState, state);
  const labs = await db.selectDistinct({ v: deals.lab }).from(deals).where(where).orderBy(deals.lab).limit(500);
  const providers = await db.selectDistinct({ v: deals.provider }).from(deals).where(where).orderBy(deals.provider).limit(500);
  return { labs: labs.map((r) => r.v), providers: providers.map((r) => r.v) };
}

export interface ArticleDetail {
  article: Article;
  outlet: string | null;
  found: { source: SourceView; deal: Deal }[];
}

export async function getArticle(db: DbOrTx, id: number): Promise<ArticleDetail | null> {
  const [row] = await db.select({ article: articles, outlet: feeds.title }).from(articles).leftJoin(feeds, eq(feeds.id, articles.feedId)).where(eq(articles.id, id));
  if (!row) return null;
  const srcRows = await db.select({ dealId: dealSources.dealId }).from(dealSources).where(eq(dealSources.articleId, id));
  const dealIds = [...new Set(srcRows.map((s) => s.dealId))];
  const sources = (await sourcesOf(db, dealIds)).filter((s) => s.articleId === id);
  const dealRows = dealIds.length ? await db.select().from(deals).where(inArray(deals.id, dealIds)) : [];
  return {
    article: row.article,
    outlet: row.outlet,
    found: sources.map((s) => ({ source: s, deal: dealRows.find((d) => d.id === s.dealId)! })).sort((a, b) => (a.source.evidenceStart ?? 0) - (b.source.evidenceStart ?? 0) || a.deal.id - b.deal.id),
  };
}

/** The JSON shape of a deal in the API, the CLI's --json and the JSON export (snake_case like `extract --json`). */
export function dealJson(d: Deal & Partial<Pick<DealListItem, 'sourceCount' | 'newLane' | 'sources'>>) {
  return {
    id: d.id,
    lab: d.lab,
    provider: d.provider,
    kind: d.kind,
    status: d.status,
    amount_usd: d.amountUsd,
    gigawatts: d.gigawatts,
    hardware: d.hardware,
    confidence: Math.round(d.confidence * 1000) / 1000,
    review_state: d.reviewState,
    merged_into: d.mergedInto,
    reviewer: d.reviewer,
    reject_reason: d.rejectReason,
    reported_at: d.reportedAt?.toISOString() ?? null,
    reviewed_at: d.reviewedAt?.toISOString() ?? null,
    version: d.version,
    ...(d.sourceCount !== undefined ? { source_count: d.sourceCount } : {}),
    ...(d.newLane !== undefined ? { new_lane: d.newLane } : {}),
    ...(d.sources
      ? {
          sources: d.sources.map((s) => ({
            article_id: s.articleId,
            url: s.articleUrl,
            title: s.articleTitle,
            outlet: s.outlet,
            published: s.published?.toISOString() ?? null,
            evidence: s.evidence,
            fields: s.fields,
          })),
        }
      : {}),
  };
}

/** "amountUsd" → "amount_usd": the API's and the CLI's spelling of a field the code names in camelCase. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function snakeCaseDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeCaseDeep);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [snakeCase(k), snakeCaseDeep(x)]));
}

/** An object's keys, nested ones too, in snake_case ("amountUsd" → "amount_usd"): review_events store the deal's own names. */
export function snakeCaseKeys(o: Record<string, unknown> | null): Record<string, unknown> | null {
  return o ? (snakeCaseDeep(o) as Record<string, unknown>) : null;
}

export function eventJson(e: ReviewEvent): Record<string, unknown> {
  return { id: e.id, deal_id: e.dealId, actor: e.actor, action: e.action, note: e.note, before: snakeCaseKeys(e.before), after: snakeCaseKeys(e.after), undone_at: e.undoneAt?.toISOString() ?? null, at: e.createdAt.toISOString() };
}
