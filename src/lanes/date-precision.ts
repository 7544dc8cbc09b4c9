// A date shown no more precisely than it is known: 2023, 2025-09, 2025-09-22. Pure.
import type { DatePrecision } from '../db/schema.js';

export function dateAtPrecision(d: Date, precision: DatePrecision): string {
  const iso = d.toISOString();
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}
