// The API's zod schemas: the requests they validate are the requests /api/openapi.json describes, and the
// responses are typed by the same schemas the document shows. Field names are snake_case throughout.
import { z } from '@hono/zod-openapi';
import { alertKinds, articleStates, dealKinds, dealStatuses, deliveryStates, reviewStates } from '../../db/schema.js';
import { dealEditSchema, type DealEditInput } from '../../deals/edit.js';
import { dealFilterSchema } from '../../deals/queries.js';
import { maxDbInt, plainIdMessage, plainIdPattern } from '../ids.js';

// ---- requests ----

/** A path id: plain digits (no "0x20", "1e3", "-1", " 1"); a well-formed id with no row is a 404, not a 400. */
const pathId = (what: string) =>
  z.object({
    id: z
      .string()
      .regex(plainIdPattern, plainIdMessage)
      .openapi({ param: { name: 'id', in: 'path' }, description: `the ${what}'s id: digits only`, example: '42' }),
  });
export const dealIdParams = pathId('deal');
export const articleIdParams = pathId('article');
export const alertIdParams = pathId('alert');

/** A query parameter given twice takes its first value (as c.req.query() does), for every field of a shape. */
function firstValues<T extends z.ZodRawShape>(shape: T): { [K in keyof T]: z.ZodPipe<z.ZodTransform<unknown, unknown>, T[K]> } {
  const first = (v: unknown) => (Array.isArray(v) ? (v as unknown[])[0] : v);
  return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, z.preprocess(first, s)])) as {
    [K in keyof T]: z.ZodPipe<z.ZodTransform<unknown, unknown>, T[K]>;
  };
}

export const dealListQuery = z.object(firstValues(dealFilterSchema.shape)).strict();
export const lanesQuery = z.object(firstValues({ lab: z.string().trim().max(200).optional() })).strict();
export const alertsQuery = z.object(firstValues({ limit: z.coerce.number().int().min(1).max(500).default(100) })).strict();

// Ids and versions are PostgreSQL integers: a larger number is a 400 here, not an out-of-range error in SQL.
const dbId = z.number().int().positive().max(maxDbInt);
const version = dbId.optional().openapi({ description: "the deal's version as you loaded it: a later change makes this a 409" });

export const approveBody = z.object({ version }).strict();
export const rejectBody = z.object({ reason: z.string().max(500).nullable().optional(), version }).strict();
export const mergeBody = z.object({ into: dbId.openapi({ description: 'the deal to merge into' }), version }).strict();
export const bulkRejectBody = z.object({ ids: z.array(dbId).min(1).max(5000), reason: z.string().max(500).nullable().optional() }).strict();
export const undoBody = z.object({ deal_id: dbId.optional().openapi({ description: 'undo your last action on this deal (else your last action)' }) }).strict();
/** PATCH: the fields of the web form and `deals edit` (dealEditSchema), plus the version. */
export const editBody = z
  .object({ ...dealEditSchema.shape, version })
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change: give at least one field' });

/** The edit part of a PATCH body, in dealEditSchema's words. */
export function editFields(body: z.infer<typeof editBody>): DealEditInput {
  const { version: _version, ...fields } = body;
  return fields;
}

// ---- responses ----

const isoTime = z.iso.datetime().openapi({ example: '2026-05-09T12:00:00.000Z' });
const isoDate = z.iso.date().openapi({ example: '2026-05-09' });

export const errorSchema = z
  .object({ error: z.string().openapi({ example: 'bad_request' }), message: z.string().openapi({ example: 'id: must be a plain positive integer' }) })
  .openapi('Error');

export const sourceFieldsSchema = z.object({
  status: z.enum(dealStatuses),
  kind: z.enum(dealKinds),
  amount_usd: z.number().nullable(),
  gigawatts: z.number().nullable(),
  hardware: z.string().nullable(),
  confidence: z.number(),
});

export const sourceSchema = z.object({
  article_id: z.number().int(),
  url: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: isoTime.nullable(),
  evidence: z.string(),
  fields: sourceFieldsSchema,
});

export const dealSchema = z
  .object({
    id: z.number().int(),
    lab: z.string(),
    provider: z.string(),
    kind: z.enum(dealKinds),
    status: z.enum(dealStatuses),
    amount_usd: z.number().nullable(),
    gigawatts: z.number().nullable(),
    hardware: z.string().nullable(),
    confidence: z.number(),
    review_state: z.enum(reviewStates),
    merged_into: z.number().int().nullable(),
    reviewer: z.string().nullable(),
    reject_reason: z.string().nullable(),
    reported_at: isoTime.nullable(),
    reviewed_at: isoTime.nullable(),
    version: z.number().int(),
    source_count: z.number().int().optional(),
    new_lane: z.boolean().optional().openapi({ description: 'no lane exists yet for (lab, provider): approving opens one' }),
    sources: z.array(sourceSchema).optional(),
  })
  .openapi('Deal');

