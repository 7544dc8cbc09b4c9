// SSRF refusal end to end, with loopback spellings only: the server must never see a request (nor a connection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, FetchError, fetchUrl } from '../../../src/net/fetch.js';
import type { AddressPolicy, FetchOptions } from '../../../src/net/types.js';
import { startServer, type LocalServer } from './local-server.js';

let v4: LocalServer;
let v6: LocalServer;
let other: LocalServer;

beforeAll(async () => {
  v4 = await startServer((_req, res) => res.end('reached'));
  v6 = await startServer((_req, res) => res.end('reached'), '::1');
  other = await startServer((_req, res) => res.end('reached'), '127.0.0.2');
});
afterAll(async () => {
  await closeFetchAgents();
  await Promise.all([v4.close(), v6.close(), other.close()]);
});

const strict: FetchOptions = { maxBytes: 10_000, timeoutMs: 5_000, allowPrivateNetworks: false };

async function refusal(url: string, options = strict): Promise<FetchError> {
  const err = await fetchUrl(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${url} must be refused`).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('loopback spellings are refused without a single packet to the server', () => {
  const hosts = ['127.0.0.1', 'localhost', 'LOCALHOST', '2130706433', '0x7f.1', '0x7f000001', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]'];
  it.each(hosts)('http://%s', async (host) => {
    const err = await refusal(v4.url('/secret', host));
    expect(err.code).toBe('blocked-address');
    expect(err.message).toContain('loopback');
    expect(err.message).toContain(`:${v4.port}/secret`);
    expect(err.url).toBe(v4.url('/secret', host));
  });

  it('http://[::1]', async () => {
    const err = await refusal(v6.url('/secret'));
    expect(err.code).toBe('blocked-address');
  });

  afterAll(() => {
    // Checked after every spelling ran: not one connection reached either server.
    expect(v4.connections).toBe(0);
    expect(v4.requests).toHaveLength(0);
    expect(v6.connections).toBe(0);
  });
});

describe('ALLOW_PRIVATE_NETWORKS=true', () => {
  it('reaches the same servers (so the zero counts above mean something)', async () => {
    const before = v4.requests.length;
    const res = await fetchUrl(v4.url('/open', 'localhost'), { ...strict, allowPrivateNetworks: true });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('reached');
    expect(v4.requests.length).toBe(before + 1);
    const res6 = await fetchUrl(v6.url('/open'), { ...strict, allowPrivateNetworks: true });
    expect(res6.body.toString()).toBe('reached');
  });

  it('still refuses the unspecified address 0.0.0.0 (which Linux routes to this machine)', async () => {
    const err = await refusal(`http://0.0.0.0:${v4.port}/`, { ...strict, allowPrivateNetworks: true });
    expect(err.code).toBe('blocked-address');
    const err2 = await refusal(`http://0:${v4.port}/`, { ...strict, allowPrivateNetworks: true });
    expect(err2.code).toBe('blocked-address');
  });
});

describe('every redirect hop is checked again', () => {
  // A stand-in for "public": 127.0.0.1 is allowed, every other address refused.
  const asked: string[] = [];
  const onlyFirstLoopback: AddressPolicy = (address) => {
    asked.push(address);
    return address === '127.0.0.1' ? null : 'refused by the test policy';
  };
  const options = { ...strict, addressPolicy: onlyFirstLoopback };
  let redirector: LocalServer;
  beforeAll(async () => {
    redirector = await startServer((req, res) => {
      const target = decodeURIComponent((req.url ?? '/').replace(/^\/to\//, ''));
      res.writeHead(302, { location: target }).end();
    });
  });
  afterAll(() => redirector.close());

  it.each([
    ['127.0.0.2', () => other.url('/hidden')],
    ['2130706434 (decimal 127.0.0.2)', () => other.url('/hidden', '2130706434')],
    ['[::ffff:127.0.0.2]', () => other.url('/hidden', '[::ffff:127.0.0.2]')],
    ['[::1]', () => v6.url('/hidden')],
  ])('a redirect to %s fails and the target sees nothing', async (_name, target) => {
    const err = await refusal(redirector.url(`/to/${encodeURIComponent(target())}`), options);
    expect(err.code).toBe('blocked-address');
    expect(err.message).toContain(redirector.url('/to/'));
    expect(other.connections).toBe(0);
    expect(v6.connections).toBe(1); // only the one allowed request of the test above
  });

  it('a redirect to a name is resolved and checked (the DNS path of the connector)', async () => {
    asked.length = 0;
    // localhost:<redirector port> resolves to 127.0.0.1, allowed by this policy: the hop succeeds, and the
    // policy was asked about the resolved address of the second hop, not only about the first URL.
    const loops = await fetchUrl(redirector.url(`/to/${encodeURIComponent(v4.url('/via-name', 'localhost'))}`), options);
    expect(loops.status).toBe(200);
    expect(loops.url).toBe(v4.url('/via-name', 'localhost'));
    expect(asked.filter((a) => a === '127.0.0.1').length).toBeGreaterThanOrEqual(2);
  });

  it('a name that resolves to a refused address is refused at connect time', async () => {
    const refuseAll: AddressPolicy = () => 'refused by the test policy';
    const before = v4.connections;
    const err = await refusal(v4.url('/x', 'localhost'), { ...strict, addressPolicy: refuseAll });
    expect(err.code).toBe('blocked-address');
    expect(err.message).toContain('localhost resolves to 127.0.0.1');
    expect(v4.connections).toBe(before);
  });
});
