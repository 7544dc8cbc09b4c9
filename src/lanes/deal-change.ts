// What one review action's change of a deal does to the lane map and the alerts, inside the action's transaction.
// Every action (approve, reject, edit, merge, undo) hands over the deal as it was and as it is now; this decides
// which pairs are touched: the approved deal's old pair is recomputed (src/lanes/recompute.ts: removed and its alert
// withdrawn when nothing supports it), the pair it now belongs to opened or added to (src/lanes/approve.ts), and a
// pending candidate's provisional alert withdrawn or raised (src/lanes/candidate.ts).
import type { Settings } from '../config.js';
import type { Tx } from '../db/client.js';
import type { Deal } from '../db/schema.js';
import { lockLabs } from '../alerts/alert-store.js';
import { onDealApproved } from './approve.js';
import { onCandidateLeftPair, onCandidatesStored } from './candidate.js';
import { recomputeLane, type LaneRecompute } from './recompute.js';
import type { Withdrawal, WithdrawCause } from './withdraw.js';

interface Pair {
  lab: string;
  provider: string;
}

export interface LaneChange {
  /** The pair the approved deal was on: recomputed from its approved deals (or removed). */
  recomputed?: Pair & LaneRecompute;
  /** The pair the deal is approved on now, when it was not before. */
  joined?: Pair & { laneOpened: boolean; alertId: number | null };
  /** The provisional alert withdrawn from the pair a pending candidate left. */
  provisional?: Pair & Withdrawal;
  /** Provisional alerts raised for the candidate on the pair it was edited to (ALERT_ON=candidate). */
  raised?: number[];
}

/**
 * Call inside the transaction that changed `before` into `after` (same deal id, the row already updated), with the
 * deal row locked. After the commit, call enqueuePendingDeliveries so that new alerts and corrections are sent.
 */
export async function onDealReviewed(tx: Tx, before: Deal, after: Deal, cause: WithdrawCause, settings: Settings): Promise<LaneChange> {
  // Moving a deal between two labs takes both labs' locks up front, in one order, so opposite moves cannot deadlock.
  await lockLabs(tx, [before.lab, after.lab]);
  const samePair = before.lab === after.lab && before.provider === after.provider;
  const change: LaneChange = {};
  if (before.reviewState === 'approved') {
    // Left the pair, or changed figures (amount, power, kind, date) that the lane sums.
    change.recomputed = { ...pairOf(before), ...(await recomputeLane(tx, before, cause, settings)) };
  }
  if (after.reviewState === 'approved' && (before.reviewState !== 'approved' || !samePair)) {
    change.joined = { ...pairOf(after), ...(await onDealApproved(tx, after, settings)) };
  }
  const candidateLeft = before.reviewState === 'pending' && after.reviewState !== 'approved' && (after.reviewState !== 'pending' || !samePair);
  if (candidateLeft) {
    const withdrawn = await onCandidateLeftPair(tx, before, cause, settings);
    if (withdrawn) change.provisional = { ...pairOf(before), ...withdrawn };
  }
  // Only a new pair is news: a candidate back in the queue (an undone approval or rejection) does not alert again.
  if (after.reviewState === 'pending' && !samePair) {
    const raised = await onCandidatesStored(tx, [after.id], settings);
    if (raised.length) change.raised = raised;
  }
  return change;
}

function pairOf(d: Pair): Pair {
  return { lab: d.lab, provider: d.provider };
}

function withdrawalNote(w: Withdrawal): string {
  if (w.correctionAlertId !== null) return `, correction alert #${w.correctionAlertId} sent for alert #${w.withdrawnAlertId}`;
  if (w.withdrawnAlertId !== null) return `, alert #${w.withdrawnAlertId} cancelled before delivery`;
  return '';
}

/** What the change did, for the review event's note: "; lane Anthropic → SpaceX removed, correction alert #4 sent for alert #2". */
export function laneChangeNote(change: LaneChange): string {
  const parts: string[] = [];
  const r = change.recomputed;
  if (r?.outcome === 'recomputed') parts.push(`lane ${r.lab} → ${r.provider} recomputed from ${r.dealCount} approved deal${r.dealCount === 1 ? '' : 's'}`);
  if (r?.outcome === 'removed') parts.push(`lane ${r.lab} → ${r.provider} removed${withdrawalNote(r)}`);
  const j = change.joined;
  if (j) parts.push(j.laneOpened ? `lane ${j.lab} → ${j.provider} opened${j.alertId !== null ? ` with alert #${j.alertId}` : ''}` : `added to lane ${j.lab} → ${j.provider}`);
  const p = change.provisional;
  if (p) parts.push(`provisional alert for ${p.lab} → ${p.provider} withdrawn${withdrawalNote(p)}`);
  if (change.raised) parts.push(`provisional alert #${change.raised.join(', #')} raised`);
  return parts.map((part) => `; ${part}`).join('');
}
