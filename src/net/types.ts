// The contract of lanewatch's one HTTP client (src/net/fetch.ts), used for feeds, pages and alert webhooks.

export interface FetchOptions {
  /** Bytes of body (after decompression) beyond which the fetch fails with 'too-large'. */
  maxBytes: number;
  /** Total time for the whole exchange, body included. */
  timeoutMs: number;
  /** Loopback, private, link-local... addresses are refused unless true (ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Every URL redirected through, in order. */
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
  | 'protocol';

/** A fetch that got no usable HTTP answer. HTTP error statuses are not errors: they come back as results. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}
