// /api/lanes, /api/alerts (and retrying an alert's failed deliveries), /api/feeds and /api/articles/{id}.
import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq, sql } from 'drizzle-orm';
import { alerts, feeds } from '../../db/schema.js';
import { getArticle } from '../../deals/queries.js';
import { listAlerts, listDigests, retryFailedDeliveries } from '../../alerts/alert-list.js';
import { enqueuePendingDeliveries } from '../../alerts/deliveries.js';
import { loadLaneMap } from '../../lanes/map.js';
import type { WebDeps } from '../deps.js';
import { bodyGuard, errorResponses, idWithin, jsonBody, type Api } from './common.js';
import { NotFound } from './errors.js';
import {
  alertIdParams,
  alertsQuery,
  alertsResultSchema,
  articleIdParams,
  articleSchema,
  feedsResultSchema,
  lanesQuery,
  lanesResultSchema,
  retryResultSchema,
} from './schemas.js';
import { alertOut, articleOut, digestOut, feedOut, lanesOut } from './serialize.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const routes = {
  lanes: createRoute({
    method: 'get',
    path: '/lanes',
    tags: ['lanes'],
    summary: "The lane map: every (lab, provider) lane, and each lab's lanes in order",
    request: { query: lanesQuery },
    responses: { 200: json(lanesResultSchema, 'lanes and timelines'), ...errorResponses(400) },
  }),
  alerts: createRoute({
    method: 'get',
    path: '/alerts',
    tags: ['alerts'],
    summary: 'Alerts (newest first) and digests, each with its deliveries per channel',
    request: { query: alertsQuery },
    responses: { 200: json(alertsResultSchema, 'alerts and digests'), ...errorResponses(400) },
  }),
  retry: createRoute({
    method: 'post',
    path: '/alerts/{id}/retry',
    tags: ['alerts'],
    summary: "Send an alert's failed deliveries again",
    middleware: bodyGuard,
    request: { params: alertIdParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: json(retryResultSchema, 'how many deliveries were put back'), ...errorResponses(400, 403, 404, 413, 415) },
  }),
  feeds: createRoute({
    method: 'get',
    path: '/feeds',
    tags: ['feeds'],
    summary: "Every feed with its health: last success, last error, failures in a row, next poll",
    responses: { 200: json(feedsResultSchema, 'the feeds, failing ones first'), ...errorResponses() },
  }),
  article: createRoute({
    method: 'get',
    path: '/articles/{id}',
    tags: ['articles'],
    summary: 'One article: its text and the deals found in it, with their evidence',
    request: { params: articleIdParams },
    responses: { 200: json(articleSchema, 'the article'), ...errorResponses(400, 404) },
  }),
};

export function readingRoutes(api: Api, deps: WebDeps): void {
  api.openapi(routes.lanes, async (c) => {
    const lab = c.req.valid('query').lab || undefined;
    return c.json(lanesOut(await loadLaneMap(deps.db, { lab })), 200);
  });

  api.openapi(routes.alerts, async (c) => {
    const { limit } = c.req.valid('query');
    const [alertRows, digestRows] = await Promise.all([listAlerts(deps.db, limit), listDigests(deps.db)]);
    return c.json({ alerts: alertRows.map(alertOut), digests: digestRows.map(digestOut) }, 200);
  });

  api.openapi(routes.retry, async (c) => {
    const id = idWithin(c.req.valid('param').id);
    const [alert] = id === null ? [] : await deps.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.id, id));
    if (id === null || !alert) throw new NotFound(`no alert #${c.req.valid('param').id}`);
    const retried = await retryFailedDeliveries(deps.db, id);
    await enqueuePendingDeliveries(deps.db, deps.queues).catch((err: Error) =>
      deps.logger.warn({ error: err.message, alert_id: id }, 'could not enqueue retried deliveries; the sweep will'),
    );
    return c.json({ alert_id: id, retried }, 200);
  });

  api.openapi(routes.feeds, async (c) => {
    const rows = await deps.db
      .select({ feed: feeds, articles: sql<number>`(select count(*)::int from articles a where a.feed_id = "feeds"."id")` })
      .from(feeds)
      .orderBy(sql`${feeds.failures} desc`, asc(feeds.title), asc(feeds.url));
    return c.json({ feeds: rows.map((r) => feedOut(r.feed, r.articles)) }, 200);
  });

  api.openapi(routes.article, async (c) => {
    const id = idWithin(c.req.valid('param').id, Number.MAX_SAFE_INTEGER);
    const a = id === null ? null : await getArticle(deps.db, id);
    if (!a) throw new NotFound(`no article #${c.req.valid('param').id}`);
    return c.json(articleOut(a), 200);
  });
}
