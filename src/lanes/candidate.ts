// ALERT_ON=candidate: a provisional alert as soon as a confident pending candidate would open a lane, before review;
// withdrawn again when no such candidate is left for the pair.
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { alerts, deals, lanes } from '../db/schema.js';
import { buildDealAlert, insertAlertOnce, liveAlertOf, lockLab } from '../alerts/alert-store.js';
import { withdrawLiveAlert, type Withdrawal, type WithdrawCause } from './withdraw.js';

/**
 * Call inside the transaction that stored the candidates `dealIds` (or changed them in review). Returns the ids of
 * the provisional alerts created (empty unless ALERT_ON=candidate). After the commit, call enqueuePendingDeliveries.
 * The alert is unique per (lab, provider): approving the deal later confirms it instead of sending another.
 */
export async function onCandidatesStored(tx: Tx, dealIds: number[], settings: Settings): Promise<number[]> {
  if (settings.ALERT_ON !== 'candidate' || dealIds.length === 0) return [];
  const found = await tx
    .select()
    .from(deals)
    .where(inArray(deals.id, [...new Set(dealIds)]))
    .orderBy(deals.id);
  const created: number[] = [];
  for (const deal of found) {
    if (deal.reviewState !== 'pending' || deal.confidence < settings.ALERT_CANDIDATE_MIN_CONFIDENCE) continue;
    await lockLab(tx, deal.lab);
    const [lane] = await tx
      .select({ id: lanes.id })
      .from(lanes)
      .where(and(eq(lanes.lab, deal.lab), eq(lanes.provider, deal.provider)));
    if (lane) continue;
    const { message, payload } = await buildDealAlert(tx, deal, settings, false);
    const alertId = await insertAlertOnce(
      tx,
      { lab: deal.lab, provider: deal.provider, laneId: null, dealId: deal.id, provisional: true, message, payload },
      settings,
    );
    if (alertId !== null) created.push(alertId);
  }
  return created;
}

/**
 * Call inside the transaction in which a pending candidate left `pair` (rejected, merged away, edited to another
 * pair; the deal row already updated). The pair's provisional alert is withdrawn (cancelled if not yet delivered,
 * else corrected) unless another confident pending candidate of the pair still stands behind it. Whatever ALERT_ON
 * says now: an alert that went out is corrected. Returns null when nothing was withdrawn.
 */
export async function onCandidateLeftPair(tx: Tx, pair: { lab: string; provider: string }, cause: WithdrawCause, settings: Settings): Promise<Withdrawal | null> {
  await lockLab(tx, pair.lab);
  const [alert] = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(liveAlertOf(pair.lab, pair.provider), eq(alerts.provisional, true)));
  if (!alert) return null;
  const [support] = await tx
    .select({ id: deals.id })
    .from(deals)
    .where(
      and(
        eq(deals.lab, pair.lab),
        eq(deals.provider, pair.provider),
        eq(deals.reviewState, 'pending'),
        gte(deals.confidence, settings.ALERT_CANDIDATE_MIN_CONFIDENCE),
      ),
    )
    .limit(1);
  if (support) return null;
  return withdrawLiveAlert(tx, pair, cause, settings);
}
