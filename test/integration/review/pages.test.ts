// The HTML pages and plain-form actions (no JavaScript): queue, deal page with history, approved table and exports,
// article page; article text is always shown as text.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { articles, deals } from '../../../src/db/schema.js';
import { extracted, noticeAfter, openFixture, seedArticle, signIn, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let session: { cookie: string; csrf: string };
beforeAll(async () => {
  fx = await openFixture();
  session = await signIn(fx);
});
afterAll(async () => {
  await fx?.close();
});

const get = (path: string) => fx.app.request(path, { headers: { cookie: session.cookie } });
const post = (path: string, fields: Record<string, string> = {}) =>
  fx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrf, next: '/', ...fields }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
const stateOf = async (id: number) => (await fx.database.db.select().from(deals).where(eq(deals.id, id)))[0];

describe('pages', () => {
  test('an XSS payload in a title, an evidence sentence, a party name or a URL stays text', async () => {
    const payload = '<script>alert(1)</script>';
    const { articleId, dealIds } = await seedArticle(fx, [extracted({ lab: 'Evil<img src=x onerror=alert(2)>', provider: 'Oracle', evidence: `Evil signed ${payload} a $5 billion deal with Oracle.` })], { title: payload, outlet: `<b>${payload}</b>` });
    await fx.database.db.update(articles).set({ url: 'javascript:alert(3)' }).where(eq(articles.id, articleId));
    for (const path of ['/', `/deals/${dealIds[0]}`, `/articles/${articleId}`, '/?state=all&q=%3Cscript%3E']) {
      const html = await (await get(path)).text();
      expect(html, path).not.toContain('<script>alert(1)</script>');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('href="javascript:');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    await post(`/deals/${dealIds[0]}/reject`, { reason: payload });
    const deal = await (await get(`/deals/${dealIds[0]}`)).text();
    expect(deal).not.toContain(payload);
  });

  test('queue shows a new-lane marker, highlighted evidence with its article, and how many sources', async () => {
    const published = new Date('2025-10-05T00:00:00Z');
    await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Amazon', amount_usd: 8e9, gigawatts: 1, evidence: 'Anthropic expanded its AWS deal by $8 billion for a gigawatt of Trainium.' })], { published });
    await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Amazon', amount_usd: 8e9, gigawatts: 1, evidence: 'Amazon will invest $8bn more in Anthropic, adding 1 GW.' })], { published });
    const html = await (await get('/?lab=Anthropic')).text();
    expect(html).toContain('new lane');
    expect(html).toMatch(/<mark class="lab">Anthropic<\/mark>/);
    expect(html).toMatch(/<mark class="provider">AWS<\/mark>/);
    expect(html).toMatch(/<mark class="money">\$8 billion<\/mark>/);
    expect(html).toMatch(/<mark class="power">1 GW<\/mark>/);
    expect(html).toMatch(/Sources<\/span><b>2<\/b>/);
    expect(html).toMatch(/href="\/articles\/\d+"/);
  });

  test('approve, reject, edit, merge, undo and bulk reject work as plain forms and show in the history', async () => {
    const { dealIds } = await seedArticle(fx, [
      extracted({ lab: 'Poolside', provider: 'CoreWeave', amount_usd: 1e9 }),
      extracted({ lab: 'Poolside', provider: 'Nvidia', kind: 'chips', amount_usd: 1e9 }),
      extracted({ lab: 'Poolside', provider: 'Oracle', amount_usd: 2e9 }),
    ]);
    const other = await seedArticle(fx, [extracted({ lab: 'Poolside', provider: 'CoreWeave', amount_usd: 9e9 })]);
    const [a, b, c] = dealIds;
    const approve = await post(`/deals/${a}/approve`, { at: '2' });
    expect(approve.status).toBe(303);
    const loc = new URL(approve.headers.get('location')!, 'http://x');
    expect(loc.searchParams.get('at')).toBe('2');
    expect((await stateOf(a)).reviewState).toBe('approved');
    expect((await post(`/deals/${b}/reject`, { reason: 'not a deal' })).status).toBe(303);
    expect((await stateOf(b)).rejectReason).toBe('not a deal');
    const edit = await post(`/deals/${c}/edit`, { lab: 'Poolside', provider: 'Oracle', kind: 'datacenter', status: 'talks', amount_usd: '2.5b', gigawatts: '500mw', hardware: 'GB200' });
    expect(edit.status).toBe(303);
    const edited = await stateOf(c);
    expect([edited.kind, edited.status, edited.amountUsd, edited.gigawatts, edited.hardware]).toEqual(['datacenter', 'talks', 2.5e9, 0.5, 'GB200']);
    const badEdit = await post(`/deals/${c}/edit`, { lab: 'Poolside', provider: 'Oracle', kind: 'datacenter', status: 'talks', amount_usd: 'lots' });
    expect(await noticeAfter(fx, badEdit, session.cookie)).toMatch(/amount_usd/);
    expect((await post(`/deals/${other.dealIds[0]}/merge`, { into: String(a) })).status).toBe(303);
    expect((await stateOf(other.dealIds[0])).mergedInto).toBe(a);
    const undo = await post('/undo');
    expect(await noticeAfter(fx, undo, session.cookie)).toMatch(/Undid merge/);
    expect((await stateOf(other.dealIds[0])).reviewState).toBe('pending');
    const history = await (await get(`/deals/${c}`)).text();
    expect(history).toMatch(/<td>edit<\/td>/);
    expect(history).toContain('GB200');
    const bulk = await fx.app.request('/deals/bulk-reject', {
      method: 'POST',
      body: new URLSearchParams([['_csrf', session.csrf], ['next', '/'], ['ids', String(c)], ['ids', String(other.dealIds[0])], ['reason', 'dupes']]),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await noticeAfter(fx, bulk, session.cookie)).toMatch(/Rejected 2/);
    // A conflicting action (already approved) comes back as a message, not an error page.
    const again = await post(`/deals/${a}/approve`);
    expect(await noticeAfter(fx, again, session.cookie)).toMatch(/approved/);
  });

  test('approved table with CSV (formula-safe) and JSON exports', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: '=HYPERLINK("x")', provider: 'Oracle', amount_usd: 3e9 })]);
    await post(`/deals/${dealIds[0]}/approve`);
    expect(await (await get('/deals/approved')).text()).toContain('=HYPERLINK(&quot;x&quot;)');
    // The exports live under /api (the old addresses redirect there); a session opens them.
    const csv = await (await get('/api/deals/approved.csv')).text();
    expect(csv.split('\r\n')[0]).toMatch(/^id,lab,provider,kind,status,amount_usd,gigawatts/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const json = (await (await get('/api/deals/approved.json')).json()) as { lab: string; review_state: string }[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((d) => d.review_state === 'approved')).toBe(true);
  });

  test('article page shows the text with every found deal marked', async () => {
    const text = 'Intro paragraph.\n\nOpenAI signed with Broadcom for 10 GW of custom chips. Later, OpenAI agreed to buy $38 billion from Amazon.';
    const e1 = 'OpenAI signed with Broadcom for 10 GW of custom chips.';
    const e2 = 'Later, OpenAI agreed to buy $38 billion from Amazon.';
    const { articleId } = await seedArticle(
      fx,
      [
        extracted({ provider: 'Broadcom', kind: 'chips', amount_usd: null, gigawatts: 10, evidence: e1, evidence_start: text.indexOf(e1), evidence_end: text.indexOf(e1) + e1.length }),
        extracted({ provider: 'Amazon', amount_usd: 38e9, gigawatts: null, evidence: e2, evidence_start: text.indexOf(e2), evidence_end: text.indexOf(e2) + e2.length }),
      ],
      { text, title: 'Two deals' },
    );
    const html = await (await get(`/articles/${articleId}`)).text();
    expect(html).toContain('Deals found (2)');
    expect(html.match(/class="evidence-hit"/g)).toHaveLength(2);
    expect(html).toContain('<p>Intro paragraph.</p>');
    expect((await get('/articles/999999')).status).toBe(404);
    expect((await get('/deals/999999')).status).toBe(404);
  });

  test('feeds, lanes and alerts pages are mounted behind the sign-in', async () => {
    const feedsPage = await get('/feeds');
    expect(feedsPage.status).toBe(200);
    expect(await feedsPage.text()).toMatch(/Outlet \d+/);
    expect((await get('/lanes')).status).toBe(200);
    expect((await get('/alerts')).status).toBe(200);
  });
});
