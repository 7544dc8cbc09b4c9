// One chronology: a lab's lanes in the order each was first reported. The alert's ordinal and "after …" list, the
// lane map (/lanes, `lanewatch lanes`) and the digest all take their order from here, so that they tell one story
// however late a lane is found.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { lanes, type DatePrecision } from '../db/schema.js';
import { formatDate } from '../format.js';

export interface ChronologyEntry {
  provider: string;
  /** When the lane was first reported (a year- or month-only baseline date stands at its first day). */
  openedAt: Date;
  openedAtPrecision: DatePrecision;
  /** Ties on the date go to the lane lanewatch knew first; a lane not yet stored has none and goes last. */
  id: number | null;
}

export function compareChronologically(a: Pick<ChronologyEntry, 'openedAt' | 'id'>, b: Pick<ChronologyEntry, 'openedAt' | 'id'>): number {
  return a.openedAt.getTime() - b.openedAt.getTime() || (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER);
}

/** The lanes in chronological order (a new array). */
export function inChronology<T extends Pick<ChronologyEntry, 'openedAt' | 'id'>>(entries: readonly T[]): T[] {
  return [...entries].sort(compareChronologically);
}

export interface LanePlace {
  /** 1-based place among the lab's lanes: 3 for its third lane. */
  ordinal: number;
  total: number;
  /** Providers of the lanes first reported before this one, in order. */
  earlier: string[];
  /** Providers of lanes already known that were first reported after this one: non-empty for a lane found late. */
  later: string[];
}

/** Where `lane` stands among `others` (the lab's other lanes; an entry for the same provider is ignored). */
export function placeAmong(others: readonly ChronologyEntry[], lane: ChronologyEntry): LanePlace {
  const ordered = inChronology([...others.filter((o) => o.provider !== lane.provider), lane]);
  const at = ordered.indexOf(lane);
  return {
    ordinal: at + 1,
    total: ordered.length,
    earlier: ordered.slice(0, at).map((e) => e.provider),
    later: ordered.slice(at + 1).map((e) => e.provider),
  };
}

/** The lab's lanes, in the one order. */
export async function labChronology(db: DbOrTx, lab: string): Promise<ChronologyEntry[]> {
  const rows = await db
    .select({ provider: lanes.provider, openedAt: lanes.openedAt, openedAtPrecision: lanes.openedAtPrecision, id: lanes.id })
    .from(lanes)
    .where(eq(lanes.lab, lab));
  return inChronology(rows);
}

/** A lane's first date as it was given: "2025-11-21", or only "2025-09" or "2023" for a baseline row that said so. */
export function firstReported(entry: Pick<ChronologyEntry, 'openedAt' | 'openedAtPrecision'>): string {
  return formatDate(entry.openedAt, entry.openedAtPrecision);
}
