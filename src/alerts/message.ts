// The words of a new-lane alert, as an analyst would say them: "Anthropic added a third compute lane: SpaceX
// (after Google, Amazon)", with the deal's fields, its evidence and its sources. Pure: no database, no network.
import { z } from 'zod';
import { formatConfidence, formatDate, formatGw, formatUsd } from '../format.js';

const ordinalWords = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
  'nineteenth', 'twentieth',
];

/** 1 → "first", 3 → "third", 21 → "21st", 112 → "112th". */
export function ordinalWord(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`no ordinal for ${n}`);
  if (n < ordinalWords.length) return ordinalWords[n];
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export const alertSourceSchema = z.object({
  evidence: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  published: z.string().nullable(),
});
export type AlertSource = z.infer<typeof alertSourceSchema>;

export const laneAlertPayloadSchema = z.object({
  type: z.literal('new-lane'),
  lab: z.string(),
  provider: z.string(),
  /** This lane's place among the lab's lanes (3 for a third lane). */
  ordinal: z.number().int().positive(),
  /** The lab's lanes first reported before this one, in order (the lab's chronology, src/alerts/chronology.ts). */
  previousProviders: z.array(z.string()),
  /** The lab's lanes already known that were first reported after this one: this lane was found late. */
  laterProviders: z.array(z.string()).default([]),
  /** When this lane was first reported, with the precision given ("2025-11-21"). */
  firstReported: z.string().nullable().default(null),
  headline: z.string(),
  /** False while the deal is a pending candidate (ALERT_ON=candidate); true once approved. */
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable().optional(),
  confirmedByDealId: z.number().int().nullable().optional(),
  deal: z.object({
    id: z.number().int(),
    kind: z.string(),
    status: z.string(),
    amountUsd: z.number().nullable(),
    gigawatts: z.number().nullable(),
    hardware: z.string().nullable(),
    confidence: z.number(),
    reportedAt: z.string().nullable(),
  }),
  sources: z.array(alertSourceSchema),
  /** Where a reviewer sees the deal. */
  reviewUrl: z.string(),
});
export type LaneAlertPayload = z.infer<typeof laneAlertPayloadSchema>;

export interface LaneAlertInput {
  lab: string;
  provider: string;
  previousProviders: string[];
  laterProviders?: string[];
  firstReported?: string | null;
  confirmed: boolean;
  deal: LaneAlertPayload['deal'];
  sources: AlertSource[];
  publicUrl: string;
}

/**
 * "Anthropic added a third compute lane: SpaceX (after Google, Amazon)". A lane first reported before lanes already
 * known is no newest lane: "Anthropic → Microsoft, first reported 2025-11-21, before SpaceX: an earlier compute lane
 * found late (third of 4, after Google, Amazon)".
 */
export function laneHeadline(lab: string, provider: string, previousProviders: string[], late: { laterProviders: string[]; firstReported: string | null } = { laterProviders: [], firstReported: null }): string {
  const n = previousProviders.length + 1;
  if (late.laterProviders.length) {
    const total = n + late.laterProviders.length;
    const reported = late.firstReported ? `, first reported ${late.firstReported}` : '';
    const after = previousProviders.length ? `, after ${previousProviders.join(', ')}` : '';
    return `${lab} → ${provider}${reported}, before ${late.laterProviders.join(', ')}: an earlier compute lane found late (${ordinalWord(n)} of ${total}${after})`;
  }
  if (n === 1) return `${lab} added its first compute lane: ${provider}`;
  return `${lab} added a ${ordinalWord(n)} compute lane: ${provider} (after ${previousProviders.join(', ')})`;
}

export function buildLaneAlert(input: LaneAlertInput): { message: string; payload: LaneAlertPayload } {
  const laterProviders = input.laterProviders ?? [];
  const firstReported = input.firstReported ?? null;
  const headline = laneHeadline(input.lab, input.provider, input.previousProviders, { laterProviders, firstReported });
  const payload: LaneAlertPayload = {
    type: 'new-lane',
    lab: input.lab,
    provider: input.provider,
    ordinal: input.previousProviders.length + 1,
    previousProviders: input.previousProviders,
    laterProviders,
    firstReported,
    headline,
    confirmed: input.confirmed,
    deal: input.deal,
    sources: input.sources,
    reviewUrl: `${input.publicUrl.replace(/\/+$/, '')}/deals/${input.deal.id}`,
  };
  return { message: alertTitle(payload), payload };
}

/** The one-line title: the headline, marked when it is about an unreviewed candidate. */
export function alertTitle(payload: LaneAlertPayload): string {
  return payload.confirmed ? payload.headline : `Unconfirmed: ${payload.headline} (candidate pending review)`;
}

