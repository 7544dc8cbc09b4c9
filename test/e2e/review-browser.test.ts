// The review UI in a real browser (Debian's chromium via playwright-core) against a real HTTP server, PostgreSQL
// and Redis: sign in, review with the keyboard, approve, reject, edit, merge, undo; XSS stays text; strangers refused.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { loadSettings } from '../../src/config.js';
import { deals } from '../../src/db/schema.js';
import { workerConnection } from '../../src/queue.js';
import type { RoleContext } from '../../src/role.js';
import { startWeb, type RunningWeb } from '../../src/web/server.js';
import { addUser } from '../../src/web/auth/users.js';
import { testRedisUrl } from '../helpers/services.js';
import { useServiceTest } from '../helpers/service-test.js';
import { extracted, seedArticle, type ReviewFixture } from '../integration/review/fixture.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`skipping the browser test: ${chromiumPath} is missing (apt-get install -y chromium)`);
const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

let web: RunningWeb;
let browser: Browser;
const ids: Record<string, number> = {};

describe.skipIf(!haveChromium)('review in a browser', () => {
  const env = useServiceTest({ queues: true });

  beforeAll(async () => {
    const { database } = env;
    const settings = loadSettings({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: env.prefix, HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' });
    const ctx: RoleContext = { settings, roles: ['web'], database, queues: env.queues, logger: pino({ level: 'silent' }), workerConnection: () => workerConnection(testRedisUrl) };
    web = await startWeb(ctx);
    // The fixture helpers need only the database.
    const fx = { database } as unknown as ReviewFixture;
    const seed = async (key: string, d: Parameters<typeof extracted>[0], title?: string, published = '2025-10-01T09:00:00Z') => {
      ids[key] = (await seedArticle(fx, [extracted(d)], { title, published: new Date(published) })).dealIds[0];
    };
    await seed('oracle', { lab: 'OpenAI', provider: 'Oracle', amount_usd: 300e9, gigawatts: 4.5, confidence: 0.95, evidence: 'Oracle signed a $300 billion, 4.5-gigawatt cloud contract with OpenAI.' }, 'Oracle confirms $300 billion compute contract with OpenAI');
    await seed('oracle2', { lab: 'OpenAI', provider: 'Oracle', amount_usd: 300e9, gigawatts: 4.5, confidence: 0.8, evidence: 'OpenAI will buy about $300bn of capacity from Oracle over five years.' }, 'OpenAI and Oracle: the biggest cloud deal yet', '2025-10-02T09:00:00Z');
    await seed('nvidia', { lab: 'OpenAI', provider: 'Nvidia', kind: 'chips', amount_usd: 100e9, gigawatts: 10, hardware: 'Vera Rubin', confidence: 0.9, evidence: 'Nvidia intends to invest up to $100 billion in OpenAI as it deploys 10 gigawatts of Nvidia systems.' }, 'Nvidia to invest $100 billion in OpenAI');
    await seed('xss', { lab: 'Anthropic', provider: 'Google', kind: 'chips', amount_usd: null, gigawatts: 1, confidence: 0.85, evidence: 'Anthropic will use up to one million Google TPUs, well over a gigawatt of capacity <script>alert(1)</script>.' }, '<script>alert(1)</script> Anthropic expands Google TPU use');
    await seed('meta', { lab: 'Meta', provider: 'CoreWeave', amount_usd: 14.2e9, gigawatts: null, confidence: 0.7, evidence: 'CoreWeave said Meta agreed to a $14.2 billion deal for computing power.' }, 'CoreWeave lands $14.2 billion Meta contract');
    await seed('meta2', { lab: 'Meta', provider: 'CoreWeave', amount_usd: 1.42e9, gigawatts: null, confidence: 0.4, evidence: 'Meta is paying CoreWeave $1.42bn, a filing showed.' }, 'Filing: Meta pays CoreWeave', '2025-10-03T09:00:00Z');
    await seed('talks', { lab: 'xAI', provider: 'Saudi Humain', kind: 'datacenter', status: 'talks', amount_usd: null, gigawatts: 0.5, confidence: 0.55, evidence: 'xAI is in talks with Humain over a 500 MW data centre in Saudi Arabia.' }, 'xAI in talks for Saudi data centre');
    await addUser(database.db, 'analyst', 'review all day long');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const state = async (key: string) => (await env.db.select().from(deals).where(eq(deals.id, ids[key])))[0];

  async function signedInPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()} (script injection)`);
    });
    await page.goto(`${web.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', 'review all day long');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit]')]);
    return page;
  }

  test('a request without a session is refused', async () => {
    const api = await fetch(`${web.url}/api/deals`);
    expect(api.status).toBe(401);
    const pageRes = await fetch(`${web.url}/`, { redirect: 'manual' });
    expect(pageRes.status).toBe(303);
    expect(pageRes.headers.get('location')).toMatch(/^\/login/);
    const board = await fetch(`${web.url}/queues`, { redirect: 'manual' });
    expect(board.status).toBe(303);
  });

  test('sign in, see the queue (screenshot), XSS stays text', async () => {
    const page = await signedInPage();
    expect(await page.locator('.card').count()).toBe(6);
    // The two Oracle reports are one candidate with two sources.
    const oracle = page.locator(`#deal-${ids.oracle}`);
    expect(await oracle.locator('.evidence li').count()).toBe(2);
    expect(await oracle.locator('.badge.lane').count()).toBe(1);
    const xss = page.locator(`#deal-${ids.xss}`);
    expect(await xss.locator('.evidence').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}queue.png`, fullPage: false });
    await page.click('a.open[href="/deals/' + ids.xss + '"]');
    expect(await page.locator('h1').innerText()).toContain('Anthropic');
    await page.click(`.evidence a[href^="/articles/"]`);
    expect(await page.locator('h1').innerText()).toBe('<script>alert(1)</script> Anthropic expands Google TPU use');
    await page.close();
  });

  test('review with the keyboard: j/k, approve, reject, edit, merge, undo, help', async () => {
    const page = await signedInPage();
    const cards = page.locator('.card');
    const currentId = async () => Number(await page.locator('.card.current').getAttribute('data-id'));
    const first = await currentId();
    expect(first).toBe(Number(await cards.nth(0).getAttribute('data-id')));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const second = Number(await cards.nth(1).getAttribute('data-id'));
    expect(await currentId()).toBe(second);

    // a: approve the current card; the page comes back with the next candidate at the same place.
    await Promise.all([page.waitForURL(/at=1/), page.keyboard.press('a')]);
    await expect.poll(() => page.locator('#notice').innerText()).toContain(`Approved #${second}`);
    expect((await env.db.select().from(deals).where(eq(deals.id, second)))[0].reviewState).toBe('approved');
    const next = await currentId();
    expect(next).not.toBe(second);
    expect(next).toBe(Number(await cards.nth(1).getAttribute('data-id')));

    // r: type a reason, Enter.
    const rejectId = await currentId();
    await page.keyboard.press('r');
    await page.keyboard.type('same story, wrong amount');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('#notice').innerText()).toContain(`Rejected #${rejectId}`);
    const rejected = (await env.db.select().from(deals).where(eq(deals.id, rejectId)))[0];
    expect(rejected.reviewState).toBe('rejected');
    expect(rejected.rejectReason).toBe('same story, wrong amount');

    // u: undo brings it back.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('u')]);
    await expect.poll(() => page.locator('#notice').innerText()).toContain(`Undid reject on #${rejectId}`);
    expect((await env.db.select().from(deals).where(eq(deals.id, rejectId)))[0].reviewState).toBe('pending');

    // e: edit the talks candidate's power.
    const talks = await cards.evaluateAll((els, id) => els.findIndex((e) => e.getAttribute('data-id') === String(id)), ids.talks);
    await page.locator('.card').nth(talks).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    const gw = page.locator(`#deal-${ids.talks} input[name=gigawatts]`);
    await gw.fill('0.6');
    await Promise.all([page.waitForNavigation(), gw.press('Enter')]);
    expect((await state('talks')).gigawatts).toBe(0.6);

    // m: merge the second Meta report into the first.
    const meta2 = await cards.evaluateAll((els, id) => els.findIndex((e) => e.getAttribute('data-id') === String(id)), ids.meta2);
    await page.locator('.card').nth(meta2).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('m');
    const into = page.locator(`#deal-${ids.meta2} input[name=into]`);
    await into.fill(String(ids.meta));
    await Promise.all([page.waitForNavigation(), into.press('Enter')]);
    expect((await state('meta2')).mergedInto).toBe(ids.meta);
    expect(await page.locator(`#deal-${ids.meta2}`).count()).toBe(0);
    expect(await page.locator(`#deal-${ids.meta} .facts`).innerText()).toMatch(/SOURCES\s*2|Sources\s*2/i);

    // ?: help.
    await page.keyboard.press('?');
    expect(await page.locator('#help.open').isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    // The deal page shows the history of what was done.
    await page.goto(`${web.url}/deals/${ids.meta}`);
    expect(await page.locator('table.history').innerText()).toMatch(/merge-in/);
    expect(await page.locator('.disagree').innerText()).toMatch(/amount/);
    await page.screenshot({ path: `${artifacts}deal.png`, fullPage: true });
    await page.goto(`${web.url}/deals/${rejectId}`);
    const history = await page.locator('table.history').innerText();
    expect(history).toMatch(/reject/);
    expect(history).toMatch(/undo/);

    // The deal page takes the same keys.
    await page.goto(`${web.url}/deals/${ids.xss}`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('a')]);
    expect((await state('xss')).reviewState).toBe('approved');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('u')]);
    expect((await state('xss')).reviewState).toBe('pending');
    await page.close();
  });

  test('without JavaScript every action still works as a form', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${web.url}/login`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', 'review all day long');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit]')]);
    const id = Number(await page.locator('.card').first().getAttribute('data-id'));
    await Promise.all([page.waitForNavigation(), page.locator('.card').first().locator('button.approve').click()]);
    expect(await page.locator('#notice').innerText()).toContain(`Approved #${id}`);
    expect((await env.db.select().from(deals).where(eq(deals.id, id)))[0].reviewState).toBe('approved');
    await ctx.close();
  });
});
