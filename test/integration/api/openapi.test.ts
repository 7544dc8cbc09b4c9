// /api/openapi.json against the app itself: every /api route the app registers is in the document, every
// documented operation answers as documented (status, body shape, snake_case keys), and the document says how
// to authenticate.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiToken, bearer, openFixture, type ReviewFixture } from '../review/fixture.js';
import { apiCases, headersFor, newSession, send, type Session } from './cases.js';
import { checkAgainst, nonSnakeKeys, type OpenApiDocument } from './schema-check.js';

let fx: ReviewFixture;
let doc: OpenApiDocument;
let session: Session;
beforeAll(async () => {
  fx = await openFixture();
  session = await newSession(fx);
  const res = await fx.app.request('/api/openapi.json', { headers: bearer });
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(async () => {
  await fx?.close();
});

const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** "METHOD /api/deals/{id}" for every route the app registers under /api (middleware entries left out). */
function registeredApiRoutes(): Set<string> {
  const out = new Set<string>();
  for (const r of fx.app.routes) {
    const method = r.method.toLowerCase();
    if (!methods.has(method) || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
    out.add(`${method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out;
}

function documentedOperations(): Set<string> {
  const out = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths)) for (const method of Object.keys(ops)) if (methods.has(method)) out.add(`${method} ${path}`);
  return out;
}

describe('the OpenAPI document', () => {
  test('is OpenAPI 3 and names both ways in: the bearer token and the session cookie', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['bearer', 'session']);
    expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
  });

  test('every /api route the app registers is in the document, and every documented route is registered', () => {
    const registered = registeredApiRoutes();
    const documented = documentedOperations();
    expect(registered.size).toBeGreaterThanOrEqual(15);
    expect([...registered].filter((r) => !documented.has(r)), 'registered but not documented').toEqual([]);
    expect([...documented].filter((r) => !registered.has(r)), 'documented but not registered').toEqual([]);
  });

  test('every operation documents 401 and its 200; one with a body its 400, 403, 413 and 415; one with an id a 400 and 404', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['200', '401']));
        if (op.requestBody) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '403', '413', '415']));
        if (path.includes('{id}')) {
          expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '404']));
          const id = op.parameters?.find((p) => p.name === 'id');
          expect(id?.in, `${method} ${path}`).toBe('path');
          expect(id?.schema?.pattern, `${method} ${path}`).toBe('^[1-9][0-9]{0,15}$');
        }
      }
    }
  });

  test('every documented operation answers with the token as documented: status, body shape and snake_case keys', async () => {
    const cases = apiCases(fx);
    const documented = documentedOperations();
    expect(cases.map((c) => `${c.method} ${c.template}`).sort()).toEqual([...documented].sort());
    for (const c of cases) {
      const what = `${c.method.toUpperCase()} ${c.template}`;
      const call = await c.prepare('api-token');
      const res = await send(fx, c.method, call, headersFor('token', session, apiToken));
      expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(call.status);
      const response = doc.paths[c.template][c.method].responses[String(res.status)];
      const [mediaType, { schema }] = Object.entries(response.content ?? {})[0];
      expect(res.type.split(';')[0], what).toBe(mediaType);
      if (mediaType !== 'application/json') continue;
      const body: unknown = JSON.parse(res.text);
      expect(checkAgainst(doc, schema, body), what).toEqual([]);
      if (c.template !== '/api/openapi.json') expect(nonSnakeKeys(body), what).toEqual([]);
    }
  });

  test('error answers have the documented Error shape', async () => {
    for (const [path, status] of [
      ['/api/deals/0x20', 400],
      ['/api/deals/999999', 404],
      ['/api/deals?limit=0', 400],
    ] as const) {
      const res = await fx.app.request(path, { headers: bearer });
      expect(res.status, path).toBe(status);
      const schema = doc.paths[path.startsWith('/api/deals?') ? '/api/deals' : '/api/deals/{id}'].get.responses[String(status)].content!['application/json'].schema;
      expect(checkAgainst(doc, schema, await res.json()), path).toEqual([]);
    }
    // A declared-empty body of another type is refused by the route's media-type check, in the same shape.
    const res = await fx.app.request('/api/undo', { method: 'POST', headers: { ...bearer, 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    const schema = doc.paths['/api/undo'].post.responses['415'].content!['application/json'].schema;
    expect(checkAgainst(doc, schema, await res.json())).toEqual([]);
  });
});
