// The contract of lanewatch's one HTTP client (src/net/fetch.ts), used for feeds, pages and alert webhooks.
import type { AddressPolicy } from './address-rules.js';
import { redactUrlsIn } from '../text/redact.js';

export type { AddressPolicy };

export interface FetchOptions {
  /** Bytes of body (after decompression) beyond which the fetch fails with 'too-large' (or is cut: `oversize`). */
  maxBytes: number;
  /** 'cut': a body over maxBytes is cut there and the result marked `truncated` instead of failing (pages). */
  oversize?: 'fail' | 'cut';
  /** Total time for the whole exchange, body included. */
  timeoutMs: number;
  /** Loopback, private, link-local... addresses are refused unless true (ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Default 5; a 6th redirect fails with 'too-many-redirects'. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Time to open the connection (DNS, TCP, TLS); default 10 s, never more than timeoutMs. */
  connectTimeoutMs?: number;
  /** Overrides allowPrivateNetworks with a custom rule (tests: allow 127.0.0.1 but refuse 127.0.0.2). */
  addressPolicy?: AddressPolicy;
  /** Default `lanewatch/<version> (+USER_AGENT_CONTACT)`; a `user-agent` in headers wins too. */
  userAgent?: string;
}

export interface FetchResult {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** Lower-case header names; repeated headers joined with ', '. After decoding, content-encoding and content-length are removed. */
  headers: Record<string, string>;
  body: Buffer;
  /** True when the body was cut at maxBytes (only with oversize 'cut'). */
  truncated?: boolean;
  /** Every URL that answered with a redirect, in order (the requested URL first); empty without redirects. */
  redirects: string[];
}

export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'protocol'
  /** The connection closed before the whole body arrived (or a compressed body ended early). */
  | 'truncated'
  /** options.signal was aborted by the caller. */
  | 'aborted';

/**
 * A fetch that got no usable HTTP answer. HTTP error statuses are not errors: they come back as results.
 * The message is stored and shown (feed health, delivery errors), so the URLs in it are redacted; `url` is not.
 */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(redactUrlsIn(message));
  }
}