export const eventSchema = z
  .object({
    id: z.number().int(),
    deal_id: z.number().int(),
    actor: z.string(),
    action: z.string(),
    note: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'the deal before the action (snake_case fields)' }),
    after: z.record(z.string(), z.unknown()).nullable(),
    undone_at: isoTime.nullable(),
    at: isoTime,
  })
  .openapi('ReviewEvent');

export const dealDetailSchema = dealSchema
  .extend({
    disagreements: z.array(z.object({ field: z.string(), values: z.array(z.object({ value: z.union([z.string(), z.number()]), count: z.number().int() })) })),
    merged_from: z.array(z.number().int()),
    events: z.array(eventSchema),
  })
  .openapi('DealDetail');

export const dealListSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(dealSchema) });
export const approveResultSchema = z.object({ deal: dealSchema, lane_opened: z.boolean(), alert_id: z.number().int().nullable() });
export const dealResultSchema = z.object({ deal: dealSchema });
export const mergeResultSchema = z.object({ deal: dealSchema, into: dealSchema });
export const bulkRejectResultSchema = z.object({ rejected: z.array(z.number().int()), skipped: z.array(z.number().int()) });
export const undoResultSchema = z.object({ undone: eventSchema, deal: dealSchema });

export const laneSchema = z
  .object({
    lab: z.string(),
    provider: z.string(),
    kind: z.string().nullable(),
    origin: z.enum(['baseline', 'review']),
    deals: z.number().int(),
    total_usd: z.number().nullable(),
    total_gw: z.number().nullable(),
    first_date: isoDate,
    last_date: isoDate,
    source_url: z.string().nullable(),
    opened_by_deal_id: z.number().int().nullable(),
  })
  .openapi('Lane');

export const lanesResultSchema = z.object({
  lanes: z.array(laneSchema),
  timelines: z.array(z.object({ lab: z.string(), providers: z.array(z.string()), line: z.string() })),
});

export const deliverySchema = z
  .object({
    id: z.number().int(),
    channel: z.string(),
    state: z.enum(deliveryStates),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    response_excerpt: z.string().nullable(),
    delivered_at: isoTime.nullable(),
    updated_at: isoTime,
  })
  .openapi('Delivery');

export const alertSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(alertKinds),
    lab: z.string(),
    provider: z.string(),
    provisional: z.boolean(),
    message: z.string(),
    deal_id: z.number().int().nullable(),
    withdrawn_at: isoTime.nullable(),
    corrects_alert_id: z.number().int().nullable(),
    created_at: isoTime,
    deliveries: z.array(deliverySchema),
  })
  .openapi('Alert');

export const digestSchema = z
  .object({ id: z.number().int(), period_start: isoTime, period_end: isoTime, message: z.string(), deliveries: z.array(deliverySchema) })
  .openapi('Digest');

export const alertsResultSchema = z.object({ alerts: z.array(alertSchema), digests: z.array(digestSchema) });
export const retryResultSchema = z.object({ alert_id: z.number().int(), retried: z.number().int().openapi({ description: 'failed deliveries put back to pending' }) });

export const feedSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    title: z.string().nullable(),
    site_url: z.string().nullable(),
    enabled: z.boolean(),
    poll_interval_seconds: z.number().int().nullable(),
    next_poll_at: isoTime,
    last_polled_at: isoTime.nullable(),
    last_success_at: isoTime.nullable(),
    last_status: z.number().int().nullable(),
    failures: z.number().int(),
    last_error: z.string().nullable(),
    not_modified_in_row: z.number().int(),
    ignores_conditional: z.boolean(),
    articles: z.number().int(),
  })
  .openapi('Feed');
export const feedsResultSchema = z.object({ feeds: z.array(feedSchema) });

export const articleSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    canonical_url: z.string(),
    title: z.string().nullable(),
    outlet: z.string().nullable(),
    published: isoTime.nullable(),
    fetched_at: isoTime.nullable(),
    state: z.enum(articleStates),
    error: z.string().nullable(),
    body_source: z.string().nullable(),
    fetch_error: z.string().nullable(),
    text: z.string().nullable().openapi({ description: "the main text (or the feed's text when the page could not be retrieved)" }),
    deals: z.array(
      z.object({ deal_id: z.number().int(), lab: z.string(), provider: z.string(), review_state: z.enum(reviewStates), evidence: z.string(), evidence_start: z.number().int().nullable(), fields: sourceFieldsSchema }),
    ),
  })
  .openapi('Article');

export const openApiDocumentSchema = z.record(z.string(), z.unknown()).openapi({ description: 'this document' });
