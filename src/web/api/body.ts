// JSON request bodies of the API: each bad body is a 400 with a message.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { BadRequest } from './errors.js';

/**
 * Reads the JSON body before the route's zod validator does, and refuses what it should not see: a body that is not
 * application/json, malformed JSON, nesting deep enough to exhaust the stack, and NUL characters (PostgreSQL text
 * cannot hold U+0000). An empty body is {}. The parsed value is left in hono's body cache, where the validator reads it.
 */
export function jsonBodyGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const text = await c.req.text();
    let value: unknown = {};
    if (text.trim() !== '') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new BadRequest('send the body as application/json');
      let nul = false;
      try {
        value = JSON.parse(text, (_key, v: unknown) => {
          if (typeof v === 'string' && v.includes('\0')) nul = true;
          return v;
        });
      } catch (err) {
        throw new BadRequest(err instanceof RangeError ? 'the JSON is nested too deeply' : `malformed JSON: ${(err as Error).message}`);
      }
      if (nul) throw new BadRequest('a string in the body holds a NUL character (\\u0000)');
    }
    c.req.bodyCache.json = Promise.resolve(value);
    await next();
  };
}
