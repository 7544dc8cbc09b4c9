// The review desk's pages as plain HTTP (no browser): notices only from the server, merged cards with their sources
// and target, a lab named only earlier in the article, the Approved page's sort, filter and source links, lane
// dates with the precision they were given, and a Jobs page that names nothing off this machine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { lanes } from '../../../src/db/schema.js';
import { importBaseline, parseBaselineCsv } from '../../../src/lanes/baseline.js';
import { sealNotice } from '../../../src/web/flash.js';
import { formatGw, formatUsd } from '../../../src/format.js';
import { extracted, noticeAfter, noticeOn, openFixture, seedArticle, signIn, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let session: { cookie: string; csrf: string };
beforeAll(async () => {
  fx = await openFixture();
  session = await signIn(fx);
});
afterAll(async () => {
  await fx?.close();
});

const get = (path: string, cookie = session.cookie) => fx.app.request(path, { headers: { cookie } });
const post = (path: string, fields: Record<string, string> = {}) =>
  fx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrf, next: '/', ...fields }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
const flashOf = (res: Response) => /lw_flash=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;

describe('notices', () => {
  test('an action leaves a signed notice for the next page only; the address carries none', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'NoticeLab', provider: 'Oracle' })]);
    const res = await post(`/deals/${dealIds[0]}/approve`, { at: '3' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe('/?at=3#notice');
    expect(await noticeAfter(fx, res, session.cookie)).toMatch(new RegExp(`^Approved #${dealIds[0]} NoticeLab → Oracle — a new lane is open`));
    // The page that shows it clears it: a reload shows nothing.
    const shown = await get(location, `${session.cookie}; lw_flash=${flashOf(res)}`);
    expect(shown.headers.get('set-cookie')).toMatch(/lw_flash=;/);
    expect(noticeOn(await (await get(location)).text())).toBeNull();
  });

  test('a notice in the query string, an unsigned cookie or one sealed for another session shows nothing', async () => {
    const forged = 'Session expired: sign in again at http://evil.example';
    for (const path of [`/?msg=${encodeURIComponent(forged)}`, `/?err=${encodeURIComponent(forged)}`, `/deals/approved?msg=${encodeURIComponent(forged)}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toContain('Session expired');
      expect(noticeOn(html), path).toBeNull();
    }
    const payload = Buffer.from(JSON.stringify({ code: 'refused', message: forged })).toString('base64url');
    for (const value of [payload, `${payload}.bm9wZQ`, sealNotice({ code: 'refused', message: forged }, 'someone-elses-session')]) {
      const html = await (await get('/', `${session.cookie}; lw_flash=${value}`)).text();
      expect(html).not.toContain('Session expired');
    }
  });

  test('a refused action is a notice beside its card, not free text in the address', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'SelfMerge', provider: 'Oracle' })]);
    const res = await post(`/deals/${dealIds[0]}/merge`, { into: String(dealIds[0]), next: '/?lab=SelfMerge' });
    expect(res.headers.get('location')).toBe('/?lab=SelfMerge#notice');
    const flash = flashOf(res)!;
    const html = await (await get('/?lab=SelfMerge', `${session.cookie}; lw_flash=${flash}`)).text();
    expect(html).toMatch(new RegExp(`id="deal-${dealIds[0]}"[\\s\\S]*</article><div class="flash error notice" role="alert" id="notice" data-deal="${dealIds[0]}">`));
  });
});

describe('cards', () => {
  test('a merged card shows the sources it took and links to the deal it went into', async () => {
    const target = await seedArticle(fx, [extracted({ lab: 'MergeLab', provider: 'CoreWeave', evidence: 'MergeLab signed a $2 billion deal with CoreWeave.' })], { title: 'Target story' });
    const merged = await seedArticle(fx, [extracted({ lab: 'MergeLab', provider: 'CoreWeave', kind: 'datacenter', amount_usd: 40e9, evidence: 'CoreWeave will supply MergeLab, a filing showed.' })], { title: 'Merged story' });
    const res = await post(`/deals/${merged.dealIds[0]}/merge`, { into: String(target.dealIds[0]) });
    expect(await noticeAfter(fx, res, session.cookie)).toBe(`Merged #${merged.dealIds[0]} into #${target.dealIds[0]}.`);
    const html = await (await get('/?state=merged&lab=MergeLab')).text();
    const card = html.slice(html.indexOf(`id="deal-${merged.dealIds[0]}"`));
    expect(card).toMatch(new RegExp(`Merged into <a class="into" href="/deals/${target.dealIds[0]}">#${target.dealIds[0]} MergeLab → CoreWeave</a>`));
    expect(card).toContain('will supply <mark class="lab">MergeLab</mark>, a filing showed.');
    expect(card).toContain(`href="/articles/${merged.articleId}"`);
    expect(card).not.toContain('signed a <mark class="money">$2 billion</mark>');
    const page = await (await get(`/deals/${merged.dealIds[0]}`)).text();
    expect(page).toContain('will supply <mark class="lab">MergeLab</mark>');
    expect(page).toMatch(new RegExp(`<a class="into" href="/deals/${target.dealIds[0]}">`));
  });

  test('a lab the evidence does not name is marked as taken from context, with the sentence that names it', async () => {
    const before = 'Mistral AI raised new money on Monday. Its chief executive spoke in Paris. ';
    const evidence = 'The company will rent 18,000 GPUs from Nscale for $2 billion.';
    await seedArticle(fx, [extracted({ lab: 'Mistral AI', provider: 'Nscale', evidence, evidence_start: before.length, evidence_end: before.length + evidence.length })], { text: before + evidence });
    await seedArticle(fx, [extracted({ lab: 'Named Lab', provider: 'Nscale', evidence: 'Named Lab will rent GPUs from Nscale.' })]);
    const html = await (await get('/?provider=Nscale')).text();
    expect(html).toMatch(/<span class="badge inferred">lab from context<\/span> “<mark class="lab">Mistral AI<\/mark> raised new money on Monday\.”/);
    expect(html.match(/lab from context/g)?.length).toBe(1);
  });

  test('an approval that opens a lane says so beside Approve; one on a pair with a lane does not', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'LaneNoteLab', provider: 'Oracle' }), extracted({ lab: 'LaneNoteLab', provider: 'Nvidia', kind: 'chips' })]);
    await fx.database.db.insert(lanes).values({ lab: 'LaneNoteLab', provider: 'Nvidia', origin: 'baseline', openedAt: new Date('2024-01-01T00:00:00Z') });
    const html = await (await get('/?lab=LaneNoteLab')).text();
    const card = (id: number) => html.slice(html.indexOf(`id="deal-${id}"`), html.indexOf('</article>', html.indexOf(`id="deal-${id}"`)));
    expect(card(dealIds[0])).toContain(`<span class="lane-note" id="lane-note-${dealIds[0]}">Approving opens a new lane for LaneNoteLab and sends an alert</span>`);
    expect(card(dealIds[1])).not.toContain('lane-note');
  });
});

