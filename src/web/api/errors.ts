// How the API answers what goes wrong: JSON {error, message} with 400 (the message names the field), 404, 409,
// 413, 415, and 500 for the rest (logged, never shown).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DealNotFoundError, ReviewConflictError, ReviewInputError } from '../../deals/errors.js';
import type { WebDeps } from '../deps.js';

/** A request the API refuses with 400 and this message. */
export class BadRequest extends Error {}

/** A well-formed request for something that does not exist: 404 with this message. */
export class NotFound extends Error {}

/** Zod issues as one line: "limit: Too big: expected number to be <=500; kind: Invalid option…". */
export function issues(error: ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
}

/** The route validators' hook: a failed parse of the path, query or body is a 400 naming the field. */
export function validationHook(result: { success: true } | { success: false; error: ZodError }, c: Context): Response | undefined {
  return result.success ? undefined : c.json({ error: 'bad_request', message: issues(result.error) }, 400);
}

const httpCodes: Record<number, string> = { 400: 'bad_request', 404: 'not_found', 413: 'payload_too_large', 415: 'unsupported_media_type' };

export function apiErrorHandler(deps: WebDeps): (err: Error, c: Context) => Response {
  return (err, c) => {
    if (err instanceof BadRequest || err instanceof ReviewInputError) return c.json({ error: 'bad_request', message: err.message }, 400);
    if (err instanceof NotFound) return c.json({ error: 'not_found', message: err.message }, 404);
    if (err instanceof DealNotFoundError) return c.json({ error: 'not_found', message: err.dealId ? err.message : 'no such deal' }, 404);
    if (err instanceof ReviewConflictError) return c.json({ error: 'conflict', message: err.message }, 409);
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ error: httpCodes[err.status] ?? 'bad_request', message: err.message }, err.status);
    }
    deps.logger.error({ error: err.message, path: c.req.path }, 'API request failed');
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  };
}
