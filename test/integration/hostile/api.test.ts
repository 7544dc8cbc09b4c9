// Hostile input to the JSON API, beyond review/validation.test.ts (unknown fields, wrong types, malformed JSON,
// a body over the limit with a Content-Length, SQL metacharacters in q and lab): NUL characters, numbers beyond
// PostgreSQL's integers, deep nesting, prototype keys, a chunked body with no length, odd query strings, and
// script in text fields. Each is a 4xx with a message (or stored as plain text and served as JSON), never a 500.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq, sql } from 'drizzle-orm';
import { deals } from '../../../src/db/schema.js';
import { api, bearer, extracted, openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';

let fx: ReviewFixture;
let ids: number[];
beforeAll(async () => {
  fx = await openFixture();
  ids = (await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Google' }), extracted({ lab: 'Meta', provider: 'CoreWeave' })])).dealIds;
});
afterAll(async () => {
  await fx?.close();
});

const row = async (id: number) => (await fx.database.db.select().from(deals).where(eq(deals.id, id)))[0];

function expect400(r: { status: number; json: Record<string, unknown> }, message: RegExp, what: string): void {
  expect(r.status, what).toBe(400);
  expect(r.json.error, what).toBe('bad_request');
  expect(String(r.json.message), what).toMatch(message);
}

describe('API bodies', () => {
  test('a NUL character in any string is refused with a message and nothing is stored', async () => {
    const [id] = ids;
    expect400(await api(fx, 'PATCH', `/api/deals/${id}`, { lab: 'Anthro\u0000pic' }), /NUL/, 'PATCH lab');
    expect400(await api(fx, 'PATCH', `/api/deals/${id}`, { hardware: '\u0000' }), /NUL/, 'PATCH hardware');
    expect400(await api(fx, 'POST', `/api/deals/${id}/reject`, { reason: 'dup\u0000' }), /NUL/, 'reject reason');
    expect400(await api(fx, 'POST', '/api/deals/bulk-reject', { ids: [id], reason: '\u0000' }), /NUL/, 'bulk reason');
    const d = await row(id);
    expect(d.lab).toBe('Anthropic');
    expect(d.reviewState).toBe('pending');
  });

  test('ids and versions beyond PostgreSQL integers are a 400, not a database error', async () => {
    const [id, other] = ids;
    const huge = 2 ** 40;
    expect400(await api(fx, 'POST', `/api/deals/${id}/merge`, { into: huge }), /into/, 'merge into');
    expect400(await api(fx, 'POST', `/api/deals/${id}/approve`, { version: huge }), /version/, 'approve version');
    expect400(await api(fx, 'PATCH', `/api/deals/${id}`, { lab: 'X', version: huge }), /version/, 'edit version');
    expect400(await api(fx, 'POST', '/api/deals/bulk-reject', { ids: [other, huge] }), /ids/, 'bulk ids');
    expect400(await api(fx, 'POST', '/api/undo', { deal_id: huge }), /deal_id/, 'undo deal_id');
    expect400(await api(fx, 'POST', `/api/deals/${id}/approve`, { version: 1e308 * 10 }), /version/, 'Infinity (JSON 1e309)');
    expect((await row(id)).reviewState).toBe('pending');
  });

  test('deep nesting, prototype keys and non-object bodies are a 400; no prototype is polluted', async () => {
    const [id] = ids;
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    expect400(await api(fx, 'POST', `/api/deals/${id}/approve`, deep), /nested too deeply|expected/i, 'deep array');
    const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect400(await api(fx, 'PATCH', `/api/deals/${id}`, deepObject), /nested too deeply|unrecognized/i, 'deep object');
    expect400(await api(fx, 'PATCH', `/api/deals/${id}`, '{"__proto__": {"polluted": true}, "lab": "X"}'), /__proto__|unrecognized/i, '__proto__');
    expect400(await api(fx, 'POST', `/api/deals/${id}/reject`, '{"constructor": {"prototype": {"polluted": true}}}'), /constructor|unrecognized/i, 'constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const body of ['"approve"', '42', 'null', 'true']) {
      expect((await api(fx, 'POST', `/api/deals/${id}/approve`, body)).status, body).toBe(400);
    }
    expect((await row(id)).lab).toBe('Anthropic');
  });

  test('script in text fields is stored as typed and only ever served as JSON', async () => {
    const [, id] = ids;
    const payload = '<script>alert(1)</script>';
    const r = await api(fx, 'PATCH', `/api/deals/${id}`, { lab: payload, hardware: '<img src=x onerror=alert(2)>' });
    expect(r.status).toBe(200);
    const res = await fx.app.request(`/api/deals/${id}`, { headers: bearer });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await res.json()) as { lab: string }).lab).toBe(payload);
    const rej = await api(fx, 'POST', `/api/deals/${id}/reject`, { reason: payload });
    expect(rej.status).toBe(200);
    expect((await row(id)).rejectReason).toBe(payload);
  });
});

describe('API query strings', () => {
  test('NUL, unknown parameters and values with SQL in them are a 400 with a message', async () => {
    expect400(await api(fx, 'GET', '/api/deals?q=%00'), /NUL/, 'q=%00');
    expect400(await api(fx, 'GET', '/api/deals?lab=x%00'), /NUL/, 'lab=%00');
    expect400(await api(fx, 'GET', '/api/deals?colour=red'), /colour|unrecognized/i, 'unknown parameter');
    expect400(await api(fx, 'GET', `/api/deals?limit=${encodeURIComponent('5; drop table deals')}`), /limit/, 'limit with SQL');
    expect400(await api(fx, 'GET', `/api/deals?offset=${encodeURIComponent("0' or '1'='1")}`), /offset/, 'offset with SQL');
    expect400(await api(fx, 'GET', `/api/deals?kind=${encodeURIComponent("cloud' --")}`), /kind/, 'kind with SQL');
    expect400(await api(fx, 'GET', `/api/deals?q=${'x'.repeat(201)}`), /q/, 'q too long');
  });

  test('SQL metacharacters in provider and search are data; repeated parameters take the first', async () => {
    for (const v of ["Google' or '1'='1", 'Goo%', 'G_ogle', '\\', '"; select pg_sleep(10); --']) {
      const r = await api(fx, 'GET', `/api/deals?state=all&provider=${encodeURIComponent(v)}`);
      expect(r.status, v).toBe(200);
      expect(r.json.items, v).toEqual([]);
    }
    const both = await api(fx, 'GET', '/api/deals?state=all&provider=Google&provider=CoreWeave');
    expect(both.status).toBe(200);
    expect((both.json.items as { provider: string }[]).map((i) => i.provider)).toEqual(['Google']);
    const n = await fx.database.db.execute(sql`select count(*)::int as n from deals`);
    expect(Number(n.rows[0].n)).toBe(2);
  });
});

describe('API over a real socket', () => {
  test('a chunked body with no Content-Length is cut off at the limit with a 413', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: fx.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: `/api/deals/${ids[0]}/reject`, method: 'POST', headers: { ...bearer, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        // The server may answer and close before the whole body is written: that is the point.
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
        req.write('{"reason": "');
        for (let i = 0; i < 40; i++) req.write('x'.repeat(4096));
        req.end('"}');
      });
      expect(result.status).toBe(413);
      expect(result.body).toMatch(/payload_too_large/);
      expect((await row(ids[0])).reviewState).toBe('pending');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
