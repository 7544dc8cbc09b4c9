// /lanes: the lab × provider matrix, each lab's lanes in opening order as a chart and as a table. The data: /api/lanes.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { laneFirstDate, laneLastDate, laneRecord, loadLaneMap, timelineLine, type LaneCell, type LaneMap } from '../../lanes/map.js';
import type { WebDeps } from '../deps.js';
import { viewer } from '../env.js';
import { formatGw, formatUsd } from '../format.js';
import { page, type Html } from '../layout.js';
import { laneTimelineSvg } from './lanes-timeline.js';
import { safeHref } from '../../alerts/render.js';

function dealsLabel(n: number): string {
  return `${n} deal${n === 1 ? '' : 's'}`;
}

/** A lane's first date as precisely as it is known, and its last deal's date when it has deals after that. */
function datesOf(c: LaneCell): string {
  const first = laneFirstDate(c);
  const last = laneLastDate(c);
  if (c.deals === 0 || last === first) return first;
  return `${first} – ${last}`;
}

function cellHtml(c: LaneCell | undefined): Html {
  if (!c) return html`<td class="empty-cell"></td>`;
  const figures = [c.totalUsd !== null ? formatUsd(c.totalUsd) : null, c.totalGw !== null ? formatGw(c.totalGw) : null].filter((v): v is string => v !== null);
  return html`<td class="lanecell origin-${c.origin}" title="${c.lab} → ${c.provider} (${c.origin})">${c.origin === 'baseline'
    ? html`<span class="badge baseline">baseline</span>${c.deals ? html` <span class="count">+${dealsLabel(c.deals)}</span>` : ''}`
    : html`<span class="count">${dealsLabel(c.deals)}</span>`}${figures.length ? html`<span class="figures">${figures.map((f, i) => html`${i ? ' · ' : ''}<span class="fig">${f}</span>`)}</span>` : ''}<span class="when">${datesOf(c)}</span></td>`;
}

/**
 * The matrix with providers down the side and labs across: labs are few and providers many, so the table grows
 * downwards and fits its panel at any width from 1024 px.
 */
function matrixHtml(map: LaneMap): Html {
  const byPair = new Map(map.cells.map((c) => [`${c.lab}\u0000${c.provider}`, c]));
  return html`<div class="panel matrixpanel"><table class="data matrix">
<thead><tr><th scope="col" class="corner">provider \\ lab</th>${map.labs.map((lab) => html`<th scope="col" class="name"><a href="/lanes?lab=${encodeURIComponent(lab)}">${lab}</a></th>`)}</tr></thead>
<tbody>${map.providers.map((p) => html`<tr><th scope="row" class="name">${p}</th>${map.labs.map((lab) => cellHtml(byPair.get(`${lab}\u0000${p}`)))}</tr>`)}</tbody>
</table></div>`;
}

function timelineTables(map: LaneMap): Html {
  return html`${map.timelines.map(
    (t) => html`<h3 class="name">${timelineLine(t)}</h3>
<div class="panel tablepanel"><table class="data lanes-of-lab">
<thead><tr><th class="num">#</th><th>provider</th><th>kind</th><th>first reported</th><th>origin</th><th class="num">deals</th><th class="num">total USD</th><th class="num">total GW</th><th>last deal</th><th>source</th></tr></thead>
<tbody>${t.lanes.map((l, i) => {
      const href = safeHref(l.sourceUrl);
      return html`<tr><td class="num">${i + 1}</td><td class="name">${l.provider}</td><td>${l.kind ?? ''}</td><td class="num">${laneFirstDate(l)}</td><td><span class="badge ${l.origin === 'review' ? 'lane' : 'baseline'}">${l.origin}</span></td><td class="num">${l.origin === 'baseline' && l.deals === 0 ? html`<span class="muted">baseline</span>` : l.deals}</td><td class="num">${formatUsd(l.totalUsd)}</td><td class="num">${formatGw(l.totalGw)}</td><td class="num">${l.deals ? laneLastDate(l) : '—'}</td><td>${href ? html`<a href="${href}" rel="noopener noreferrer">source</a>` : l.openedByDealId ? html`<a href="/deals/${l.openedByDealId}">deal #${l.openedByDealId}</a>` : ''}</td></tr>`;
    })}</tbody>
</table></div>`,
  )}`;
}

export function lanesRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const lab = c.req.query('lab')?.trim() || undefined;
    const map = await loadLaneMap(deps.db, { lab });
    if (c.req.query('format') === 'json' || (c.req.header('accept') ?? '').startsWith('application/json')) {
      return c.json({ lanes: map.cells.map(laneRecord), timelines: map.timelines.map((t) => ({ lab: t.lab, providers: t.lanes.map((l) => l.provider), line: timelineLine(t) })) });
    }
    const body = html`<div class="pagehead"><h1>Lanes${lab ? html` · ${lab}` : ''}</h1><span class="spacer"></span>${lab ? html`<a href="/lanes">all labs</a>` : ''} <a href="/api/lanes${lab ? `?lab=${encodeURIComponent(lab)}` : ''}">JSON</a></div>
${map.cells.length === 0
  ? html`<div class="empty"><b>No lanes${lab ? html` for ${lab}` : ''} yet.</b> Load the baseline with <code>lanewatch lanes import config/lanes.csv</code>; approving a deal of a new pair opens a lane.</div>`
  : html`<h2>Lanes in the order they were first reported</h2>
<div class="panel chartpanel">${laneTimelineSvg(map.timelines)}</div>
<h2>Provider × lab</h2>
${matrixHtml(map)}
<h2>Each lab's lanes</h2>
${timelineTables(map)}`}`;
    return c.html(page('Lanes', body, { ...viewer(c), active: '/lanes' }));
  });
  return app;
}

export default lanesRoutes;