describe('deal page history', () => {
  test('names fields and shows values as the page does, not as stored (no amountUsd, no raw numbers)', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'HistoryLab', provider: 'Oracle', kind: 'cloud', status: 'announced', amount_usd: 3e9, gigawatts: 1 })]);
    const edit = await post(`/deals/${dealIds[0]}/edit`, { lab: 'HistoryLab', provider: 'Oracle', kind: 'cloud', status: 'announced', amount_usd: '30b', gigawatts: '750mw', hardware: '' });
    expect(await noticeAfter(fx, edit, session.cookie)).toMatch(/^Saved #\d+: amount, power\.$/);
    const html = await (await get(`/deals/${dealIds[0]}`)).text();
    const history = html.slice(html.indexOf('<table class="data history">'));
    expect(history).toContain(`Amount: <del>${formatUsd(3e9)}</del> → <ins>${formatUsd(30e9)}</ins>`);
    expect(history).toContain(`Power: <del>${formatGw(1)}</del> → <ins>${formatGw(0.75)}</ins>`);
    expect(history.match(/.{0,80}(?:amountUsd|gigawatts:|reviewState).{0,80}/g)).toBeNull();
  });
});

describe('Approved page', () => {
  test('sorts by a column both ways, filters, and links every source', async () => {
    const made = await Promise.all(
      [
        ['SortLab', 'Alpha Cloud', 5e9],
        ['SortLab', 'Beta Cloud', 50e9],
        ['SortLab', 'Gamma Cloud', 0.5e9],
        ['OtherSortLab', 'Delta Cloud', 9e9],
      ].map(([lab, provider, amount]) => seedArticle(fx, [extracted({ lab: lab as string, provider: provider as string, amount_usd: amount as number, evidence: `${lab} buys from ${provider}.` })], { outlet: `${provider} Times` })),
    );
    for (const m of made) expect((await post(`/deals/${m.dealIds[0]}/approve`)).status).toBe(303);
    const order = (html: string) => [...html.matchAll(/<tr data-id="(\d+)">/g)].map((m) => Number(m[1]));
    const [alpha, beta, gamma, delta] = made.map((m) => m.dealIds[0]);
    const byAmount = await (await get('/deals/approved?lab=SortLab&sort=amount')).text();
    expect(order(byAmount)).toEqual([beta, alpha, gamma]);
    expect(byAmount).toContain('aria-sort="descending"');
    expect(order(await (await get('/deals/approved?lab=SortLab&sort=amount&dir=asc')).text())).toEqual([gamma, alpha, beta]);
    expect(order(await (await get('/deals/approved?lab=SortLab&sort=provider')).text())).toEqual([alpha, beta, gamma]);
    expect(order(await (await get('/deals/approved?provider=Delta%20Cloud')).text())).toEqual([delta]);
    // Each row links its sources: the article page and the original.
    const row = byAmount.slice(byAmount.indexOf(`<tr data-id="${alpha}">`), byAmount.indexOf('</tr>', byAmount.indexOf(`<tr data-id="${alpha}">`)));
    expect(row).toMatch(new RegExp(`<a href="/articles/${made[0].articleId}"[^>]*>Alpha Cloud Times</a>`));
    expect(row).toMatch(/<a class="ext" href="http:\/\/127\.0\.0\.1\/articles\/\d+\.html" rel="noopener noreferrer"/);
  });

  test('a bad sort or filter is a 400 that says which', async () => {
    const res = await get('/deals/approved?sort=colour');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Bad filter: sort: /);
    const kind = await get('/deals/approved?kind=spaceship');
    expect(kind.status).toBe(400);
    expect(await kind.text()).toMatch(/kind: /);
  });
});