/** The deal's fields as "label: value" lines, in a fixed order; unknown values say so. */
export function dealFacts(deal: LaneAlertPayload['deal']): [string, string][] {
  return [
    ['Kind', deal.kind],
    ['Status', deal.status],
    ['Amount', deal.amountUsd === null ? 'not stated' : formatUsd(deal.amountUsd)],
    ['Power', deal.gigawatts === null ? 'not stated' : formatGw(deal.gigawatts)],
    ['Hardware', deal.hardware ?? 'not stated'],
    ['Reported', deal.reportedAt ? formatDate(deal.reportedAt) : 'unknown'],
    ['Confidence', formatConfidence(Math.min(1, Math.max(0, deal.confidence)))],
  ];
}

/** The whole alert as plain text (e-mail body, log). */
export function laneAlertText(payload: LaneAlertPayload): string {
  const lines = [alertTitle(payload), ''];
  for (const [label, value] of dealFacts(payload.deal)) lines.push(`${label}: ${value}`);
  lines.push('');
  if (payload.sources.length === 0) lines.push('Evidence: none recorded');
  for (const s of payload.sources) {
    lines.push(`Evidence: "${s.evidence}"`);
    if (s.url) lines.push(`  ${s.title ? `${s.title} — ` : ''}${s.url}`);
  }
  lines.push('', `Review: ${payload.reviewUrl}`);
  return lines.join('\n');
}

export const laneCorrectionPayloadSchema = z.object({
  type: z.literal('correction'),
  lab: z.string(),
  provider: z.string(),
  headline: z.string(),
  /** The new-lane alert this withdraws, and what it said. */
  correctsAlertId: z.number().int(),
  correctedHeadline: z.string(),
  /** The deal whose review withdrew the lane. */
  dealId: z.number().int(),
  /** What the reviewer did; corrections stored before there was a choice were all undos. */
  reason: z.enum(['undone', 'edited', 'rejected', 'merged']).default('undone'),
  /** Where the deal now stands: its new pair after an edit, the deal it was merged into. */
  now: z.object({ dealId: z.number().int(), lab: z.string(), provider: z.string() }).nullable().default(null),
  withdrawnAt: z.string(),
  reviewUrl: z.string(),
});
export type LaneCorrectionPayload = z.infer<typeof laneCorrectionPayloadSchema>;

/** "Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer". */
export function correctionHeadline(lab: string, provider: string): string {
  return `Correction: the new compute lane ${lab} → ${provider} was withdrawn by a reviewer`;
}

export type CorrectionReason = LaneCorrectionPayload['reason'];

export function buildLaneCorrection(input: {
  lab: string;
  provider: string;
  correctsAlertId: number;
  correctedHeadline: string;
  dealId: number;
  reason?: CorrectionReason;
  now?: LaneCorrectionPayload['now'];
  withdrawnAt: Date;
  publicUrl: string;
}): { message: string; payload: LaneCorrectionPayload } {
  const headline = correctionHeadline(input.lab, input.provider);
  const payload: LaneCorrectionPayload = {
    type: 'correction',
    lab: input.lab,
    provider: input.provider,
    headline,
    correctsAlertId: input.correctsAlertId,
    correctedHeadline: input.correctedHeadline,
    dealId: input.dealId,
    reason: input.reason ?? 'undone',
    now: input.now ?? null,
    withdrawnAt: input.withdrawnAt.toISOString(),
    reviewUrl: `${input.publicUrl.replace(/\/+$/, '')}/deals/${input.dealId}`,
  };
  return { message: headline, payload };
}

/** Why the earlier alert no longer holds, in one sentence; `quote` wraps the corrected headline (the channels quote differently). */
export function correctionReasonText(payload: LaneCorrectionPayload, quote: (headline: string) => string = (h) => `"${h}"`): string {
  const earlier = `the earlier alert ${quote(payload.correctedHeadline)} (alert ${payload.correctsAlertId})`;
  const now = payload.now;
  switch (payload.reason) {
    case 'edited':
      return `A reviewer corrected deal ${payload.dealId}${now ? ` to ${now.lab} → ${now.provider}` : ''}, so ${earlier} no longer holds.`;
    case 'rejected':
      return `A reviewer rejected the candidate behind ${earlier}.`;
    case 'merged':
      return `A reviewer merged the candidate behind ${earlier} into deal ${now ? `${now.dealId} (${now.lab} → ${now.provider})` : 'another'}.`;
    default:
      return `The approval behind ${earlier} was undone; the deal is back in the review queue.`;
  }
}

/** The whole correction as plain text (e-mail body, log). */
export function laneCorrectionText(payload: LaneCorrectionPayload): string {
  return [payload.headline, '', correctionReasonText(payload), '', `Review: ${payload.reviewUrl}`].join('\n');
}
