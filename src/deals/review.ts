// Review actions on candidate deals: approve, reject, edit, merge, undo, bulk reject.
// Each runs in one transaction that locks the deal row (select ... for update), so two reviewers acting on one deal
// at once give one action and one conflict, never two approvals; each writes a review_events row (before, after).
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Settings } from '../config.js';
import type { Db, Tx } from '../db/client.js';
import { dealSources, deals, reviewEvents, type Deal, type ReviewEvent } from '../db/schema.js';
import { lockLabs } from '../alerts/alert-store.js';
import { onDealApproved } from '../lanes/approve.js';
import { laneChangeNote, onDealReviewed, type LaneChange } from '../lanes/deal-change.js';
import { enqueuePendingDeliveries } from '../alerts/deliveries.js';
import type { Logger } from '../log.js';
import type { Queues } from '../queue.js';
import type { DealEdit } from './edit.js';
import { DealNotFoundError, ReviewConflictError, ReviewInputError } from './errors.js';
import { snakeCase } from './queries.js';
import { refreshFromSources } from './record.js';

export interface ReviewContext {
  db: Db;
  settings: Settings;
  /** When given, alert deliveries created by an approval are enqueued after it commits (else the sweep sends them). */
  queues?: Queues;
  logger?: Logger;
}

export interface ActionOptions {
  /** The version the reviewer saw; a different current version is a conflict (someone else acted meanwhile). */
  expectedVersion?: number;
}

export const undoableActions = ['approve', 'reject', 'edit', 'merge'] as const;

/** The part of a deal that review actions change, as stored in review_events.before/after. */
export function snapshot(d: Deal): Record<string, unknown> {
  return {
    lab: d.lab,
    provider: d.provider,
    kind: d.kind,
    status: d.status,
    amountUsd: d.amountUsd,
    gigawatts: d.gigawatts,
    hardware: d.hardware,
    reviewState: d.reviewState,
    reviewer: d.reviewer,
    rejectReason: d.rejectReason,
    mergedInto: d.mergedInto,
    reviewedAt: d.reviewedAt ? d.reviewedAt.toISOString() : null,
    version: d.version,
  };
}

async function lockDeal(tx: Tx, id: number, options: ActionOptions = {}): Promise<Deal> {
  const [deal] = await tx.select().from(deals).where(eq(deals.id, id)).for('update');
  if (!deal) throw new DealNotFoundError(id);
  if (options.expectedVersion !== undefined && options.expectedVersion !== deal.version) {
    throw new ReviewConflictError(`deal ${id} changed since you loaded it (version ${options.expectedVersion}, now ${deal.version}); reload and try again`);
  }
  return deal;
}

function requireState(deal: Deal, allowed: Deal['reviewState'][], action: string): void {
  if (!allowed.includes(deal.reviewState)) {
    throw new ReviewConflictError(`cannot ${action} deal ${deal.id}: it is ${deal.reviewState}${deal.reviewer ? ` (by ${deal.reviewer})` : ''}`);
  }
}

async function update(tx: Tx, id: number, set: Partial<typeof deals.$inferInsert>): Promise<Deal> {
  const [row] = await tx
    .update(deals)
    .set({ ...set, version: sql`${deals.version} + 1`, updatedAt: new Date() })
    .where(eq(deals.id, id))
    .returning();
  return row;
}

async function record(tx: Tx, dealId: number, actor: string, action: string, before: Deal | null, after: Record<string, unknown> | null, note?: string | null): Promise<ReviewEvent> {
  const [row] = await tx
    .insert(reviewEvents)
    .values({ dealId, actor, action, before: before ? snapshot(before) : null, after, note: note ?? null })
    .returning();
  return row;
}

/** After an action commits: send the alerts or corrections it created. */
async function enqueueAlerts(ctx: ReviewContext): Promise<void> {
  if (!ctx.queues) return;
  // The action is committed; a Redis hiccup here only delays the alert until the sweep re-sends it.
  await enqueuePendingDeliveries(ctx.db, ctx.queues).catch((err: Error) => ctx.logger?.warn({ error: err.message }, 'could not enqueue alert deliveries; the sweep will'));
}

export interface ApproveResult {
  deal: Deal;
  laneOpened: boolean;
  alertId: number | null;
}

