// Pieces of HTML for deals: evidence with highlights, the queue card, the action forms, the event history.
import { html } from 'hono/html';
import { dealKinds, dealStatuses, type Deal, type ReviewEvent } from '../../db/schema.js';
import type { Disagreement } from '../../deals/consensus.js';
import { amountInput } from '../../deals/edit.js';
import { snakeCase, type DealListItem, type SourceView } from '../../deals/queries.js';
import { formatConfidence, formatDate, formatDateTime, formatGw, formatUsd } from '../format.js';
import type { DealAlertStatus } from '../../lanes/alert-status.js';
import { highlightEvidence } from '../highlight.js';
import { alertStatusHtml } from './alert-status.js';
import { csrfField, type Html } from '../layout.js';

export function evidenceHtml(text: string, parties: { lab: string; provider: string }): Html {
  return html`${highlightEvidence(text, parties).map((s) => (s.mark ? html`<mark class="${s.mark}">${s.text}</mark>` : html`${s.text}`))}`;
}

export function stateBadge(state: Deal['reviewState']): Html {
  return html`<span class="badge ${state}">${state}</span>`;
}

export function confidenceHtml(c: number): Html {
  const pct = Math.round(Math.max(0, Math.min(1, c)) * 100);
  // The bar's width is a class-free inline style would break the CSP (style-src 'self'), so a <progress>-like SVG is used.
  return html`<span class="conf" title="confidence">${confBar(pct)}${formatConfidence(c)}</span>`;
}

function confBar(pct: number): Html {
  return html`<svg width="56" height="6" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="6" rx="3" fill="#eef0f4"></rect><rect width="${pct}" height="6" rx="3" fill="#2f5bea"></rect></svg>`;
}

export function sourceLine(s: SourceView, deal: { lab: string; provider: string }): Html {
  return html`<li>${evidenceHtml(s.evidence, deal)}
<span class="src">${s.outlet ?? 'unknown outlet'} · ${formatDate(s.published)} · <a href="/articles/${s.articleId}">${s.articleTitle ?? s.articleUrl}</a> · <a href="${safeHref(s.articleUrl)}" rel="noopener noreferrer" target="_blank">original ↗</a></span></li>`;
}

/** Only http(s) links are rendered as links: a javascript: URL from a hostile feed must never be clickable. */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function fieldName(f: Disagreement['field']): string {
  return { status: 'status', amount_usd: 'amount', gigawatts: 'power', hardware: 'hardware' }[f];
}

function fieldValue(f: Disagreement['field'], v: string | number): string {
  if (f === 'amount_usd') return formatUsd(v as number);
  if (f === 'gigawatts') return formatGw(v as number);
  return String(v);
}

export function disagreementsHtml(list: Disagreement[]): Html {
  if (list.length === 0) return html``;
  return html`<div class="disagree">Sources disagree: ${list.map(
    (d, i) => html`${i ? '; ' : ''}<b>${fieldName(d.field)}</b> ${d.values.map((v, j) => html`${j ? ' vs ' : ''}${fieldValue(d.field, v.value)} (${v.count})`)}`,
  )}</div>`;
}

export interface ActionContext {
  csrf: string | null;
  /** Where the forms return to (the queue with its filters). */
  back: string;
}

