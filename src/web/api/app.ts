// The JSON API under /api, built with @hono/zod-openapi: each route's zod schemas validate its requests and
// describe it in /api/openapi.json. Authentication (bearer token or session) is the app's middleware in front.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { sessionCookie } from '../auth/sessions.js';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { errorResponses } from './common.js';
import { dealRoutes } from './deals.js';
import { apiErrorHandler, validationHook } from './errors.js';
import { readingRoutes } from './reading.js';
import { openApiDocumentSchema } from './schemas.js';

/** A review request is a few hundred bytes; 64 KiB leaves room for a bulk reject of thousands of ids. */
export const apiBodyLimitBytes = 64 * 1024;

export const apiBasePath = '/api';

const documentConfig: Parameters<OpenAPIHono['getOpenAPIDocument']>[0] = {
  openapi: '3.0.3',
  info: {
    title: 'lanewatch API',
    version: '1',
    description:
      'Candidate AI compute deals, their review, the lane map and alerts. Every route takes the bearer token (LANEWATCH_TOKEN) ' +
      'or a signed-in session; a session request that changes something also sends X-CSRF-Token. Fields are snake_case; ' +
      'ids are plain digits.',
  },
  security: [{ bearer: [] }, { session: [] }],
};

export function createApi(deps: WebDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).basePath(apiBasePath);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'LANEWATCH_TOKEN' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'a signed-in session (sign in at /login)' });

  api.use(
    '*',
    bodyLimit({ maxSize: apiBodyLimitBytes, onError: (c) => c.json({ error: 'payload_too_large', message: `the body is over ${apiBodyLimitBytes} bytes` }, 413) }),
  );
  api.onError(apiErrorHandler(deps));

  dealRoutes(api, deps);
  readingRoutes(api, deps);

  api.openapi(
    createRoute({
      method: 'get',
      path: '/openapi.json',
      tags: ['meta'],
      summary: 'This OpenAPI 3 document',
      responses: { 200: { description: 'the document', content: { 'application/json': { schema: openApiDocumentSchema } } }, ...errorResponses() },
    }),
    (c) => {
      const document: unknown = api.getOpenAPIDocument(documentConfig);
      return c.json(document as Record<string, unknown>, 200);
    },
  );
  return api;
}
