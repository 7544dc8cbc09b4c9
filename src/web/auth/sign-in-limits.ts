// Limits on sign-in, held in memory of bounded size:
// - per user name: 10 wrong passwords within 15 minutes lock that name for the rest of the window. Locks live in
//   their own table, apart from the failure counts, so a flood of made-up names (which only ever adds counts) can
//   evict counts but never a lock. Both tables evict their oldest entry when full.
// - per client address: at most `maxInFlight` sign-ins checked at once and `maxPerWindow` attempts a minute; the
//   rest are answered 429 at once, before any password hashing, so a flood from one client cannot starve the CPU
//   that a real reviewer's sign-in needs.

export interface SignInLimitOptions {
  maxFailures: number;
  failureWindowMs: number;
  /** Most user names (failure counts) and most locks remembered; the oldest is evicted beyond this. */
  maxEntries: number;
  maxInFlight: number;
  maxPerWindow: number;
  clientWindowMs: number;
  now?: () => number;
}

export const defaultSignInLimits: SignInLimitOptions = {
  maxFailures: 10,
  failureWindowMs: 15 * 60 * 1000,
  maxEntries: 10_000,
  maxInFlight: 4,
  maxPerWindow: 30,
  clientWindowMs: 60 * 1000,
};

/** A Map used as a bounded LRU: touching an entry moves it to the end; the first entry is the oldest. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

export type ClientVerdict = { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number };

export class SignInLimits {
  private readonly failures: BoundedMap<{ count: number; since: number }>;
  private readonly locks: BoundedMap<number>;
  private readonly clients: BoundedMap<{ inFlight: number; attempts: number[] }>;
  private readonly now: () => number;

  constructor(private readonly o: SignInLimitOptions = defaultSignInLimits) {
    this.failures = new BoundedMap(o.maxEntries);
    this.locks = new BoundedMap(o.maxEntries);
    this.clients = new BoundedMap(o.maxEntries);
    this.now = o.now ?? Date.now;
  }

  /** True while the name is locked. */
  isLocked(username: string): boolean {
    const until = this.locks.get(username);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.locks.delete(username);
    return false;
  }

  recordFailure(username: string): void {
    const now = this.now();
    const f = this.failures.get(username);
    const entry = f && now - f.since < this.o.failureWindowMs ? f : { count: 0, since: now };
    entry.count++;
    if (entry.count >= this.o.maxFailures) {
      this.locks.set(username, entry.since + this.o.failureWindowMs);
      this.failures.delete(username);
    } else {
      this.failures.set(username, entry);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }

  /** Admits a sign-in from `client` or says how long to wait; an admitted one must call release() when done. */
  admit(client: string): ClientVerdict {
    const now = this.now();
    const state = this.clients.get(client) ?? { inFlight: 0, attempts: [] };
    state.attempts = state.attempts.filter((t) => now - t < this.o.clientWindowMs);
    if (state.inFlight >= this.o.maxInFlight) {
      this.clients.set(client, state);
      return { ok: false, retryAfterSeconds: 1 };
    }
    if (state.attempts.length >= this.o.maxPerWindow) {
      this.clients.set(client, state);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((state.attempts[0] + this.o.clientWindowMs - now) / 1000)) };
    }
    state.inFlight++;
    state.attempts.push(now);
    this.clients.set(client, state);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        state.inFlight = Math.max(0, state.inFlight - 1);
      },
    };
  }

  /** Entries held (for the test that memory stays bounded). */
  get sizes(): { failures: number; locks: number; clients: number } {
    return { failures: this.failures.size, locks: this.locks.size, clients: this.clients.size };
  }
}
