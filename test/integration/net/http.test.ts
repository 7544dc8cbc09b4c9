// Ordinary HTTP behaviour of fetchUrl: statuses are results, headers pass through, per-host concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, fetchUrl, parseRetryAfter } from '../../../src/net/fetch.js';
import type { FetchOptions } from '../../../src/net/types.js';
import { startServer, type LocalServer } from './local-server.js';

let server: LocalServer;
let inFlight = 0;
let maxInFlight = 0;
const held: Array<() => void> = [];
const SLOT_REQUESTS = 10;
let slotRequests = 0;

beforeAll(async () => {
  server = await startServer((req, res, body) => {
    switch (req.url) {
      case '/feed':
        if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Tue, 01 Dec 2026 10:00:00 GMT') {
          return res.writeHead(304, { etag: '"v1"' }).end();
        }
        return res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT', 'content-type': 'application/rss+xml' }).end('<rss/>');
      case '/busy':
        return res.writeHead(429, { 'retry-after': '120' }).end('slow down');
      case '/down':
        return res.writeHead(503, { 'retry-after': 'Wed, 01 Jan 2031 00:00:00 GMT' }).end();
      case '/missing':
        return res.writeHead(404).end('not here');
      case '/error':
        return res.writeHead(500).end('oops');
      case '/hook':
        return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
      case '/ua':
        return res.end(req.headers['user-agent']);
      case '/head':
        return res.writeHead(200, { 'content-length': '5', 'x-head': 'yes' }).end(req.method === 'HEAD' ? undefined : 'hello');
      case '/multi':
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        return res.end('ok');
      case '/slot': {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const finish = () => {
          inFlight--;
          res.end('done');
        };
        held.push(finish);
        slotRequests++;
        // Hold answers until 4 wait (the limit) or every request of the test has arrived, then release them.
        if (held.length >= 4 || slotRequests === SLOT_REQUESTS) for (const f of held.splice(0)) f();
        return;
      }
      default:
        return res.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  await closeFetchAgents();
  await server.close();
});

const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ maxBytes: 100_000, timeoutMs: 10_000, allowPrivateNetworks: true, ...o });

describe('statuses are results', () => {
  it('passes conditional headers through exactly and returns a 304 with an empty body', async () => {
    const first = await fetchUrl(server.url('/feed'), opts());
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"v1"');
    const second = await fetchUrl(server.url('/feed'), opts({ headers: { 'If-None-Match': first.headers.etag, 'If-Modified-Since': first.headers['last-modified'] } }));
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
    expect(second.redirects).toEqual([]);
  });

  it('returns a 429 with its Retry-After in seconds', async () => {
    const res = await fetchUrl(server.url('/busy'), opts());
    expect(res.status).toBe(429);
    expect(parseRetryAfter(res.headers['retry-after'], Date.now())).toBe(120);
    expect(res.body.toString()).toBe('slow down');
  });

  it('returns a 503 with an HTTP-date Retry-After', async () => {
    const res = await fetchUrl(server.url('/down'), opts());
    expect(res.status).toBe(503);
    expect(parseRetryAfter(res.headers['retry-after'], Date.parse('2030-12-31T23:59:00Z'))).toBe(60);
  });

  it.each([
    ['/missing', 404, 'not here'],
    ['/error', 500, 'oops'],
  ])('%s is a %d result', async (path, status, body) => {
    const res = await fetchUrl(server.url(path), opts());
    expect(res.status).toBe(status);
    expect(res.body.toString()).toBe(body);
  });
});

describe('requests', () => {
  it('POSTs a body (alert webhooks)', async () => {
    const res = await fetchUrl(server.url('/hook'), opts({ method: 'POST', body: '{"lane":"x"}', headers: { 'Content-Type': 'application/json' } }));
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body.toString())).toEqual({ method: 'POST', type: 'application/json', body: '{"lane":"x"}' });
  });

  it('sends a HEAD and reads no body', async () => {
    const res = await fetchUrl(server.url('/head'), opts({ method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(res.headers['x-head']).toBe('yes');
    expect(res.body.length).toBe(0);
  });

  it('names lanewatch and its contact URL in the User-Agent', async () => {
    const res = await fetchUrl(server.url('/ua'), opts());
    expect(res.body.toString()).toMatch(/^lanewatch\/\d+\.\d+\.\d+\S* \(\+https?:\/\/\S+\)$/);
    const custom = await fetchUrl(server.url('/ua'), opts({ userAgent: 'test-agent/1' }));
    expect(custom.body.toString()).toBe('test-agent/1');
  });

  it('joins repeated headers', async () => {
    expect((await fetchUrl(server.url('/multi'), opts())).headers['set-cookie']).toBe('a=1, b=2');
  });

  it('turns URL credentials into Basic auth', async () => {
    await fetchUrl(server.url('/ua').replace('http://', 'http://user:p%40ss@'), opts());
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('keeps a stray % in URL credentials as typed', async () => {
    await fetchUrl(server.url('/ua').replace('http://', 'http://us%zzer:pw@'), opts());
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('us%zzer:pw').toString('base64')}`);
  });

  it('rejects nonsense limits as a programming error', async () => {
    await expect(fetchUrl(server.url('/ua'), opts({ timeoutMs: Number.NaN }))).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses a header value that would inject a second header, sending nothing', async () => {
    const before = server.requests.length;
    const err = await fetchUrl(server.url('/ua'), opts({ headers: { 'X-Test': 'a\r\nX-Injected: yes' } })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'protocol' });
    expect(server.requests.length).toBe(before);
  });

  it.each(['not a url', 'ftp://127.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'http://'])('refuses %j as bad-url', async (url) => {
    const before = server.requests.length;
    await expect(fetchUrl(url, opts())).rejects.toMatchObject({ code: 'bad-url' });
    expect(server.requests.length).toBe(before);
  });
});

describe('per-host concurrency', () => {
  it('never has more than PER_HOST_CONCURRENCY (4) requests in flight to one host', async () => {
    const results = await Promise.all(Array.from({ length: SLOT_REQUESTS }, () => fetchUrl(server.url('/slot'), opts())));
    expect(results.every((r) => r.body.toString() === 'done')).toBe(true);
    expect(maxInFlight).toBe(4);
  });
});
