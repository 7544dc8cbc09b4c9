// What a reviewer may change on a deal, validated once for the web form, the JSON API and the CLI.
import { z } from 'zod';
import { dealKinds, dealStatuses } from '../db/schema.js';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
// Larger than any compute deal reported so far ($1.4 trillion) by a wide margin, small enough to catch a typo of 1000x.
const maxUsd = 1e14;
// The largest announced campuses are ~10 GW; 1,000 GW is a unit mistake (MW typed as GW).
const maxGw = 1000;

/** A partial edit in the API's words (snake_case, as `lanewatch extract --json` writes deals). Unknown fields are refused. */
export const dealEditSchema = z
  .object({
    lab: name,
    provider: name,
    kind: z.enum(dealKinds),
    status: z.enum(dealStatuses),
    amount_usd: z.number().finite().nonnegative().max(maxUsd, 'implausibly large').nullable(),
    gigawatts: z.number().finite().nonnegative().max(maxGw, 'implausibly large (MW given as GW?)').nullable(),
    hardware: z.string().trim().max(200, 'at most 200 characters').nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: give at least one field' });

export type DealEditInput = z.infer<typeof dealEditSchema>;

/** The same edit in the database's words. */
export interface DealEdit {
  lab?: string;
  provider?: string;
  kind?: (typeof dealKinds)[number];
  status?: (typeof dealStatuses)[number];
  amountUsd?: number | null;
  gigawatts?: number | null;
  hardware?: string | null;
}

export function toDealEdit(input: DealEditInput): DealEdit {
  const out: DealEdit = {};
  if (input.lab !== undefined) out.lab = input.lab;
  if (input.provider !== undefined) out.provider = input.provider;
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.status !== undefined) out.status = input.status;
  if (input.amount_usd !== undefined) out.amountUsd = input.amount_usd;
  if (input.gigawatts !== undefined) out.gigawatts = input.gigawatts;
  if (input.hardware !== undefined) out.hardware = input.hardware === '' ? null : input.hardware;
  return out;
}

/**
 * Reads a number as people type it in a form or a terminal: "300000000000", "300e9", "$300 billion", "300b", "1.5t",
 * "4.5" (GW), "" (none). Returns undefined when it is not a number.
 */
export function parseLooseNumber(text: string): number | null | undefined {
  const t = text.trim().toLowerCase().replace(/[$,\s]/g, '').replace(/^us/, '');
  if (t === '' || t === 'none' || t === 'null' || t === '-') return null;
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)(k|thousand|m|million|mn|b|bn|billion|t|tn|trillion|gw|mw)?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, mn: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, tn: 1e12, trillion: 1e12, gw: 1, mw: 1e-3 };
  if (!m[2]) return n;
  const f = scale[m[2]];
  // Dollar amounts are whole: 14.2 * 1e9 is 14199999999.999998 in floating point.
  return f >= 1e3 ? Math.round(n * f) : n * f;
}

/** A dollar amount as a reviewer would type it ("14.2b", "1.4t"), read back exactly by parseLooseNumber. */
export function amountInput(v: number | null): string {
  if (v === null) return '';
  for (const [suffix, f] of [['t', 1e12], ['b', 1e9], ['m', 1e6]] as const) {
    if (Math.abs(v) >= f) {
      const text = `${Number((v / f).toFixed(6))}${suffix}`;
      if (parseLooseNumber(text) === v) return text;
    }
  }
  return String(v);
}

/** Turns form or command-line strings into an API-shaped edit (numbers parsed loosely); zod then validates it. */
export function editFromStrings(values: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    if (key === 'amount_usd' || key === 'gigawatts') {
      const n = parseLooseNumber(raw);
      out[key] = n === undefined ? raw : n; // a non-number stays a string so that zod names the field
    } else if (key === 'hardware') {
      out[key] = raw.trim() === '' ? null : raw;
    } else {
      out[key] = raw;
    }
  }
  return out;
}
