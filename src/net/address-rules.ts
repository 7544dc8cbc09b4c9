// Which IP addresses lanewatch may connect to. Pure functions: no DNS, no sockets.
// Hosts reach here already normalised by WHATWG URL (2130706433, 0x7f.1, 0177.0.0.1 and 127.1 all become
// 127.0.0.1; [::ffff:127.0.0.1] becomes [::ffff:7f00:1]), and from DNS as plain addresses; both spellings of
// IPv6 (dotted tail or hex) are parsed here anyway so that no path depends on the other having normalised.
import { isIP } from 'node:net';

/** Why an address is refused, or null when it may be connected to. */
export type AddressPolicy = (address: string) => string | null;

/** Parses a dotted-quad IPv4 address (exactly four decimal parts) into a 32-bit number. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Parses an IPv6 address (with or without a dotted IPv4 tail, zone id dropped) into 8 16-bit groups. */
export function parseIPv6(text: string): number[] | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;

  if (s.includes('.')) {
    // A dotted IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups.
    const lastColon = s.lastIndexOf(':');
    const tail = parseIPv4(s.slice(lastColon + 1));
    if (tail === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(tail >>> 16).toString(16)}:${(tail & 0xffff).toString(16)}`;
  }

  const halves = s.split('::');
  if (halves.length > 2) return null;
  const toGroups = (h: string): number[] | null => {
    if (h === '') return [];
    const groups: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = toGroups(halves[0]);
  const rest = halves.length === 2 ? toGroups(halves[1]) : [];
  if (head === null || rest === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - rest.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}

interface V4Range {
  base: number;
  bits: number;
  reason: string;
}

const v4 = (cidr: string, reason: string): V4Range => {
  const [addr, bits] = cidr.split('/');
  return { base: parseIPv4(addr)!, bits: Number(bits), reason };
};

// Everything here is not a public web server: RFC 6890 special-purpose registry and its successors.
const V4_REFUSED: V4Range[] = [
  v4('0.0.0.0/8', 'unspecified ("this network")'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT (shared)'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local (cloud metadata lives here)'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignments'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', '6to4 relay anycast'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('255.255.255.255/32', 'broadcast'),
  v4('240.0.0.0/4', 'reserved'),
];

function inV4Range(value: number, range: V4Range): boolean {
  const size = 2 ** (32 - range.bits);
  return value >= range.base && value < range.base + size;
}

/** Why an IPv4 address (as a 32-bit number) is not public, or null. */
function v4Reason(value: number): string | null {
  for (const range of V4_REFUSED) if (inV4Range(value, range)) return range.reason;
  return null;
}

const v4FromGroups = (hi: number, lo: number): number => hi * 0x10000 + lo;
const formatV4 = (value: number): string => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');

/** Why an IPv6 address is not public, or null. Addresses embedding an IPv4 address are judged by it. */
function v6Reason(g: number[]): string | null {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated): the socket reaches the IPv4 address.
  if (zeroUpTo(5) && g[5] === 0xffff) return embedded('IPv4-mapped', v4FromGroups(g[6], g[7]));
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return embedded('IPv4-translated', v4FromGroups(g[6], g[7]));
  // ::a.b.c.d (IPv4-compatible, deprecated) — routed by some stacks to the IPv4 address.
  if (zeroUpTo(6)) return embedded('IPv4-compatible', v4FromGroups(g[6], g[7])) ?? 'IPv4-compatible (deprecated)';
  // NAT64 well-known prefix 64:ff9b::/96: a NAT64 gateway forwards to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embedded('NAT64', v4FromGroups(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'NAT64 local-use';
  // 6to4 2002:AABB:CCDD::/48 routes to the IPv4 address AA.BB.CC.DD.
  if (g[0] === 0x2002) return embedded('6to4', v4FromGroups(g[1], g[2]));
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'discard-only';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local (fc00::/7; includes AWS metadata fd00:ec2::254)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local (deprecated)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // 2001::/23 is IETF protocol assignments, including Teredo 2001::/32, which tunnels to an obfuscated IPv4.
  if (g[0] === 0x2001 && g[1] < 0x0200) return 'IETF protocol assignments (incl. Teredo)';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x3fff && g[1] < 0x1000) return 'documentation';
  // Only 2000::/3 is allocated as global unicast; everything else is reserved.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

function embedded(kind: string, value: number): string | null {
  const reason = v4Reason(value);
  return reason === null ? null : `${kind} form of ${formatV4(value)} (${reason})`;
}

/**
 * Why this IP address is not a public internet address (loopback, private, link-local, metadata, multicast,
 * reserved...), or null when it is public. Text that is not an IP address is refused: the caller must resolve
 * names first.
 */
export function nonPublicReason(address: string): string | null {
  const v4value = parseIPv4(address);
  if (v4value !== null) return v4Reason(v4value);
  const groups = parseIPv6(address);
  if (groups !== null) return v6Reason(groups);
  return 'not an IP address';
}

/** The default policy: public addresses only (ALLOW_PRIVATE_NETWORKS=false). */
export const publicOnly: AddressPolicy = nonPublicReason;

/**
 * ALLOW_PRIVATE_NETWORKS=true: loopback and private networks are allowed, but unspecified, multicast and
 * broadcast addresses never hold a web server, so they stay refused.
 */
export const privateAllowed: AddressPolicy = (address) => {
  const reason = nonPublicReason(address);
  if (reason === null) return null;
  // Also catches the IPv6 forms embedding such an IPv4 address ("IPv4-mapped form of 224.0.0.1 (multicast)").
  return reason === 'not an IP address' || /unspecified|multicast|broadcast/.test(reason) ? reason : null;
};

export function policyFor(allowPrivateNetworks: boolean): AddressPolicy {
  return allowPrivateNetworks ? privateAllowed : publicOnly;
}

/** The host of a parsed URL: an IP literal (brackets removed) or a DNS name. */
export type UrlHost = { kind: 'ip'; address: string; family: 4 | 6 } | { kind: 'name'; name: string };

/**
 * Classifies a URL's host. WHATWG URL has already turned every IPv4 spelling (decimal, octal, hex, short forms)
 * into a dotted quad and IPv6 into its canonical bracketed form, so a host that is not an IP here is a name.
 */
export function urlHost(url: URL): UrlHost {
  const host = url.hostname;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(bare);
  if (family === 4 || family === 6) return { kind: 'ip', address: bare, family };
  return { kind: 'name', name: host };
}
