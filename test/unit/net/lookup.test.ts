// The guarded lookup with an injected resolver: no DNS query and no connection is made.
import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { publicOnly } from '../../../src/net/address-rules.js';
import { BlockedAddressError, guardedLookup, resolveChecked } from '../../../src/net/lookup.js';

const fakeResolver = (answers: Record<string, LookupAddress[]>) => async (hostname: string) => answers[hostname] ?? [];

describe('resolveChecked', () => {
  const resolve = fakeResolver({
    public: [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }],
    mixed: [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }],
    metadata: [{ address: '169.254.169.254', family: 4 }],
    mapped: [{ address: '::ffff:127.0.0.1', family: 6 }],
  });

  it('returns every address when all are public', async () => {
    await expect(resolveChecked('public', publicOnly, 0, resolve)).resolves.toHaveLength(2);
  });

  it('refuses a name if ANY of its addresses is private', async () => {
    const err = await resolveChecked('mixed', publicOnly, 0, resolve).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as BlockedAddressError).address).toBe('10.0.0.5');
    expect((err as Error).message).toContain('mixed resolves to 10.0.0.5');
  });

  it('refuses metadata and mapped-loopback answers', async () => {
    await expect(resolveChecked('metadata', publicOnly, 0, resolve)).rejects.toThrow(/169\.254\.169\.254.*link-local/);
    await expect(resolveChecked('mapped', publicOnly, 0, resolve)).rejects.toThrow(/loopback/);
  });

  it('fails like DNS when there is no answer', async () => {
    await expect(resolveChecked('nothing', publicOnly, 0, resolve)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('guardedLookup', () => {
  const lookup = guardedLookup(publicOnly, fakeResolver({ ok: [{ address: '93.184.216.34', family: 4 }], bad: [{ address: '127.0.0.1', family: 4 }] }));
  const call = (host: string, all: boolean) =>
    new Promise<{ err: unknown; address: unknown; family: unknown }>((resolve) => {
      lookup(host, { all }, (err: unknown, address: unknown, family?: unknown) => resolve({ err, address, family }));
    });

  it('answers in both callback shapes with only checked addresses', async () => {
    expect(await call('ok', true)).toMatchObject({ err: null, address: [{ address: '93.184.216.34', family: 4 }] });
    expect(await call('ok', false)).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
  });

  it('hands the refusal to the socket as an error', async () => {
    expect((await call('bad', false)).err).toBeInstanceOf(BlockedAddressError);
  });
});
