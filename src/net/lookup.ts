// The DNS lookup and connector behind every lanewatch connection. The lookup resolves a name, checks EVERY
// address it got against the policy, and hands back only checked addresses, so the socket connects to
// exactly what was checked: there is no second resolution for a rebinding DNS server to answer differently.
// Node skips `lookup` for IP literals, so the connector checks those itself before any socket exists.
import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import type { AddressPolicy } from './address-rules.js';

/** A connection refused by the address policy: no request is ever written to the address. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'LANEWATCH_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    // The hint only where the setting would help: no setting makes multicast or 0.0.0.0 a web server.
    const hint = /unspecified|multicast|broadcast|not an IP/.test(reason) ? '' : ' (set ALLOW_PRIVATE_NETWORKS=true to allow private networks)';
    super(host === address ? `address ${address} is refused: ${reason}${hint}` : `${host} resolves to ${address}, which is refused: ${reason}${hint}`);
  }
}

type ResolveAll = (hostname: string, family: number) => Promise<dns.LookupAddress[]>;

const systemResolve: ResolveAll = (hostname, family) =>
  dns.promises.lookup(hostname, { all: true, family: family === 4 || family === 6 ? family : 0, verbatim: true });

/** Resolves `hostname` and returns its addresses only if every one passes the policy. */
export async function resolveChecked(hostname: string, policy: AddressPolicy, family = 0, resolve: ResolveAll = systemResolve): Promise<dns.LookupAddress[]> {
  const addresses = await resolve(hostname, family);
  if (addresses.length === 0) {
    const err = new Error(`no address found for ${hostname}`) as NodeJS.ErrnoException;
    err.code = 'ENOTFOUND';
    throw err;
  }
  // Every address, not only the first: with one private address among public ones, a later connect attempt
  // (happy eyeballs, a retry) could land on it.
  for (const { address } of addresses) {
    const reason = policy(address);
    if (reason !== null) throw new BlockedAddressError(hostname, address, reason);
  }
  return addresses;
}

/** A `lookup` for net.connect/tls.connect that only ever yields addresses the policy allows. */
export function guardedLookup(policy: AddressPolicy, resolve: ResolveAll = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, policy, familyNumber(options.family), resolve).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function familyNumber(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}

/**
 * An undici connector: IP literals are checked here (Node does not call `lookup` for them), names in lookup.
 * The connected socket's peer address is checked once more before it is handed to undici, so no request is
 * ever written to a refused address even if some path bypassed the lookup.
 */
export function guardedConnector(policy: AddressPolicy, connectTimeoutMs: number, resolve: ResolveAll = systemResolve): buildConnector.connector {
  const connect = buildConnector({ lookup: guardedLookup(policy, resolve), timeout: connectTimeoutMs });
  return (options, callback) => {
    const host = options.hostname.startsWith('[') ? options.hostname.slice(1, -1) : options.hostname;
    if (isIP(host)) {
      const reason = policy(host);
      if (reason !== null) {
        callback(new BlockedAddressError(host, host, reason), null);
        return;
      }
    }
    connect(options, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('no socket'), null);
        return;
      }
      const peer = socket.remoteAddress;
      const reason = peer === undefined ? 'no peer address' : policy(peer);
      if (reason !== null) {
        socket.destroy();
        callback(new BlockedAddressError(host, peer ?? '?', reason), null);
        return;
      }
      callback(null, socket);
    });
  };
}
