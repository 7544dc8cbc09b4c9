// ALERT_ON=candidate: a provisional alert as soon as a confident pending candidate would open a lane, before review.
import { and, eq, inArray } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { deals, lanes } from '../db/schema.js';
import { buildDealAlert, insertAlertOnce, lockLab } from './alert-store.js';

/**
 * Call inside the transaction that stored the candidates `dealIds`. Returns the ids of the provisional alerts
 * created (empty unless ALERT_ON=candidate). After the commit, call enqueuePendingDeliveries.
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
