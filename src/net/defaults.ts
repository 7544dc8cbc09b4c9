// The fetch options each kind of fetch uses, from the settings: one place, so poller, extractor and notifier agree.
import { settings, type Settings } from '../config.js';
import type { FetchOptions } from './types.js';

export type FetchKind = 'feed' | 'page' | 'webhook';

/** A webhook's answer is only logged (an excerpt): there is no reason to read more of it. */
const WEBHOOK_RESPONSE_MAX_BYTES = 64 * 1024;

/** maxBytes, timeoutMs and allowPrivateNetworks for a kind of fetch; spread extra options over the result. */
export function fetchOptionsFor(kind: FetchKind, s: Settings = settings()): FetchOptions {
  const maxBytes = kind === 'feed' ? s.FEED_MAX_BYTES : kind === 'page' ? s.PAGE_MAX_BYTES : WEBHOOK_RESPONSE_MAX_BYTES;
  // A page over the cap is cut there and extracted (the deal is usually in the first paragraphs); a feed is not,
  // since a cut feed reads as a broken one.
  return { maxBytes, timeoutMs: s.FETCH_TIMEOUT_SECONDS * 1000, allowPrivateNetworks: s.ALLOW_PRIVATE_NETWORKS, ...(kind === 'page' ? { oversize: 'cut' as const } : {}) };
}
