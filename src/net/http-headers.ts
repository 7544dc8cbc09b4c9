// Parsing of the response headers that steer polling: Retry-After and Cache-Control.

/**
 * Seconds to wait from `now` according to a Retry-After header (delta-seconds or an HTTP-date), never
 * negative; undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined | null, now: Date | number = Date.now()): number | undefined {
  if (header === undefined || header === null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Only HTTP-dates: Date.parse alone would also read "5" or "tomorrow-ish" strings as dates.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The max-age of a Cache-Control header in seconds; undefined when absent, unreadable, or no-store/no-cache. */
export function parseCacheControlMaxAge(header: string | undefined | null): number | undefined {
  if (!header) return undefined;
  let maxAge: number | undefined;
  for (const directive of header.toLowerCase().split(',')) {
    const [name, raw] = directive.trim().split('=', 2).map((p) => p.trim());
    if (name === 'no-store' || name === 'no-cache') return undefined;
    if (name === 'max-age' && raw !== undefined) {
      const v = raw.replace(/^"(.*)"$/, '$1');
      if (/^\d+$/.test(v)) maxAge = Number(v);
    }
  }
  return maxAge;
}