export function actionForms(d: Deal, ctx: ActionContext, options: { sameKind?: DealListItem[] } = {}): Html {
  const hidden = html`${csrfField(ctx.csrf)}<input type="hidden" name="next" value="${ctx.back}"><input type="hidden" name="at" value="0"><input type="hidden" name="version" value="${d.version}">`;
  const pending = d.reviewState === 'pending';
  return html`<div class="actions">
${pending
  ? html`<form class="act-approve" method="post" action="/deals/${d.id}/approve">${hidden}<button class="btn approve" type="submit">Approve <kbd>a</kbd></button></form>
<form class="act-reject" method="post" action="/deals/${d.id}/reject">${hidden}<input class="reason" type="text" name="reason" placeholder="reason (optional)" maxlength="500" aria-label="reject reason"><button class="btn reject" type="submit">Reject <kbd>r</kbd></button></form>`
  : ''}
${d.reviewState !== 'merged'
  ? html`<details class="act-edit"><summary class="btn">Edit <kbd>e</kbd></summary>
<form class="editform" method="post" action="/deals/${d.id}/edit">${hidden}
<label>Lab<input type="text" name="lab" value="${d.lab}" required maxlength="200"></label>
<label>Provider<input type="text" name="provider" value="${d.provider}" required maxlength="200"></label>
<label>Kind<select name="kind">${dealKinds.map((k) => html`<option${k === d.kind ? html` selected` : ''}>${k}</option>`)}</select></label>
<label>Status<select name="status">${dealStatuses.map((k) => html`<option${k === d.status ? html` selected` : ''}>${k}</option>`)}</select></label>
<label>Amount (USD)<input type="text" name="amount_usd" value="${amountInput(d.amountUsd)}" placeholder="e.g. 300b"></label>
<label>Power (GW)<input type="text" name="gigawatts" value="${d.gigawatts ?? ''}" placeholder="e.g. 4.5 or 500mw"></label>
<label>Hardware<input type="text" name="hardware" value="${d.hardware ?? ''}" maxlength="200"></label>
<div class="go"><button class="btn primary" type="submit">Save</button></div>
</form></details>`
  : ''}
${pending
  ? html`<details class="act-merge"><summary class="btn">Merge <kbd>m</kbd></summary>
<form class="mergeform" method="post" action="/deals/${d.id}/merge">${hidden}<span>Same deal as #</span><input type="number" name="into" min="1" required aria-label="merge into deal id">
<button class="btn" type="submit">Merge into it</button>
${(options.sameKind ?? []).length ? html`<span class="muted small">same pair: ${(options.sameKind ?? []).map((o) => html`<a href="/deals/${o.id}">#${o.id}</a> `)}</span>` : ''}
</form></details>`
  : ''}
</div>`;
}

export function dealCard(d: DealListItem, ctx: ActionContext, options: { index: number; sameKind: DealListItem[]; bulk: boolean; alert?: DealAlertStatus }): Html {
  const shown = d.sources.slice(0, 3);
  return html`<article class="card state-${d.reviewState}" data-id="${d.id}" id="deal-${d.id}">
<div class="head">
${options.bulk && d.reviewState === 'pending' ? html`<label class="select-box"><input class="pick" type="checkbox" name="ids" value="${d.id}" form="bulk" aria-label="select deal ${d.id}"></label>` : ''}
<span class="pair"><span class="lab">${d.lab}</span><span class="arrow">→</span><span class="provider">${d.provider}</span></span>
${d.newLane ? html`<span class="badge lane" title="No lane exists for this pair: approving opens one and sends an alert">new lane</span>` : ''}
<span class="badge kind">${d.kind}</span><span class="badge ${d.status}">${d.status}</span>
${d.reviewState !== 'pending' ? stateBadge(d.reviewState) : ''}
${options.alert ? alertStatusHtml(options.alert.status, options.alert.alertId, { prefix: true }) : ''}
<span class="spacer"></span>
${confidenceHtml(d.confidence)}
<a class="id open" href="/deals/${d.id}">#${d.id}</a>
</div>
<div class="facts">
<span class="fact"><span class="k">Amount</span><b>${formatUsd(d.amountUsd)}</b></span>
<span class="fact"><span class="k">Power</span><b>${formatGw(d.gigawatts)}</b></span>
<span class="fact"><span class="k">Hardware</span><b>${d.hardware ?? '—'}</b></span>
<span class="fact"><span class="k">Sources</span><b>${d.sourceCount}</b></span>
<span class="fact"><span class="k">Reported</span><b>${formatDate(d.reportedAt)}</b></span>
${d.reviewer ? html`<span class="fact"><span class="k">By</span><b>${d.reviewer}</b>${d.rejectReason ? html` <span class="muted">“${d.rejectReason}”</span>` : ''}</span>` : ''}
</div>
<ul class="evidence">${shown.map((s) => sourceLine(s, d))}</ul>
${d.sources.length > shown.length ? html`<div class="more"><a href="/deals/${d.id}">+ ${d.sources.length - shown.length} more source${d.sources.length - shown.length > 1 ? 's' : ''}</a></div>` : ''}
${actionForms(d, ctx, { sameKind: options.sameKind })}
</article>`;
}

// review_events keep the deal's own field names (amountUsd, reviewState); the history shows a reviewer's words.
const historyFields: [key: string, label: string, show: (v: unknown) => string][] = [
  ['lab', 'Lab', String],
  ['provider', 'Provider', String],
  ['kind', 'Kind', String],
  ['status', 'Status', String],
  ['amountUsd', 'Amount', (v) => (typeof v === 'number' ? formatUsd(v) : String(v))],
  ['gigawatts', 'Power', (v) => (typeof v === 'number' ? formatGw(v) : String(v))],
  ['hardware', 'Hardware', String],
  ['reviewState', 'Review state', String],
  ['mergedInto', 'Merged into', (v) => `#${String(v)}`],
  ['rejectReason', 'Reject reason', String],
];

/** An edit's note starts with the changed fields' keys ("amountUsd, gigawatts; lane …"): shown as their labels. */
function noteOf(e: ReviewEvent): string {
  if (!e.note || e.action !== 'edit') return e.note ?? '';
  const [fields, ...rest] = e.note.split('; ');
  const labels = fields.split(', ').map((k) => historyFields.find(([key]) => key === k || snakeCase(key) === k)?.[1]);
  if (labels.some((l) => l === undefined)) return e.note;
  return [labels.join(', '), ...rest].join('; ');
}

function diffOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Html {
  if (!after) return html``;
  const changed = historyFields.filter(([k]) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null));
  const value = (v: unknown, show: (v: unknown) => string) => (v === null || v === undefined ? '∅' : show(v));
  return html`<span class="diff">${changed.map(([k, label, show], i) => html`${i ? ', ' : ''}${label}: <del>${value(before?.[k], show)}</del> → <ins>${value(after[k], show)}</ins>`)}</span>`;
}

export function eventsTable(events: ReviewEvent[]): Html {
  if (events.length === 0) return html`<p class="muted">No review actions yet.</p>`;
  return html`<table class="data history"><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Change</th><th>Note</th></tr></thead><tbody>
${events.map(
  (e) => html`<tr class="${e.undoneAt ? 'undone' : ''}"><td class="num">${formatDateTime(e.createdAt)}</td><td>${e.actor}</td><td>${e.action}${e.undoneAt ? ' (undone)' : ''}</td><td>${diffOf(e.before, e.after)}</td><td>${noteOf(e)}</td></tr>`,
)}
</tbody></table>`;
}
