// /api/deals: the queue and every other state with filters and paging, one deal with its history, the review
// actions (approve, reject, edit, merge, bulk reject, undo) and the approved exports (CSV and JSON).
import { createRoute, z } from '@hono/zod-openapi';
import { toDealEdit } from '../../deals/edit.js';
import { DealNotFoundError } from '../../deals/errors.js';
import { getDeal, listDeals, type DealListItem } from '../../deals/queries.js';
import { approveDeal, bulkRejectDeals, editDeal, mergeDeal, rejectDeal, undoLastAction, type ReviewContext } from '../../deals/review.js';
import { csvOf } from '../csv.js';
import type { WebDeps } from '../deps.js';
import { bodyGuard, errorResponses, idWithin, jsonBody, type Api } from './common.js';
import {
  approveBody,
  approveResultSchema,
  bulkRejectBody,
  bulkRejectResultSchema,
  dealDetailSchema,
  dealIdParams,
  dealListQuery,
  dealListSchema,
  dealResultSchema,
  dealSchema,
  editBody,
  editFields,
  mergeBody,
  mergeResultSchema,
  rejectBody,
  undoBody,
  undoResultSchema,
} from './schemas.js';
import { dealDetailOut, dealOut, eventOut } from './serialize.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const tags = ['deals'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/deals',
    tags,
    summary: 'Candidates in a review state, with filters and paging (the queue by default)',
    request: { query: dealListQuery },
    responses: { 200: json(dealListSchema, 'a page of deals and the total'), ...errorResponses(400) },
  }),
  exportCsv: createRoute({
    method: 'get',
    path: '/deals/approved.csv',
    tags,
    summary: 'Every approved deal as CSV (RFC 4180; cells that a spreadsheet would run are quoted as text)',
    responses: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses() },
  }),
  exportJson: createRoute({
    method: 'get',
    path: '/deals/approved.json',
    tags,
    summary: 'Every approved deal as a JSON array',
    responses: { 200: json(z.array(dealSchema), 'the approved deals with their sources'), ...errorResponses() },
  }),
  show: createRoute({
    method: 'get',
    path: '/deals/{id}',
    tags,
    summary: 'One deal with its sources, disagreements between sources and review history',
    request: { params: dealIdParams },
    responses: { 200: json(dealDetailSchema, 'the deal'), ...errorResponses(400, 404) },
  }),
  approve: createRoute({
    method: 'post',
    path: '/deals/{id}/approve',
    tags,
    summary: 'Approve a pending deal; the first approved deal of a (lab, provider) pair opens a lane and raises an alert',
    middleware: bodyGuard,
    request: { params: dealIdParams, body: jsonBody(approveBody) },
    responses: { 200: json(approveResultSchema, 'the approved deal; lane_opened and alert_id say what followed'), ...errorResponses(400, 403, 404, 409, 413, 415) },
  }),
  reject: createRoute({
    method: 'post',
    path: '/deals/{id}/reject',
    tags,
    summary: 'Reject a pending deal, with an optional reason',
    middleware: bodyGuard,
    request: { params: dealIdParams, body: jsonBody(rejectBody) },
    responses: { 200: json(dealResultSchema, 'the rejected deal'), ...errorResponses(400, 403, 404, 409, 413, 415) },
  }),
  merge: createRoute({
    method: 'post',
    path: '/deals/{id}/merge',
    tags,
    summary: 'Merge a pending deal into another (its sources move there)',
    middleware: bodyGuard,
    request: { params: dealIdParams, body: jsonBody(mergeBody) },
    responses: { 200: json(mergeResultSchema, 'the merged deal and its target'), ...errorResponses(400, 403, 404, 409, 413, 415) },
  }),
  edit: createRoute({
    method: 'patch',
    path: '/deals/{id}',
    tags,
    summary: "Change a deal's fields (pending, approved or rejected); an approved deal's lanes follow",
    middleware: bodyGuard,
    request: { params: dealIdParams, body: jsonBody(editBody) },
    responses: { 200: json(dealResultSchema, 'the edited deal'), ...errorResponses(400, 403, 404, 409, 413, 415) },
  }),
  bulkReject: createRoute({
    method: 'post',
    path: '/deals/bulk-reject',
    tags,
    summary: 'Reject many pending deals at once; the others are skipped',
    middleware: bodyGuard,
    request: { body: jsonBody(bulkRejectBody) },
    responses: { 200: json(bulkRejectResultSchema, 'which ids were rejected and which skipped'), ...errorResponses(400, 403, 413, 415) },
  }),
  undo: createRoute({
    method: 'post',
    path: '/undo',
    tags,
    summary: 'Undo your last review action (or your last on one deal)',
    middleware: bodyGuard,
    request: { body: jsonBody(undoBody) },
    responses: { 200: json(undoResultSchema, 'the event undone and the deal as it is now'), ...errorResponses(400, 403, 409, 413, 415) },
  }),
};

