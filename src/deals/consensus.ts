// Which value of each field a candidate shows when several articles report it, and where they disagree. Pure.
import type { DealKind, DealStatus } from '../db/schema.js';

/** The fields of a deal as one article stated them (deal_sources.fields). */
export interface SourceFields {
  status: DealStatus;
  kind: DealKind;
  amount_usd: number | null;
  gigawatts: number | null;
  hardware: string | null;
  confidence: number;
}

export interface Consensus {
  status: DealStatus;
  amountUsd: number | null;
  gigawatts: number | null;
  hardware: string | null;
  confidence: number;
}

/** Two reports of an amount or a power figure within 15% are the same figure (rounding, "about", currency). */
export const compatibleTolerance = 0.15;

export function compatibleNumbers(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return true;
  const hi = Math.max(Math.abs(a), Math.abs(b));
  return hi === 0 || Math.abs(a - b) / hi <= compatibleTolerance;
}

type Key = 'status' | 'amount_usd' | 'gigawatts' | 'hardware';

/** Figures within 1% are the same statement ("$300 billion" and "$300bn"); wider gaps are shown as disagreements. */
const sameFigureTolerance = 0.01;

function sameValue(key: Key, a: unknown, b: unknown): boolean {
  if (key === 'amount_usd' || key === 'gigawatts') {
    const hi = Math.max(Math.abs(a as number), Math.abs(b as number));
    return hi === 0 || Math.abs((a as number) - (b as number)) / hi <= sameFigureTolerance;
  }
  if (key === 'hardware') return String(a).toLowerCase() === String(b).toLowerCase();
  return a === b;
}

interface Group<T> {
  value: T;
  count: number;
  confidence: number;
}

/** Groups the sources' non-null values of one field (the same figure, the same word); the best-supported group first (most sources, then confidence). */
export function groupValues<K extends Key>(sources: SourceFields[], key: K): Group<NonNullable<SourceFields[K]>>[] {
  const groups: (Group<NonNullable<SourceFields[K]>> & { best: number })[] = [];
  for (const s of sources) {
    const v = s[key];
    if (v === null || v === undefined) continue;
    const g = groups.find((x) => sameValue(key, x.value, v));
    if (!g) {
      groups.push({ value: v as NonNullable<SourceFields[K]>, count: 1, confidence: s.confidence, best: s.confidence });
    } else {
      g.count++;
      g.confidence += s.confidence;
      // The group shows the figure of its most confident source.
      if (s.confidence > g.best) {
        g.best = s.confidence;
        g.value = v as NonNullable<SourceFields[K]>;
      }
    }
  }
  return groups.sort((a, b) => b.count - a.count || b.confidence - a.confidence).map(({ value, count, confidence }) => ({ value, count, confidence }));
}

/** The fields a candidate takes from its sources: each field's best-supported value. */
export function consensusOf(sources: SourceFields[]): Consensus {
  if (sources.length === 0) throw new Error('consensusOf needs at least one source');
  const top = <K extends Key>(key: K) => groupValues(sources, key)[0]?.value ?? null;
  const maxConfidence = Math.max(...sources.map((s) => s.confidence));
  return {
    status: (top('status') as DealStatus | null) ?? sources[0].status,
    amountUsd: top('amount_usd') as number | null,
    gigawatts: top('gigawatts') as number | null,
    hardware: top('hardware') as string | null,
    // Corroboration by other outlets raises confidence a little per source, never past 1.
    confidence: Math.min(1, maxConfidence + 0.05 * (sources.length - 1)),
  };
}

export interface Disagreement {
  field: Key;
  values: { value: string | number; count: number }[];
}

/** The fields on which the sources state different values (only fields stated by two or more distinct values). */
export function disagreementsOf(sources: SourceFields[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const key of ['status', 'amount_usd', 'gigawatts', 'hardware'] as const) {
    const groups = groupValues(sources, key);
    if (groups.length > 1) out.push({ field: key, values: groups.map((g) => ({ value: g.value as string | number, count: g.count })) });
  }
  return out;
}

/** Reads a deal_sources.fields value defensively (it is jsonb written by older versions too). */
export function sourceFieldsOf(fields: Record<string, unknown>): SourceFields {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    status: (fields.status as DealStatus) ?? 'announced',
    kind: (fields.kind as DealKind) ?? 'cloud',
    amount_usd: num(fields.amount_usd),
    gigawatts: num(fields.gigawatts),
    hardware: typeof fields.hardware === 'string' && fields.hardware ? fields.hardware : null,
    confidence: num(fields.confidence) ?? 0,
  };
}
