// Each lab's lanes in opening order as an inline SVG, drawn on the server (no script, no inline style: the CSP
// allows neither). Every text goes through hono's html`` and is escaped.
import { html } from 'hono/html';
import { laneFirstDate, type LabTimeline } from '../../lanes/map.js';
import type { Html } from '../layout.js';

const width = 960;
const left = 120;
const right = 40;
const top = 30;
const fontSize = 12;
/**
 * A generous width of one character of the 12px label font (wide capitals included), so that labels placed
 * apart by this estimate are apart on screen.
 */
const charWidth = 7.6;
/** Space kept between two labels on one line. */
const labelGap = 8;
/** Vertical distance between label lines, and from the lab's line to the first label line above / below it. */
const lineStep = 16;
const firstAbove = 12;
const firstBelow = 22;
/** Line height of a lab's name broken over lines in the margin. */
const nameLineStep = 15;

const palette = { line: '#9aa4b2', baseline: '#64748b', review: '#d97706', text: '#1f2937', grid: '#e5e7eb', muted: '#6b7280', leader: '#c4cad3' };

export interface PlacedLabel {
  /** The lane's dot. */
  dotX: number;
  /** The label's centre (moved inwards when it would leave the chart). */
  x: number;
  /** Label line: 0, 2, 4… above the lab's line, 1, 3, 5… below. */
  level: number;
  width: number;
}

/** Label line offset from the lab's line (baseline of the text). */
export function levelOffset(level: number): number {
  const k = Math.floor(level / 2);
  return level % 2 === 0 ? -(firstAbove + k * lineStep) : firstBelow + k * lineStep;
}

/**
 * Places labels on as many lines as it takes that no two on one line overlap: each label goes on the first line
 * (alternating above and below the lab's line) where it clears the label before it; a new line when none does.
 */
export function placeLabels(items: { x: number; label: string }[], minX: number, maxX: number): PlacedLabel[] {
  const lastEnd: number[] = [];
  const order = items.map((it, i) => ({ ...it, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const out: PlacedLabel[] = new Array<PlacedLabel>(items.length);
  for (const it of order) {
    const w = it.label.length * charWidth;
    const x = Math.min(Math.max(it.x, minX + w / 2), maxX - w / 2);
    let level = lastEnd.findIndex((end) => x - w / 2 >= end + labelGap);
    if (level < 0) {
      level = lastEnd.length;
      lastEnd.push(-Infinity);
    }
    lastEnd[level] = x + w / 2;
    out[it.i] = { dotX: it.x, x, level, width: w };
  }
  return out;
}

/** A lab's name in the left margin: broken into lines at spaces when it is wider than the margin, cut when a word is. */
export function nameLines(name: string, maxChars = Math.floor((left - 14) / 8)): string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= maxChars) lines[last] += ` ${word}`;
    else lines.push(word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word);
  }
  return lines.length ? lines.slice(0, 3) : [''];
}

export function laneTimelineSvg(timelines: LabTimeline[]): Html {
  const dates = timelines.flatMap((t) => t.lanes.map((l) => l.firstDate.getTime()));
  if (dates.length === 0) return html``;
  const firstYear = new Date(Math.min(...dates)).getUTCFullYear();
  const lastYear = new Date(Math.max(...dates)).getUTCFullYear() + 1;
  const t0 = Date.UTC(firstYear, 0, 1);
  const t1 = Date.UTC(lastYear, 0, 1);
  const x = (ms: number) => left + ((ms - t0) / (t1 - t0)) * (width - left - right);
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);

  let y0 = top;
  const rows = timelines.map((t) => {
    const xs = t.lanes.map((l) => x(l.firstDate.getTime()));
    const placed = placeLabels(t.lanes.map((lane, j) => ({ x: xs[j], label: `${j + 1}. ${lane.provider}` })), left - 10, width - 4);
    const levels = Math.max(1, ...placed.map((p) => p.level + 1));
    const above = Math.ceil(levels / 2);
    const below = Math.floor(levels / 2);
    const names = nameLines(t.lab);
    const nameHalf = ((names.length - 1) * nameLineStep) / 2;
    const aboveLine = Math.max(firstAbove + (above - 1) * lineStep + fontSize + 4, nameHalf + 16);
    const belowLine = Math.max(below ? firstBelow + (below - 1) * lineStep + 8 : 14, nameHalf + 10);
    const cy = y0 + aboveLine;
    const rowHeight = aboveLine + belowLine;
    y0 += rowHeight + 10;
    const marks = t.lanes.map((lane, j) => {
      const p = placed[j];
      const ty = cy + levelOffset(p.level);
      const colour = lane.origin === 'review' ? palette.review : palette.baseline;
      // A thin leader from the dot to its label, so a label on an outer line still points at its lane.
      const leaderEnd = p.level % 2 === 0 ? ty + 3 : ty - fontSize + 2;
      return html`<g class="lane-mark"><title>${t.lab} → ${lane.provider}: first reported ${laneFirstDate(lane)} (${lane.origin === 'baseline' ? 'baseline' : `${lane.deals} deal${lane.deals === 1 ? '' : 's'}`})</title><line x1="${p.dotX.toFixed(1)}" y1="${cy}" x2="${p.x.toFixed(1)}" y2="${leaderEnd.toFixed(1)}" stroke="${palette.leader}" stroke-width="1"></line><circle cx="${p.dotX.toFixed(1)}" cy="${cy}" r="5" fill="${colour}"></circle><text class="lane-label" x="${p.x.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="middle" font-size="${fontSize}" fill="${palette.text}">${j + 1}. ${lane.provider}</text></g>`;
    });
    const nameTop = cy + 4 - nameHalf;
    return html`<g class="lab-row"><text class="lab-name" x="8" y="${nameTop.toFixed(1)}" font-size="13" font-weight="bold" fill="${palette.text}"><title>${t.lab}</title>${names.map((line, k) => html`<tspan x="8" dy="${k ? nameLineStep : 0}">${line}</tspan>`)}</text><line x1="${Math.min(...xs).toFixed(1)}" y1="${cy}" x2="${Math.max(...xs).toFixed(1)}" y2="${cy}" stroke="${palette.line}" stroke-width="2"></line>${marks}</g>`;
  });
  const height = y0 + 24;

  return html`<svg class="lanechart" role="img" aria-label="Each lab's compute lanes in the order they were first reported" viewBox="0 0 ${width} ${height}" width="100%" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" xmlns="http://www.w3.org/2000/svg">${years.map(
    (y) =>
      html`<line x1="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y1="${top - 10}" x2="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y2="${height - 30}" stroke="${palette.grid}"></line><text x="${x(Date.UTC(y, 0, 1)).toFixed(1)}" y="${top - 14}" font-size="11" text-anchor="middle" fill="${palette.muted}">${y}</text>`,
  )}${rows}<g><circle cx="${width - 330}" cy="${height - 12}" r="5" fill="${palette.baseline}"></circle><text x="${width - 320}" y="${height - 8}" font-size="11" fill="${palette.muted}">baseline</text><circle cx="${width - 250}" cy="${height - 12}" r="5" fill="${palette.review}"></circle><text x="${width - 240}" y="${height - 8}" font-size="11" fill="${palette.muted}">opened by a reviewed deal</text></g></svg>`;
}
