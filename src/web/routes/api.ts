// The JSON API: the same reading and review actions as the pages. Validation errors are 400 with a message,
// unknown ids 404, state conflicts 409, bodies over the limit 413, and unknown fields are refused.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { dealEditSchema, toDealEdit } from '../../deals/edit.js';
import { DealNotFoundError, ReviewConflictError, ReviewInputError } from '../../deals/errors.js';
import { dealFilterSchema, dealJson, eventJson, getDeal, listDeals } from '../../deals/queries.js';
import { approveDeal, bulkRejectDeals, editDeal, mergeDeal, rejectDeal, undoLastAction, type ReviewContext } from '../../deals/review.js';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

type C = Context<AppEnv>;

/** A review request is a few hundred bytes; 64 KiB leaves room for a bulk reject of thousands of ids. */
export const apiBodyLimitBytes = 64 * 1024;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
// Ids and versions are PostgreSQL integers: a larger number is a 400 here, not an out-of-range error in SQL.
const maxInt = 2_147_483_647;
const dbId = z.number().int().positive().max(maxInt);
const version = dbId.optional();
const schemas = {
  approve: z.object({ version }).strict(),
  reject: z.object({ reason: z.string().max(500).nullable().optional(), version }).strict(),
  merge: z.object({ into: dbId, version }).strict(),
  bulkReject: z.object({ ids: z.array(dbId).min(1).max(5000), reason: z.string().max(500).nullable().optional() }).strict(),
  undo: z.object({ deal_id: dbId.optional() }).strict(),
};

class BadRequest extends Error {}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** Reads a JSON body (an empty body is {}); malformed JSON or a wrong content type is a BadRequest. */
async function jsonBody(c: C): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new BadRequest('send the body as application/json');
  let nul = false;
  let value: unknown;
  try {
    // PostgreSQL text cannot hold NUL (U+0000): refused here with a message, not a 500 from the database.
    value = JSON.parse(text, (_key, v: unknown) => {
      if (typeof v === 'string' && v.includes('\0')) nul = true;
      return v;
    });
  } catch (err) {
    // Walking thousands of nested arrays or objects runs out of stack: that too is a body we refuse.
    throw new BadRequest(err instanceof RangeError ? 'the JSON is nested too deeply' : `malformed JSON: ${(err as Error).message}`);
  }
  if (nul) throw new BadRequest('a string in the body holds a NUL character (\\u0000)');
  return value;
}

async function parse<T extends z.ZodType>(c: C, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await jsonBody(c));
  if (!parsed.success) throw new BadRequest(issues(parsed.error));
  return parsed.data;
}

function dealId(c: C): number {
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) throw new DealNotFoundError(0);
  return id.data;
}

export function apiRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = (): ReviewContext => ({ db: deps.db, settings: deps.settings, queues: deps.queues, logger: deps.logger });

  app.use(
    '*',
    bodyLimit({ maxSize: apiBodyLimitBytes, onError: (c) => c.json({ error: 'payload_too_large', message: `the body is over ${apiBodyLimitBytes} bytes` }, 413) }),
  );

  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: 'bad_request', message: err.message }, 400);
    if (err instanceof DealNotFoundError) return c.json({ error: 'not_found', message: err.dealId ? err.message : 'no such deal' }, 404);
    if (err instanceof ReviewConflictError) return c.json({ error: 'conflict', message: err.message }, 409);
    if (err instanceof ReviewInputError) return c.json({ error: 'bad_request', message: err.message }, 400);
    deps.logger.error({ error: err.message, path: c.req.path }, 'API request failed');
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  });

  app.get('/deals', async (c) => {
    const parsed = dealFilterSchema.safeParse(c.req.query());
    if (!parsed.success) throw new BadRequest(issues(parsed.error));
    const { items, total } = await listDeals(deps.db, parsed.data);
    return c.json({ total, limit: parsed.data.limit, offset: parsed.data.offset, items: items.map((d) => dealJson(d)) });
  });

  app.get('/deals/:id', async (c) => {
    const id = dealId(c);
    const d = await getDeal(deps.db, id);
    if (!d) throw new DealNotFoundError(id);
    return c.json({ ...dealJson(d), disagreements: d.disagreements, merged_from: d.mergedFrom.map((m) => m.id), events: d.events.map(eventJson) });
  });

  app.post('/deals/:id/approve', async (c) => {
    const id = dealId(c);
    const body = await parse(c, schemas.approve);
    const r = await approveDeal(ctx(), id, c.var.user!, { expectedVersion: body.version });
    return c.json({ deal: dealJson(r.deal), lane_opened: r.laneOpened, alert_id: r.alertId });
  });

  app.post('/deals/:id/reject', async (c) => {
    const id = dealId(c);
    const body = await parse(c, schemas.reject);
    const d = await rejectDeal(ctx(), id, c.var.user!, body.reason ?? null, { expectedVersion: body.version });
    return c.json({ deal: dealJson(d) });
  });

  app.post('/deals/:id/merge', async (c) => {
    const id = dealId(c);
    const body = await parse(c, schemas.merge);
    const r = await mergeDeal(ctx(), id, body.into, c.var.user!, { expectedVersion: body.version });
    return c.json({ deal: dealJson(r.deal), into: dealJson(r.into) });
  });

  app.patch('/deals/:id', async (c) => {
    const id = dealId(c);
    const raw = await jsonBody(c);
    const { version: v, ...fields } = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : { body: raw }) as Record<string, unknown>;
    const ver = version.safeParse(v);
    if (!ver.success) throw new BadRequest(`version: ${issues(ver.error)}`);
    const parsed = dealEditSchema.safeParse(fields);
    if (!parsed.success) throw new BadRequest(issues(parsed.error));
    const d = await editDeal(ctx(), id, c.var.user!, toDealEdit(parsed.data), { expectedVersion: ver.data });
    return c.json({ deal: dealJson(d) });
  });

  app.post('/deals/bulk-reject', async (c) => {
    const body = await parse(c, schemas.bulkReject);
    return c.json(await bulkRejectDeals(ctx(), body.ids, c.var.user!, body.reason ?? null));
  });

  app.post('/undo', async (c) => {
    const body = await parse(c, schemas.undo);
    const r = await undoLastAction(ctx(), c.var.user!, body.deal_id);
    return c.json({ undone: eventJson(r.undone), deal: dealJson(r.deal) });
  });

  app.notFound((c) => c.json({ error: 'not_found', message: `no API route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
