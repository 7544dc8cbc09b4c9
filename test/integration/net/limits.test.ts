// Timeouts, byte caps and decompression limits against real local servers.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, FetchError, fetchUrl } from '../../../src/net/fetch.js';
import type { FetchOptions } from '../../../src/net/types.js';
import { startServer, type LocalServer } from './local-server.js';

const text = Buffer.from('<rss>lanewatch</rss>\n'.repeat(200)); // 4,200 bytes
const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in about 64 KiB

let server: LocalServer;
const timers = new Set<NodeJS.Timeout>();
beforeAll(async () => {
  server = await startServer((req, res) => {
    switch (req.url) {
      case '/never':
        return; // headers never come
      case '/drip': {
        // Headers at once, then one byte every 50 ms, for ever.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const t = setInterval(() => res.write('x'), 50);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      case '/big-declared':
        return res.writeHead(200, { 'content-length': String(text.length) }).end(text);
      case '/big-chunked':
        res.writeHead(200); // no content-length: chunked
        res.write(text.subarray(0, 2000));
        return res.end(text.subarray(2000));
      case '/exact':
        return res.writeHead(200).end(text);
      case '/gzip':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(text));
      case '/br':
        return res.writeHead(200, { 'content-encoding': 'br', 'content-length': String(zlib.brotliCompressSync(text).length) }).end(zlib.brotliCompressSync(text));
      case '/deflate-raw':
        return res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(text));
      case '/bomb':
        return res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
      case '/corrupt-gzip':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip');
      case '/truncated':
        res.writeHead(200, { 'content-length': '1000' });
        res.write('only ten b');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await closeFetchAgents();
  await server.close();
});

const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ maxBytes: 1_000_000, timeoutMs: 5_000, allowPrivateNetworks: true, ...o });
const failure = async (path: string, o: Partial<FetchOptions>): Promise<FetchError> => {
  const err = await fetchUrl(server.url(path), opts(o)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
};

describe('timeouts', () => {
  it('a server that never answers fails with timeout, naming the URL', async () => {
    const err = await failure('/never', { timeoutMs: 300 });
    expect(err.code).toBe('timeout');
    expect(err.message).toContain(server.url('/never'));
  });

  it('a body that drips past the total timeout fails with timeout (the total covers the body)', async () => {
    const before = server.requests.length;
    const err = await failure('/drip', { timeoutMs: 400 });
    expect(err.code).toBe('timeout');
    expect(server.requests.length).toBe(before + 1);
  });

  it('a caller abort is reported as aborted', async () => {
    const controller = new AbortController();
    const pending = fetchUrl(server.url('/never'), opts({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('byte cap', () => {
  it('refuses a declared Content-Length over the cap', async () => {
    expect((await failure('/big-declared', { maxBytes: 1000 })).code).toBe('too-large');
  });
  it('refuses a chunked body once it streams past the cap', async () => {
    const err = await failure('/big-chunked', { maxBytes: 1000 });
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('1000 bytes');
  });
  it('accepts a body exactly at the cap', async () => {
    const res = await fetchUrl(server.url('/exact'), opts({ maxBytes: text.length }));
    expect(res.body.length).toBe(text.length);
    await expect(fetchUrl(server.url('/exact'), opts({ maxBytes: text.length - 1 }))).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('compression', () => {
  it.each(['/gzip', '/br', '/deflate-raw'])('decodes %s and drops the encoding headers', async (path) => {
    const res = await fetchUrl(server.url(path), opts());
    expect(res.body.equals(text)).toBe(true);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBeUndefined();
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('a gzip bomb fails with too-large after the cap, not after inflating 64 MiB', async () => {
    const err = await failure('/bomb', { maxBytes: 5 * 1024 * 1024 });
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('decompressed');
  });

  it('the cap applies to the inflated size even when the compressed size is small', async () => {
    expect((await failure('/gzip', { maxBytes: 1000 })).code).toBe('too-large');
  });

  it('a corrupt compressed body is a protocol error', async () => {
    expect((await failure('/corrupt-gzip', {})).code).toBe('protocol');
  });
});

describe('broken connections', () => {
  it('a body cut short is truncated', async () => {
    expect((await failure('/truncated', {})).code).toBe('truncated');
  });

  it('nobody listening is a connect error', async () => {
    const gone = await startServer(() => undefined);
    const url = gone.url('/');
    await gone.close();
    const err = await fetchUrl(url, opts()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'connect' });
    expect((err as Error).message).toContain(url);
  });
});
