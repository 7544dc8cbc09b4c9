// The lane map: the lab × provider matrix (deals, total USD, total GW, first and last date per cell) and each lab's
// lanes in the one chronology (src/alerts/chronology.ts): the order each was first reported.
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { lanes, type DatePrecision } from '../db/schema.js';
import { formatDate } from '../format.js';
import { inChronology } from '../alerts/chronology.js';

export interface LaneCell {
  lab: string;
  provider: string;
  kind: string | null;
  origin: 'baseline' | 'review';
  /** Approved deals counted on the lane (baseline lanes start at 0). */
  deals: number;
  totalUsd: number | null;
  totalGw: number | null;
  /** When the lane was first reported; firstDatePrecision says whether that is a day, or only a month or year. */
  firstDate: Date;
  firstDatePrecision: DatePrecision;
  lastDate: Date;
  lastDatePrecision: DatePrecision;
  sourceUrl: string | null;
  openedByDealId: number | null;
}

export interface LabTimeline {
  lab: string;
  /** The lab's lanes in the order each was first reported. */
  lanes: LaneCell[];
}

export interface LaneMap {
  labs: string[];
  providers: string[];
  cells: LaneCell[];
  timelines: LabTimeline[];
}

export async function loadLaneMap(db: DbOrTx, options: { lab?: string } = {}): Promise<LaneMap> {
  const rows = await db
    .select()
    .from(lanes)
    .where(options.lab ? sql`lower(${lanes.lab}) = lower(${options.lab})` : undefined)
    .orderBy(asc(lanes.lab), asc(lanes.id));
  const toCell = (r: (typeof rows)[number]): LaneCell => ({
    lab: r.lab,
    provider: r.provider,
    kind: r.kind,
    origin: r.origin,
    deals: r.dealCount,
    totalUsd: r.totalUsd,
    totalGw: r.totalGw,
    firstDate: r.openedAt,
    firstDatePrecision: r.openedAtPrecision,
    lastDate: r.lastDealAt && r.lastDealAt > r.openedAt ? r.lastDealAt : r.openedAt,
    lastDatePrecision: r.lastDealAt && r.lastDealAt > r.openedAt ? 'day' : r.openedAtPrecision,
    sourceUrl: r.sourceUrl,
    openedByDealId: r.openedByDealId,
  });
  const labs = [...new Set(rows.map((r) => r.lab))];
  const timelines = labs.map((lab) => ({ lab, lanes: inChronology(rows.filter((r) => r.lab === lab)).map(toCell) }));
  const cells = timelines.flatMap((t) => t.lanes);
  // Providers by how many labs use them, then by name: the busiest columns come first.
  const uses = new Map<string, number>();
  for (const c of cells) uses.set(c.provider, (uses.get(c.provider) ?? 0) + 1);
  const providers = [...uses.keys()].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || a.localeCompare(b));
  return { labs, providers, cells, timelines };
}

export function cellOf(map: LaneMap, lab: string, provider: string): LaneCell | undefined {
  return map.cells.find((c) => c.lab === lab && c.provider === provider);
}

/** "Anthropic: Google 2023 → Amazon 2023 → SpaceX 2026". */
export function timelineLine(t: LabTimeline): string {
  return `${t.lab}: ${t.lanes.map((l) => `${l.provider} ${l.firstDate.getUTCFullYear()}`).join(' → ')}`;
}

export function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The lane's first date as it was given: "2025-11-21", "2025-09" or "2023". */
export function laneFirstDate(c: Pick<LaneCell, 'firstDate' | 'firstDatePrecision'>): string {
  return formatDate(c.firstDate, c.firstDatePrecision);
}

/** The lane's latest date (its latest deal's, else its first date) with the precision it has. */
export function laneLastDate(c: Pick<LaneCell, 'lastDate' | 'lastDatePrecision'>): string {
  return formatDate(c.lastDate, c.lastDatePrecision);
}

/** One JSON-friendly object per lane. */
export function laneRecord(c: LaneCell): Record<string, string | number | null> {
  return {
    lab: c.lab,
    provider: c.provider,
    kind: c.kind,
    origin: c.origin,
    deals: c.deals,
    total_usd: c.totalUsd,
    total_gw: c.totalGw,
    first_date: laneFirstDate(c),
    first_date_precision: c.firstDatePrecision,
    last_date: laneLastDate(c),
    source_url: c.sourceUrl,
    opened_by_deal_id: c.openedByDealId,
  };
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // Formula guard, as in the web's CSV: a lab or provider from a feed or a CSV that starts with = + - @ is shown
  // by a spreadsheet as text, not run.
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function laneMapCsv(map: LaneMap): string {
  const header = ['lab', 'provider', 'kind', 'origin', 'deals', 'total_usd', 'total_gw', 'first_date', 'last_date', 'source_url', 'opened_by_deal_id'];
  const lines = [header.join(',')];
  for (const c of map.cells) {
    const r = laneRecord(c);
    lines.push(header.map((h) => csvField(r[h] ?? null)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
