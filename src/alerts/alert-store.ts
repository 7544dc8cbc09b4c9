// Creating a new-lane alert and its outbox rows inside the caller's transaction.
// "Exactly one alert per lane" is the unique index alerts_pair_uq, not a check in code.
import { and, asc, eq, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { alertDeliveries, alerts, articles, dealSources, type Deal } from '../db/schema.js';
import { firstReported, labChronology, placeAmong, type ChronologyEntry, type LanePlace } from './chronology.js';
import { configuredChannels } from './channels/configured.js';
import { buildLaneAlert, type AlertSource, type LaneAlertPayload } from './message.js';

/** The pair's live new-lane alert: the one alerts_pair_uq keeps unique (withdrawn ones and corrections do not count). */
export function liveAlertOf(lab: string | SQLWrapper, provider: string | SQLWrapper): SQL {
  return and(eq(alerts.lab, lab), eq(alerts.provider, provider), eq(alerts.kind, 'new-lane'), isNull(alerts.withdrawnAt)) as SQL;
}

/** alerts_pair_uq's predicate, as ON CONFLICT needs it to infer a partial unique index. */
const liveAlertPredicate = sql`kind = 'new-lane' and withdrawn_at is null`;

/** Sources kept in an alert: enough to check the claim, not a whole press cycle. */
const maxSources = 5;

/**
 * Serialises lane changes of one lab within concurrent transactions, so that two lanes of one lab opened at the
 * same moment still get "second" and "third", not both "second". Released at commit or rollback.
 */
export async function lockLab(tx: Tx, lab: string): Promise<void> {
  // 0x6c77 ("lw") keeps lanewatch's advisory locks apart from anything else using the two-key form.
  await tx.execute(sql`select pg_advisory_xact_lock(${0x6c77}, hashtext(${lab}))`);
}

/** lockLab for several labs, in one order for everyone: a transaction that touches two labs cannot deadlock another. */
export async function lockLabs(tx: Tx, labs: readonly string[]): Promise<void> {
  for (const lab of [...new Set(labs)].sort()) await lockLab(tx, lab);
}

/** Where the deal's lane stands (or would stand) in its lab's chronology: the alert's ordinal and "after …" list. */
export async function dealLanePlace(tx: Tx, deal: Deal): Promise<LanePlace & { firstReported: string }> {
  const others = await labChronology(tx, deal.lab);
  const own = others.find((e) => e.provider === deal.provider);
  // A provisional alert (ALERT_ON=candidate) is about a lane not stored yet: place it on the deal's date.
  const lane: ChronologyEntry = own ?? { provider: deal.provider, openedAt: dealDate(deal), openedAtPrecision: 'day', id: null };
  return { ...placeAmong(others, lane), firstReported: firstReported(lane) };
}

export async function dealAlertSources(tx: Tx, dealId: number): Promise<AlertSource[]> {
  const rows = await tx
    .select({
      evidence: dealSources.evidence,
      url: articles.canonicalUrl,
      title: articles.title,
      published: articles.published,
    })
    .from(dealSources)
    .innerJoin(articles, eq(articles.id, dealSources.articleId))
    .where(eq(dealSources.dealId, dealId))
    .orderBy(asc(sql`coalesce(${articles.published}, ${articles.createdAt})`), asc(dealSources.id))
    .limit(maxSources);
  return rows.map((r) => ({ evidence: r.evidence, url: r.url, title: r.title, published: r.published?.toISOString() ?? null }));
}

export function dealDate(deal: Deal): Date {
  return deal.reportedAt ?? deal.createdAt;
}

export async function buildDealAlert(tx: Tx, deal: Deal, settings: Settings, confirmed: boolean): Promise<{ message: string; payload: LaneAlertPayload }> {
  const place = await dealLanePlace(tx, deal);
  return buildLaneAlert({
    lab: deal.lab,
    provider: deal.provider,
    previousProviders: place.earlier,
    laterProviders: place.later,
    firstReported: place.firstReported,
    confirmed,
    deal: {
      id: deal.id,
      kind: deal.kind,
      status: deal.status,
      amountUsd: deal.amountUsd,
      gigawatts: deal.gigawatts,
      hardware: deal.hardware,
      confidence: deal.confidence,
      reportedAt: dealDate(deal).toISOString(),
    },
    sources: await dealAlertSources(tx, deal.id),
    publicUrl: settings.PUBLIC_URL,
  });
}

/** When a new-lane alert raised now may leave: ALERT_DELAY_SECONDS later, the reviewer's undo window. */
export function undoWindowEnd(settings: Settings, now = new Date()): Date {
  return new Date(now.getTime() + settings.ALERT_DELAY_SECONDS * 1000);
}

/**
 * Inserts the alert of a (lab, provider) pair and one pending delivery per configured channel; the deliveries wait
 * for the undo window (alerts.send_after).
 * Returns the new alert's id, or null when the pair already had a live alert (nothing is added then).
 */
export async function insertAlertOnce(
  tx: Tx,
  values: { lab: string; provider: string; laneId: number | null; dealId: number; provisional: boolean; message: string; payload: LaneAlertPayload },
  settings: Settings,
): Promise<number | null> {
  const [row] = await tx
    .insert(alerts)
    .values({ ...values, payload: values.payload as unknown as Record<string, unknown>, sendAfter: undoWindowEnd(settings) })
    .onConflictDoNothing({ target: [alerts.lab, alerts.provider], where: liveAlertPredicate })
    .returning({ id: alerts.id });
  if (!row) return null;
  await insertDeliveries(tx, row.id, configuredChannels(settings));
  return row.id;
}

/** One pending outbox row per channel for an alert. */
export async function insertDeliveries(tx: Tx, alertId: number, channels: readonly string[]): Promise<void> {
  if (channels.length === 0) return;
  await tx
    .insert(alertDeliveries)
    .values(channels.map((channel) => ({ alertId, channel })))
    .onConflictDoNothing();
}
