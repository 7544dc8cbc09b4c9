// Redirects followed by hand against a real local server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, fetchUrl } from '../../../src/net/fetch.js';
import type { FetchOptions } from '../../../src/net/types.js';
import { startServer, type LocalServer } from './local-server.js';

let server: LocalServer;
let elsewhere: LocalServer;
beforeAll(async () => {
  elsewhere = await startServer((req, res) => res.end(`elsewhere ${req.method}`));
  server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) return res.end('end of chain');
      return res.writeHead(302, { location: `/chain/${left - 1}` }).end('moved');
    }
    switch (url.pathname) {
      case '/loop-a':
        return res.writeHead(301, { location: '/loop-b' }).end();
      case '/loop-b':
        return res.writeHead(301, { location: `http://127.0.0.1:${server.port}/loop-a` }).end();
      case '/self':
        return res.writeHead(307, { location: '/self' }).end();
      case '/to-file':
        return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      case '/no-location':
        return res.writeHead(302).end('no location here');
      case '/see-other':
        return res.writeHead(303, { location: '/echo' }).end();
      case '/temporary':
        return res.writeHead(307, { location: '/echo' }).end();
      case '/cross':
        return res.writeHead(302, { location: elsewhere.url('/landing') }).end();
      case '/echo':
        return res.end(`${req.method} ${body}`);
      default:
        return res.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  await closeFetchAgents();
  await Promise.all([server.close(), elsewhere.close()]);
});

const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ maxBytes: 100_000, timeoutMs: 5_000, allowPrivateNetworks: true, ...o });

describe('redirects', () => {
  it('follows 5 redirects and lists them', async () => {
    const res = await fetchUrl(server.url('/chain/5'), opts());
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('end of chain');
    expect(res.url).toBe(server.url('/chain/0'));
    expect(res.redirects).toEqual([5, 4, 3, 2, 1].map((n) => server.url(`/chain/${n}`)));
  });

  it('refuses a 6th redirect', async () => {
    const before = server.requests.length;
    await expect(fetchUrl(server.url('/chain/6'), opts())).rejects.toMatchObject({ code: 'too-many-redirects' });
    expect(server.requests.length - before).toBe(6); // the 7th URL is never requested
  });

  it('honours a smaller maxRedirects', async () => {
    await expect(fetchUrl(server.url('/chain/2'), opts({ maxRedirects: 1 }))).rejects.toMatchObject({ code: 'too-many-redirects' });
    expect((await fetchUrl(server.url('/chain/1'), opts({ maxRedirects: 1 }))).status).toBe(200);
  });

  it('detects a loop', async () => {
    const err = await fetchUrl(server.url('/loop-a'), opts()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'redirect-loop' });
    expect((err as Error).message).toContain('/loop-a');
    await expect(fetchUrl(server.url('/self'), opts())).rejects.toMatchObject({ code: 'redirect-loop' });
  });

  it('refuses a redirect to a non-http scheme', async () => {
    await expect(fetchUrl(server.url('/to-file'), opts())).rejects.toMatchObject({ code: 'bad-url' });
  });

  it('returns a redirect without Location as the answer', async () => {
    const res = await fetchUrl(server.url('/no-location'), opts());
    expect(res.status).toBe(302);
    expect(res.body.toString()).toBe('no location here');
  });

  it('turns a POST into a GET on 303 and keeps it on 307', async () => {
    const post = opts({ method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
    expect((await fetchUrl(server.url('/see-other'), post)).body.toString()).toBe('GET ');
    expect((await fetchUrl(server.url('/temporary'), post)).body.toString()).toBe('POST payload');
  });

  it('drops credentials on a redirect to another origin', async () => {
    const res = await fetchUrl(server.url('/cross'), opts({ headers: { Authorization: 'Bearer secret', Cookie: 'a=b', 'X-Keep': 'yes' } }));
    expect(res.body.toString()).toBe('elsewhere GET');
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer secret');
    const landed = elsewhere.requests.at(-1);
    expect(landed?.headers.authorization).toBeUndefined();
    expect(landed?.headers.cookie).toBeUndefined();
    expect(landed?.headers['x-keep']).toBe('yes');
  });
});
