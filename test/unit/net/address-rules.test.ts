// The address rules as pure functions: nothing here resolves or connects.
import { describe, expect, it } from 'vitest';
import { nonPublicReason, parseIPv4, parseIPv6, privateAllowed, publicOnly, urlHost } from '../../../src/net/address-rules.js';

/** The address a URL's host stands for, after WHATWG URL normalisation (null for a DNS name). */
function hostAddress(url: string): string | null {
  const host = urlHost(new URL(url));
  return host.kind === 'ip' ? host.address : null;
}

describe('IPv4 rules', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade'],
    ['100.127.255.255', 'carrier-grade'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'IETF'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toContain(reason);
    expect(publicOnly(address)).not.toBeNull();
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '11.0.0.1', '192.167.255.255', '223.255.255.255'])(
    'allows the public address %s',
    (address) => {
      expect(nonPublicReason(address)).toBeNull();
    },
  );

  it('parses only strict dotted quads', () => {
    expect(parseIPv4('127.0.0.1')).toBe(0x7f000001);
    expect(parseIPv4('256.0.0.1')).toBeNull();
    expect(parseIPv4('127.1')).toBeNull();
    expect(parseIPv4('0x7f.0.0.1')).toBeNull();
    expect(parseIPv4('1.2.3.4.5')).toBeNull();
  });
});

describe('IPv6 rules', () => {
  it.each([
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff05::fb', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:7F00:0001', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:0:a9fe:a9fe', 'link-local'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible'],
    ['64:ff9b::127.0.0.1', 'NAT64'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['64:ff9b::192.168.0.1', 'NAT64'],
    ['64:ff9b:1::1', 'NAT64 local-use'],
    ['2002:7f00:1::', '6to4'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2002:c0a8:101::1', '6to4'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['3fff::1', 'documentation'],
    ['100::1', 'discard'],
    ['::2', 'IPv4-compatible'],
    ['4000::1', 'reserved'],
    ['1::', 'reserved'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toContain(reason);
  });

  it.each(['2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::8.8.8.8', '2002:808:808::1', '2a00:1450:4001::200e'])(
    'allows the public address %s',
    (address) => {
      expect(nonPublicReason(address)).toBeNull();
    },
  );

  it('parses every spelling into the same groups', () => {
    const expected = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
    expect(parseIPv6('::ffff:127.0.0.1')).toEqual(expected);
    expect(parseIPv6('::ffff:7f00:1')).toEqual(expected);
    expect(parseIPv6('[::ffff:7f00:1]')).toEqual(expected);
    expect(parseIPv6('0:0:0:0:0:ffff:127.0.0.1')).toEqual(expected);
  });

  it('rejects malformed IPv6', () => {
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', 'g::1', '::ffff:300.0.0.1', '1:2:3:4:5:6:7']) {
      expect(parseIPv6(bad), bad).toBeNull();
    }
  });
});

describe('anything that is not an IP address', () => {
  it.each(['localhost', 'example.com', '', '127.1', '0x7f000001', '2130706433'])('is refused as not an IP: %s', (text) => {
    expect(nonPublicReason(text)).toBe('not an IP address');
    expect(privateAllowed(text)).toBe('not an IP address');
  });
});

describe('URL host spellings, normalised by WHATWG URL', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0177.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://127.0.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
    ['http://2852039166/', '169.254.169.254'],
    ['http://0251.0376.0251.0376/', '169.254.169.254'],
    ['http://169.254.43518/', '169.254.169.254'],
    ['http://[::1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://１２７.０.０.１/', '127.0.0.1'],
  ])('%s is the address %s, and refused', (url, address) => {
    expect(hostAddress(url)).toBe(address);
    expect(publicOnly(address)).not.toBeNull();
  });

  it('keeps DNS names as names (they are checked after resolution)', () => {
    expect(urlHost(new URL('http://localhost/'))).toEqual({ kind: 'name', name: 'localhost' });
    expect(urlHost(new URL('http://127.0.0.1.nip.io/'))).toEqual({ kind: 'name', name: '127.0.0.1.nip.io' });
    expect(urlHost(new URL('http://Example.COM/'))).toEqual({ kind: 'name', name: 'example.com' });
  });

  it('rejects invalid IPv4 spellings at URL parsing', () => {
    expect(() => new URL('http://256.0.0.1/')).toThrow();
    expect(() => new URL('http://0x100.0.0.1/')).toThrow();
  });
});

describe('policies', () => {
  it('ALLOW_PRIVATE_NETWORKS=true allows loopback and private, but never multicast, broadcast or unspecified', () => {
    for (const ok of ['127.0.0.1', '10.0.0.1', '192.168.1.1', '::1', 'fd00::1', '169.254.169.254', '8.8.8.8']) expect(privateAllowed(ok), ok).toBeNull();
    for (const no of ['0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'ff02::1', '::ffff:224.0.0.1', '::ffff:0.0.0.0']) expect(privateAllowed(no), no).not.toBeNull();
  });
});
