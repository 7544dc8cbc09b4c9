// The web role's HTTP app: review UI, JSON API, lanes and alerts pages, job dashboard, /metrics, /healthz.
// Who may see what is decided here, once, for every route (see auth/middleware.ts).
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { WebDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { viewer } from './env.js';
import { page } from './layout.js';
import { loadSession, requireApiUser, requireCsrf, requirePageUser, requireSameOrigin } from './auth/middleware.js';
import { authRoutes, logoutRoutes } from './routes/auth.js';
import { apiRoutes } from './routes/api.js';
import { legacyJsonRedirects } from './api/legacy.js';
import { bullBoardRoutes, healthRoutes, metricsRoute, staticRoutes } from './routes/ops.js';
import { reviewRoutes } from './routes/review.js';
import { lanesRoutes } from './routes/lanes.js';
import { alertsRoutes } from './routes/alerts.js';
import { feedsRoutes } from './routes/feeds.js';

/** A review form is well under 4 KiB; a bulk reject of a full page of ids stays under this. */
const formBodyLimitBytes = 64 * 1024;
/** The job dashboard's API takes job data a reviewer adds or edits by hand: small JSON, never megabytes. */
const boardBodyLimitBytes = 1024 * 1024;

const baseCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** PostgreSQL text cannot hold NUL (U+0000): a query string with one is refused here, with a message, not a 500 in SQL. */
function refuseNulInQuery(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const q = c.req.url.indexOf('?');
    if (q < 0 || !/%00/.test(c.req.url.slice(q))) return next();
    const message = 'the query string holds a NUL character (%00)';
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'bad_request', message }, 400);
    return c.html(page('Bad request', html`<div class="flash error">Bad request: ${message}.</div><p><a href="/">Back to the queue</a></p>`, viewer(c)), 400);
  };
}

function headersFor(): MiddlewareHandler<AppEnv> {
  const strict = secureHeaders({ contentSecurityPolicy: baseCsp, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false });
  // Bull Board's page carries inline style attributes and a <base href>; its scripts are still files from here.
  const board = secureHeaders({ contentSecurityPolicy: { ...baseCsp, styleSrc: ["'self'", "'unsafe-inline'"], baseUri: ["'self'"] }, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false });
  return (c, next) => (c.req.path === '/queues' || c.req.path.startsWith('/queues/') ? board(c, next) : strict(c, next));
}

export function createApp(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', headersFor());
  app.use('*', async (c, next) => {
    await next();
    // Pages show reviewer-only data: never cached by a shared cache or the back button of another user.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  app.use('*', refuseNulInQuery());

  // Public: liveness, readiness, the stylesheet and script, the sign-in page.
  app.route('/', healthRoutes(deps));
  app.route('/static', staticRoutes());
  app.use('*', loadSession(deps));
  app.use('/login', bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.text('Request too large', 413) }));
  app.route('/', authRoutes(deps));

  // The API: bearer token or session (401 JSON otherwise); the JSON once served beside the pages redirects there.
  app.use('/api/*', requireApiUser(deps));
  app.route('/', apiRoutes(deps));
  app.use('*', legacyJsonRedirects());

  // /metrics: the bearer token (for Prometheus) or a session.
  app.use('/metrics', requireApiUser(deps));
  app.route('/metrics', metricsRoute(deps));

  // Everything else is for signed-in reviewers; every state-changing request carries the CSRF token.
  app.use('*', requirePageUser());
  app.use('/queues/*', requireSameOrigin(deps));
  app.use('*', async (c, next) => {
    const board = c.req.path === '/queues' || c.req.path.startsWith('/queues/');
    return bodyLimit({ maxSize: board ? boardBodyLimitBytes : formBodyLimitBytes, onError: (cc) => cc.text('Request too large', 413) })(c, next);
  });
  app.use('*', async (c, next) => {
    if (c.req.path === '/queues' || c.req.path.startsWith('/queues/')) return next();
    return requireCsrf(deps)(c, next);
  });
  app.route('/', logoutRoutes(deps));
  app.route('/queues', bullBoardRoutes(deps, '/queues'));
  app.route('/', reviewRoutes(deps));
  app.route('/lanes', lanesRoutes(deps));
  app.route('/alerts', alertsRoutes(deps));
  app.route('/feeds', feedsRoutes(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404);
    return c.html(page('Not found', html`<h1>Not found</h1><p>Nothing at ${c.req.path}.</p><p><a href="/">Back to the queue</a></p>`, viewer(c)), 404);
  });
  app.onError((err, c) => {
    deps.logger.error({ error: err.message, stack: err.stack, path: c.req.path }, 'request failed');
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal', message: 'internal error' }, 500);
    return c.html(page('Error', html`<h1>Something went wrong</h1><p>The error is in the log. <a href="/">Back to the queue</a></p>`, viewer(c)), 500);
  });
  return app;
}
