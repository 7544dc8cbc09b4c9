// The review pages: queue, deal page, approved table and exports, article page, and the form actions behind them.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { dealKinds, dealStatuses, reviewStates } from '../../db/schema.js';
import { dealEditSchema, editFromStrings, toDealEdit } from '../../deals/edit.js';
import { DealNotFoundError, ReviewConflictError, ReviewInputError } from '../../deals/errors.js';
import { countByState, dealFilterSchema, dealJson, facetsOf, getArticle, getDeal, listDeals, type DealFilter, type DealListItem, type SourceView } from '../../deals/queries.js';
import { approveDeal, bulkRejectDeals, editDeal, mergeDeal, rejectDeal, undoLastAction, type ReviewContext } from '../../deals/review.js';
import type { WebDeps } from '../deps.js';
import { viewer, type AppEnv } from '../env.js';
import { formatConfidence, formatDate, formatDateTime, formatGw, formatUsd } from '../format.js';
import { csrfField, page, type Html } from '../layout.js';
import { dealAlertStatuses } from '../../alerts/alert-status.js';
import { alertStatusHtml, countdownScript } from '../views/alert-status.js';
import { actionForms, confidenceHtml, dealCard, disagreementsHtml, eventsTable, evidenceHtml, safeHref, sourceLine, stateBadge } from '../views/deal.js';
import { csvOf } from '../csv.js';
import { parsePlainId, plainIdField } from '../ids.js';
import { approvedPage } from './approved.js';
import { mergedInfoOf, textBeforeEvidence, type MergedInfo } from '../../deals/card-context.js';
import { namesParty } from '../highlight.js';
import { isError, noticeDeal, noticeText, noticeUndoable, refused, setNotice, takeNotice, type Notice } from '../flash.js';

type C = Context<AppEnv>;

/** Only a path on this site may be a form's return address (no open redirect). */
export function safeBack(v: unknown, fallback = '/'): string {
  return typeof v === 'string' && /^\/(?!\/)[^\s\\]*$/.test(v) && v.length < 2000 ? v : fallback;
}

function withParams(path: string, params: Record<string, string | undefined>): string {
  const url = new URL(path, 'http://x');
  for (const [k, v] of Object.entries(params)) {
    url.searchParams.delete(k);
    if (v !== undefined) url.searchParams.set(k, v);
  }
  return url.pathname + url.search;
}

/** A notice left by the last action (flash.ts): role=status so screen readers announce it, Undo where it applies. */
export function noticeHtml(n: Notice, csrf: string | null, back: string, at?: number): Html {
  const deal = noticeDeal(n);
  if (isError(n)) return html`<div class="flash error notice" role="alert" id="notice"${deal ? html` data-deal="${deal}"` : ''}>${noticeText(n)}</div>`;
  return html`<div class="flash notice" role="status" aria-live="polite" id="notice"${deal ? html` data-deal="${deal}"` : ''}><span class="text">${noticeText(n)}</span>${noticeUndoable(n) && deal
    ? html`<form method="post" action="/undo">${csrfField(csrf)}<input type="hidden" name="next" value="${back}"><input type="hidden" name="deal" value="${deal}">${at !== undefined ? html`<input type="hidden" name="at" value="${at}">` : ''}<button class="btn small" type="submit">Undo</button></form>`
    : ''}</div>`;
}

function currentPath(c: C): string {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
}

// msg and err are accepted and ignored: old bookmarks still open, and a forged notice in a link shows nothing.
const queueQuery = dealFilterSchema.extend({ at: z.string().optional(), msg: z.string().optional(), err: z.string().optional() });

