// Signing in and out. The sign-in form is the only form without a session CSRF token; it checks the Origin instead.
// Failed attempts per user name and attempts per client are limited (auth/sign-in-limits.ts).
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { page } from '../layout.js';
import { checkLogin } from '../auth/users.js';
import { SignInLimits, defaultSignInLimits, type SignInLimitOptions } from '../auth/sign-in-limits.js';
import { parseIPv6 } from '../../net/address-rules.js';
import { createSession, deleteSession, sessionCookie, sessionLifetimeMs } from '../auth/sessions.js';
import { safeBack } from './review.js';

/**
 * The client a sign-in comes from: its address (an IPv6 client by its /64, which one host usually holds whole);
 * "local" when the app is called without a socket (in-process requests).
 */
export function clientKey(c: Context): string {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  if (!address) return 'local';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  const groups = address.includes(':') ? parseIPv6(address) : null;
  return groups ? `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64` : address;
}

function loginForm(next: string, error: string | null, username = '') {
  return html`<div class="login"><h1><span class="brand"><span class="dot"></span></span>Sign in</h1>
${error ? html`<div class="flash error" role="alert">${error}</div>` : ''}
<form method="post" action="/login">
<input type="hidden" name="next" value="${next}">
<label>User<input type="text" name="username" value="${username}" autocomplete="username" required autofocus maxlength="64"></label>
<label>Password<input type="password" name="password" autocomplete="current-password" required maxlength="1000"></label>
<button class="btn primary" type="submit">Sign in</button>
</form>
<p class="muted small">Accounts: <code>lanewatch users add NAME</code> or the LANEWATCH_USERS setting.</p></div>`;
}

export function authRoutes(deps: WebDeps, limitOptions: SignInLimitOptions = defaultSignInLimits): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = new SignInLimits(limitOptions);
  const secure = new URL(deps.settings.PUBLIC_URL).protocol === 'https:';

  app.get('/login', (c) => {
    if (c.var.user) return c.redirect(safeBack(c.req.query('next')), 303);
    return c.html(page('Sign in', loginForm(safeBack(c.req.query('next')), null)));
  });

  app.post('/login', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin && origin !== `http://${c.req.header('host')}` && origin !== `https://${c.req.header('host')}`) {
      return c.text('Refused: sign-in from another site.', 403);
    }
    const body = await c.req.parseBody();
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeBack(body.next);
    // PostgreSQL text cannot hold NUL (U+0000): such a name is no user's, refused before any lookup.
    if (username.includes('\0') || password.includes('\0')) return c.html(page('Sign in', loginForm(next, 'The user name or password holds a NUL character.')), 400);
    const admitted = limits.admit(clientKey(c));
    if (!admitted.ok) {
      c.header('Retry-After', String(admitted.retryAfterSeconds));
      return c.html(page('Sign in', loginForm(next, 'Too many sign-in attempts from this address; wait a moment and try again.', username)), 429);
    }
    let user: string | null;
    try {
      if (limits.isLocked(username)) {
        return c.html(page('Sign in', loginForm(next, 'Too many failed attempts for this user; try again in a few minutes.', username)), 429);
      }
      user = await checkLogin(deps.db, deps.settings, username, password);
    } finally {
      admitted.release();
    }
    if (!user) {
      limits.recordFailure(username);
      deps.logger.warn({ username }, 'failed sign-in');
      return c.html(page('Sign in', loginForm(next, 'Wrong user name or password.', username)), 401);
    }
    limits.recordSuccess(username);
    const session = await createSession(deps.db, user);
    setCookie(c, sessionCookie, session.token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: Math.floor(sessionLifetimeMs / 1000) });
    deps.logger.info({ username: user }, 'signed in');
    return c.redirect(next, 303);
  });

  return app;
}

/** Sign-out: mounted behind the session and CSRF checks like every other form. */
export function logoutRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/logout', async (c) => {
    await deleteSession(deps.db, getCookie(c, sessionCookie));
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/login', 303);
  });
  return app;
}
