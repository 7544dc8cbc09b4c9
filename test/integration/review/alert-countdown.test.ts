// The undo window on the pages (real app, PostgreSQL, Redis; no notifier runs, so the alert stays in its window):
// the approval's notice, the deal's card and page and the Alerts page say when the alert goes out, and after an
// undo that it was cancelled with nothing sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importBaseline, parseBaselineCsv } from '../../../src/lanes/baseline.js';
import { extracted, noticeAfter, openFixture, seedArticle, signIn, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let session: { cookie: string; csrf: string };
beforeAll(async () => {
  fx = await openFixture({ ALERT_DELAY_SECONDS: '120' });
  session = await signIn(fx);
});
afterAll(async () => {
  await fx?.close();
});

const get = async (path: string) => (await fx.app.request(path, { headers: { cookie: session.cookie } })).text();
const post = (path: string, fields: Record<string, string> = {}) =>
  fx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrf, next: '/', ...fields }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the undo window on the pages', () => {
  let dealId: number;

  test('the approval says when its alert goes out', async () => {
    dealId = (await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'SpaceX' })])).dealIds[0];
    const res = await post(`/deals/${dealId}/approve`);
    expect(res.status).toBe(303);
    // The notice travels in the signed flash cookie (never in the address) and is read on the page it returns to.
    expect(res.headers.get('location')).not.toContain('msg=');
    const msg = await noticeAfter(fx, res, session.cookie);
    expect(msg).toMatch(/^Approved #\d+ Anthropic → SpaceX — a new lane is open; alert #\d+ goes out in 2 min unless you undo\.$/);
  });

  test('the card, the deal page and the Alerts page count down to the send', async () => {
    const card = await get('/?state=approved');
    expect(card).toMatch(/<span class="alert-status waiting" data-send-after="[^"]+Z" data-prefix="alert #\d+ "[^>]*>alert #\d+ sends in (1 min( \d+ s)?|2 min)<\/span>/);
    expect(card).toContain('<script src="/static/countdown.js" defer></script>');
    const page = await get(`/deals/${dealId}`);
    expect(page).toMatch(/<dt>Alert<\/dt><dd><a href="\/alerts">#\d+<\/a> <span class="alert-status waiting" data-send-after="/);
    const alerts = await get('/alerts');
    expect(alerts).toContain('undo window: 2 min');
    expect(alerts).toMatch(/<h3>#\d+ <span class="alert-status waiting" data-send-after="[^"]+"[^>]*>sends in /);
    const script = await fx.app.request('/static/countdown.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('data-send-after');
  });

  test('after an undo within the window they say cancelled, nothing sent', async () => {
    const res = await post('/undo', { deal: String(dealId) });
    expect(res.status).toBe(303);
    const alerts = await get('/alerts');
    expect(alerts).toContain('<span class="alert-status cancelled">cancelled: nothing sent</span>');
    expect(alerts).not.toContain('data-send-after');
    expect(await get(`/deals/${dealId}`)).toContain('cancelled: nothing sent');
    expect(await get('/alerts')).not.toContain('correction of');
  });
});

describe('the deal page', () => {
  test('shows a baseline lane\'s first date with the precision it was given', async () => {
    await importBaseline(fx.database.db, parseBaselineCsv('lab,provider,kind,first_date,source_url\nMicrosoft,CoreWeave,cloud,2023,https://a.example/\n'));
    const dealId = (await seedArticle(fx, [extracted({ lab: 'Microsoft', provider: 'CoreWeave' })])).dealIds[0];
    const page = await get(`/deals/${dealId}`);
    expect(page).toContain('<dt>Lane</dt><dd>first reported 2023 (baseline)</dd>');
    expect(page).not.toContain('2023-01-01');
  });
});
