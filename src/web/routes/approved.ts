// The Approved page: every approved deal, filtered and sorted by the reader, each with links to its sources.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { dealKinds, dealStatuses } from '../../db/schema.js';
import { facetsOf, listDeals, type DealListItem } from '../../deals/queries.js';
import type { WebDeps } from '../deps.js';
import { viewer, type AppEnv } from '../env.js';
import { formatDate, formatGw, formatUsd } from '../format.js';
import { page, type Html } from '../layout.js';
import { safeHref } from '../views/deal.js';

const sortKeys = ['reviewed', 'reported', 'lab', 'provider', 'amount', 'power', 'sources'] as const;
type SortKey = (typeof sortKeys)[number];

export const approvedQuerySchema = z
  .object({
    lab: z.string().trim().max(200).optional(),
    provider: z.string().trim().max(200).optional(),
    kind: z.enum(dealKinds).optional(),
    status: z.enum(dealStatuses).optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(sortKeys).default('reviewed'),
    dir: z.enum(['asc', 'desc']).optional(),
    // Accepted and ignored: old links with a notice in the address open, and show no notice.
    msg: z.string().optional(),
    err: z.string().optional(),
  })
  .strict();
type ApprovedQuery = z.infer<typeof approvedQuerySchema>;

/** Text sorts A→Z first, figures and dates largest or newest first. */
const defaultDir: Record<SortKey, 'asc' | 'desc'> = { reviewed: 'desc', reported: 'desc', lab: 'asc', provider: 'asc', amount: 'desc', power: 'desc', sources: 'desc' };

function sortValue(d: DealListItem, key: SortKey): string | number | null {
  switch (key) {
    case 'reviewed':
      return d.reviewedAt?.getTime() ?? null;
    case 'reported':
      return d.reportedAt?.getTime() ?? null;
    case 'lab':
      return d.lab.toLowerCase();
    case 'provider':
      return d.provider.toLowerCase();
    case 'amount':
      return d.amountUsd;
    case 'power':
      return d.gigawatts;
    case 'sources':
      return d.sourceCount;
  }
}

/** Sorts by one column; deals without a value go last either way, ties by id. */
export function sortApproved(items: DealListItem[], key: SortKey, dir: 'asc' | 'desc'): DealListItem[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return a.id - b.id;
  });
}

function hrefOf(q: ApprovedQuery, over: Partial<Record<keyof ApprovedQuery, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...over })) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `/deals/approved?${s}` : '/deals/approved';
}

function header(q: ApprovedQuery, key: SortKey, label: string, numeric = false): Html {
  const dir = q.dir ?? defaultDir[q.sort];
  const active = q.sort === key;
  const next = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir[key];
  return html`<th class="${numeric ? 'num ' : ''}sortable"${active ? html` aria-sort="${dir === 'asc' ? 'ascending' : 'descending'}"` : ''}><a href="${hrefOf(q, { sort: key, dir: next })}">${label}${active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
}

function sourcesCell(d: DealListItem): Html {
  const shown = d.sources.slice(0, 3);
  return html`<td class="sources">${shown.map((s, i) => html`${i ? html`<br>` : ''}<a href="/articles/${s.articleId}" title="${s.articleTitle ?? s.articleUrl}">${s.outlet ?? 'article'}</a> <a class="ext" href="${safeHref(s.articleUrl)}" rel="noopener noreferrer" target="_blank" aria-label="original article">↗</a>`)}${d.sources.length > shown.length ? html`<br><a href="/deals/${d.id}">+${d.sources.length - shown.length} more</a>` : ''}</td>`;
}

export async function approvedPage(deps: WebDeps, c: Context<AppEnv>, maxRows: number): Promise<Response> {
  const parsed = approvedQuerySchema.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
  const { user, csrf } = viewer(c);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
    return c.html(page('Bad filter', html`<div class="flash error" role="alert">Bad filter: ${problems}</div><p><a href="/deals/approved">All approved deals</a></p>`, { user, csrf, active: '/deals/approved' }), 400);
  }
  const { msg: _msg, err: _err, ...q } = parsed.data;
  const [{ items, total }, facets] = await Promise.all([
    listDeals(deps.db, { state: 'approved', limit: maxRows, lab: q.lab, provider: q.provider, kind: q.kind, status: q.status, q: q.q }),
    facetsOf(deps.db, 'approved'),
  ]);
  const rows = sortApproved(items, q.sort, q.dir ?? defaultDir[q.sort]);
  const option = (v: string, selected: string | undefined) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`;
  const filtered = Boolean(q.lab || q.provider || q.kind || q.status || q.q);
  const body = html`<div class="pagehead"><h1>Approved deals</h1><span class="muted">${total}</span><span class="spacer"></span>
<a class="btn" href="/api/deals/approved.csv">Export CSV</a><a class="btn" href="/api/deals/approved.json">Export JSON</a></div>
<form class="filters" method="get" action="/deals/approved">
<input type="hidden" name="sort" value="${q.sort}">${q.dir ? html`<input type="hidden" name="dir" value="${q.dir}">` : ''}
<input type="search" name="q" value="${q.q ?? ''}" placeholder="Search parties, hardware, evidence, titles…" aria-label="search">
<select name="lab" aria-label="lab"><option value="">any lab</option>${facets.labs.map((v) => option(v, q.lab))}</select>
<select name="provider" aria-label="provider"><option value="">any provider</option>${facets.providers.map((v) => option(v, q.provider))}</select>
<select name="kind" aria-label="kind"><option value="">any kind</option>${dealKinds.map((v) => option(v, q.kind))}</select>
<select name="status" aria-label="status"><option value="">any status</option>${dealStatuses.map((v) => option(v, q.status))}</select>
<button class="btn" type="submit">Filter</button>${filtered ? html` <a href="${hrefOf({ sort: q.sort, dir: q.dir }, {})}">clear</a>` : ''}
</form>
${rows.length
  ? html`<div class="tablewrap"><table class="data approved"><thead><tr><th>#</th>${header(q, 'lab', 'Lab')}${header(q, 'provider', 'Provider')}<th>Kind</th><th>Status</th>${header(q, 'amount', 'Amount', true)}${header(q, 'power', 'Power', true)}<th>Hardware</th>${header(q, 'sources', 'Sources', true)}${header(q, 'reported', 'Reported')}${header(q, 'reviewed', 'Approved')}</tr></thead><tbody>
${rows.map((d) => html`<tr data-id="${d.id}"><td><a href="/deals/${d.id}">#${d.id}</a></td><td>${d.lab}</td><td>${d.provider}</td><td>${d.kind}</td><td>${d.status}</td><td class="num">${formatUsd(d.amountUsd)}</td><td class="num">${formatGw(d.gigawatts)}</td><td>${d.hardware ?? '—'}</td>${sourcesCell(d)}<td class="num">${formatDate(d.reportedAt)}</td><td class="num">${formatDate(d.reviewedAt)}<br><span class="muted small">${d.reviewer ?? ''}</span></td></tr>`)}
</tbody></table></div>${total > rows.length ? html`<p class="muted">Showing the latest ${rows.length} approved (sorted among these); the exports hold all ${total}.</p>` : ''}`
  : html`<div class="empty"><b>${filtered ? 'No approved deal matches these filters.' : 'No approved deals yet.'}</b>${filtered ? '' : 'Approve candidates in the queue.'}</div>`}`;
  return c.html(page('Approved deals', body, { user, csrf, active: '/deals/approved' }));
}
