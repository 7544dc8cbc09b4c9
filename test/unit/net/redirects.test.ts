import { describe, expect, it } from 'vitest';
import { decideRedirect } from '../../../src/net/redirects.js';

const get = (url: string) => ({ url, method: 'GET' as const, hasBody: false });

describe('decideRedirect', () => {
  it('follows relative and absolute Locations, resolved against the current URL', () => {
    expect(decideRedirect(get('http://a.example/x/y'), 301, '../z?q=1#frag', ['http://a.example/x/y'], 5)).toEqual({
      kind: 'follow',
      url: 'http://a.example/z?q=1',
      method: 'GET',
      keepBody: false,
      crossOrigin: false,
    });
    const d = decideRedirect(get('http://a.example/'), 302, 'https://b.example/', ['http://a.example/'], 5);
    expect(d).toMatchObject({ kind: 'follow', url: 'https://b.example/', crossOrigin: true });
  });

  it('treats non-redirect statuses and a missing Location as final', () => {
    expect(decideRedirect(get('http://a.example/'), 200, undefined, ['http://a.example/'], 5)).toEqual({ kind: 'final' });
    expect(decideRedirect(get('http://a.example/'), 304, '/x', ['http://a.example/'], 5)).toEqual({ kind: 'final' });
    expect(decideRedirect(get('http://a.example/'), 300, '/x', ['http://a.example/'], 5)).toEqual({ kind: 'final' });
    expect(decideRedirect(get('http://a.example/'), 302, undefined, ['http://a.example/'], 5)).toEqual({ kind: 'final' });
    expect(decideRedirect(get('http://a.example/'), 302, '  ', ['http://a.example/'], 5)).toEqual({ kind: 'final' });
  });

  it('only follows http and https', () => {
    for (const loc of ['file:///etc/passwd', 'ftp://a.example/', 'gopher://127.0.0.1:6379/_FLUSHALL', 'javascript:alert(1)', 'data:text/plain,hi']) {
      expect(decideRedirect(get('http://a.example/'), 302, loc, ['http://a.example/'], 5), loc).toMatchObject({ kind: 'error', code: 'bad-url' });
    }
  });

  it('rejects an invalid Location', () => {
    expect(decideRedirect(get('http://a.example/'), 302, 'http://[::1', ['http://a.example/'], 5)).toMatchObject({ kind: 'error', code: 'bad-url' });
  });

  it('detects loops, including back to the start', () => {
    const visited = ['http://a.example/1', 'http://a.example/2'];
    expect(decideRedirect(get('http://a.example/2'), 302, '/1', visited, 5)).toMatchObject({ kind: 'error', code: 'redirect-loop' });
    expect(decideRedirect(get('http://a.example/1'), 302, '/1', ['http://a.example/1'], 5)).toMatchObject({ kind: 'error', code: 'redirect-loop' });
  });

  it('allows exactly maxRedirects hops', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `http://a.example/${i}`);
    // 5 URLs visited = 4 redirects followed: the 5th may be followed.
    expect(decideRedirect(get('http://a.example/4'), 302, '/5', chain(5), 5)).toMatchObject({ kind: 'follow' });
    // 6 URLs visited = 5 redirects followed: a 6th is refused.
    expect(decideRedirect(get('http://a.example/5'), 302, '/6', chain(6), 5)).toMatchObject({ kind: 'error', code: 'too-many-redirects' });
    expect(decideRedirect(get('http://a.example/0'), 302, '/1', chain(1), 0)).toMatchObject({ kind: 'error', code: 'too-many-redirects' });
  });

  it('changes methods as browsers do', () => {
    const post = { url: 'http://a.example/', method: 'POST' as const, hasBody: true };
    const v = ['http://a.example/'];
    expect(decideRedirect(post, 301, '/x', v, 5)).toMatchObject({ method: 'GET', keepBody: false });
    expect(decideRedirect(post, 302, '/x', v, 5)).toMatchObject({ method: 'GET', keepBody: false });
    expect(decideRedirect(post, 303, '/x', v, 5)).toMatchObject({ method: 'GET', keepBody: false });
    expect(decideRedirect(post, 307, '/x', v, 5)).toMatchObject({ method: 'POST', keepBody: true });
    expect(decideRedirect(post, 308, '/x', v, 5)).toMatchObject({ method: 'POST', keepBody: true });
    expect(decideRedirect({ url: 'http://a.example/', method: 'HEAD', hasBody: false }, 303, '/x', v, 5)).toMatchObject({ method: 'HEAD' });
  });
});
