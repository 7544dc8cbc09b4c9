// The guarded connector on its own, under an undici Agent: defence in depth beneath fetchUrl's own checks.
import type { LookupAddress } from 'node:dns';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateAllowed, publicOnly, type AddressPolicy } from '../../../src/net/address-rules.js';
import { BlockedAddressError, guardedConnector } from '../../../src/net/lookup.js';
import { startServer, type LocalServer } from './local-server.js';

let server: LocalServer;
const agents: Agent[] = [];
beforeAll(async () => {
  server = await startServer((_req, res) => res.end('reached'));
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await server.close();
});

function agent(policy: AddressPolicy, resolve?: (host: string) => Promise<LookupAddress[]>, timeoutMs = 2_000): Agent {
  const a = new Agent({ connect: guardedConnector(policy, timeoutMs, resolve) });
  agents.push(a);
  return a;
}

const get = (a: Agent, origin: string) => a.request({ origin, path: '/', method: 'GET' }).catch((e: unknown) => e);

describe('guardedConnector', () => {
  it('refuses an IP literal before any socket exists', async () => {
    const err = await get(agent(publicOnly), `http://127.0.0.1:${server.port}`);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(server.connections).toBe(0);
  });

  it('refuses a name whose resolution is refused (resolver injected: no DNS query is made)', async () => {
    const err = await get(agent(publicOnly, async () => [{ address: '127.0.0.1', family: 4 }]), `http://feeds.example:${server.port}`);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as Error).message).toContain('feeds.example resolves to 127.0.0.1');
    expect(server.connections).toBe(0);
  });

  it('connects to exactly the address it checked', async () => {
    const asked: string[] = [];
    const policy: AddressPolicy = (address) => (asked.push(address), privateAllowed(address));
    const res = await agent(policy, async () => [{ address: '127.0.0.1', family: 4 }]).request({ origin: `http://feeds.example:${server.port}`, path: '/', method: 'GET' });
    expect(await res.body.text()).toBe('reached');
    // The resolved address was checked, then the socket's peer (the same address) once more.
    expect(asked).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(server.requests.at(-1)?.headers.host).toBe(`feeds.example:${server.port}`);
  });

  it('times out a connection whose lookup never finishes', async () => {
    const hanging = () => new Promise<LookupAddress[]>(() => undefined);
    const err = await get(agent(publicOnly, hanging, 200), 'http://stuck.example:80');
    expect(err).toMatchObject({ code: 'UND_ERR_CONNECT_TIMEOUT' });
  });
});
