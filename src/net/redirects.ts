// The redirect policy, as a pure function: what to do with one 3xx answer.

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface RedirectRequest {
  url: string;
  method: 'GET' | 'POST' | 'HEAD';
  hasBody: boolean;
}

export type RedirectDecision =
  | { kind: 'final' }
  | { kind: 'follow'; url: string; method: 'GET' | 'POST' | 'HEAD'; keepBody: boolean; crossOrigin: boolean }
  | { kind: 'error'; code: 'too-many-redirects' | 'redirect-loop' | 'bad-url'; message: string };

/**
 * Decides the next hop. `visited` holds every URL requested so far, in order (the current one last);
 * `maxRedirects` is how many hops may be followed in total.
 */
export function decideRedirect(request: RedirectRequest, status: number, location: string | undefined, visited: readonly string[], maxRedirects: number): RedirectDecision {
  // A 3xx without Location (or 300/304...) is an answer in itself.
  if (!REDIRECT_STATUSES.has(status) || location === undefined || location.trim() === '') return { kind: 'final' };
  let next: URL;
  try {
    next = new URL(location.trim(), request.url);
  } catch {
    return { kind: 'error', code: 'bad-url', message: `${request.url} redirected to an invalid URL ${JSON.stringify(location)}` };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { kind: 'error', code: 'bad-url', message: `${request.url} redirected to ${next.protocol} (only http and https are followed)` };
  }
  next.hash = '';
  const url = next.href;
  if (visited.includes(url)) {
    return { kind: 'error', code: 'redirect-loop', message: `redirect loop: ${[...visited, url].join(' → ')}` };
  }
  if (visited.length > maxRedirects) {
    return { kind: 'error', code: 'too-many-redirects', message: `more than ${maxRedirects} redirects from ${visited[0]}` };
  }
  // As browsers do: 303 always becomes GET, and 301/302 turn a POST into a GET; 307/308 keep method and body.
  let method = request.method;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) method = 'GET';
  const keepBody = method === request.method && request.hasBody;
  const crossOrigin = new URL(request.url).origin !== next.origin;
  return { kind: 'follow', url, method, keepBody, crossOrigin };
}
