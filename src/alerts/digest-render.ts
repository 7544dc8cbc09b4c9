// Renders a digest row (new lanes and new candidates of one period) for the channels. Pure.
import { z } from 'zod';
import type { OutboundMessage } from './channels/types.js';
import { formatConfidence, formatDate, formatGw, formatTime, formatUsd } from '../format.js';
import { escapeHtml } from '../text/escape.js';
import { escapeSlack } from './render.js';

export const digestPayloadSchema = z.object({
  type: z.literal('digest'),
  periodStart: z.string(),
  periodEnd: z.string(),
  newLanes: z.array(
    z.object({
      lab: z.string(),
      provider: z.string(),
      openedAt: z.string(),
      /** The lane's first report date as given ("2025-11-21"); absent in digests made before it was kept. */
      firstReported: z.string().optional(),
      dealId: z.number().int().nullable(),
      /** The lane in its lab's chronology when the digest was made: "Anthropic added a fourth compute lane: …". */
      headline: z.string().nullable(),
    }),
  ),
  newCandidates: z.array(
    z.object({
      id: z.number().int(),
      lab: z.string(),
      provider: z.string(),
      kind: z.string(),
      status: z.string(),
      amountUsd: z.number().nullable(),
      gigawatts: z.number().nullable(),
      confidence: z.number(),
    }),
  ),
  /** Candidates beyond the listed ones (the list is capped). */
  moreCandidates: z.number().int().nonnegative(),
  reviewUrl: z.string(),
});
export type DigestPayload = z.infer<typeof digestPayloadSchema>;

export function digestTitle(p: DigestPayload): string {
  const candidates = p.newCandidates.length + p.moreCandidates;
  const lanes = p.newLanes.length;
  return `lanewatch digest ${formatDate(p.periodEnd)}: ${lanes} new lane${lanes === 1 ? '' : 's'}, ${candidates} new candidate${candidates === 1 ? '' : 's'}`;
}

function candidateLine(c: DigestPayload['newCandidates'][number]): string {
  const figures = [c.amountUsd === null ? null : formatUsd(c.amountUsd), c.gigawatts === null ? null : formatGw(c.gigawatts)].filter(Boolean).join(', ');
  return `${c.lab} → ${c.provider} (${c.kind}, ${c.status}${figures ? `, ${figures}` : ''}, confidence ${formatConfidence(Math.min(1, Math.max(0, c.confidence)))})`;
}

function laneLine(l: DigestPayload['newLanes'][number]): string {
  return l.headline ?? `${l.lab} opened a lane with ${l.provider}`;
}

export function digestText(p: DigestPayload): string {
  const lines = [digestTitle(p), `Period: ${formatTime(p.periodStart)} to ${formatTime(p.periodEnd)}`, '', 'New lanes:'];
  lines.push(...(p.newLanes.length ? p.newLanes.map((l) => `- ${laneLine(l)}`) : ['- none']));
  lines.push('', 'New candidates awaiting review:');
  lines.push(...(p.newCandidates.length ? p.newCandidates.map((c) => `- ${candidateLine(c)}`) : ['- none']));
  if (p.moreCandidates) lines.push(`- and ${p.moreCandidates} more`);
  lines.push('', `Review queue: ${p.reviewUrl}`);
  return lines.join('\n');
}

export function renderDigest(digest: { id: number; message: string; payload: Record<string, unknown> }): OutboundMessage {
  const parsed = digestPayloadSchema.safeParse(digest.payload);
  if (!parsed.success) {
    return {
      id: `digest-${digest.id}`,
      kind: 'digest',
      subject: `[lanewatch] ${digest.message}`,
      text: digest.message,
      html: `<p>${escapeHtml(digest.message)}</p>`,
      slackBlocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(digest.message) } }],
      payload: { event: 'digest', digestId: digest.id, ...digest.payload },
    };
  }
  const p = parsed.data;
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '<p>none</p>');
  const html = [
    `<h2>${escapeHtml(digestTitle(p))}</h2>`,
    `<p>${escapeHtml(`${formatTime(p.periodStart)} to ${formatTime(p.periodEnd)}`)}</p>`,
    '<h3>New lanes</h3>',
    list(p.newLanes.map(laneLine)),
    '<h3>New candidates awaiting review</h3>',
    list([...p.newCandidates.map(candidateLine), ...(p.moreCandidates ? [`and ${p.moreCandidates} more`] : [])]),
  ].join('\n');
  const text = digestText(p);
  return {
    id: `digest-${digest.id}`,
    kind: 'digest',
    subject: `[lanewatch] ${digestTitle(p)}`,
    text,
    html,
    slackBlocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(text).slice(0, 3000) } }],
    payload: { event: 'digest', digestId: digest.id, title: digestTitle(p), ...p },
  };
}
