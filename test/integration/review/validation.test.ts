// Bad requests get a clear 4xx with a message; filters with SQL metacharacters are only data.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, bearer, extracted, openFixture, seedArticle, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let dealId: number;
beforeAll(async () => {
  fx = await openFixture();
  dealId = (await seedArticle(fx, [extracted({ lab: "O'Reilly Labs", provider: 'Oracle' })], { title: "100% of O'Reilly's compute_deal" })).dealIds[0];
});
afterAll(async () => {
  await fx?.close();
});

describe('API validation', () => {
  test('unknown fields are refused with a message naming them', async () => {
    const r = await api(fx, 'PATCH', `/api/deals/${dealId}`, { amount_usd: 1e9, colour: 'red' });
    expect(r.status).toBe(400);
    expect(String(r.json.message)).toMatch(/colour/);
    const a = await api(fx, 'POST', `/api/deals/${dealId}/approve`, { force: true });
    expect(a.status).toBe(400);
  });

  test('wrong types and values are 400 with the field named', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['PATCH', `/api/deals/${dealId}`, { amount_usd: 'lots' }, /amount_usd/],
      ['PATCH', `/api/deals/${dealId}`, { kind: 'spaceship' }, /kind/],
      ['PATCH', `/api/deals/${dealId}`, { gigawatts: -1 }, /gigawatts/],
      ['PATCH', `/api/deals/${dealId}`, { lab: '   ' }, /lab/],
      ['PATCH', `/api/deals/${dealId}`, {}, /nothing to change/],
      ['PATCH', `/api/deals/${dealId}`, [1, 2], /body|expected/i],
      ['POST', `/api/deals/${dealId}/merge`, { into: 'seven' }, /into/],
      ['POST', `/api/deals/${dealId}/merge`, { into: dealId }, /itself/],
      ['POST', `/api/deals/${dealId}/reject`, { reason: 'x'.repeat(501) }, /reason/],
      ['POST', '/api/deals/bulk-reject', { ids: [] }, /ids/],
    ];
    for (const [method, path, body, message] of cases) {
      const r = await api(fx, method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(String(r.json.message)).toMatch(message);
    }
  });

  test('malformed JSON, a wrong content type and an oversized body are refused with a message', async () => {
    const bad = await api(fx, 'PATCH', `/api/deals/${dealId}`, '{"amount_usd": 1e9');
    expect(bad.status).toBe(400);
    expect(String(bad.json.message)).toMatch(/malformed JSON/);
    const res = await fx.app.request(`/api/deals/${dealId}/reject`, { method: 'POST', headers: { ...bearer, 'content-type': 'text/plain' }, body: 'reason=x' });
    expect(res.status).toBe(400);
    const big = await api(fx, 'POST', `/api/deals/${dealId}/reject`, { reason: 'x'.repeat(200_000) });
    expect(big.status).toBe(413);
    expect(String(big.json.message)).toMatch(/bytes/);
  });

  test('unknown ids are 404; ids not spelled as plain digits and bad filters are 400', async () => {
    for (const path of ['/api/deals/999999', '/api/deals/99999999999999']) {
      const r = await api(fx, 'GET', path);
      expect(r.status, path).toBe(404);
    }
    const abc = await api(fx, 'GET', '/api/deals/abc');
    expect(abc.status).toBe(400);
    expect(String(abc.json.message)).toMatch(/^id: .*digits/);
    expect((await api(fx, 'POST', '/api/deals/999999/approve', {})).status).toBe(404);
    expect((await api(fx, 'PATCH', '/api/deals/999999', { lab: 'X' })).status).toBe(404);
    expect((await api(fx, 'POST', '/api/deals/999999/merge', { into: dealId })).status).toBe(404);
    expect((await api(fx, 'GET', '/api/nothing-here')).status).toBe(404);
    const state = await api(fx, 'GET', '/api/deals?state=everything');
    expect(state.status).toBe(400);
    expect(String(state.json.message)).toMatch(/state/);
    expect((await api(fx, 'GET', '/api/deals?limit=100000')).status).toBe(400);
    expect((await api(fx, 'GET', '/api/deals?sort=desc')).status).toBe(400);
  });

  test('SQL metacharacters in filters and search are plain text', async () => {
    const hostile = ["'; drop table deals; --", '%', '_', "O'Reilly Labs", '\\', '100%', 'compute_deal'];
    for (const q of hostile) {
      const r = await api(fx, 'GET', `/api/deals?state=all&q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
    }
    // "%" and "_" match literally, not as wildcards.
    expect(((await api(fx, 'GET', `/api/deals?state=all&q=${encodeURIComponent('%')}`)).json.items as unknown[]).length).toBe(1); // the title has "100%"
    expect(((await api(fx, 'GET', `/api/deals?state=all&q=${encodeURIComponent('zz%zz')}`)).json.items as unknown[]).length).toBe(0);
    const lab = await api(fx, 'GET', `/api/deals?lab=${encodeURIComponent("O'Reilly Labs")}`);
    expect((lab.json.items as { lab: string }[]).map((i) => i.lab)).toEqual(["O'Reilly Labs"]);
    const page = await fx.app.request(`/?q=${encodeURIComponent("'; drop table deals; --")}&lab=${encodeURIComponent("x' or '1'='1")}`, { headers: bearer });
    expect(page.status).not.toBe(500);
    const still = await fx.database.db.execute(sql`select count(*)::int as n from deals`);
    expect(Number(still.rows[0].n)).toBe(1);
  });
});
