// The undo window in a real browser (Debian's chromium via playwright-core) against the web and notifier roles, real
// PostgreSQL and Redis, and a real webhook receiver on 127.0.0.1: approve, watch the countdown, undo within the
// window (nothing is delivered, ever); approve another and leave it (delivered once, after the window).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { alertDeliveries, alerts } from '../../src/db/schema.js';
import { queueNames, workerConnection } from '../../src/queue.js';
import type { RoleContext } from '../../src/role.js';
import { startWeb, type RunningWeb } from '../../src/web/server.js';
import { addUser } from '../../src/web/auth/users.js';
import { testRedisUrl } from '../helpers/services.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitFor } from '../helpers/service-env.js';
import { extracted, seedArticle, type ReviewFixture } from '../integration/review/fixture.js';
import { startHttpReceiver, type HttpReceiver } from '../integration/alerts/receivers.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`skipping the browser test: ${chromiumPath} is missing (apt-get install -y chromium)`);

let web: RunningWeb;
let browser: Browser;
let receiver: HttpReceiver;
const ids: Record<string, number> = {};

describe.skipIf(!haveChromium)('the undo window in a browser', () => {
  const env = useServiceTest({ queues: true });

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    const settings = env.settings({ ALERT_DELAY_SECONDS: '6', ALERT_WEBHOOK_URL: receiver.url('/hook'), ALERT_LOG: 'false', PUBLIC_URL: 'http://127.0.0.1' });
    const ctx: RoleContext = { settings, roles: ['web'], database: env.database, queues: env.queues, logger: pino({ level: 'silent' }), workerConnection: () => workerConnection(testRedisUrl) };
    web = await startWeb(ctx);
    await env.startService(['notifier'], settings);
    const fx = { database: env.database } as unknown as ReviewFixture;
    ids.spacex = (await seedArticle(fx, [extracted({ lab: 'Anthropic', provider: 'SpaceX', amount_usd: 30e9, evidence: 'Anthropic locked in a $30 billion compute pact with SpaceX.' })])).dealIds[0];
    ids.nvidia = (await seedArticle(fx, [extracted({ lab: 'xAI', provider: 'Nvidia', amount_usd: null, gigawatts: 0.75, evidence: 'xAI will buy 750 MW of Nvidia systems.' })])).dealIds[0];
    await addUser(env.db, 'analyst', 'review all day long');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await receiver?.close();
  });

  async function signedInPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${web.url}/login`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', 'review all day long');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit]')]);
    return page;
  }

  async function approveOnDealPage(page: Page, dealId: number): Promise<void> {
    await page.goto(`${web.url}/deals/${dealId}`);
    await Promise.all([page.waitForURL(/\/deals\/\d+\?/), page.click('form.act-approve button[type=submit]')]);
  }

  const alertOf = async (dealId: number) => (await env.db.select().from(alerts).where(eq(alerts.dealId, dealId)))[0];
  const deliveriesOf = async (alertId: number) => env.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId));
  const hooksFor = (alertId: number) => receiver.requests.filter((r) => (JSON.parse(r.body) as { alertId?: number }).alertId === alertId);
  const queueIdle = async () => Object.values(await env.queues.queue(queueNames.deliverAlert).getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0);

  test('undone within the window: the page says cancelled and nothing is ever delivered', async () => {
    const page = await signedInPage();
    await approveOnDealPage(page, ids.spacex);
    const status = page.locator('.kv .alert-status');
    const first = await status.innerText();
    expect(first).toMatch(/^sends in \d+ s$/);
    // The countdown moves in the page.
    await page.waitForFunction((before) => document.querySelector('.kv .alert-status')?.textContent !== before, first, { timeout: 5_000 });
    expect(Number(/\d+/.exec(await status.innerText())?.[0])).toBeLessThan(Number(/\d+/.exec(first)?.[0]));

    await Promise.all([page.waitForURL(/\/deals\/\d+\?/), page.click('#undo button[type=submit]')]);
    expect(await page.locator('.kv .alert-status').innerText()).toBe('cancelled: nothing sent');

    const alert = await alertOf(ids.spacex);
    await waitFor('the window to pass and the delayed job to run', async () => Date.now() > (alert.sendAfter?.getTime() ?? 0) && (await queueIdle()), 30_000);
    expect(hooksFor(alert.id)).toHaveLength(0);
    expect((await deliveriesOf(alert.id)).map((d) => d.state)).toEqual(['cancelled']);
    await page.close();
  });

  test('left alone: the countdown ends, and the receiver gets it once', async () => {
    const page = await signedInPage();
    await approveOnDealPage(page, ids.nvidia);
    expect(await page.locator('.kv .alert-status').innerText()).toMatch(/^sends in \d+ s$/);
    await page.waitForFunction(() => document.querySelector('.kv .alert-status')?.textContent === 'sending…', undefined, { timeout: 20_000 });

    const alert = await alertOf(ids.nvidia);
    await waitFor('the webhook delivery', async () => hooksFor(alert.id).length === 1, 20_000);
    await page.reload();
    expect(await page.locator('.kv .alert-status').innerText()).toMatch(/^sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await waitFor('the queue to be idle', queueIdle, 10_000);
    expect(hooksFor(alert.id)).toHaveLength(1);
    const [delivery] = await deliveriesOf(alert.id);
    expect(delivery.deliveredAt?.getTime()).toBeGreaterThanOrEqual(alert.sendAfter?.getTime() ?? Infinity);
    const body = JSON.parse(hooksFor(alert.id)[0].body) as { headline: string; deal: { gigawatts: number } };
    expect(body.headline).toBe('xAI added its first compute lane: Nvidia');
    await page.close();
  });
});
