// Servers that do not speak HTTP properly: each failure is a FetchError with a code, never a crash.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFetchAgents, FetchError, fetchUrl } from '../../../src/net/fetch.js';

/** A raw TCP server on 127.0.0.1 that does `behave` with every connection. */
async function rawServer(behave: (socket: net.Socket) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    behave(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const servers: Array<{ close: () => Promise<void> }> = [];
const urls: Record<string, string> = {};
beforeAll(async () => {
  const make = async (name: string, behave: (s: net.Socket) => void) => {
    const s = await rawServer(behave);
    servers.push(s);
    urls[name] = s.url;
  };
  await make('garbage', (s) => s.once('data', () => s.end('this is not HTTP at all\r\n\r\n')));
  await make('hangup', (s) => s.once('data', () => s.destroy()));
  await make('bad-header', (s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nBad Header Line\r\n\r\nhello')));
  await make('plain', (s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')));
});
afterAll(async () => {
  await closeFetchAgents();
  await Promise.all(servers.map((s) => s.close()));
});

const opts = { maxBytes: 10_000, timeoutMs: 3_000, allowPrivateNetworks: true };
const failure = async (url: string) => {
  const err = await fetchUrl(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
};

describe('broken servers', () => {
  it('a non-HTTP answer is a protocol error', async () => {
    expect((await failure(urls.garbage)).code).toBe('protocol');
  });
  it('a hang-up before any answer is a protocol error naming the URL', async () => {
    const err = await failure(urls.hangup);
    expect(err.code).toBe('protocol');
    expect(err.message).toContain(urls.hangup);
  });
  it('a malformed header is a protocol error', async () => {
    expect((await failure(urls['bad-header'])).code).toBe('protocol');
  });
  it('https to a server that does not speak TLS is a connect error', async () => {
    const err = await failure(urls.plain.replace('http:', 'https:'));
    expect(err.code).toBe('connect');
  });
  it('the well-behaved raw server works (the failures above are the server, not the client)', async () => {
    expect((await fetchUrl(urls.plain, opts)).body.toString()).toBe('ok');
  });
});
