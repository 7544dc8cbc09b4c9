// What approving a deal does to the lane map, inside the approval's transaction: open the pair's lane (and raise
// its one alert) or add the deal to the lane that is already open.
import { and, eq, sql } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { alerts, lanes, type Deal } from '../db/schema.js';
import { buildDealAlert, dealDate, insertAlertOnce, liveAlertOf, lockLab } from '../alerts/alert-store.js';

/**
 * Call inside the transaction that marks `deal` approved. After the commit, call enqueuePendingDeliveries
 * (src/alerts/deliveries.ts) so that the notifier sends what this created.
 *
 * laneOpened: this deal opened the (lab, provider) lane.
 * alertId: the alert this call created, or null (the lane existed, or a provisional alert had already been sent for
 * the pair: that one is marked confirmed and nothing is sent again).
 */
export async function onDealApproved(tx: Tx, deal: Deal, settings: Settings): Promise<{ laneOpened: boolean; alertId: number | null }> {
  await lockLab(tx, deal.lab);
  const at = dealDate(deal);
  // The unique index decides who opens the lane: a concurrent approval of the same pair waits here for the first
  // transaction to finish, then finds the row and adds to it instead.
  const [opened] = await tx
    .insert(lanes)
    .values({
      lab: deal.lab,
      provider: deal.provider,
      kind: deal.kind,
      origin: 'review',
      openedByDealId: deal.id,
      openedAt: at,
      dealCount: 1,
      totalUsd: deal.amountUsd,
      totalGw: deal.gigawatts,
      lastDealAt: at,
    })
    .onConflictDoNothing({ target: [lanes.lab, lanes.provider] })
    .returning({ id: lanes.id });

  if (!opened) {
    await tx
      .update(lanes)
      .set({
        dealCount: sql`${lanes.dealCount} + 1`,
        totalUsd: deal.amountUsd === null ? sql`${lanes.totalUsd}` : sql`coalesce(${lanes.totalUsd}, 0) + ${deal.amountUsd}`,
        totalGw: deal.gigawatts === null ? sql`${lanes.totalGw}` : sql`coalesce(${lanes.totalGw}, 0) + ${deal.gigawatts}`,
        lastDealAt: sql`greatest(${lanes.lastDealAt}, ${at.toISOString()}::timestamptz)`,
        // A review lane is first reported by its earliest deal; a baseline lane keeps the baseline's date.
        openedAt: sql`case when ${lanes.origin} = 'review' then least(${lanes.openedAt}, ${at.toISOString()}::timestamptz) else ${lanes.openedAt} end`,
      })
      .where(and(eq(lanes.lab, deal.lab), eq(lanes.provider, deal.provider)));
    return { laneOpened: false, alertId: null };
  }

  const { message, payload } = await buildDealAlert(tx, deal, settings, true);
  const alertId = await insertAlertOnce(
    tx,
    { lab: deal.lab, provider: deal.provider, laneId: opened.id, dealId: deal.id, provisional: false, message, payload },
    settings,
  );
  if (alertId === null) {
    // A provisional alert (ALERT_ON=candidate) already went out for this pair: confirm it, send nothing new.
    await tx
      .update(alerts)
      .set({
        provisional: false,
        laneId: opened.id,
        payload: sql`${alerts.payload} || ${JSON.stringify({ confirmed: true, confirmedAt: new Date().toISOString(), confirmedByDealId: deal.id })}::jsonb`,
      })
      .where(liveAlertOf(deal.lab, deal.provider));
  }
  return { laneOpened: true, alertId };
}
