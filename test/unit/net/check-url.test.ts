// The add-time check gives the very error a fetch (a poll) of the URL ends with, for every spelling of an internal
// address; nothing is ever sent (the fetch refuses before any socket, as the check does).
import { describe, expect, it } from 'vitest';
import { refusedAddress, refusedAddresses } from '../../../src/net/check-url.js';
import { fetchUrl } from '../../../src/net/fetch.js';
import { FetchError } from '../../../src/net/types.js';

const internal = [
  'http://127.0.0.1/feed.xml',
  'http://127.1/feed.xml',
  'http://0x7f.0.0.1/feed.xml',
  'http://2130706433/feed.xml',
  'http://0177.0.0.1/feed.xml',
  'http://[::1]/feed.xml',
  'http://[::ffff:127.0.0.1]/feed.xml',
  'http://localhost/feed.xml',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/',
  'http://10.0.0.8/rss',
  'http://192.168.1.20/rss',
  'http://172.16.5.4/rss',
  'http://0.0.0.0/rss',
];

describe('refusedAddress', () => {
  it.each(internal)('refuses %s with the error a poll gives', async (url) => {
    const refused = await refusedAddress(url, false);
    expect(refused).toBeInstanceOf(FetchError);
    const polled = await fetchUrl(url, { maxBytes: 1000, timeoutMs: 5000, allowPrivateNetworks: false }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(polled).toBeInstanceOf(FetchError);
    expect(`${refused!.code}: ${refused!.message}`).toBe(`${(polled as FetchError).code}: ${(polled as FetchError).message}`);
  });

  it('lets loopback and private addresses in when ALLOW_PRIVATE_NETWORKS is on, but never 0.0.0.0', async () => {
    expect(await refusedAddress('http://127.0.0.1:8123/feed.xml', true)).toBeNull();
    expect(await refusedAddress('http://10.0.0.8/rss', true)).toBeNull();
    expect((await refusedAddress('http://0.0.0.0/rss', true))?.code).toBe('blocked-address');
  });

  it('leaves public addresses, names that do not resolve now, and non-URLs to the other checks', async () => {
    expect(await refusedAddress('https://8.8.8.8/feed', false)).toBeNull();
    expect(await refusedAddress('https://no-such-host.invalid/feed', false)).toBeNull();
    expect(await refusedAddress('not a url', false)).toBeNull();
  });

  it('checks a list, naming only the refused URLs', async () => {
    const refused = await refusedAddresses(['http://127.0.0.1/a', 'https://8.8.8.8/b', 'http://169.254.169.254/c'], false);
    expect([...refused.keys()]).toEqual(['http://127.0.0.1/a', 'http://169.254.169.254/c']);
  });
});