// The exports page through everything in chunks of this many.
const exportChunk = 500;
const approvedCsvColumns = ['id', 'lab', 'provider', 'kind', 'status', 'amount_usd', 'gigawatts', 'hardware', 'confidence', 'sources', 'reported_at', 'reviewer', 'reviewed_at', 'first_source_url'];

async function allApproved(deps: WebDeps): Promise<DealListItem[]> {
  const out: DealListItem[] = [];
  for (let offset = 0; ; offset += exportChunk) {
    const { items } = await listDeals(deps.db, { state: 'approved', limit: exportChunk, offset });
    out.push(...items);
    if (items.length < exportChunk) return out;
  }
}

export function approvedCsv(items: DealListItem[]): string {
  const rows = items.map((d) => ({
    id: d.id, lab: d.lab, provider: d.provider, kind: d.kind, status: d.status, amount_usd: d.amountUsd, gigawatts: d.gigawatts,
    hardware: d.hardware, confidence: d.confidence, sources: d.sourceCount, reported_at: d.reportedAt?.toISOString() ?? '',
    reviewer: d.reviewer, reviewed_at: d.reviewedAt?.toISOString() ?? '', first_source_url: d.sources[0]?.articleUrl ?? '',
  }));
  return csvOf(approvedCsvColumns, rows);
}

function dealId(id: string): number {
  const n = idWithin(id);
  if (n === null) throw new DealNotFoundError(0);
  return n;
}

export function dealRoutes(api: Api, deps: WebDeps): void {
  const ctx = (): ReviewContext => ({ db: deps.db, settings: deps.settings, queues: deps.queues, logger: deps.logger });

  api.openapi(routes.list, async (c) => {
    const filter = c.req.valid('query');
    const { items, total } = await listDeals(deps.db, filter);
    return c.json({ total, limit: filter.limit, offset: filter.offset, items: items.map(dealOut) }, 200);
  });

  // Registered before /deals/{id}: hono tries routes in the order they were added.
  api.openapi(routes.exportCsv, async (c) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="lanewatch-approved-deals.csv"');
    return c.body(approvedCsv(await allApproved(deps)), 200);
  });
  api.openapi(routes.exportJson, async (c) => {
    c.header('content-disposition', 'attachment; filename="lanewatch-approved-deals.json"');
    return c.json((await allApproved(deps)).map(dealOut), 200);
  });

  api.openapi(routes.show, async (c) => {
    const id = dealId(c.req.valid('param').id);
    const d = await getDeal(deps.db, id);
    if (!d) throw new DealNotFoundError(id);
    return c.json(dealDetailOut(d), 200);
  });

  api.openapi(routes.approve, async (c) => {
    const id = dealId(c.req.valid('param').id);
    const body = c.req.valid('json');
    const r = await approveDeal(ctx(), id, c.var.user!, { expectedVersion: body.version });
    return c.json({ deal: dealOut(r.deal), lane_opened: r.laneOpened, alert_id: r.alertId }, 200);
  });

  api.openapi(routes.reject, async (c) => {
    const id = dealId(c.req.valid('param').id);
    const body = c.req.valid('json');
    const d = await rejectDeal(ctx(), id, c.var.user!, body.reason ?? null, { expectedVersion: body.version });
    return c.json({ deal: dealOut(d) }, 200);
  });

  api.openapi(routes.merge, async (c) => {
    const id = dealId(c.req.valid('param').id);
    const body = c.req.valid('json');
    const r = await mergeDeal(ctx(), id, body.into, c.var.user!, { expectedVersion: body.version });
    return c.json({ deal: dealOut(r.deal), into: dealOut(r.into) }, 200);
  });

  api.openapi(routes.edit, async (c) => {
    const id = dealId(c.req.valid('param').id);
    const body = c.req.valid('json');
    const d = await editDeal(ctx(), id, c.var.user!, toDealEdit(editFields(body)), { expectedVersion: body.version });
    return c.json({ deal: dealOut(d) }, 200);
  });

  api.openapi(routes.bulkReject, async (c) => {
    const body = c.req.valid('json');
    return c.json(await bulkRejectDeals(ctx(), body.ids, c.var.user!, body.reason ?? null), 200);
  });

  api.openapi(routes.undo, async (c) => {
    const body = c.req.valid('json');
    const r = await undoLastAction(ctx(), c.var.user!, body.deal_id);
    return c.json({ undone: eventOut(r.undone), deal: dealOut(r.deal) }, 200);
  });
}
