// lanewatch's one HTTP client: feeds, pages and alert webhooks all go through fetchUrl.
// Every connection goes through the guarded connector (lookup.ts), so every address of every hop is checked
// against the policy; redirects are followed here, by hand, one checked hop at a time.
import { readFileSync } from 'node:fs';
import { Agent, type Dispatcher } from 'undici';
import { settings } from '../config.js';
import { policyFor, urlHost, type AddressPolicy } from './address-rules.js';
import { BodyDecodingError, BodyTooLargeError, readBody } from './body.js';
import { HostLimiter } from './host-limiter.js';
import { BlockedAddressError, guardedConnector } from './lookup.js';
import { decideRedirect } from './redirects.js';
import { FetchError, type FetchErrorCode, type FetchOptions, type FetchResult } from './types.js';
import { projectPath } from '../paths.js';

export { FetchError } from './types.js';
export type { FetchErrorCode, FetchOptions, FetchResult } from './types.js';
export { parseCacheControlMaxAge, parseRetryAfter } from './http-headers.js';
export { fetchOptionsFor, type FetchKind } from './defaults.js';

const VERSION = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

/** A TCP + TLS handshake that takes longer than this is a dead or drowning host; the total timeout still applies. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Redirect bodies are read and dropped (so the connection can be reused) up to this size, else the socket is closed. */
const REDIRECT_BODY_DUMP_BYTES = 64 * 1024;
/** Allowance over maxBytes for compressed bytes: gzip/brotli framing can make a tiny body slightly larger. */
const COMPRESSED_OVERHEAD_BYTES = 1024;
/** Idle keep-alive connections are closed after this: polling revisits a host within seconds or not for minutes. */
const KEEP_ALIVE_TIMEOUT_MS = 4_000;

/** `lanewatch/<version> (+<contact URL>)`. */
export function userAgent(contact: string = settings().USER_AGENT_CONTACT): string {
  return `lanewatch/${VERSION} (+${contact})`;
}

const limiter = new HostLimiter(() => settings().PER_HOST_CONCURRENCY);

// One agent per (policy, connect timeout): a pooled connection is only ever reused under the policy that checked it.
const agents = new Map<AddressPolicy, Map<number, Agent>>();
function agentFor(policy: AddressPolicy, connectTimeoutMs: number): Agent {
  let byTimeout = agents.get(policy);
  if (!byTimeout) {
    byTimeout = new Map();
    agents.set(policy, byTimeout);
  }
  let agent = byTimeout.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ connect: guardedConnector(policy, connectTimeoutMs), keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
    byTimeout.set(connectTimeoutMs, agent);
  }
  return agent;
}

/** Closes every pooled connection (shutdown, end of a test file). */
export async function closeFetchAgents(): Promise<void> {
  const all = [...agents.values()].flatMap((m) => [...m.values()]);
  agents.clear();
  await Promise.all(all.map((a) => a.close().catch(() => undefined)));
}

/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export type Phase = 'connect' | 'body';

