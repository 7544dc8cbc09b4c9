// Access: pages, API, dashboard and metrics refuse strangers; forms need the CSRF token; headers are set.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { deals } from '../../../src/db/schema.js';
import { hashPassword } from '../../../src/web/auth/passwords.js';
import { bearer, extracted, noticeAfter, openFixture, seedArticle, signIn, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let dealId: number;
beforeAll(async () => {
  fx = await openFixture({ LANEWATCH_USERS: `carol:${await hashPassword('from the settings')}` });
  dealId = (await seedArticle(fx, [extracted()])).dealIds[0];
});
afterAll(async () => {
  await fx?.close();
});

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});

describe('without a session', () => {
  test('pages redirect to sign-in, the API and metrics answer 401, the dashboard redirects', async () => {
    for (const path of ['/', '/deals/approved', `/deals/${dealId}`, '/articles/1', '/lanes', '/alerts', '/queues', '/queues/api/queues']) {
      const res = await fx.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
    // The exports moved under /api: the old address redirects there, never to the sign-in page.
    const moved = await fx.app.request('/deals/approved.csv');
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('/api/deals/approved.csv');
    for (const path of ['/api/deals', `/api/deals/${dealId}`, '/api/deals/approved.csv', '/metrics']) {
      const res = await fx.app.request(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBeTruthy();
    }
    const post = await fx.app.request(`/api/deals/${dealId}/approve`, { method: 'POST' });
    expect(post.status).toBe(401);
    const formPost = await fx.app.request(`/deals/${dealId}/approve`, form({}));
    expect(formPost.status).toBe(303);
    const [d] = await fx.database.db.select().from(deals).where(eq(deals.id, dealId));
    expect(d.reviewState).toBe('pending');
  });

  test('a wrong bearer token or password is refused; health endpoints stay open', async () => {
    expect((await fx.app.request('/api/deals', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fx.app.request('/api/deals', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const login = await fx.app.request('/login', form({ username: 'carol', password: 'nope' }));
    expect(login.status).toBe(401);
    expect(login.headers.get('set-cookie')).toBeNull();
    expect((await fx.app.request('/healthz')).status).toBe(200);
    expect((await fx.app.request('/readyz')).status).toBe(200);
    expect((await fx.app.request('/metrics', { headers: bearer })).status).toBe(200);
  });
});

describe('signed in', () => {
  test('LANEWATCH_USERS accounts sign in; the cookie is HttpOnly and SameSite=Lax', async () => {
    const res = await fx.app.request('/login', form({ username: 'carol', password: 'from the settings', next: '/deals/approved' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/deals/approved');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test('a sign-in never redirects off the site', async () => {
    await signIn(fx, 'dee', 'password for dee');
    const res = await fx.app.request('/login', form({ username: 'dee', password: 'password for dee', next: '//evil.example/x' }));
    expect(res.headers.get('location')).toBe('/');
  });

  test('forms without the CSRF token, with a wrong one, or from another origin are refused', async () => {
    const { cookie, csrf } = await signIn(fx);
    const none = await fx.app.request(`/deals/${dealId}/approve`, form({}, { cookie }));
    expect(none.status).toBe(403);
    const wrong = await fx.app.request(`/deals/${dealId}/approve`, form({ _csrf: 'x'.repeat(32) }, { cookie }));
    expect(wrong.status).toBe(403);
    const foreign = await fx.app.request(`/deals/${dealId}/approve`, form({ _csrf: csrf }, { cookie, origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    const apiNoHeader = await fx.app.request(`/api/deals/${dealId}/approve`, { method: 'POST', headers: { cookie } });
    expect(apiNoHeader.status).toBe(403);
    const [d] = await fx.database.db.select().from(deals).where(eq(deals.id, dealId));
    expect(d.reviewState).toBe('pending');
    const ok = await fx.app.request(`/deals/${dealId}/approve`, form({ _csrf: csrf, next: '/' }, { cookie, origin: 'http://localhost' }));
    expect(ok.status).toBe(303);
    expect(await noticeAfter(fx, ok, cookie)).toMatch(/^Approved #/);
  });

  test('an oversized form is refused before it is read', async () => {
    const { cookie, csrf } = await signIn(fx);
    const res = await fx.app.request(`/deals/${dealId}/reject`, form({ _csrf: csrf, reason: 'x'.repeat(200_000) }, { cookie }));
    expect(res.status).toBe(413);
    const login = await fx.app.request('/login', form({ username: 'carol', password: 'p'.repeat(50_000) }));
    expect(login.status).toBe(413);
  });

  test('sign-out ends the session', async () => {
    const { cookie, csrf } = await signIn(fx);
    expect((await fx.app.request('/', { headers: { cookie } })).status).toBe(200);
    expect((await fx.app.request('/logout', form({}, { cookie }))).status).toBe(403);
    expect((await fx.app.request('/', { headers: { cookie } })).status).toBe(200);
    await fx.app.request('/logout', form({ _csrf: csrf }, { cookie }));
    expect((await fx.app.request('/', { headers: { cookie } })).status).toBe(303);
  });

  test('pages carry security headers and a CSP without inline scripts', async () => {
    const { cookie } = await signIn(fx);
    const res = await fx.app.request('/', { headers: { cookie } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script bodies
    expect((await fx.app.request('/static/review.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  test('the job dashboard is served to a signed-in reviewer and its API refuses cross-site changes', async () => {
    const { cookie } = await signIn(fx);
    const page = await fx.app.request('/queues', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/__UI_CONFIG__/);
    const queues = await fx.app.request('/queues/api/queues?activeQueue=process-article&status=latest&page=1', { headers: { cookie } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toContain('process-article');
    const cross = await fx.app.request('/queues/api/queues/process-article/clean/failed', { method: 'PUT', headers: { cookie, origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
  });

  test('/metrics exposes articles, deals, queue depths, poll failures and extraction time', async () => {
    const text = await (await fx.app.request('/metrics', { headers: bearer })).text();
    for (const name of ['lanewatch_articles{state="extracted"} 1', 'lanewatch_deals{state=', 'lanewatch_queue_jobs{queue="process-article"', 'lanewatch_poll_failures_total', 'lanewatch_feeds_failing', 'lanewatch_extraction_seconds_bucket']) {
      expect(text, name).toContain(name);
    }
  });
});
