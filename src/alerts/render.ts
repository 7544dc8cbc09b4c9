// Renders an alert (or a test message) for every channel: plain text, escaped HTML, Slack blocks, webhook JSON.
import type { Alert } from '../db/schema.js';
import { escapeHtml } from '../text/escape.js';
import { httpUrl } from '../text/urls.js';
import type { OutboundMessage } from './channels/types.js';
import {
  alertTitle,
  correctionReasonText,
  dealFacts,
  laneAlertPayloadSchema,
  laneAlertText,
  laneCorrectionPayloadSchema,
  laneCorrectionText,
  type LaneAlertPayload,
  type LaneCorrectionPayload,
} from './message.js';


/** Slack mrkdwn treats &, < and > as control characters. */
export function escapeSlack(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}

/** Only http(s) links are rendered as links; anything else stays text. */
export const safeHref = httpUrl;

/** Slack's header block takes at most 150 characters of plain text. */
function slackHeader(text: string): Record<string, unknown> {
  return { type: 'header', text: { type: 'plain_text', text: text.length > 150 ? `${text.slice(0, 149)}…` : text } };
}

export function renderLaneAlert(alertId: number, payload: LaneAlertPayload, createdAt: Date): OutboundMessage {
  const title = alertTitle(payload);
  const facts = dealFacts(payload.deal);
  const html = [
    `<h2>${escapeHtml(title)}</h2>`,
    '<table>',
    ...facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    ...payload.sources.map((s) => {
      const href = safeHref(s.url);
      const link = href ? `<br><a href="${escapeHtml(href)}">${escapeHtml(s.title ?? href)}</a>` : '';
      return `<blockquote>${escapeHtml(s.evidence)}${link}</blockquote>`;
    }),
    `<p><a href="${escapeHtml(safeHref(payload.reviewUrl) ?? '')}">Review the deal</a></p>`,
  ].join('\n');
  const evidence = payload.sources.map((s) => {
    const href = safeHref(s.url);
    return `> ${escapeSlack(s.evidence)}${href ? `\n<${href}|${escapeSlack(s.title ?? href)}>` : ''}`;
  });
  const slackBlocks: Record<string, unknown>[] = [
    slackHeader(title),
    { type: 'section', fields: facts.map(([k, v]) => ({ type: 'mrkdwn', text: `*${escapeSlack(k)}*\n${escapeSlack(v)}` })) },
    ...(evidence.length ? [{ type: 'section', text: { type: 'mrkdwn', text: evidence.join('\n\n').slice(0, 3000) } }] : []),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `<${safeHref(payload.reviewUrl) ?? ''}|Review the deal> · alert ${alertId}` }] },
  ];
  return {
    id: `alert-${alertId}`,
    kind: 'alert',
    subject: `[lanewatch] ${title}`,
    text: laneAlertText(payload),
    html,
    slackBlocks,
    payload: { event: 'lane.opened', alertId, createdAt: createdAt.toISOString(), title, ...payload },
  };
}

/** The correction of a new-lane alert a reviewer's action withdrew: the same channels, a short message. */
export function renderLaneCorrection(alertId: number, payload: LaneCorrectionPayload, createdAt: Date): OutboundMessage {
  const text = laneCorrectionText(payload);
  const href = safeHref(payload.reviewUrl) ?? '';
  return {
    id: `alert-${alertId}`,
    kind: 'alert',
    subject: `[lanewatch] ${payload.headline}`,
    text,
    html: [
      `<h2>${escapeHtml(payload.headline)}</h2>`,
      `<p>${escapeHtml(correctionReasonText(payload, (h) => `“${h}”`))}</p>`,
      `<p><a href="${escapeHtml(href)}">Review the deal</a></p>`,
    ].join('\n'),
    slackBlocks: [
      slackHeader(payload.headline),
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(correctionReasonText(payload, (h) => `“${h}”`)) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${href}|Review the deal> · alert ${alertId}` }] },
    ],
    payload: { event: 'lane.withdrawn', alertId, createdAt: createdAt.toISOString(), title: payload.headline, ...payload },
  };
}

/** An alert row as it is sent; a payload that no longer parses is still sent, as its stored message. */
export function renderAlert(alert: Alert): OutboundMessage {
  if (alert.kind === 'correction') {
    const correction = laneCorrectionPayloadSchema.safeParse(alert.payload);
    if (correction.success) return renderLaneCorrection(alert.id, correction.data, alert.createdAt);
  } else {
    const parsed = laneAlertPayloadSchema.safeParse(alert.payload);
    if (parsed.success) return renderLaneAlert(alert.id, parsed.data, alert.createdAt);
  }
  return {
    id: `alert-${alert.id}`,
    kind: 'alert',
    subject: `[lanewatch] ${alert.message}`,
    text: alert.message,
    html: `<p>${escapeHtml(alert.message)}</p>`,
    slackBlocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(alert.message) } }],
    payload: { event: alert.kind === 'correction' ? 'lane.withdrawn' : 'lane.opened', alertId: alert.id, title: alert.message, lab: alert.lab, provider: alert.provider, ...alert.payload },
  };
}

/** What `lanewatch alerts test` sends: clearly a test, shaped like a real alert. */
export function renderTestMessage(now: Date, publicUrl: string): OutboundMessage {
  const payload: LaneAlertPayload = {
    type: 'new-lane',
    lab: 'Example Lab',
    provider: 'Example Cloud',
    ordinal: 1,
    previousProviders: [],
    laterProviders: [],
    firstReported: null,
    headline: 'Test from lanewatch: this channel receives alerts',
    confirmed: true,
    deal: { id: 0, kind: 'cloud', status: 'announced', amountUsd: null, gigawatts: null, hardware: null, confidence: 1, reportedAt: now.toISOString() },
    sources: [],
    reviewUrl: publicUrl,
  };
  const message = renderLaneAlert(0, payload, now);
  const id = `test-${now.getTime()}`;
  return { ...message, id, kind: 'test', payload: { ...message.payload, event: 'test', alertId: null, testId: id } };
}
