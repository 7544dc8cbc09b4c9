// The SSRF guard applied when a URL is added (feeds add, OPML import) rather than only when it is first fetched:
// the same address policy and the same message as a poll that is refused. A name that does not resolve now is let
// through (DNS may be down, the poll checks again); a name that resolves to a refused address is not.
import { policyFor, urlHost, type AddressPolicy } from './address-rules.js';
import { BlockedAddressError, resolveChecked } from './lookup.js';
import { FetchError } from './types.js';

/** The error a poll of `url` would end with because of its address ("blocked-address: ..."), or null. */
export async function refusedAddress(url: string, allowPrivateNetworks: boolean, policy: AddressPolicy = policyFor(allowPrivateNetworks)): Promise<FetchError | null> {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null; // not a URL: the feed store says so in its own words
  }
  const host = urlHost(parsed);
  try {
    if (host.kind === 'ip') {
      const reason = policy(host.address);
      if (reason !== null) throw new BlockedAddressError(host.address, host.address, reason);
    } else {
      await resolveChecked(host.name, policy);
    }
  } catch (err) {
    if (err instanceof BlockedAddressError) return new FetchError('blocked-address', `${url.trim()}: ${err.message}`, url);
    return null;
  }
  return null;
}

/** The same check for many URLs at once (an OPML import), each URL's error by URL. */
export async function refusedAddresses(urls: string[], allowPrivateNetworks: boolean): Promise<Map<string, FetchError>> {
  const out = new Map<string, FetchError>();
  // A few lookups at a time: a large OPML file should not fire a thousand DNS queries at once.
  for (let i = 0; i < urls.length; i += 16) {
    const batch = urls.slice(i, i + 16);
    const results = await Promise.all(batch.map(async (u) => [u, await refusedAddress(u, allowPrivateNetworks)] as const));
    for (const [u, err] of results) if (err) out.set(u, err);
  }
  return out;
}
