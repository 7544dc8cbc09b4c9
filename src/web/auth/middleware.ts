// Who may see what: pages need a signed-in session (else a redirect to /login), the API a session or the
// LANEWATCH_TOKEN bearer (else 401 JSON), and every state-changing request a CSRF token and a same-origin Origin.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.js';
import type { WebDeps } from '../deps.js';
import { findSession, sessionCookie } from './sessions.js';
import { parseUsersSetting } from './users.js';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/**
 * Reads the session cookie into c.var.user / c.var.csrf (both null when there is none). A session whose user no
 * longer exists (removed from the users table and not in LANEWATCH_USERS) is no session.
 */
export function loadSession(deps: WebDeps): MiddlewareHandler<AppEnv> {
  const settingUsers = parseUsersSetting(deps.settings.LANEWATCH_USERS);
  return async (c, next) => {
    const found = await findSession(deps.db, getCookie(c, sessionCookie));
    const session = found && (found.inUsersTable || settingUsers.has(found.username)) ? found : null;
    c.set('user', session?.username ?? null);
    c.set('csrf', session?.csrf ?? null);
    await next();
  };
}

function safeNext(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** Pages: a signed-in reviewer, or a redirect to the sign-in page that comes back here. */
export function requirePageUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) {
      const url = new URL(c.req.url);
      const back = c.req.method === 'GET' ? url.pathname + url.search : '/';
      return c.redirect(`/login?next=${encodeURIComponent(safeNext(back))}`, 303);
    }
    await next();
  };
}

/** A browser's Origin header, when sent, must be this site (a second check behind the token). */
function originAllowed(c: Context, publicUrl: string): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true; // same-origin form posts from older browsers, curl with a token
  if (origin === 'null') return false;
  const own = new URL(c.req.url).origin;
  let configured: string | null = null;
  try {
    configured = new URL(publicUrl).origin;
  } catch {
    configured = null;
  }
  const host = c.req.header('host');
  return origin === own || origin === configured || (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`));
}

async function submittedCsrf(c: Context): Promise<string | null> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody(); // cached by hono: the route reads the same parsed body
    const v = body._csrf;
    return typeof v === 'string' ? v : null;
  }
  return null;
}

/** Every state-changing page request carries the session's CSRF token (form field `_csrf` or X-CSRF-Token). */
export function requireCsrf(deps: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (unsafeMethods.has(c.req.method)) {
      const expected = c.var.csrf;
      const given = await submittedCsrf(c).catch(() => null);
      if (!expected || !given || !sameSecret(given, expected) || !originAllowed(c, deps.settings.PUBLIC_URL)) {
        return c.text('Refused: the form is stale or came from another site (CSRF check failed). Reload the page and try again.', 403);
      }
    }
    await next();
  };
}

/** API: the bearer token (actor "api-token") or a session; a session's unsafe requests also need X-CSRF-Token. */
export function requireApiUser(deps: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.req.header('authorization');
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const token = deps.settings.LANEWATCH_TOKEN;
      if (!m || !token || !sameSecret(m[1], token)) return c.json({ error: 'unauthorized', message: 'invalid bearer token' }, 401);
      c.set('user', 'api-token');
      c.set('csrf', null);
      return next();
    }
    if (!c.var.user) return c.json({ error: 'unauthorized', message: 'sign in or send Authorization: Bearer LANEWATCH_TOKEN' }, 401);
    if (unsafeMethods.has(c.req.method)) {
      const given = c.req.header('x-csrf-token');
      if (!given || !c.var.csrf || !sameSecret(given, c.var.csrf) || !originAllowed(c, deps.settings.PUBLIC_URL)) {
        return c.json({ error: 'forbidden', message: 'a signed-in API request that changes something needs the X-CSRF-Token header' }, 403);
      }
    }
    await next();
  };
}

/** The job dashboard's own API is JSON from its page: a session and a same-origin Origin are required for changes. */
export function requireSameOrigin(deps: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (unsafeMethods.has(c.req.method) && (!c.req.header('origin') || !originAllowed(c, deps.settings.PUBLIC_URL))) {
      return c.json({ error: 'forbidden', message: 'cross-site request refused' }, 403);
    }
    await next();
  };
}
