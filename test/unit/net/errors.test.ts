// How thrown errors become FetchError codes, including the ones a test may not provoke for real (DNS failures
// would need a query to a resolver off this machine).
import { describe, expect, it } from 'vitest';
import { BodyDecodingError, BodyTooLargeError } from '../../../src/net/body.js';
import { toFetchError } from '../../../src/net/fetch.js';
import { BlockedAddressError } from '../../../src/net/lookup.js';
import { FetchError } from '../../../src/net/types.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const ctx = { timedOut: false, callerAborted: false, timeoutMs: 1000 };
const url = 'http://feeds.example/rss';

describe('toFetchError', () => {
  it.each([
    [coded('ENOTFOUND'), 'connect', 'dns'],
    [coded('EAI_AGAIN'), 'connect', 'dns'],
    [coded('ECONNREFUSED'), 'connect', 'connect'],
    [coded('EHOSTUNREACH'), 'connect', 'connect'],
    [coded('CERT_HAS_EXPIRED'), 'connect', 'connect'],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'connect', 'connect'],
    [coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'connect', 'connect'],
    [coded('UND_ERR_CONNECT_TIMEOUT'), 'connect', 'timeout'],
    [coded('UND_ERR_HEADERS_TIMEOUT'), 'connect', 'timeout'],
    [coded('UND_ERR_SOCKET'), 'body', 'truncated'],
    [coded('UND_ERR_SOCKET'), 'connect', 'protocol'],
    [coded('HPE_INVALID_CONSTANT'), 'connect', 'protocol'],
    [new BodyTooLargeError(10, true), 'body', 'too-large'],
    [new BodyDecodingError('bad gzip'), 'body', 'protocol'],
    [new BlockedAddressError('x', '10.0.0.1', 'private'), 'connect', 'blocked-address'],
    [Object.assign(new Error('wrapped'), { cause: new BlockedAddressError('x', '10.0.0.1', 'private') }), 'connect', 'blocked-address'],
    ['a string was thrown', 'connect', 'protocol'],
  ] as const)('%s during %s → %s', (err, phase, code) => {
    const fe = toFetchError(err, url, url, phase, ctx);
    expect(fe).toBeInstanceOf(FetchError);
    expect(fe.code).toBe(code);
    expect(fe.url).toBe(url);
    expect(fe.message.startsWith(url)).toBe(true);
  });

  it('our own timeout and the caller abort win over whatever undici threw', () => {
    expect(toFetchError(coded('UND_ERR_ABORTED'), url, url, 'body', { ...ctx, timedOut: true }).code).toBe('timeout');
    expect(toFetchError(coded('UND_ERR_ABORTED'), url, url, 'body', { ...ctx, callerAborted: true }).code).toBe('aborted');
  });

  it('names the hop where a redirected fetch failed', () => {
    const fe = toFetchError(coded('ECONNREFUSED'), url, 'http://other.example/', 'connect', ctx);
    expect(fe.message).toContain(`${url} (at http://other.example/)`);
  });

  it('passes FetchErrors through', () => {
    const original = new FetchError('redirect-loop', 'loop', url);
    expect(toFetchError(original, url, url, 'connect', ctx)).toBe(original);
  });
});
