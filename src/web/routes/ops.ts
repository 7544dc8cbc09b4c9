// Operations: /healthz (process up), /readyz (PostgreSQL and Redis), /metrics (prom-client), static files, Bull Board.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { queueNames } from '../../queue.js';
import { articlesByState, dealsByState, feedFailuresInRow, feedsFailing, lanesOpen, metricsRegistry, queueDepth } from '../../metrics.js';
import { projectPath } from '../../paths.js';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

/** A readiness probe that hangs is worse than one that fails: each check gets this long. */
const readyTimeoutMs = 3_000;

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

export function healthRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const ready = await within(deps.checkReady(), readyTimeoutMs, { postgres: false, redis: false });
    return c.json({ ready: ready.postgres && ready.redis, ...ready }, ready.postgres && ready.redis ? 200 : 503);
  });
  return app;
}

const jobStates = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/** Reads stored state into the gauges; one failing source leaves its gauges as they were. */
export async function refreshGauges(deps: WebDeps): Promise<void> {
  const db = deps.db;
  await Promise.all([
    db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from articles group by state`).then((r) => {
      articlesByState.reset();
      for (const s of ['queued', 'extracted', 'failed']) articlesByState.set({ state: s }, 0);
      for (const row of r.rows) articlesByState.set({ state: row.state }, Number(row.n));
    }),
    db.execute<{ state: string; n: number }>(sql`select review_state as state, count(*)::int as n from deals group by review_state`).then((r) => {
      dealsByState.reset();
      for (const s of ['pending', 'approved', 'rejected', 'merged']) dealsByState.set({ state: s }, 0);
      for (const row of r.rows) dealsByState.set({ state: row.state }, Number(row.n));
    }),
    db.execute<{ failing: number; total: number }>(sql`select count(*) filter (where failures > 0)::int as failing, coalesce(sum(failures), 0)::int as total from feeds where enabled`).then((r) => {
      feedsFailing.set(Number(r.rows[0]?.failing ?? 0));
      feedFailuresInRow.set(Number(r.rows[0]?.total ?? 0));
    }),
    db.execute<{ origin: string; n: number }>(sql`select origin, count(*)::int as n from lanes group by origin`).then((r) => {
      lanesOpen.reset();
      for (const row of r.rows) lanesOpen.set({ origin: row.origin }, Number(row.n));
    }),
    ...Object.values(queueNames).map((name) =>
      within(deps.queues.queue(name).getJobCounts(...jobStates), readyTimeoutMs, null).then((counts) => {
        if (!counts) return;
        for (const [state, n] of Object.entries(counts)) queueDepth.set({ queue: name, state }, n);
      }),
    ),
  ]);
}

export function metricsRoute(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    await refreshGauges(deps).catch((err: Error) => deps.logger.warn({ error: err.message }, 'metrics: could not read stored state'));
    c.header('content-type', metricsRegistry.contentType);
    return c.body(await metricsRegistry.metrics());
  });
  return app;
}

const staticFiles: Record<string, { path: string; type: string }> = {
  'app.css': { path: projectPath('src/web/static/app.css'), type: 'text/css; charset=utf-8' },
  'review.js': { path: projectPath('src/web/static/review.js'), type: 'text/javascript; charset=utf-8' },
  'countdown.js': { path: projectPath('src/web/static/countdown.js'), type: 'text/javascript; charset=utf-8' },
  'board.css': { path: projectPath('src/web/static/board.css'), type: 'text/css; charset=utf-8' },
};

export function staticRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, string>();
  app.get('/:file', (c) => {
    const name = c.req.param('file');
    const file = staticFiles[name];
    if (!file) return c.text('not found', 404);
    let body = cache.get(name);
    if (body === undefined) {
      body = readFileSync(file.path, 'utf8');
      cache.set(name, body);
    }
    c.header('content-type', file.type);
    c.header('cache-control', 'no-cache');
    return c.body(body);
  });
  return app;
}

/**
 * Bull Board's page as lanewatch serves it: no stylesheet from the internet (its template asks Google for fonts;
 * the system fonts stand in), a way back to the review desk, and lanewatch's fixes to its layout (board.css).
 */
export function boardPageHtml(page: string): string {
  return page
    .replace(/<link[^>]+href="https?:\/\/[^"]*"[^>]*>\s*/gi, '')
    .replace('</head>', '<link rel="stylesheet" href="/static/board.css"></head>')
    .replace(/<body([^>]*)>/i, '<body$1><a class="lw-back" href="/" title="Back to the lanewatch review desk">← lanewatch</a>');
}

/** Bull Board for every lanewatch queue, served under `basePath`. */
export function bullBoardRoutes(deps: WebDeps, basePath: string): Hono {
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: Object.values(queueNames).map((name) => new BullMQAdapter(deps.queues.queue(name))),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'lanewatch jobs',
        miscLinks: [{ text: 'Back to lanewatch', url: '/' }],
        hideDocsLink: true,
        theme: { light: { 'font-sans': systemSans, 'font-mono': systemMono }, dark: { 'font-sans': systemSans, 'font-mono': systemMono } },
      },
    },
  });
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const body = boardPageHtml(await c.res.text());
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(body, { status: c.res.status, headers });
  });
  app.route('/', adapter.registerPlugin());
  return app;
}

const systemSans = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const systemMono = "ui-monospace, 'SF Mono', Menlo, Consolas, monospace";
