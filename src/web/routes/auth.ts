// Signing in and out. The sign-in form is the only form without a session CSRF token; it checks the Origin instead,
// and failed attempts per user name are limited.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { page } from '../layout.js';
import { checkLogin } from '../auth/users.js';
import { createSession, deleteSession, sessionCookie, sessionLifetimeMs } from '../auth/sessions.js';
import { safeBack } from './review.js';

// 10 wrong passwords for one name within 15 minutes locks that name for the rest of the window: slows guessing
// without letting a stranger lock a reviewer out for long.
const maxFailures = 10;
const failureWindowMs = 15 * 60 * 1000;

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

export function authRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const failures = new Map<string, { count: number; since: number }>();
  const secure = deps.settings.PUBLIC_URL.startsWith('https:');

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
    const now = Date.now();
    const f = failures.get(username);
    if (f && now - f.since < failureWindowMs && f.count >= maxFailures) {
      return c.html(page('Sign in', loginForm(next, 'Too many failed attempts for this user; try again in a few minutes.', username)), 429);
    }
    const user = await checkLogin(deps.db, deps.settings, username, password);
    if (!user) {
      const entry = f && now - f.since < failureWindowMs ? f : { count: 0, since: now };
      entry.count++;
      failures.set(username, entry);
      if (failures.size > 10_000) failures.clear(); // bound memory under a spray of random names
      deps.logger.warn({ username }, 'failed sign-in');
      return c.html(page('Sign in', loginForm(next, 'Wrong user name or password.', username)), 401);
    }
    failures.delete(username);
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
