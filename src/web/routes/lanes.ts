// /lanes: the lab × provider matrix, each lab's lanes in opening order as a chart and as a table. ?format=json for data.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { dateOnly, laneRecord, loadLaneMap, timelineLine, type LaneCell, type LaneMap } from '../../lanes/map.js';
import type { WebDeps } from '../deps.js';
import { viewer } from '../env.js';
import { formatGw, formatUsd } from '../format.js';
import { page, type Html } from '../layout.js';
import { laneTimelineSvg } from './lanes-timeline.js';
import { safeHref } from '../../lanes/render.js';

function cellHtml(c: LaneCell | undefined): Html {
  if (!c) return html`<td></td>`;
  const figures = [c.totalUsd !== null ? formatUsd(c.totalUsd) : null, c.totalGw !== null ? formatGw(c.totalGw) : null].filter(Boolean).join(' · ');
  const dates = dateOnly(c.firstDate) === dateOnly(c.lastDate) ? dateOnly(c.firstDate) : `${dateOnly(c.firstDate)} – ${dateOnly(c.lastDate)}`;
  return html`<td class="lanecell origin-${c.origin}" title="${c.lab} → ${c.provider} (${c.origin})"><b>${c.deals} deal${c.deals === 1 ? '' : 's'}</b>${figures ? html`<br>${figures}` : ''}<br><span class="small muted">${dates}</span></td>`;
}

function matrixHtml(map: LaneMap): Html {
  const byPair = new Map(map.cells.map((c) => [`${c.lab}\u0000${c.provider}`, c]));
  return html`<div class="panel"><table class="data matrix">
<thead><tr><th>lab \\ provider</th>${map.providers.map((p) => html`<th>${p}</th>`)}</tr></thead>
<tbody>${map.labs.map((lab) => html`<tr><th><a href="/lanes?lab=${encodeURIComponent(lab)}">${lab}</a></th>${map.providers.map((p) => cellHtml(byPair.get(`${lab}\u0000${p}`)))}</tr>`)}</tbody>
</table></div>`;
}

function timelineTables(map: LaneMap): Html {
  return html`${map.timelines.map(
    (t) => html`<h3>${timelineLine(t)}</h3>
<table class="data">
<thead><tr><th class="num">#</th><th>provider</th><th>kind</th><th>opened</th><th>origin</th><th class="num">deals</th><th class="num">total USD</th><th class="num">total GW</th><th>last</th><th>source</th></tr></thead>
<tbody>${t.lanes.map((l, i) => {
      const href = safeHref(l.sourceUrl);
      return html`<tr><td class="num">${i + 1}</td><td>${l.provider}</td><td>${l.kind ?? ''}</td><td>${dateOnly(l.firstDate)}</td><td><span class="badge ${l.origin === 'review' ? 'lane' : 'kind'}">${l.origin}</span></td><td class="num">${l.deals}</td><td class="num">${formatUsd(l.totalUsd)}</td><td class="num">${formatGw(l.totalGw)}</td><td>${dateOnly(l.lastDate)}</td><td>${href ? html`<a href="${href}" rel="noopener noreferrer">source</a>` : l.openedByDealId ? html`<a href="/deals/${l.openedByDealId}">deal #${l.openedByDealId}</a>` : ''}</td></tr>`;
    })}</tbody>
</table>`,
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
    const body = html`<div class="pagehead"><h1>Lanes${lab ? html` · ${lab}` : ''}</h1><span class="spacer"></span>${lab ? html`<a href="/lanes">all labs</a>` : ''} <a href="/lanes?format=json${lab ? `&lab=${encodeURIComponent(lab)}` : ''}">JSON</a></div>
${map.cells.length === 0
  ? html`<div class="empty"><b>No lanes${lab ? html` for ${lab}` : ''} yet.</b> Load the baseline with <code>lanewatch lanes import config/lanes.csv</code>; approving a deal of a new pair opens a lane.</div>`
  : html`<h2>Lanes in the order they opened</h2>
<div class="panel">${laneTimelineSvg(map.timelines)}</div>
<h2>Lab × provider</h2>
${matrixHtml(map)}
<h2>Each lab's lanes</h2>
${timelineTables(map)}`}`;
    return c.html(page('Lanes', body, { ...viewer(c), active: '/lanes' }));
  });
  return app;
}

export default lanesRoutes;
