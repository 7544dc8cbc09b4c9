// What every API route shares: its OpenAPIHono type, the error responses it documents, and JSON request bodies.
import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { maxDbInt } from '../ids.js';
import { jsonBodyGuard } from './body.js';
import { errorSchema } from './schemas.js';

export type Api = OpenAPIHono<AppEnv>;

const errorText: Record<number, string> = {
  400: 'bad request: the message names the field',
  401: 'neither a valid bearer token nor a session',
  403: 'a signed-in request that changes something needs the X-CSRF-Token header',
  404: 'no such item',
  409: 'the deal changed or is in another review state',
  413: 'the body is over the limit',
  415: 'the body is not application/json',
};

/** The error responses of a route, documented with the shared Error schema (401 is on every route). */
export function errorResponses<const C extends readonly (400 | 403 | 404 | 409 | 413 | 415)[]>(...codes: C) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof errorSchema } } }> = {};
  for (const code of [401, ...codes]) out[code] = { description: errorText[code], content: { 'application/json': { schema: errorSchema } } };
  return out;
}

/** A JSON request body; the guard runs before the route's validator (see body.ts). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: false } as const;
}

export const bodyGuard = jsonBodyGuard();

/** A path id as a number, or null when it is beyond the table's ids (no such row: a 404, not a database error). */
export function idWithin(id: string, max = maxDbInt): number | null {
  const n = Number(id);
  return n <= max ? n : null;
}
