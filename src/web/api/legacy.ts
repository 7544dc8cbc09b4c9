// The JSON that used to live beside the pages has moved under /api, where the bearer token opens it too:
// /lanes?format=json, /alerts?format=json (or either with Accept: application/json) and /deals/approved.csv|json
// answer 308 to their /api address, before the sign-in redirect, so that a token client is never sent to /login.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

function wantsJson(url: URL, accept: string | undefined): boolean {
  return url.searchParams.get('format') === 'json' || (accept ?? '').startsWith('application/json');
}

/** The /api address of a legacy JSON request, or null when the request is for a page. */
export function movedToApi(method: string, url: URL, accept: string | undefined): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (url.pathname === '/deals/approved.csv' || url.pathname === '/deals/approved.json') return `/api${url.pathname}`;
  if ((url.pathname === '/lanes' || url.pathname === '/alerts') && wantsJson(url, accept)) {
    const lab = url.pathname === '/lanes' ? url.searchParams.get('lab')?.trim() : undefined;
    return `/api${url.pathname}${lab ? `?lab=${encodeURIComponent(lab)}` : ''}`;
  }
  return null;
}

export function legacyJsonRedirects(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const target = movedToApi(c.req.method, new URL(c.req.url), c.req.header('accept'));
    if (target) return c.redirect(target, 308);
    await next();
  };
}
