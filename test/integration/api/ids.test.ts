// Ids are plain digits everywhere one is taken: "0x20", "1e3", "-1", " 1", "032" and "+1" name no deal, alert or
// article, in the API (400 JSON) and on the pages and forms (404 or a message, nothing changed). Undo answers in
// snake_case, and the deal page's history in a reviewer's words.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { deals } from '../../../src/db/schema.js';
import { approveDeal } from '../../../src/deals/review.js';
import { formatGw, formatUsd } from '../../../src/web/format.js';
import { parsePlainId } from '../../../src/web/ids.js';
import { api, bearer, extracted, noticeAfter, openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';
import { newSession, type Session } from './cases.js';
import { nonSnakeKeys } from './schema-check.js';

let fx: ReviewFixture;
let session: Session;
let first: number;
beforeAll(async () => {
  fx = await openFixture();
  session = await newSession(fx);
  first = (await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'Google' })])).dealIds[0];
});
afterAll(async () => {
  await fx?.close();
});

const stateOf = async (id: number) => (await fx.database.db.select().from(deals).where(eq(deals.id, id)))[0];

/** Spellings that Number() or z.coerce would read as the id n. */
function misspellings(n: number): string[] {
  return [`0x${n.toString(16)}`, `${n}e0`, `0${n}`, `+${n}`, ` ${n}`, `${n}%20`, `${n}.0`, `0b${n.toString(2)}`, `-${n}`, `%20${n}`, `${n}%0A`];
}

describe('parsePlainId', () => {
  test('takes digits only, within the table ids', () => {
    expect(parsePlainId('32')).toBe(32);
    expect(parsePlainId('2147483647')).toBe(2_147_483_647);
    for (const v of ['0x20', '1e3', '-1', ' 1', '1 ', '032', '+1', '1.0', '0', '', '٣', '2147483648', '9'.repeat(17)]) expect(parsePlainId(v), JSON.stringify(v)).toBeNull();
    expect(parsePlainId(32)).toBeNull();
    expect(parsePlainId(undefined)).toBeNull();
  });
});

describe('the API', () => {
  test('/api/deals/0x20, 1e3, -1, " 1" and the like are a 400 naming the id, never the deal', async () => {
    const deal = await api(fx, 'GET', `/api/deals/${first}`);
    expect(deal.status).toBe(200);
    for (const spelled of [...misspellings(first), '1e3', '-1', 'abc']) {
      for (const [method, suffix, body] of [['GET', '', undefined], ['POST', '/approve', {}], ['PATCH', '', { lab: 'X' }]] as const) {
        const r = await api(fx, method, `/api/deals/${spelled}${suffix}`, body);
        expect(r.status, `${method} ${spelled}${suffix}`).toBe(400);
        expect(r.json.error).toBe('bad_request');
        expect(String(r.json.message), spelled).toMatch(/^id: must be a plain positive integer/);
      }
    }
    expect((await stateOf(first)).reviewState).toBe('pending');
    expect((await stateOf(first)).lab).toBe('Anthropic');
  });

  test('a well-formed id with nothing behind it is a 404, including ids beyond the table', async () => {
    for (const path of ['/api/deals/999999', '/api/deals/2147483648', '/api/deals/9999999999999999', '/api/articles/999999', '/api/articles/9999999999999999']) {
      const r = await api(fx, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(r.json.error, path).toBe('not_found');
    }
    expect((await api(fx, 'POST', '/api/alerts/999999/retry', {})).status).toBe(404);
  });

  test('article and alert ids are plain digits too', async () => {
    const { articleId, dealIds } = await seedArticle(fx, [extracted({ lab: 'Ids Labs', provider: 'Oracle' })]);
    expect((await api(fx, 'GET', `/api/articles/${articleId}`)).status).toBe(200);
    const { alertId } = await approveDeal({ db: fx.database.db, settings: fx.settings }, dealIds[0], 'someone');
    expect(alertId).not.toBeNull();
    for (const spelled of misspellings(articleId)) expect((await api(fx, 'GET', `/api/articles/${spelled}`)).status, spelled).toBe(400);
    for (const spelled of misspellings(alertId!)) expect((await api(fx, 'POST', `/api/alerts/${spelled}/retry`, {})).status, spelled).toBe(400);
  });
});

describe('the pages and forms', () => {
  const form = (path: string, fields: Record<string, string>) =>
    fx.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: session.csrf, next: '/', ...fields }),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });

  test('/deals/0x20 and friends are not a deal page', async () => {
    expect((await fx.app.request(`/deals/${first}`, { headers: { cookie: session.cookie } })).status).toBe(200);
    for (const spelled of misspellings(first)) {
      const res = await fx.app.request(`/deals/${spelled}`, { headers: { cookie: session.cookie } });
      expect(res.status, spelled).toBe(404);
      const approve = await form(`/deals/${spelled}/approve`, {});
      expect(approve.status, spelled).toBe(404);
    }
    expect((await stateOf(first)).reviewState).toBe('pending');
  });

  test('a merge target, a bulk-reject id or an undo deal spelled otherwise changes nothing', async () => {
    const a = (await seedArticle(fx, [extracted({ lab: 'Form Labs', provider: 'Oracle', amount_usd: 10e9 })])).dealIds[0];
    const b = (await seedArticle(fx, [extracted({ lab: 'Form Labs', provider: 'Oracle', amount_usd: 100e9 })])).dealIds[0];
    for (const spelled of misspellings(a).map(decodeURIComponent)) {
      const res = await form(`/deals/${b}/merge`, { into: spelled });
      expect(res.status, spelled).toBe(303);
      expect(await noticeAfter(fx, res, session.cookie), spelled).toMatch(/number of the deal/);
      const bulk = await form('/deals/bulk-reject', { ids: spelled });
      expect(await noticeAfter(fx, bulk, session.cookie), spelled).toMatch(/Select candidates/);
    }
    expect((await stateOf(b)).reviewState).toBe('pending');
    expect((await stateOf(a)).reviewState).toBe('pending');
    // The same merge with the id as digits goes through.
    expect(await noticeAfter(fx, await form(`/deals/${b}/merge`, { into: String(a) }), session.cookie)).toMatch(/^Merged/);
  });

  test('retrying alert 0x1 on the alerts page is refused', async () => {
    const res = await form('/alerts/0x1/retry', {});
    expect(res.status).toBe(400);
  });
});