/**
 * Fetches `url` with lanewatch's limits and address rules. HTTP statuses (304, 404, 429, 500...) are results;
 * a FetchError is thrown only when there is no usable HTTP answer.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FetchError('bad-url', `invalid URL ${JSON.stringify(url)}`, url);
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') {
    throw new FetchError('bad-url', `${url}: only http and https URLs are fetched, not ${current.protocol}`, url);
  }
  if (options.signal?.aborted) throw new FetchError('aborted', `${url}: aborted before it started`, url);
  // Programming errors, not bad input: a NaN timeout would fire at once, a NaN cap would refuse every body.
  if (!(options.timeoutMs > 0) || !(options.maxBytes >= 0)) {
    throw new RangeError(`fetchUrl: timeoutMs must be > 0 and maxBytes >= 0 (got ${options.timeoutMs}, ${options.maxBytes})`);
  }

  const policy = options.addressPolicy ?? policyFor(options.allowPrivateNetworks);
  const connectTimeoutMs = Math.max(1, Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, options.timeoutMs));
  const agent = agentFor(policy, connectTimeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('total timeout'));
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort(new Error('aborted by caller'));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let method = options.method ?? 'GET';
  let body = options.body;
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? userAgent(),
    accept: '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  if (current.username || current.password) {
    // Credentials in the URL become Basic auth (and never travel in the request line).
    headers.authorization ??= `Basic ${Buffer.from(`${safeDecode(current.username)}:${safeDecode(current.password)}`).toString('base64')}`;
    current.username = '';
    current.password = '';
  }
  current.hash = '';

  const visited: string[] = [current.href];
  let phase: Phase = 'connect';
  try {
    for (;;) {
      const host = urlHost(current);
      if (host.kind === 'ip') {
        // Literal IPs are refused here, before any socket; the connector checks them again.
        const reason = policy(host.address);
        if (reason !== null) throw new BlockedAddressError(host.address, host.address, reason);
      }
      phase = 'connect';
      const release = await limiter.acquire(current.hostname, controller.signal);
      try {
        const response = await agent.request({
          origin: current.origin,
          path: `${current.pathname}${current.search}`,
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
          signal: controller.signal,
          // The total timer governs; these only replace undici's 300 s defaults so nothing outlives it.
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        const responseHeaders = flattenHeaders(response.headers);
        const decision = decideRedirect({ url: current.href, method, hasBody: body !== undefined }, response.statusCode, responseHeaders.location, visited, maxRedirects);
        if (decision.kind === 'error') {
          await discard(response.body);
          throw new FetchError(decision.code, decision.message, url);
        }
        if (decision.kind === 'follow') {
          await discard(response.body);
          if (decision.crossOrigin) for (const h of CREDENTIAL_HEADERS) delete headers[h];
          if (!decision.keepBody) {
            body = undefined;
            delete headers['content-type'];
            delete headers['content-length'];
          }
          method = decision.method;
          current = new URL(decision.url);
          visited.push(current.href);
          continue;
        }

        phase = 'body';
        let payload: Buffer = Buffer.alloc(0);
        let truncated = false;
        if (method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
          await discard(response.body);
        } else {
          const declared = Number(responseHeaders['content-length']);
          if (options.oversize !== 'cut' && !responseHeaders['content-encoding'] && Number.isFinite(declared) && declared > options.maxBytes) {
            abandon(response.body);
            throw new BodyTooLargeError(options.maxBytes, false);
          }
          const read = await readBody(response.body, responseHeaders['content-encoding'], options.maxBytes, options.maxBytes + COMPRESSED_OVERHEAD_BYTES, undefined, options.oversize);
          payload = read.body;
          truncated = read.truncated;
          if (read.decoded) {
            // The body handed back is decoded: these headers described the encoded bytes.
            delete responseHeaders['content-encoding'];
            delete responseHeaders['content-length'];
          }
        }
        return { url: current.href, status: response.statusCode, headers: responseHeaders, body: payload, ...(truncated ? { truncated } : {}), redirects: visited.slice(0, -1) };
      } finally {
        release();
      }
    }
  } catch (err) {
    throw toFetchError(err, url, visited.length > 1 ? current.href : url, phase, { timedOut, callerAborted: options.signal?.aborted === true, timeoutMs: options.timeoutMs });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray '%' stays as typed
  }
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Drops a body unread, closing its connection; the stream's own abort error is of no interest. */
function abandon(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump({ limit: REDIRECT_BODY_DUMP_BYTES });
  } catch {
    // Nothing in a discarded body matters.
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL', 'ENOTIMP', 'EREFUSED']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'ETIMEDOUT', 'EPROTO']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CLOSED_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Finds the first error in a cause chain that satisfies `test`. */
function findCause<T extends Error>(err: unknown, test: (e: unknown) => e is T): T | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if (test(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns whatever a fetch threw into a FetchError with a code (exported for its unit test). */
export function toFetchError(err: unknown, url: string, at: string, phase: Phase, ctx: { timedOut: boolean; callerAborted: boolean; timeoutMs: number }): FetchError {
  if (err instanceof FetchError) return err;
  const where = at === url ? url : `${url} (at ${at})`;
  const make = (code: FetchErrorCode, message: string) => {
    const e = new FetchError(code, `${where}: ${message}`, url);
    (e as Error).cause = err;
    return e;
  };
  const blocked = findCause(err, (e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return make('blocked-address', blocked.message);
  const tooLarge = findCause(err, (e): e is BodyTooLargeError => e instanceof BodyTooLargeError);
  if (tooLarge) return make('too-large', tooLarge.message);
  if (ctx.timedOut) return make('timeout', `no complete answer within ${ctx.timeoutMs} ms`);
  if (ctx.callerAborted) return make('aborted', 'aborted by the caller');
  if (err instanceof BodyDecodingError) return make('protocol', err.message);
  const code = String((err as NodeJS.ErrnoException | undefined)?.code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return make('timeout', `could not connect within the connect timeout (${message})`);
  if (TIMEOUT_CODES.has(code)) return make('timeout', message);
  if (DNS_CODES.has(code)) return make('dns', `DNS lookup failed (${code})`);
  if (CONNECT_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return make('connect', `cannot connect: ${message}${code ? ` (${code})` : ''}`);
  }
  if (CLOSED_CODES.has(code)) {
    return phase === 'body' ? make('truncated', `connection closed before the whole body arrived (${message})`) : make('protocol', `connection closed without an answer (${message})`);
  }
  return make('protocol', `${message}${code ? ` (${code})` : ''}`);
}
