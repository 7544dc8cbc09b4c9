// Every /api operation with the bearer token, with a signed-in session and with neither: the first two answer
// alike (actions recorded under the right actor), the third is a 401 in JSON that changes nothing, never a
// redirect to /login. The JSON that used to sit beside the pages redirects to /api.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { deals, reviewEvents } from '../../../src/db/schema.js';
import { apiToken, bearer, extracted, openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';
import { apiCases, headersFor, newSession, send, type Credentials, type Session } from './cases.js';

let fx: ReviewFixture;
let session: Session;
beforeAll(async () => {
  fx = await openFixture();
  session = await newSession(fx);
});
afterAll(async () => {
  await fx?.close();
});

async function lastEventActor(): Promise<string | undefined> {
  const [e] = await fx.database.db.select().from(reviewEvents).orderBy(desc(reviewEvents.id)).limit(1);
  return e?.actor;
}

describe('every /api operation', () => {
  for (const credentials of ['token', 'session'] as Credentials[]) {
    test(`answers with ${credentials === 'token' ? 'the bearer token' : 'a session'}`, async () => {
      const actor = credentials === 'token' ? 'api-token' : session.user;
      for (const c of apiCases(fx)) {
        const what = `${c.method.toUpperCase()} ${c.template} with ${credentials}`;
        const call = await c.prepare(actor);
        const res = await send(fx, c.method, call, headersFor(credentials, session, apiToken));
        expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(call.status);
        if ((c.method !== 'get' && c.template.startsWith('/api/deals')) || c.template === '/api/undo') {
          expect(await lastEventActor(), what).toBe(actor);
        }
      }
    });
  }

  test('answers 401 in JSON without credentials, with a wrong token or a wrong scheme, and changes nothing', async () => {
    const wrong: Record<string, Record<string, string>> = {
      none: {},
      'wrong token': { authorization: 'Bearer wrong-token-wrong-token' },
      'basic scheme': { authorization: `Basic ${Buffer.from(`x:${apiToken}`).toString('base64')}` },
      'stale cookie': { cookie: 'lw_session=not-a-session' },
    };
    for (const c of apiCases(fx)) {
      for (const [name, headers] of Object.entries(wrong)) {
        const what = `${c.method.toUpperCase()} ${c.template} (${name})`;
        const call = await c.prepare('api-token');
        const eventsBefore = await fx.database.db.$count(reviewEvents);
        const res = await send(fx, c.method, call, headers);
        expect(res.status, what).toBe(401);
        expect(res.type, what).toMatch(/^application\/json/);
        expect((JSON.parse(res.text) as { error: string }).error, what).toBe('unauthorized');
        expect(await fx.database.db.$count(reviewEvents), what).toBe(eventsBefore);
      }
    }
  });

  test("a session's changes need its CSRF token; its reads do not", async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Csrf Labs', provider: 'Oracle' })]);
    const read = await fx.app.request(`/api/deals/${dealIds[0]}`, { headers: { cookie: session.cookie } });
    expect(read.status).toBe(200);
    for (const headers of [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) }] as Record<string, string>[]) {
      const res = await fx.app.request(`/api/deals/${dealIds[0]}/approve`, { method: 'POST', headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe('forbidden');
    }
    const [d] = await fx.database.db.select().from(deals).where(eq(deals.id, dealIds[0]));
    expect(d.reviewState).toBe('pending');
  });
});

describe('the JSON that lived beside the pages', () => {
  test('redirects (308) to its /api address, with or without credentials, keeping the lab filter', async () => {
    const moved: [string, Record<string, string>, string][] = [
      ['/lanes?format=json', {}, '/api/lanes'],
      ['/lanes?format=json&lab=Anthropic', {}, '/api/lanes?lab=Anthropic'],
      ['/lanes', { accept: 'application/json' }, '/api/lanes'],
      ['/alerts?format=json', {}, '/api/alerts'],
      ['/alerts', { accept: 'application/json' }, '/api/alerts'],
      ['/deals/approved.csv', {}, '/api/deals/approved.csv'],
      ['/deals/approved.json', {}, '/api/deals/approved.json'],
      ['/deals/approved.json', bearer, '/api/deals/approved.json'],
    ];
    for (const [path, headers, target] of moved) {
      const res = await fx.app.request(path, { headers });
      expect(res.status, path).toBe(308);
      expect(res.headers.get('location'), path).toBe(target);
    }
  });

  test('the /api addresses answer the token and a session; the pages themselves still want a session', async () => {
    for (const path of ['/api/lanes?lab=Anthropic', '/api/alerts', '/api/deals/approved.csv', '/api/deals/approved.json']) {
      expect((await fx.app.request(path, { headers: bearer })).status, path).toBe(200);
      expect((await fx.app.request(path, { headers: { cookie: session.cookie } })).status, path).toBe(200);
      expect((await fx.app.request(path)).status, path).toBe(401);
    }
    for (const path of ['/lanes', '/alerts', '/deals/approved']) {
      const res = await fx.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login/);
    }
    expect((await fx.app.request('/lanes', { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  test('the CSV export is CSV with its header row; the JSON export is snake_case deals', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: '=Formula Labs', provider: 'Oracle' })]);
    await fx.app.request(`/api/deals/${dealIds[0]}/approve`, { method: 'POST', headers: bearer });
    const csv = await fx.app.request('/api/deals/approved.csv', { headers: bearer });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('id,lab,provider,kind,status,amount_usd,gigawatts,hardware,confidence,sources,reported_at,reviewer,reviewed_at,first_source_url');
    expect(text).toContain(`${dealIds[0]},'=Formula Labs,Oracle`);
    const json = (await (await fx.app.request('/api/deals/approved.json', { headers: bearer })).json()) as { id: number; review_state: string; amount_usd: number }[];
    expect(json.find((d) => d.id === dealIds[0])).toMatchObject({ review_state: 'approved', amount_usd: 300e9 });
  });
});