describe('snake_case and readable history', () => {
  test('POST /api/undo answers amount_usd and review_state, in the event and the deal', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Undo Labs', provider: 'Oracle', amount_usd: 5e9 })]);
    expect((await api(fx, 'PATCH', `/api/deals/${dealIds[0]}`, { amount_usd: 6e9 })).status).toBe(200);
    const u = await api(fx, 'POST', '/api/undo', { deal_id: dealIds[0] });
    expect(u.status).toBe(200);
    expect(nonSnakeKeys(u.json)).toEqual([]);
    const undone = u.json.undone as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(undone.before).toMatchObject({ amount_usd: 5e9, review_state: 'pending' });
    expect(undone.after).toMatchObject({ amount_usd: 6e9 });
    expect(u.json.deal).toMatchObject({ amount_usd: 5e9, review_state: 'pending' });
    const shown = await api(fx, 'GET', `/api/deals/${dealIds[0]}`);
    expect(nonSnakeKeys(shown.json)).toEqual([]);
  });

  test("the deal page's history names fields as a reviewer reads them, with amounts and power formatted", async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'History Labs', provider: 'Oracle', amount_usd: 5e9, gigawatts: 1 })]);
    await api(fx, 'PATCH', `/api/deals/${dealIds[0]}`, { amount_usd: 6e9, gigawatts: 0.75 });
    await api(fx, 'POST', `/api/deals/${dealIds[0]}/reject`, { reason: 'duplicate' });
    const page = await (await fx.app.request(`/deals/${dealIds[0]}`, { headers: { cookie: session.cookie } })).text();
    const history = page.slice(page.indexOf('class="data history"'));
    expect(history).toContain(`Amount: <del>${formatUsd(5e9)}</del> → <ins>${formatUsd(6e9)}</ins>`);
    expect(history).toContain(`Power: <del>${formatGw(1)}</del> → <ins>${formatGw(0.75)}</ins>`);
    expect(history).toContain('Review state: <del>pending</del> → <ins>rejected</ins>');
    expect(history).toContain('Reject reason: <del>∅</del> → <ins>duplicate</ins>');
    expect(history).not.toMatch(/amountUsd|reviewState|rejectReason|mergedInto/);
    const json = await fx.app.request(`/api/deals/${dealIds[0]}`, { headers: bearer });
    expect(await json.text()).not.toMatch(/amountUsd|reviewState|rejectReason|mergedInto/);
  });
});
