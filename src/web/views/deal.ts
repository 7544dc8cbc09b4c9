// Pieces of HTML for deals: evidence with highlights, the queue card, the action forms, the event history.
import { html } from 'hono/html';
import { dealKinds, dealStatuses, type Deal, type ReviewEvent } from '../../db/schema.js';
import type { Disagreement } from '../../deals/consensus.js';
import { amountInput } from '../../deals/edit.js';
import { snakeCase, type DealListItem, type SourceView } from '../../deals/queries.js';
import type { MergedInfo } from '../../deals/card-context.js';
import type { DealAlertStatus } from '../../alerts/alert-status.js';
import { formatConfidence, formatDate, formatDateTime, formatGw, formatUsd } from '../format.js';
import { highlightEvidence, lastSentenceNaming, namesParty } from '../highlight.js';
import { alertStatusHtml } from './alert-status.js';
import { csrfField, type Html } from '../layout.js';
import { httpUrl } from '../../text/urls.js';

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

/**
 * One source: its evidence sentence, and when that sentence does not name the lab (the extractor took it from the
 * article around it), a line saying so with the earlier sentence that names it, when the text before holds one.
 */
export function sourceLine(s: SourceView, deal: { lab: string; provider: string }, textBefore?: string): Html {
  const inferred = !namesParty(s.evidence, deal.lab);
  const named = inferred && textBefore ? lastSentenceNaming(textBefore, deal.lab) : null;
  return html`<li>${evidenceHtml(s.evidence, deal)}
${inferred
  ? html`<span class="lab-context"><span class="badge inferred">lab from context</span> ${named ? html`“${evidenceHtml(named, deal)}”` : html`<span class="muted">${deal.lab} is not named in this sentence; the extractor took it from the article around it.</span>`}</span>`
  : ''}
<span class="src">${s.outlet ?? 'unknown outlet'} · ${formatDate(s.published)} · <a href="/articles/${s.articleId}">${s.articleTitle ?? s.articleUrl}</a> · <a href="${safeHref(s.articleUrl)}" rel="noopener noreferrer" target="_blank">original ↗</a></span></li>`;
}

