// How lanewatch spells money, power, confidence, dates and times: one module for the web pages, the CLI, the alert
// messages and the digest, so that one number reads the same everywhere. Pure.
//
// Money is written out ("$30 billion", "$1.1 trillion", "$850 million"), not abbreviated ("$30B"): it is how the
// press releases and filings an analyst checks the alert against spell it, it reads aloud the same, and it has none
// of the B/bn/G and M/MM ambiguities of the short forms. Power is in MW below 1 GW and in GW from 1 GW on. Confidence
// is a whole percentage. Times are absolute UTC to the minute ("2026-12-06 01:07 UTC"); relative wording is kept for
// what is still to come (the undo window's "sends in 42 s"). Unknown values are an em dash.
import type { DatePrecision } from './db/schema.js';

/** What every formatter shows for an unknown value. */
export const unknownValue = '—';

const money: [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function decimals(n: number, max: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: max, useGrouping: true });
}

/** 3e10 → "$30 billion", 1.1e12 → "$1.1 trillion", 8.5e8 → "$850 million", 250000 → "$250,000", 0 → "$0"; null → "—". */
export function formatUsd(v: number | null | undefined): string {
  if (!isNumber(v)) return unknownValue;
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  for (let i = 0; i < money.length; i++) {
    const [size, word] = money[i];
    if (abs < size) continue;
    const n = Number((abs / size).toFixed(2));
    // $999.999 billion rounds to 1000: say "$1 trillion" instead.
    if (n >= 1000 && i > 0) return `${sign}$${decimals(n / 1000, 2)} ${money[i - 1][1]}`;
    return `${sign}$${decimals(n, 2)} ${word}`;
  }
  const whole = Math.round(abs);
  // $999,999.6 rounds to a million.
  if (whole >= 1e6) return `${sign}$1 million`;
  return `${sign}$${decimals(whole, 0)}`;
}

/** Gigawatts → "750 MW" below 1 GW, "1.5 GW" from 1 GW on; 0 → "0 MW"; null → "—". */
export function formatGw(v: number | null | undefined): string {
  if (!isNumber(v)) return unknownValue;
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  const mw = Number((abs * 1000).toFixed(1));
  if (mw < 1000) return `${sign}${decimals(mw, 1)} MW`;
  return `${sign}${decimals(Number(abs.toFixed(2)), 2)} GW`;
}

/**
 * A probability as a whole percentage: 0.78 → "78%". Never rounds a doubt away: 0.996 is ">99%", not "100%", and
 * 0.004 is "<1%", not "0%". Anything outside 0…1 is a bug upstream and throws.
 */
export function formatConfidence(c: number | null | undefined): string {
  if (c === null || c === undefined) return unknownValue;
  if (!Number.isFinite(c) || c < 0 || c > 1) throw new RangeError(`confidence must be between 0 and 1, got ${c}`);
  const pct = Math.round(c * 100);
  if (pct === 100 && c < 1) return '>99%';
  if (pct === 0 && c > 0) return '<1%';
  return `${pct}%`;
}

function toDate(d: Date | string | null | undefined): Date | null {
  if (d === null || d === undefined) return null;
  const date = typeof d === 'string' ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A moment, absolute, in UTC, to the minute: "2026-12-06 01:07 UTC"; null or an invalid date → "—". */
export function formatTime(d: Date | string | null | undefined): string {
  const date = toDate(d);
  if (!date) return unknownValue;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A day, or only the year or month when that is all that was given: "2025-11-21", "2025-09", "2023". */
export function formatDate(d: Date | string | null | undefined, precision: DatePrecision = 'day'): string {
  const date = toDate(d);
  if (!date) return unknownValue;
  const iso = date.toISOString();
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** Seconds still to wait, for the undo window: 42 → "42 s", 125 → "2 min 5 s", 0 → "0 s". */
export function formatWait(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`seconds must be a number, got ${seconds}`);
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}