export async function approveDeal(ctx: ReviewContext, id: number, actor: string, options: ActionOptions = {}): Promise<ApproveResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockDeal(tx, id, options);
    requireState(before, ['pending'], 'approve');
    const deal = await update(tx, id, { reviewState: 'approved', reviewer: actor, reviewedAt: new Date(), rejectReason: null });
    const lane = await onDealApproved(tx, deal, ctx.settings);
    await record(tx, id, actor, 'approve', before, { ...snapshot(deal), laneOpened: lane.laneOpened, alertId: lane.alertId });
    return { deal, laneOpened: lane.laneOpened, alertId: lane.alertId };
  });
  await enqueueAlerts(ctx);
  return result;
}

/** The review event's fields for what an action did to the lanes: none when it did nothing. */
function laneFields(change: LaneChange): { lanes?: LaneChange } {
  return Object.keys(change).length ? { lanes: change } : {};
}

function withLaneNote(note: string | null, change: LaneChange): string | null {
  const lanes = laneChangeNote(change).replace(/^; /, '');
  if (!lanes) return note;
  return note ? `${note}; ${lanes}` : lanes;
}

export async function rejectDeal(ctx: ReviewContext, id: number, actor: string, reason: string | null = null, options: ActionOptions = {}): Promise<Deal> {
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockDeal(tx, id, options);
    requireState(before, ['pending'], 'reject');
    const deal = await update(tx, id, { reviewState: 'rejected', reviewer: actor, reviewedAt: new Date(), rejectReason: reason?.trim() || null });
    // A provisional alert (ALERT_ON=candidate) this candidate stood behind is withdrawn.
    const change = await onDealReviewed(tx, before, deal, { reason: 'rejected', dealId: id }, ctx.settings);
    await record(tx, id, actor, 'reject', before, { ...snapshot(deal), ...laneFields(change) }, withLaneNote(reason?.trim() || null, change));
    return { deal, change };
  });
  if (result.change.provisional) await enqueueAlerts(ctx);
  return result.deal;
}

/** Rejects every listed deal that is still pending, in one transaction; the others are reported as skipped. */
export async function bulkRejectDeals(ctx: ReviewContext, ids: number[], actor: string, reason: string | null = null): Promise<{ rejected: number[]; skipped: number[] }> {
  const unique = [...new Set(ids)].sort((a, b) => a - b); // one lock order for everyone: no deadlocks between bulk actions
  const result = await ctx.db.transaction(async (tx) => {
    const rejected: number[] = [];
    const skipped: number[] = [];
    let withdrew = false;
    const rows = unique.length ? await tx.select().from(deals).where(inArray(deals.id, unique)).orderBy(deals.id).for('update') : [];
    const pending = rows.filter((d) => d.reviewState === 'pending');
    await lockLabs(tx, pending.map((d) => d.lab));
    for (const id of unique) {
      const before = pending.find((d) => d.id === id);
      if (!before) {
        skipped.push(id);
        continue;
      }
      const deal = await update(tx, id, { reviewState: 'rejected', reviewer: actor, reviewedAt: new Date(), rejectReason: reason?.trim() || null });
      const change = await onDealReviewed(tx, before, deal, { reason: 'rejected', dealId: id }, ctx.settings);
      withdrew ||= change.provisional !== undefined;
      await record(tx, id, actor, 'reject', before, { ...snapshot(deal), ...laneFields(change) }, withLaneNote(reason?.trim() || null, change));
      rejected.push(id);
    }
    return { rejected, skipped, withdrew };
  });
  if (result.withdrew) await enqueueAlerts(ctx);
  return { rejected: result.rejected, skipped: result.skipped };
}

/**
 * Edits a deal's fields. On an approved deal the lane map follows in the same transaction: a new lab or provider
 * moves the deal from its old pair's lane (recomputed, or removed with its alert withdrawn) to the new pair's (opened
 * with its one alert, or added to); new figures recompute the lane. On a pending candidate a new pair withdraws the
 * old pair's provisional alert (ALERT_ON=candidate) and may raise one for the new pair.
 */
