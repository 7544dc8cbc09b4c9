// Recomputing a pair's lane from the approved deals it has now, inside a review's transaction: after an approval is
// undone, or an approved deal is edited (its figures, or its pair: then both the pair it left and, through
// onDealApproved, the pair it joined). A lane a review opened that no approved deal supports any more is removed,
// and its alert withdrawn (src/lanes/withdraw.ts). Baseline lanes stay.
import { and, asc, eq } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import { deals, lanes, type Deal, type Lane } from '../db/schema.js';
import { dealDate, lockLab } from '../alerts/alert-store.js';
import { withdrawLiveAlert, type Withdrawal, type WithdrawCause } from './withdraw.js';

export type LaneRecompute =
  /** The pair had no lane (nothing to change on the map). */
  | { outcome: 'none' }
  /** The lane stays (a baseline lane, or approved deals remain): its figures are those of the remaining deals. */
  | { outcome: 'recomputed'; laneId: number; dealCount: number; openedByDealId: number | null }
  | ({ outcome: 'removed'; laneId: number } & Withdrawal);

/**
 * Call inside the transaction that changed an approved deal of the pair (the deal row already updated). After the
 * commit, call enqueuePendingDeliveries so that a correction is sent.
 */
export async function recomputeLane(tx: Tx, pair: { lab: string; provider: string }, cause: WithdrawCause, settings: Settings): Promise<LaneRecompute> {
  // The same lock as approvals of the lab: an approval of this pair waits for the recompute, or the recompute for it.
  await lockLab(tx, pair.lab);
  const [lane] = await tx
    .select()
    .from(lanes)
    .where(and(eq(lanes.lab, pair.lab), eq(lanes.provider, pair.provider)))
    .for('update');
  if (!lane) return { outcome: 'none' };
  const remaining = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.lab, pair.lab), eq(deals.provider, pair.provider), eq(deals.reviewState, 'approved')))
    .orderBy(asc(deals.reviewedAt), asc(deals.id));

  if (remaining.length === 0 && lane.origin === 'review') {
    await tx.delete(lanes).where(eq(lanes.id, lane.id));
    return { outcome: 'removed', laneId: lane.id, ...(await withdrawLiveAlert(tx, pair, cause, settings)) };
  }
  const set = laneFigures(lane, remaining);
  await tx.update(lanes).set(set).where(eq(lanes.id, lane.id));
  return { outcome: 'recomputed', laneId: lane.id, dealCount: set.dealCount, openedByDealId: set.openedByDealId };
}

function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/**
 * The lane as its approved deals alone would have left it. A review lane keeps its opener while that deal is still
 * approved on the pair, otherwise the deal approved first opens it; it takes its opener's kind (an edit or a merge
 * may have changed it) and the date of its earliest remaining deal. A baseline lane keeps its own origin, kind and date.
 */
function laneFigures(lane: Lane, remaining: Deal[]): Pick<Lane, 'dealCount' | 'totalUsd' | 'totalGw' | 'lastDealAt' | 'openedByDealId' | 'openedAt' | 'kind'> {
  const dates = remaining.map((d) => dealDate(d).getTime());
  const figures = {
    dealCount: remaining.length,
    totalUsd: sumOrNull(remaining.map((d) => d.amountUsd)),
    totalGw: sumOrNull(remaining.map((d) => d.gigawatts)),
    lastDealAt: dates.length ? new Date(Math.max(...dates)) : null,
  };
  if (lane.origin !== 'review') return { ...figures, openedByDealId: lane.openedByDealId, openedAt: lane.openedAt, kind: lane.kind };
  const opener = remaining.find((d) => d.id === lane.openedByDealId) ?? remaining[0];
  // The lane's place in the lab's chronology is its earliest report among the deals that remain.
  return { ...figures, openedByDealId: opener.id, openedAt: new Date(Math.min(...dates)), kind: opener.kind };
}