/** Only http(s) links are rendered as links: a javascript: URL from a hostile feed must never be clickable. */
export function safeHref(url: string): string {
  return httpUrl(url) ?? '#';
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

/** The note an approval that opens a lane carries, beside Approve, before the key is pressed. */
function laneNote(d: Deal & { newLane?: boolean }): Html {
  return d.newLane && d.reviewState === 'pending'
    ? html`<span class="lane-note" id="lane-note-${d.id}">Approving opens a new lane for ${d.lab} and sends an alert</span>`
    : html``;
}

export function actionForms(d: Deal & { newLane?: boolean }, ctx: ActionContext, options: { sameKind?: DealListItem[] } = {}): Html {
  const hidden = html`${csrfField(ctx.csrf)}<input type="hidden" name="next" value="${ctx.back}"><input type="hidden" name="at" value="0"><input type="hidden" name="version" value="${d.version}">`;
  const pending = d.reviewState === 'pending';
  const opensLane = Boolean(d.newLane) && pending;
  // Approve stands alone at the left; reject, edit and merge open their forms at the right, so that typing a reason
  // or a value never happens next to Approve.
  return html`<div class="actions">
${pending
  ? html`<form class="act-approve" method="post" action="/deals/${d.id}/approve">${hidden}<button class="btn approve${opensLane ? ' opens-lane' : ''}" type="submit"${opensLane ? html` aria-describedby="lane-note-${d.id}"` : ''}>Approve <kbd>a</kbd></button></form>${laneNote(d)}`
  : ''}
<span class="spacer"></span>
${pending
  ? html`<details class="act-reject"><summary class="btn reject">Reject <kbd>r</kbd></summary>
<form class="rejectform" method="post" action="/deals/${d.id}/reject">${hidden}<label>Reason (optional)<input class="reason" type="text" name="reason" maxlength="500" placeholder="why this is not a deal"></label>
<button class="btn reject" type="submit">Reject #${d.id}</button><span class="muted small"><kbd>Enter</kbd> rejects · <kbd>Esc</kbd> closes</span></form></details>`
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
<form class="mergeform" method="post" action="/deals/${d.id}/merge">${hidden}<label>Same deal as #<input type="number" name="into" min="1" required></label>
<button class="btn" type="submit">Merge into it</button>
${(options.sameKind ?? []).length ? html`<span class="muted small">same pair: ${(options.sameKind ?? []).map((o) => html`<a href="/deals/${o.id}">#${o.id}</a> `)}</span>` : ''}
</form></details>`
  : ''}
</div>`;
}

export interface CardOptions {
  index: number;
  sameKind: DealListItem[];
  bulk: boolean;
  /** Article text before each source's evidence, by source id (to show a lab named only earlier). */
  textBefore?: Map<number, string>;
  /** For a merged deal: where it went and the sources it took. */
  merged?: MergedInfo;
  /** The alert this deal's approval sent or will send, with its undo window. */
  alert?: DealAlertStatus;
}

export function dealCard(d: DealListItem, ctx: ActionContext, options: CardOptions): Html {
  const all = d.reviewState === 'merged' && options.merged ? options.merged.sources : d.sources;
  const shown = all.slice(0, 3);
  const into = options.merged?.into;
  return html`<article class="card state-${d.reviewState}" data-id="${d.id}" id="deal-${d.id}" tabindex="-1" aria-label="#${d.id} ${d.lab} → ${d.provider}">
<div class="head">
${options.bulk && d.reviewState === 'pending' ? html`<label class="select-box"><input class="pick" type="checkbox" name="ids" value="${d.id}" form="bulk" aria-label="select deal ${d.id}"></label>` : ''}
<span class="pair"><span class="lab">${d.lab}</span><span class="arrow">→</span><span class="provider">${d.provider}</span></span>
${d.newLane && d.reviewState === 'pending' ? html`<span class="badge lane" title="No lane exists for this pair: approving opens one and sends an alert">new lane</span>` : ''}
<span class="badge kind">${d.kind}</span><span class="badge ${d.status}">${d.status}</span>
${d.reviewState !== 'pending' ? stateBadge(d.reviewState) : ''}
${options.alert ? alertStatusHtml(options.alert.status, options.alert.alertId, { prefix: true }) : ''}
<span class="spacer"></span>
${confidenceHtml(d.confidence)}
<a class="id open" href="/deals/${d.id}">#${d.id}</a>
</div>
${d.reviewState === 'merged' && d.mergedInto
  ? html`<div class="merged-into">Merged into <a class="into" href="/deals/${d.mergedInto}">#${d.mergedInto}${into ? html` ${into.lab} → ${into.provider}` : ''}</a>${into ? html` ${stateBadge(into.reviewState)}` : ''}${shown.length ? html` with ${all.length} source${all.length === 1 ? '' : 's'}:` : ''}</div>`
  : ''}
<div class="facts">
<span class="fact"><span class="k">Amount</span><b>${formatUsd(d.amountUsd)}</b></span>
<span class="fact"><span class="k">Power</span><b>${formatGw(d.gigawatts)}</b></span>
<span class="fact"><span class="k">Hardware</span><b>${d.hardware ?? '—'}</b></span>
<span class="fact"><span class="k">Sources</span><b>${d.reviewState === 'merged' ? all.length : d.sourceCount}</b></span>
<span class="fact"><span class="k">Reported</span><b>${formatDate(d.reportedAt)}</b></span>
${d.reviewer ? html`<span class="fact"><span class="k">By</span><b>${d.reviewer}</b>${d.rejectReason ? html` <span class="muted">“${d.rejectReason}”</span>` : ''}</span>` : ''}
</div>
<ul class="evidence">${shown.map((s) => sourceLine(s, d, options.textBefore?.get(s.id)))}</ul>
${all.length > shown.length ? html`<div class="more"><a href="/deals/${d.reviewState === 'merged' && d.mergedInto ? d.mergedInto : d.id}">+ ${all.length - shown.length} more source${all.length - shown.length > 1 ? 's' : ''}</a></div>` : ''}
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