export async function editDeal(ctx: ReviewContext, id: number, actor: string, edit: DealEdit, options: ActionOptions = {}): Promise<Deal> {
  const result = await ctx.db.transaction(async (tx) => {
    const before = await lockDeal(tx, id, options);
    requireState(before, ['pending', 'approved', 'rejected'], 'edit');
    const changed = Object.fromEntries(Object.entries(edit).filter(([k, v]) => v !== undefined && before[k as keyof Deal] !== v));
    if (Object.keys(changed).length === 0) throw new ReviewInputError(`nothing changes on deal ${id}: the values given are the current ones`);
    const deal = await update(tx, id, changed);
    const change = await onDealReviewed(tx, before, deal, { reason: 'edited', dealId: id, now: { dealId: id, lab: deal.lab, provider: deal.provider } }, ctx.settings);
    await record(tx, id, actor, 'edit', before, { ...snapshot(deal), ...laneFields(change) }, withLaneNote(Object.keys(changed).map(snakeCase).join(', '), change));
    return { deal, change };
  });
  if (Object.keys(result.change).length) await enqueueAlerts(ctx);
  return result.deal;
}

/**
 * Merges a candidate into another (the same deal found twice): its sources move to the target; it becomes 'merged'.
 * Only a pending candidate can be merged away (an approved deal is undone first); the target may be approved, and
 * its lane is then recomputed (the merge may move its report date earlier). A provisional alert only the merged
 * candidate stood behind is withdrawn.
 */
export async function mergeDeal(ctx: ReviewContext, id: number, intoId: number, actor: string, options: ActionOptions = {}): Promise<{ deal: Deal; into: Deal }> {
  if (id === intoId) throw new ReviewInputError('cannot merge a deal into itself');
  const result = await ctx.db.transaction(async (tx) => {
    // Lock both rows in id order so that two merges of the same pair in opposite directions cannot deadlock.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const a = await lockDeal(tx, first, first === id ? options : {});
    const b = await lockDeal(tx, second, second === id ? options : {});
    const before = a.id === id ? a : b;
    const target = a.id === id ? b : a;
    requireState(before, ['pending'], 'merge');
    if (target.reviewState === 'merged' || target.reviewState === 'rejected') {
      throw new ReviewConflictError(`cannot merge into deal ${intoId}: it is ${target.reviewState}`);
    }
    const moved = await tx.update(dealSources).set({ dealId: intoId }).where(eq(dealSources.dealId, id)).returning({ id: dealSources.id });
    const movedSourceIds = moved.map((m) => m.id);
    const deal = await update(tx, id, { reviewState: 'merged', mergedInto: intoId, reviewer: actor, reviewedAt: new Date() });
    if (target.reportedAt === null || (before.reportedAt !== null && before.reportedAt < target.reportedAt)) {
      await tx.update(deals).set({ reportedAt: before.reportedAt }).where(eq(deals.id, intoId));
    }
    await refreshFromSources(tx, intoId);
    const into = await update(tx, intoId, {});
    await lockLabs(tx, [before.lab, target.lab]);
    const cause = { reason: 'merged', dealId: id, now: { dealId: intoId, lab: into.lab, provider: into.provider } } as const;
    const change = await onDealReviewed(tx, before, deal, cause, ctx.settings);
    const intoChange = await onDealReviewed(tx, target, into, cause, ctx.settings);
    await record(tx, id, actor, 'merge', before, { ...snapshot(deal), movedSourceIds, ...laneFields(change) }, withLaneNote(`into #${intoId}`, change));
    await record(tx, intoId, actor, 'merge-in', target, { ...snapshot(into), from: id, movedSourceIds, ...laneFields(intoChange) }, withLaneNote(`from #${id}`, intoChange));
    return { deal, into, changed: Object.keys(change).length + Object.keys(intoChange).length > 0 };
  });
  if (result.changed) await enqueueAlerts(ctx);
  return { deal: result.deal, into: result.into };
}

export interface UndoResult {
  undone: ReviewEvent;
  deal: Deal;
}

/**
 * Reverts the actor's last action that is not yet undone (on one deal when dealId is given).
 * Refused when the deal changed since (someone else acted on it). The lane map follows the restored deal
 * (src/lanes/deal-change.ts): an undone approval removes a lane only it supported and withdraws its alert (cancelled
 * if not yet delivered, else corrected), otherwise recomputes the lane; an undone edit moves an approved deal back
 * to its earlier pair and figures.
 */
