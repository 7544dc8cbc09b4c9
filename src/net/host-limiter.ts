// At most N requests in flight per host, so that polling many feeds of one site does not hammer it (and a
// host that hangs holds only its own slots, never other hosts').

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

export class HostLimiter {
  private readonly hosts = new Map<string, Slot>();

  constructor(private readonly limit: () => number) {}

  /** Waits for a slot for `host`; resolves to a release function (call it exactly once). Aborting stops waiting. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    let slot = this.hosts.get(host);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.hosts.set(host, slot);
    }
    const s = slot;
    const release = once(() => {
      s.active--;
      const next = s.waiting.shift();
      if (next) next();
      else if (s.active === 0) this.hosts.delete(host);
    });
    if (s.active < Math.max(1, this.limit())) {
      s.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        s.active++;
        resolve(release);
      };
      const onAbort = () => {
        const i = s.waiting.indexOf(grant);
        if (i >= 0) s.waiting.splice(i, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      s.waiting.push(grant);
    });
  }

  /** Requests in flight for `host` (for tests and metrics). */
  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
