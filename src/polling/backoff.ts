// When a feed is next polled: its interval after a success, exponential backoff after failures, never given up.
// Pure: the caller passes the clock and what the server said.

export interface NextPollInput {
  /** The feed's interval (its own, or POLL_INTERVAL_SECONDS). */
  intervalSeconds: number;
  /** Failures in a row, counting the poll just made (0 after a success). */
  failures: number;
  /** POLL_BACKOFF_MAX_SECONDS: nothing waits longer than this, so a feed is never silently dropped. */
  maxSeconds: number;
  /** Retry-After of a 429/503 (or any answer), in seconds. */
  retryAfterSeconds?: number | null;
  /** Cache-Control max-age of a successful answer, in seconds. */
  maxAgeSeconds?: number | null;
  /** The feed's <ttl>, in minutes. */
  ttlMinutes?: number | null;
}

/** Seconds until the next poll. */
export function nextPollDelaySeconds(input: NextPollInput): number {
  const interval = Math.max(1, input.intervalSeconds);
  const cap = Math.max(interval, input.maxSeconds);
  let delay: number;
  if (input.failures > 0) {
    // interval, 2×, 4×, 8×... up to the cap; the exponent is bounded so that 2^n stays finite.
    delay = interval * 2 ** Math.min(input.failures - 1, 30);
  } else {
    // The server's hints may only slow polling down, never speed it up beyond the interval.
    delay = Math.max(interval, input.maxAgeSeconds ?? 0, (input.ttlMinutes ?? 0) * 60);
  }
  if (input.retryAfterSeconds && input.retryAfterSeconds > 0) delay = Math.max(delay, input.retryAfterSeconds);
  return Math.min(delay, cap);
}