export async function undoLastAction(ctx: ReviewContext, actor: string, dealId?: number): Promise<UndoResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const [event] = await tx
      .select()
      .from(reviewEvents)
      .where(
        and(
          eq(reviewEvents.actor, actor),
          isNull(reviewEvents.undoneAt),
          inArray(reviewEvents.action, [...undoableActions]),
          dealId === undefined ? undefined : eq(reviewEvents.dealId, dealId),
        ),
      )
      .orderBy(desc(reviewEvents.id))
      .limit(1)
      .for('update');
    if (!event) throw new ReviewInputError(dealId === undefined ? `${actor} has nothing to undo` : `${actor} has nothing to undo on deal ${dealId}`);
    const after = event.after ?? {};
    const before = event.before ?? {};
    let mergeTarget: Deal | undefined;
    let targetChange: LaneChange = {};
    if (event.action === 'merge') {
      // Same lock order as mergeDeal: the smaller id first.
      const intoId = Number(after.mergedInto);
      const locked = await tx.select().from(deals).where(inArray(deals.id, [event.dealId, intoId])).orderBy(deals.id).for('update');
      mergeTarget = locked.find((d) => d.id === intoId);
    }
    const current = await lockDeal(tx, event.dealId);
    if (current.version !== after.version) {
      throw new ReviewConflictError(`cannot undo ${event.action} on deal ${event.dealId}: it changed since (by a later action)`);
    }
    await lockLabs(tx, [current.lab, String(before.lab), ...(mergeTarget ? [mergeTarget.lab] : [])]);
    // The correction of a lane this undo withdraws says what was undone: an approval, or an edit.
    const cause = { reason: event.action === 'approve' ? 'undone' : 'edited', dealId: event.dealId, now: { dealId: event.dealId, lab: String(before.lab), provider: String(before.provider) } } as const;
    if (event.action === 'merge') {
      const ids = Array.isArray(after.movedSourceIds) ? (after.movedSourceIds as number[]) : [];
      if (ids.length) await tx.update(dealSources).set({ dealId: event.dealId }).where(inArray(dealSources.id, ids));
      if (mergeTarget) {
        await refreshFromSources(tx, mergeTarget.id);
        const target = await update(tx, mergeTarget.id, {});
        targetChange = await onDealReviewed(tx, mergeTarget, target, cause, ctx.settings);
        await tx.update(reviewEvents).set({ undoneAt: new Date() }).where(and(eq(reviewEvents.dealId, mergeTarget.id), eq(reviewEvents.action, 'merge-in'), isNull(reviewEvents.undoneAt), sql`${reviewEvents.after}->>'from' = ${String(event.dealId)}`));
      }
    }
    const restored = await update(tx, event.dealId, {
      lab: before.lab as string,
      provider: before.provider as string,
      kind: before.kind as Deal['kind'],
      status: before.status as Deal['status'],
      amountUsd: (before.amountUsd as number | null) ?? null,
      gigawatts: (before.gigawatts as number | null) ?? null,
      hardware: (before.hardware as string | null) ?? null,
      reviewState: before.reviewState as Deal['reviewState'],
      reviewer: (before.reviewer as string | null) ?? null,
      rejectReason: (before.rejectReason as string | null) ?? null,
      mergedInto: (before.mergedInto as number | null) ?? null,
      reviewedAt: typeof before.reviewedAt === 'string' ? new Date(before.reviewedAt) : null,
    });
    const change = await onDealReviewed(tx, current, restored, cause, ctx.settings);
    const [undone] = await tx.update(reviewEvents).set({ undoneAt: new Date() }).where(eq(reviewEvents.id, event.id)).returning();
    const note = withLaneNote(`undid ${event.action} #${event.id}`, change);
    await record(tx, event.dealId, actor, 'undo', current, { ...snapshot(restored), undoneEventId: event.id, ...laneFields(change) }, note);
    return { undone, deal: restored, changed: Object.keys(change).length + Object.keys(targetChange).length > 0 };
  });
  if (result.changed) await enqueueAlerts(ctx);
  return { undone: result.undone, deal: result.deal };
}
