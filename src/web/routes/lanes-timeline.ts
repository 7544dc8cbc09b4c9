// Each lab's lanes in opening order as an inline SVG, drawn on the server (no script, no inline style: the CSP
// allows neither). Every text goes through hono's html`` and is escaped.
import { html } from 'hono/html';
import type { LabTimeline } from '../../lanes/map.js';
import type { Html } from '../layout.js';

const width = 960;
const left = 120;
const right = 40;
const rowHeight = 124;
const top = 30;
/** Rough width of one character of the 12px label font, to keep labels of close dates from overlapping. */
const charWidth = 7.2;
/** Label rows above and below each lab's line, used in turn when labels would collide. */
const labelOffsets = [-14, 24, -30, 40, -46, 56];

const palette = { line: '#9aa4b2', baseline: '#64748b', review: '#d97706', text: '#1f2937', grid: '#e5e7eb', muted: '#6b7280' };

export function laneTimelineSvg(timelines: LabTimeline[]): Html {
  const dates = timelines.flatMap((t) => t.lanes.map((l) => l.firstDate.getTime()));
  if (dates.length === 0) return html``;
  const firstYear = new Date(Math.min(...dates)).getUTCFullYear();
  const lastYear = new Date(Math.max(...dates)).getUTCFullYear() + 1;
  const t0 = Date.UTC(firstYear, 0, 1);
  const t1 = Date.UTC(lastYear, 0, 1);
  const x = (ms: number) => left + ((ms - t0) / (t1 - t0)) * (width - left - right);
  const height = top + timelines.length * rowHeight + 30;
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);

  const rows = timelines.map((t, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    const xs = t.lanes.map((l) => x(l.firstDate.getTime()));
    const lastEnd = labelOffsets.map(() => -Infinity);
    const marks = t.lanes.map((lane, j) => {
      const label = `${j + 1}. ${lane.provider}`;
      const w = label.length * charWidth;
      let level = labelOffsets.findIndex((_, k) => xs[j] - w / 2 > lastEnd[k] + 4);
      // Every row taken: the one whose last label ends furthest left overlaps least.
      if (level < 0) level = lastEnd.indexOf(Math.min(...lastEnd));
      lastEnd[level] = xs[j] + w / 2;
      const colour = lane.origin === 'review' ? palette.review : palette.baseline;
      return html`<g><title>${t.lab} → ${lane.provider}: opened ${lane.firstDate.toISOString().slice(0, 10)} (${lane.origin}${lane.deals ? `, ${lane.deals} deal${lane.deals === 1 ? '' : 's'}` : ''})</title><circle cx="${xs[j].toFixed(1)}" cy="${cy}" r="6" fill="${colour}"></circle><text x="${xs[j].toFixed(1)}" y="${cy + labelOffsets[level]}" text-anchor="middle" font-size="12" fill="${palette.text}">${label}</text></g>`;
    });
    return html`<g><text x="8" y="${cy + 4}" font-size="13" font-weight="bold" fill="${palette.text}">${t.lab}</text><line x1="${Math.min(...xs).toFixed(1)}" y1="${cy}" x2="${Math.max(...xs).toFixed(1)}" y2="${cy}" stroke="${palette.line}" stroke-width="2"></line>${marks}</g>`;
  });

  return html`<svg class="lanechart" role="img" aria-label="Each lab's compute lanes in the order they opened" viewBox="0 0 ${width} ${height}" width="100%" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" xmlns="http://www.w3.org/2000/svg">${years.map(
    (y) =>
      html`<line x1="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y1="${top - 10}" x2="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y2="${height - 30}" stroke="${palette.grid}"></line><text x="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y="${top - 14}" font-size="11" text-anchor="middle" fill="${palette.muted}">${y}</text>`,
  )}${rows}<g><circle cx="${width - 330}" cy="${height - 12}" r="5" fill="${palette.baseline}"></circle><text x="${width - 320}" y="${height - 8}" font-size="11" fill="${palette.muted}">baseline</text><circle cx="${width - 250}" cy="${height - 12}" r="5" fill="${palette.review}"></circle><text x="${width - 240}" y="${height - 8}" font-size="11" fill="${palette.muted}">opened by a reviewed deal</text></g></svg>`;
}