const helpBox = html`<div class="help" id="help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts"><div class="box" tabindex="-1"><h2>Keyboard</h2><p class="muted small">Keys act only when no field, form or dialog has focus and no Ctrl, Alt or Meta is held. <kbd>Esc</kbd> closes a form or this help.</p><table>
<tr><td><kbd>j</kbd> / <kbd>k</kbd></td><td>next / previous candidate</td></tr>
<tr><td><kbd>a</kbd></td><td>approve</td></tr>
<tr><td><kbd>r</kbd></td><td>reject (a reason box opens: type, <kbd>Enter</kbd>)</td></tr>
<tr><td><kbd>e</kbd></td><td>edit fields</td></tr>
<tr><td><kbd>m</kbd></td><td>merge into another candidate</td></tr>
<tr><td><kbd>u</kbd></td><td>undo your last action</td></tr>
<tr><td><kbd>x</kbd></td><td>select for bulk reject</td></tr>
<tr><td><kbd>o</kbd></td><td>open the deal page</td></tr>
<tr><td><kbd>?</kbd></td><td>this help</td></tr></table></div></div>`;

async function queuePage(deps: WebDeps, c: C): Promise<Response> {
  const parsed = queueQuery.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
  if (!parsed.success) return c.html(page('Bad filter', html`<div class="flash error">${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</div><p><a href="/">Back to the queue</a></p>`, viewer(c)), 400);
  const { at: atParam, msg: _msg, err: _err, ...filter } = parsed.data;
  const at = atParam && /^\d{1,5}$/.test(atParam) ? Number(atParam) : 0;
  const f = filter as DealFilter;
  const [{ items, total }, counts, facets] = await Promise.all([listDeals(deps.db, f), countByState(deps.db), facetsOf(deps.db, f.state)]);
  const alertsByDeal = await dealAlertStatuses(deps.db, items.map((d) => d.id));
  const { user, csrf } = viewer(c);
  const back = withParams(currentPath(c), { msg: undefined, err: undefined, at: undefined });
  const tabUrl = (state: string) => withParams(back, { state, offset: undefined });
  const byPair = new Map<string, DealListItem[]>();
  for (const d of items) {
    const key = `${d.lab.toLowerCase()}|${d.provider.toLowerCase()}`;
    byPair.set(key, [...(byPair.get(key) ?? []), d]);
  }
  const same = (d: DealListItem) => (byPair.get(`${d.lab.toLowerCase()}|${d.provider.toLowerCase()}`) ?? []).filter((o) => o.id !== d.id && o.reviewState !== 'merged');
  const title = f.state === 'pending' ? 'Review queue' : `${f.state[0].toUpperCase()}${f.state.slice(1)} deals`;
  const option = (v: string, selected: string | undefined, label = v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${label}</option>`;
  const bulk = f.state === 'pending' && items.length > 0;
  const mergedItems = items.filter((d) => d.reviewState === 'merged');
  const merged = await mergedInfoOf(deps.db, mergedItems);
  const shownSources = items.flatMap((d) => (d.reviewState === 'merged' ? (merged.get(d.id)?.sources ?? []) : d.sources).slice(0, 3));
  const textBefore = await textBeforeEvidence(deps.db, shownSources.filter((s) => !namesParty(s.evidence, labOf(items, s, merged))).map((s) => s.id));
  const notice = takeNotice(c);
  // The notice goes beside the card acted on: after it when it is still listed, else where it was (the slot `at`).
  const noticeFor = notice ? noticeDeal(notice) : null;
  const listed = noticeFor !== null && items.some((d) => d.id === noticeFor);
  const slot = notice && noticeFor !== null && !listed ? Math.min(at, items.length) : -1;
  const noticeBlock = notice ? noticeHtml(notice, csrf, back, at) : html``;
  const body = html`
<div class="pagehead"><h1>${title}</h1><span class="muted">${total} candidate${total === 1 ? '' : 's'}</span><span class="spacer"></span>
<form id="undo" method="post" action="/undo">${csrfField(csrf)}<input type="hidden" name="next" value="${back}"><input type="hidden" name="at" value="0"><button class="btn small" type="submit">Undo last <kbd>u</kbd></button></form>
<span class="muted small">Press <kbd>?</kbd> for keys</span></div>
${notice && noticeFor === null ? noticeBlock : ''}
<nav class="tabs">${[...reviewStates, 'all' as const].map((s) => html`<a href="${tabUrl(s)}"${s === f.state ? html` class="active"` : ''}>${s}${s !== 'all' ? html`<span class="count">${counts[s]}</span>` : ''}</a>`)}</nav>
<form class="filters" method="get" action="/">
<input type="hidden" name="state" value="${f.state}">
<input type="search" name="q" value="${f.q ?? ''}" placeholder="Search parties, hardware, evidence, titles…" aria-label="search">
<select name="lab" aria-label="lab"><option value="">any lab</option>${facets.labs.map((v) => option(v, f.lab))}</select>
<select name="provider" aria-label="provider"><option value="">any provider</option>${facets.providers.map((v) => option(v, f.provider))}</select>
<select name="kind" aria-label="kind"><option value="">any kind</option>${dealKinds.map((v) => option(v, f.kind))}</select>
<select name="status" aria-label="status"><option value="">any status</option>${dealStatuses.map((v) => option(v, f.status))}</select>
<button class="btn" type="submit">Filter</button>${f.q || f.lab || f.provider || f.kind || f.status ? html` <a href="${tabUrl(f.state)}&amp;q=">clear</a>` : ''}
</form>
${bulk
  ? html`<div class="bulkbar"><form id="bulk" method="post" action="/deals/bulk-reject">${csrfField(csrf)}<input type="hidden" name="next" value="${back}"><span>Selected (<kbd>x</kbd>):</span><input type="text" name="reason" placeholder="reason (optional)" maxlength="500" aria-label="bulk reject reason"><button class="btn reject small" type="submit">Reject selected</button></form></div>`
  : ''}
${items.length
  ? html`<div class="cards">${items.map((d, index) => html`${index === slot ? noticeBlock : ''}${dealCard(d, { csrf, back }, { index, sameKind: same(d), bulk, textBefore, merged: merged.get(d.id), alert: alertsByDeal.get(d.id) })}${listed && d.id === noticeFor ? noticeBlock : ''}`)}${slot === items.length ? noticeBlock : ''}</div>`
  : html`${slot >= 0 ? noticeBlock : ''}<div class="empty"><b>${f.state === 'pending' ? 'The queue is empty.' : 'Nothing here.'}</b>${f.state === 'pending' ? 'New candidates appear here as feeds are polled and articles extracted.' : 'No deals match these filters.'}</div>`}
${total > f.offset + items.length || f.offset > 0
  ? html`<div class="pager">${f.offset > 0 ? html`<a class="btn" href="${withParams(back, { offset: String(Math.max(0, f.offset - f.limit)) })}">← newer</a>` : ''}<span class="muted">${f.offset + 1}–${f.offset + items.length} of ${total}</span>${total > f.offset + items.length ? html`<a class="btn" href="${withParams(back, { offset: String(f.offset + f.limit) })}">more →</a>` : ''}</div>`
  : ''}
${helpBox}
<div class="keyhint"><kbd>j</kbd><kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>?</kbd> help</div>
<script src="/static/review.js" defer></script>
${countdownScript}`;
  return c.html(page(title, body, { user, csrf, active: f.state === 'approved' ? '/deals/approved' : '/' }));
}

/** The lab of the card a shown source belongs to (a merged card's sources now belong to another deal). */
function labOf(items: DealListItem[], s: SourceView, merged: Map<number, MergedInfo>): string {
  for (const d of items) {
    if (d.id === s.dealId && d.reviewState !== 'merged') return d.lab;
    if (d.reviewState === 'merged' && merged.get(d.id)?.sources.some((m) => m.id === s.id)) return d.lab;
  }
  return '';
}

async function dealPage(deps: WebDeps, c: C, id: number): Promise<Response> {
  const d = await getDeal(deps.db, id);
  if (!d) return notFound(c, `There is no deal #${id}.`);
  const alert = (await dealAlertStatuses(deps.db, [d.id])).get(d.id);
  const { user, csrf } = viewer(c);
  const back = `/deals/${id}`;
  const notice = takeNotice(c);
  const mergedInfo = d.reviewState === 'merged' ? (await mergedInfoOf(deps.db, [d])).get(d.id) : undefined;
  const sources = mergedInfo ? mergedInfo.sources : d.sources;
  const textBefore = await textBeforeEvidence(deps.db, sources.filter((s) => !namesParty(s.evidence, d.lab)).map((s) => s.id));
  const body = html`
<div class="pagehead"><h1>${d.lab} → ${d.provider}</h1>${stateBadge(d.reviewState)}${d.newLane && d.reviewState === 'pending' ? html`<span class="badge lane">approving opens a new lane</span>` : ''}<span class="spacer"></span>
<form id="undo" method="post" action="/undo">${csrfField(csrf)}<input type="hidden" name="next" value="${back}"><input type="hidden" name="deal" value="${d.id}"><button class="btn small" type="submit">Undo my last action here <kbd>u</kbd></button></form>
<span class="muted mono">#${d.id} · v${d.version}</span></div>
<div class="grid2">
<div>
${notice ? noticeHtml(notice, csrf, back) : ''}
<div class="panel single" data-id="${d.id}">
<dl class="kv">
<dt>Kind</dt><dd>${d.kind}</dd><dt>Status</dt><dd>${d.status}</dd>
<dt>Amount</dt><dd>${formatUsd(d.amountUsd)}${d.amountUsd !== null ? html` <span class="muted small">($${d.amountUsd.toLocaleString('en-US')})</span>` : ''}</dd>
<dt>Power</dt><dd>${formatGw(d.gigawatts)}</dd><dt>Hardware</dt><dd>${d.hardware ?? '—'}</dd>
<dt>Confidence</dt><dd>${confidenceHtml(d.confidence)}</dd>
<dt>Reported</dt><dd>${formatDateTime(d.reportedAt)}</dd>
<dt>Reviewed</dt><dd>${d.reviewer ? html`${d.reviewer}, ${formatDateTime(d.reviewedAt)}${d.rejectReason ? html` — “${d.rejectReason}”` : ''}` : '—'}</dd>
${d.mergedInto ? html`<dt>Merged into</dt><dd><a class="into" href="/deals/${d.mergedInto}">#${d.mergedInto}${mergedInfo?.into ? ` ${mergedInfo.into.lab} → ${mergedInfo.into.provider}` : ''}</a></dd>` : ''}
${d.mergedFrom.length ? html`<dt>Merged from</dt><dd>${d.mergedFrom.map((m) => html`<a href="/deals/${m.id}">#${m.id}</a> `)}</dd>` : ''}
<dt>Lane</dt><dd>${d.lane ? html`first reported ${formatDate(d.lane.openedAt, d.lane.openedAtPrecision)} (${d.lane.origin})` : html`<span class="muted">none yet</span>`}</dd>
${alert ? html`<dt>Alert</dt><dd><a href="/alerts">#${alert.alertId}</a> ${alertStatusHtml(alert.status, alert.alertId)}</dd>` : ''}
</dl>
${disagreementsHtml(d.disagreements)}
${actionForms(d, { csrf, back })}
</div>
<h2>Sources (${sources.length})${mergedInfo ? html` <span class="muted small">now part of <a href="/deals/${d.mergedInto}">#${d.mergedInto}</a></span>` : ''}</h2>
<ul class="evidence">${sources.map((s) => sourceLine(s, d, textBefore.get(s.id)))}</ul>
${d.sources.length > 1
  ? html`<h3>As each source states it</h3><table class="data"><thead><tr><th>Article</th><th>Status</th><th class="num">Amount</th><th class="num">Power</th><th>Hardware</th><th class="num">Conf.</th></tr></thead><tbody>
${d.sources.map((s) => html`<tr><td><a href="/articles/${s.articleId}">${s.articleTitle ?? s.articleUrl}</a></td><td>${s.fields.status}</td><td class="num">${formatUsd(s.fields.amount_usd)}</td><td class="num">${formatGw(s.fields.gigawatts)}</td><td>${s.fields.hardware ?? '—'}</td><td class="num">${formatConfidence(s.fields.confidence)}</td></tr>`)}
</tbody></table>`
  : ''}
</div>
<div>
<h2 class="first">History</h2>
${eventsTable(d.events)}
<p class="small"><a href="/api/deals/${d.id}">JSON</a></p>
</div>
</div>
${helpBox}
<script src="/static/review.js" defer></script>
${countdownScript}`;
  return c.html(page(`#${d.id} ${d.lab} → ${d.provider}`, body, { user, csrf }));
}

function notFound(c: C, message: string): Response | Promise<Response> {
  return c.html(page('Not found', html`<h1>Not found</h1><p>${message}</p><p><a href="/">Back to the queue</a></p>`, viewer(c)), 404);
}

// The HTML table stays readable; the exports page through everything.
const maxTableRows = 500;
const approvedCsvColumns = ['id', 'lab', 'provider', 'kind', 'status', 'amount_usd', 'gigawatts', 'hardware', 'confidence', 'sources', 'reported_at', 'reviewer', 'reviewed_at', 'first_source_url'];

async function allApproved(deps: WebDeps): Promise<DealListItem[]> {
  const out: DealListItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const { items } = await listDeals(deps.db, { state: 'approved', limit: 500, offset });
    out.push(...items);
    if (items.length < 500) return out;
  }
}

async function articlePage(deps: WebDeps, c: C, id: number): Promise<Response> {
  const a = await getArticle(deps.db, id);
  if (!a) return notFound(c, `There is no article #${id}.`);
  const { user, csrf } = viewer(c);
  const text = a.article.text ?? a.article.feedContent ?? '';
  // Mark each evidence sentence in the text (by its offsets when they still match, else by search).
  const spans: { start: number; end: number; dealId: number }[] = [];
  for (const f of a.found) {
    const s = f.source;
    let start = s.evidenceStart ?? -1;
    if (start < 0 || text.slice(start, start + s.evidence.length) !== s.evidence) start = text.indexOf(s.evidence);
    if (start >= 0 && !spans.some((x) => start < x.end && start + s.evidence.length > x.start)) spans.push({ start, end: start + s.evidence.length, dealId: f.deal.id });
  }
  spans.sort((x, y) => x.start - y.start);
  const paragraphs: Html[] = [];
  let cursor = 0;
  let para: Html[] = [];
  const pushText = (t: string) => {
    const parts = t.split(/\n\s*\n/);
    parts.forEach((p, i) => {
      if (i > 0) {
        paragraphs.push(html`<p>${para}</p>`);
        para = [];
      }
      if (p) para.push(html`${p}`);
    });
  };
  for (const s of spans) {
    pushText(text.slice(cursor, s.start));
    para.push(html`<mark class="evidence-hit" title="deal #${s.dealId}">${text.slice(s.start, s.end)}</mark><a class="small" href="/deals/${s.dealId}">#${s.dealId}</a>`);
    cursor = s.end;
  }
  pushText(text.slice(cursor));
  paragraphs.push(html`<p>${para}</p>`);
  const ar = a.article;
  const body = html`<div class="pagehead"><h1>${ar.title ?? ar.url}</h1></div>
<p class="muted">${a.outlet ?? 'unknown outlet'} · ${formatDateTime(ar.published)} · <a href="${safeHref(ar.url)}" rel="noopener noreferrer" target="_blank">${ar.url}</a> · state ${ar.state}${ar.error ? html` — ${ar.error}` : ''}</p>
${ar.bodySource === 'feed' ? html`<div class="notice">The page could not be retrieved${ar.fetchError ? html` (${ar.fetchError})` : ''}; this is the feed's text.</div>` : ''}
<h2>Deals found (${a.found.length})</h2>
${a.found.length
  ? html`<table class="data"><thead><tr><th>#</th><th>Pair</th><th>State</th><th>As this article states it</th><th>Evidence</th></tr></thead><tbody>
${a.found.map((f) => html`<tr><td><a href="/deals/${f.deal.id}">#${f.deal.id}</a></td><td>${f.deal.lab} → ${f.deal.provider}</td><td>${stateBadge(f.deal.reviewState)}</td><td class="small">${f.source.fields.kind}, ${f.source.fields.status}, ${formatUsd(f.source.fields.amount_usd)}, ${formatGw(f.source.fields.gigawatts)}</td><td>${evidenceHtml(f.source.evidence, f.deal)}</td></tr>`)}
</tbody></table>`
  : html`<p class="muted">No deals found in this article.</p>`}
<h2>Text</h2>
${text ? html`<div class="articletext">${paragraphs}</div>` : html`<p class="muted">No text was extracted.</p>`}`;
  return c.html(page(ar.title ?? `Article #${id}`, body, { user, csrf }));
}

// Ids in paths and form fields are plain digits: "0x20", "1e3" or " 7" name no deal.
const idParam = plainIdField;

/** Where a form returns to: its page without any old notice in the address, the cursor kept. */
function returnTo(back: string, at: string | undefined): string {
  return withParams(back, { msg: undefined, err: undefined, at: at && /^\d{1,5}$/.test(at) ? at : undefined });
}

async function form(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** PostgreSQL text cannot hold NUL (U+0000): a form with one changes nothing and says why. */
const nulMessage = 'Not saved: the form holds a NUL character.';
function holdsNul(values: unknown[]): boolean {
  return values.flat().some((v) => typeof v === 'string' && v.includes('\0'));
}

function versionOf(f: Record<string, string>): number | undefined {
  return parsePlainId(f.version) ?? undefined;
}

export function reviewRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = (): ReviewContext => ({ db: deps.db, settings: deps.settings, queues: deps.queues, logger: deps.logger });
  const secure = /^https:/i.test(deps.settings.PUBLIC_URL);
  // The #notice fragment scrolls the page to the notice even without JavaScript.
  const done = (c: C, to: string, n: Notice) => {
    setNotice(c, n, secure);
    return c.redirect(`${to}#notice`, 303);
  };
  const failed = (c: C, to: string, err: unknown, deal?: number) => {
    if (err instanceof DealNotFoundError || err instanceof ReviewConflictError || err instanceof ReviewInputError) return done(c, to, refused(err.message, deal));
    throw err;
  };

  app.get('/', (c) => queuePage(deps, c));
  app.get('/deals', (c) => c.redirect('/', 301));
  app.get('/deals/approved', (c) => approvedPage(deps, c, maxTableRows));
  app.get('/deals/approved.json', async (c) => {
    c.header('content-disposition', 'attachment; filename="lanewatch-approved-deals.json"');
    return c.json((await allApproved(deps)).map((d) => dealJson(d)));
  });
  app.get('/deals/approved.csv', async (c) => {
    const rows = (await allApproved(deps)).map((d) => ({
      id: d.id, lab: d.lab, provider: d.provider, kind: d.kind, status: d.status, amount_usd: d.amountUsd, gigawatts: d.gigawatts,
      hardware: d.hardware, confidence: d.confidence, sources: d.sourceCount, reported_at: d.reportedAt?.toISOString() ?? '',
      reviewer: d.reviewer, reviewed_at: d.reviewedAt?.toISOString() ?? '', first_source_url: d.sources[0]?.articleUrl ?? '',
    }));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="lanewatch-approved-deals.csv"');
    return c.body(csvOf(approvedCsvColumns, rows));
  });
  app.get('/deals/:id{[0-9]+}', (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? dealPage(deps, c, id.data) : notFound(c, 'No such deal.');
  });
  app.get('/articles/:id{[0-9]+}', (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? articlePage(deps, c, id.data) : notFound(c, 'No such article.');
  });

  const act = (name: string, run: (id: number, f: Record<string, string>, user: string) => Promise<Notice>) =>
    app.post(`/deals/:id{[0-9]+}/${name}`, async (c) => {
      const f = await form(c);
      const to = returnTo(safeBack(f.next, '/'), f.at);
      const id = idParam.safeParse(c.req.param('id'));
      if (!id.success) return notFound(c, 'No such deal.');
      if (holdsNul(Object.values(f))) return done(c, to, refused(nulMessage, id.data));
      try {
        return done(c, to, await run(id.data, f, c.var.user!));
      } catch (err) {
        return failed(c, to, err, id.data);
      }
    });

  act('approve', async (id, f, user) => {
    const r = await approveDeal(ctx(), id, user, { expectedVersion: versionOf(f) });
    const delay = deps.settings.ALERT_DELAY_SECONDS;
    return { code: 'approved', deal: id, lab: r.deal.lab, provider: r.deal.provider, laneOpened: r.laneOpened, ...(r.alertId === null ? {} : { alert: r.alertId, alertDelaySeconds: delay }) };
  });
  act('reject', async (id, f, user) => {
    const d = await rejectDeal(ctx(), id, user, (f.reason ?? '').slice(0, 500) || null, { expectedVersion: versionOf(f) });
    return { code: 'rejected', deal: id, lab: d.lab, provider: d.provider };
  });
  act('edit', async (id, f, user) => {
    const current = await getDeal(deps.db, id);
    if (!current) throw new DealNotFoundError(id);
    const raw = editFromStrings({ lab: f.lab, provider: f.provider, kind: f.kind, status: f.status, amount_usd: f.amount_usd, gigawatts: f.gigawatts, hardware: f.hardware });
    // A form sends every field; only those that differ are an edit.
    const cur: Record<string, unknown> = { lab: current.lab, provider: current.provider, kind: current.kind, status: current.status, amount_usd: current.amountUsd, gigawatts: current.gigawatts, hardware: current.hardware };
    const changed = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== cur[k]));
    const parsed = dealEditSchema.safeParse(changed);
    if (!parsed.success) throw new ReviewInputError(`Not saved: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'edit'}: ${i.message}`).join('; ')}`);
    await editDeal(ctx(), id, user, toDealEdit(parsed.data), { expectedVersion: versionOf(f) });
    return { code: 'saved', deal: id, fields: Object.keys(parsed.data) };
  });
  act('merge', async (id, f, user) => {
    const into = idParam.safeParse(f.into);
    if (!into.success) throw new ReviewInputError('Merge: give the number of the deal to merge into.');
    await mergeDeal(ctx(), id, into.data, user, { expectedVersion: versionOf(f) });
    return { code: 'merged', deal: id, into: into.data };
  });

  app.post('/deals/bulk-reject', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const to = returnTo(safeBack(body.next, '/'), undefined);
    if (holdsNul(Object.values(body))) return done(c, to, refused(nulMessage));
    const raw = ([] as unknown[]).concat(body.ids ?? []);
    const ids = raw.map((v) => idParam.safeParse(v)).filter((r) => r.success).map((r) => r.data);
    if (ids.length === 0) return done(c, to, refused('Select candidates first (x, or the boxes).'));
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : '';
    const r = await bulkRejectDeals(ctx(), ids, c.var.user!, reason || null);
    return done(c, to, { code: 'bulk-rejected', count: r.rejected.length, skipped: r.skipped.length });
  });

  app.post('/undo', async (c) => {
    const f = await form(c);
    const to = returnTo(safeBack(f.next, '/'), f.at);
    const dealId = idParam.safeParse(f.deal);
    try {
      const r = await undoLastAction(ctx(), c.var.user!, dealId.success ? dealId.data : undefined);
      return done(c, to, { code: 'undone', deal: r.deal.id, action: r.undone.action, lab: r.deal.lab, provider: r.deal.provider });
    } catch (err) {
      return failed(c, to, err, dealId.success ? dealId.data : undefined);
    }
  });
  return app;
}