describe('lane map', () => {
  test('year-only and month-only baseline dates are stored and shown as given; baseline lanes read "baseline"', async () => {
    const rows = parseBaselineCsv('lab,provider,kind,first_date,source_url\nPrecisionLab,Year Cloud,cloud,2023,https://example.com/a\nPrecisionLab,Month Cloud,cloud,2025-09,https://example.com/b\nPrecisionLab,Day Cloud,cloud,2025-10-06,https://example.com/c\n');
    expect(rows.map((r) => r.firstDatePrecision)).toEqual(['year', 'month', 'day']);
    await fx.database.db.transaction((tx) => importBaseline(tx, rows));
    const stored = await fx.database.db.select().from(lanes).where(eq(lanes.lab, 'PrecisionLab'));
    expect(Object.fromEntries(stored.map((l) => [l.provider, l.openedAtPrecision]))).toEqual({ 'Year Cloud': 'year', 'Month Cloud': 'month', 'Day Cloud': 'day' });
    const html = await (await get('/lanes?lab=PrecisionLab')).text();
    expect(html).toMatch(/<td class="name">Year Cloud<\/td><td>cloud<\/td><td class="num">2023<\/td>/);
    expect(html).toMatch(/<td class="name">Month Cloud<\/td><td>cloud<\/td><td class="num">2025-09<\/td>/);
    expect(html).toMatch(/<td class="name">Day Cloud<\/td><td>cloud<\/td><td class="num">2025-10-06<\/td>/);
    expect(html).not.toContain('2023-01-01');
    expect(html).not.toContain('2025-09-01');
    expect(html).not.toMatch(/\b0 deals\b/);
    expect(html).toContain('<span class="badge baseline">baseline</span>');
    // The deal page of a candidate on that pair gives the lane's date the same way.
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'PrecisionLab', provider: 'Year Cloud' })]);
    expect(await (await get(`/deals/${dealIds[0]}`)).text()).toContain('<dt>Lane</dt><dd>first reported 2023 (baseline)</dd>');
    // Re-importing with a full date makes it a day again.
    await fx.database.db.transaction((tx) => importBaseline(tx, parseBaselineCsv('lab,provider,kind,first_date,source_url\nPrecisionLab,Year Cloud,cloud,2023-04-05,https://example.com/a\n')));
    const [again] = await fx.database.db.select().from(lanes).where(eq(lanes.provider, 'Year Cloud'));
    expect(again.openedAtPrecision).toBe('day');
  });
});

describe('Jobs page', () => {
  test('names no stylesheet, font or script off this machine and links back to the desk', async () => {
    const res = await get('/queues');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
    expect(html).not.toMatch(/<(?:link|script)[^>]+(?:href|src)="(?:https?:)?\/\//i);
    expect(html).toContain('<link rel="stylesheet" href="/static/board.css">');
    expect(html).toMatch(/<a class="lw-back" href="\/"/);
    const css = await get('/static/board.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
