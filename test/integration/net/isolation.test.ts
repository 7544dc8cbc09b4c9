// One host hanging for ever holds only its own slots: other hosts are fetched while it hangs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, fetchUrl } from '../../../src/net/fetch.js';
import { startServer, type LocalServer } from './local-server.js';

let hanging: LocalServer;
let healthy: LocalServer;
beforeAll(async () => {
  hanging = await startServer(() => undefined, '127.0.0.1');
  healthy = await startServer((_req, res) => res.end('fresh'), '127.0.0.2');
});
afterAll(async () => {
  await closeFetchAgents();
  await Promise.all([hanging.close(), healthy.close()]);
});

describe('a hanging host', () => {
  it('times out on its own while every fetch from other hosts completes first', async () => {
    const events: string[] = [];
    const opts = { maxBytes: 10_000, timeoutMs: 3_000, allowPrivateNetworks: true };
    // Twice the per-host limit: the hanging host's queue is full for the whole test.
    const stuck = Array.from({ length: 8 }, (_, i) =>
      fetchUrl(hanging.url(`/${i}`), opts).then(
        () => events.push('hanging answered'),
        (e: { code: string }) => events.push(`hanging ${e.code}`),
      ),
    );
    const fine = Array.from({ length: 20 }, (_, i) =>
      fetchUrl(healthy.url(`/${i}`), opts).then((r) => events.push(`healthy ${r.body.toString()}`)),
    );
    await Promise.all([...stuck, ...fine]);
    expect(events.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 'healthy fresh'));
    expect(events.slice(20)).toEqual(Array.from({ length: 8 }, () => 'hanging timeout'));
  });
});
