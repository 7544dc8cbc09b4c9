// The digest (DIGEST_CRON): one message per period listing the new lanes and the new candidates, for people who
// prefer one message a day to one per alert. The period is the span between the two latest fire times of the cron
// expression, and digests.period_start is unique: however often runDigest is called in a period, it sends once.
import { CronExpressionParser } from 'cron-parser';
import { and, asc, count, eq, gte, lt } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { alertDeliveries, deals, digests, lanes } from '../db/schema.js';
import type { Logger } from '../log.js';
import type { Queues } from '../queue.js';
import { firstReported, labChronology, placeAmong } from './chronology.js';
import { digestChannels } from './channels/configured.js';
import { enqueuePendingDeliveries } from './deliveries.js';
import { digestTitle, type DigestPayload } from './digest-render.js';
import { laneHeadline } from './message.js';

/** Candidates listed by name in one digest; the rest are counted. */
const maxListedCandidates = 50;

export interface DigestContext {
  settings: Settings;
  database: { db: Db };
  queues: Queues;
  logger: Logger;
}

export type DigestResult =
  | { outcome: 'disabled' }
  | { outcome: 'already-done'; periodStart: Date; periodEnd: Date }
  | { outcome: 'created'; digestId: number; periodStart: Date; periodEnd: Date; deliveries: number };

export class DigestCronError extends Error {
  override name = 'DigestCronError';
}

/** The last complete period of `cron` at `now`: [the fire time before the latest, the latest fire time ≤ now]. */
export function digestPeriod(cron: string, now: Date): { start: Date; end: Date } {
  let expression;
  try {
    // cron-parser's prev() is strictly before currentDate; one second later includes a fire time of exactly now.
    expression = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1000), tz: 'UTC' });
  } catch (err) {
    throw new DigestCronError(`DIGEST_CRON ${JSON.stringify(cron)} is not a cron expression: ${(err as Error).message}`);
  }
  const end = expression.prev().toDate();
  const start = expression.prev().toDate();
  return { start, end };
}

export async function buildDigestPayload(db: Db, start: Date, end: Date, publicUrl: string): Promise<DigestPayload> {
  const found = await db
    .select({ lab: lanes.lab, provider: lanes.provider, openedAt: lanes.openedAt, dealId: lanes.openedByDealId })
    .from(lanes)
    .where(and(eq(lanes.origin, 'review'), gte(lanes.createdAt, start), lt(lanes.createdAt, end)))
    .orderBy(asc(lanes.lab), asc(lanes.id));
  // Each new lane told as the lab's chronology has it now (a lane found later may have moved it), lab by lab in order.
  const newLanes: DigestPayload['newLanes'] = [];
  for (const lab of [...new Set(found.map((l) => l.lab))]) {
    const chronology = await labChronology(db, lab);
    const ofLab = found.filter((l) => l.lab === lab);
    for (const entry of chronology) {
      const lane = ofLab.find((l) => l.provider === entry.provider);
      if (!lane) continue;
      const place = placeAmong(chronology, entry);
      const reported = firstReported(entry);
      newLanes.push({
        ...lane,
        openedAt: lane.openedAt.toISOString(),
        firstReported: reported,
        headline: laneHeadline(lab, lane.provider, place.earlier, { laterProviders: place.later, firstReported: reported }),
      });
    }
  }
  const inPeriod = and(eq(deals.reviewState, 'pending'), gte(deals.createdAt, start), lt(deals.createdAt, end));
  const candidates = await db
    .select({
      id: deals.id,
      lab: deals.lab,
      provider: deals.provider,
      kind: deals.kind,
      status: deals.status,
      amountUsd: deals.amountUsd,
      gigawatts: deals.gigawatts,
      confidence: deals.confidence,
    })
    .from(deals)
    .where(inPeriod)
    .orderBy(asc(deals.createdAt), asc(deals.id))
    .limit(maxListedCandidates);
  const [{ total }] = await db.select({ total: count() }).from(deals).where(inPeriod);
  return {
    type: 'digest',
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    newLanes,
    newCandidates: candidates,
    moreCandidates: Math.max(0, total - candidates.length),
    reviewUrl: `${publicUrl.replace(/\/+$/, '')}/`,
  };
}

/**
 * Makes and enqueues the digest of the last complete DIGEST_CRON period, once. An empty period (no new lane, no new
 * candidate) is recorded but sent to nobody: a daily "nothing happened" is noise.
 */
export async function runDigest(ctx: DigestContext, now: Date = new Date()): Promise<DigestResult> {
  const cron = ctx.settings.DIGEST_CRON;
  if (!cron) return { outcome: 'disabled' };
  const { start, end } = digestPeriod(cron, now);
  const { db } = ctx.database;
  const payload = await buildDigestPayload(db, start, end, ctx.settings.PUBLIC_URL);
  const empty = payload.newLanes.length === 0 && payload.newCandidates.length === 0;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(digests)
      .values({ periodStart: start, periodEnd: end, message: digestTitle(payload), payload: payload as unknown as Record<string, unknown> })
      .onConflictDoNothing({ target: digests.periodStart })
      .returning({ id: digests.id });
    if (!row) return null;
    const channels = empty ? [] : digestChannels(ctx.settings);
    if (channels.length) await tx.insert(alertDeliveries).values(channels.map((channel) => ({ digestId: row.id, channel })));
    return { id: row.id, deliveries: channels.length };
  });
  if (!created) return { outcome: 'already-done', periodStart: start, periodEnd: end };
  ctx.logger.info({ digest_id: created.id, period_start: start, period_end: end, deliveries: created.deliveries }, 'digest made');
  if (created.deliveries) {
    await enqueuePendingDeliveries(db, ctx.queues).catch((err: Error) =>
      ctx.logger.warn({ error: err.message }, 'could not enqueue digest deliveries; the sweep will'),
    );
  }
  return { outcome: 'created', digestId: created.id, periodStart: start, periodEnd: end, deliveries: created.deliveries };
}
