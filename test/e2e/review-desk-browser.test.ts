// The review desk an analyst can trust, in a real browser (Debian's chromium via playwright-core) against a real
// HTTP server, PostgreSQL and Redis: keys that cannot misfire, notices that cannot be forged and sit beside the card
// acted on, the lane map at 1024 and 1920 px, and a Jobs page that loads nothing from off this machine.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { asc, eq } from 'drizzle-orm';
import { loadSettings } from '../../src/config.js';
import { deals, lanes } from '../../src/db/schema.js';
import { importBaseline, parseBaselineCsv } from '../../src/lanes/baseline.js';
import { projectPath } from '../../src/paths.js';
import { workerConnection } from '../../src/queue.js';
import type { RoleContext } from '../../src/role.js';
import { startWeb, type RunningWeb } from '../../src/web/server.js';
import { addUser } from '../../src/web/auth/users.js';
import { sealNotice } from '../../src/web/flash.js';
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

describe.skipIf(!haveChromium)('the review desk in a browser', () => {
  const env = useServiceTest({ queues: true });

  beforeAll(async () => {
    const { database } = env;
    const settings = loadSettings({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: env.prefix, HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' });
    const ctx: RoleContext = { settings, roles: ['web'], database, queues: env.queues, logger: pino({ level: 'silent' }), workerConnection: () => workerConnection(testRedisUrl) };
    web = await startWeb(ctx);
    const fx = { database } as unknown as ReviewFixture;
    const seed = async (key: string, d: Parameters<typeof extracted>[0], options: { title?: string; text?: string } = {}) => {
      ids[key] = (await seedArticle(fx, [extracted(d)], { title: options.title, text: options.text, published: new Date('2025-10-01T09:00:00Z') })).dealIds[0];
    };
    await database.db.transaction(async (tx) => importBaseline(tx, parseBaselineCsv(readFileSync(projectPath('config/lanes.csv'), 'utf8'))));
    await seed('cerebras', { lab: 'OpenAI', provider: 'Cerebras', kind: 'chips', amount_usd: 10e9, gigawatts: 0.75, confidence: 0.95, evidence: 'OpenAI agreed to buy $10 billion of compute from Cerebras, 750 MW over three years.' });
    await seed('oracle', { lab: 'OpenAI', provider: 'Oracle', amount_usd: 300e9, gigawatts: 4.5, confidence: 0.9, evidence: 'Oracle signed a $300 billion, 4.5-gigawatt cloud contract with OpenAI.' });
    await seed('meta', { lab: 'Meta', provider: 'CoreWeave', amount_usd: 14.2e9, gigawatts: null, confidence: 0.85, evidence: 'CoreWeave said Meta agreed to a $14.2 billion deal for computing power.' });
    await seed('meta2', { lab: 'Meta', provider: 'CoreWeave', amount_usd: 14e9, gigawatts: null, confidence: 0.8, evidence: 'Meta is paying CoreWeave about $14bn, a filing showed.' });
    await seed('xai', { lab: 'xAI', provider: 'Oracle', amount_usd: null, gigawatts: 1, confidence: 0.75, evidence: 'xAI will rent a gigawatt of Oracle capacity in Abilene.' });
    const before = 'Mistral AI raised new money on Monday. ';
    const evidence = 'The company will rent 18,000 GPUs from Nscale for $2 billion.';
    await seed('mistral', { lab: 'Mistral', provider: 'Nscale', amount_usd: 2e9, gigawatts: null, confidence: 0.7, evidence, evidence_start: before.length, evidence_end: before.length + evidence.length }, { text: before + evidence });
    await seed('anthropic', { lab: 'Anthropic', provider: 'Google', kind: 'chips', amount_usd: null, gigawatts: 1, confidence: 0.65, evidence: 'Anthropic will use up to one million Google TPUs, well over a gigawatt.' });
    await seed('humain', { lab: 'xAI', provider: 'Saudi Humain', kind: 'datacenter', status: 'talks', amount_usd: null, gigawatts: 0.5, confidence: 0.55, evidence: 'xAI is in talks with Humain over a 500 MW data centre in Saudi Arabia.' });
    await addUser(database.db, 'analyst', 'review all day long');
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const snapshot = async () => (await env.db.select({ id: deals.id, state: deals.reviewState, version: deals.version, lab: deals.lab, hardware: deals.hardware }).from(deals).orderBy(asc(deals.id)));
  const stateOf = async (key: string) => (await env.db.select().from(deals).where(eq(deals.id, ids[key])))[0];

  async function signedInPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
    await page.goto(`${web.url}/login`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', 'review all day long');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit]')]);
    return page;
  }

  /** What has focus: its name, or the card's id. */
  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName ?? '', name: el?.getAttribute('name') ?? '', id: el?.id ?? '', type: el?.getAttribute('type') ?? '' };
  });
  const currentId = async (page: Page) => Number(await page.locator('.card.current').getAttribute('data-id'));
  const moveTo = async (page: Page, id: number) => {
    const index = await page.locator('.card').evaluateAll((els, want) => els.findIndex((e) => e.getAttribute('data-id') === String(want)), id);
    expect(index).toBeGreaterThanOrEqual(0);
    const now = await page.locator('.card').evaluateAll((els) => els.findIndex((e) => e.classList.contains('current')));
    for (let i = now; i < index; i++) await page.keyboard.press('j');
    for (let i = now; i > index; i--) await page.keyboard.press('k');
    expect(await currentId(page)).toBe(id);
    return index;
  };
  const allShortcuts = 'ajrkemxou? AJREMXOU aws arm ure';

  test('typing in every form changes no deal; modifiers fire nothing; Escape closes and returns focus to the card', async () => {
    const page = await signedInPage();
    const before = await snapshot();
    const start = page.url();
    const card = await currentId(page);

    for (const [key, field] of [['r', 'reason'], ['e', 'lab'], ['m', 'into']] as const) {
      await page.keyboard.press(key);
      // The panel's first visible field has focus, never the hidden CSRF field.
      expect(await focused(page), key).toMatchObject({ tag: 'INPUT', name: field });
      expect(await page.locator(`#deal-${card} details[open]`).count()).toBe(1);
      await page.keyboard.type(allShortcuts);
      await page.keyboard.press('Escape');
      expect(await page.locator(`#deal-${card} details[open]`).count(), key).toBe(0);
      expect(await focused(page), key).toMatchObject({ id: `deal-${card}` });
    }

    // The same panels opened with the mouse focus their first field too.
    await page.locator(`#deal-${card} details.act-edit > summary`).click();
    // (The details element's toggle event comes a task after the click.)
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'INPUT', name: 'lab' });
    await page.keyboard.type('aws');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toMatchObject({ id: `deal-${card}` });

    // The search box, the filters and the bulk reason box.
    await page.locator('input[name=q]').click();
    await page.keyboard.type(allShortcuts);
    await page.keyboard.press('Escape');
    await page.locator('select[name=kind][aria-label=kind]').focus();
    await page.keyboard.type('ar');
    await page.locator('input[name=reason][aria-label="bulk reject reason"]').click();
    await page.keyboard.type(allShortcuts);
    await page.keyboard.press('Escape');

    // Keys with a modifier are the browser's, never a review action.
    await page.locator(`#deal-${card} .pair`).click();
    for (const chord of ['Control+a', 'Alt+a', 'Meta+a', 'Shift+A', 'Control+u', 'Alt+u', 'Shift+U', 'Alt+r', 'Control+Shift+A']) await page.keyboard.press(chord);

    // An open help dialog has focus and takes the keys too; Escape gives focus back to the card.
    await page.keyboard.press('?');
    expect(await page.locator('#help.open').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.closest('#help') !== null)).toBe(true);
    await page.keyboard.type(allShortcuts);
    await page.keyboard.press('Escape');
    expect(await page.locator('#help.open').count()).toBe(0);
    expect(await focused(page)).toMatchObject({ id: `deal-${card}` });

    await page.waitForTimeout(300);
    expect(page.url()).toBe(start);
    expect(await snapshot()).toEqual(before);

    // The deal page's forms, the same way.
    const dealUrl = `${web.url}/deals/${ids.oracle}`;
    await page.goto(dealUrl);
    for (const [key, field] of [['r', 'reason'], ['e', 'lab'], ['m', 'into']] as const) {
      await page.keyboard.press(key);
      expect(await focused(page), `deal page ${key}`).toMatchObject({ tag: 'INPUT', name: field });
      await page.keyboard.type(allShortcuts);
      await page.keyboard.press('Escape');
      expect(await page.locator('details[open]').count()).toBe(0);
    }
    await page.waitForTimeout(300);
    expect(page.url()).toBe(dealUrl);
    expect(await snapshot()).toEqual(before);
    await page.close();
  });

  test('an approval that opens a lane says so on the card before the key is pressed', async () => {
    const page = await signedInPage();
    const lane = page.locator(`#deal-${ids.cerebras}`);
    expect(await lane.locator('.lane-note').innerText()).toMatch(/opens a new lane .* sends an alert/i);
    expect(await lane.locator('button.approve').getAttribute('aria-describedby')).toBe(`lane-note-${ids.cerebras}`);
    // OpenAI → Oracle has a baseline lane: its approval opens nothing.
    expect(await page.locator(`#deal-${ids.oracle} .lane-note`).count()).toBe(0);
    // The reject reason box is not beside Approve: it is in the reject panel, closed until asked for.
    expect(await lane.locator('input[name=reason]').isVisible()).toBe(false);
    await page.close();
  });

  test('the notice sits beside the card acted on, in view, announced, with Undo', async () => {
    // A short window, and a card far enough down that the page must scroll to it.
    const page = await signedInPage({ width: 1280, height: 620 });
    const cards = await page.locator('.card').count();
    const last = Number(await page.locator('.card').nth(cards - 2).getAttribute('data-id'));
    const [acted] = await env.db.select().from(deals).where(eq(deals.id, last));
    const index = await moveTo(page, last);
    expect(index).toBeGreaterThanOrEqual(4);
    await Promise.all([page.waitForURL(/at=\d+/), page.keyboard.press('a')]);
    expect((await env.db.select().from(deals).where(eq(deals.id, last)))[0].reviewState).toBe('approved');
    const notice = page.locator('#notice');
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => notice.innerText()).toContain(`Approved #${last} ${acted.lab} → ${acted.provider}`);
    // In the slot the card left, right above the card now under the cursor, and on screen.
    const box = await notice.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(620 - 20);
    const next = await page.evaluate(() => document.getElementById('notice')?.nextElementSibling?.classList.contains('current') ?? false);
    expect(next).toBe(true);
    await Promise.all([page.waitForURL(/at=\d+/), notice.locator('button', { hasText: 'Undo' }).click()]);
    expect((await env.db.select().from(deals).where(eq(deals.id, last)))[0].reviewState).toBe('pending');
    await expect.poll(() => page.locator('#notice').innerText()).toContain(`Undid approve on #${last}`);

    // An edit keeps the card listed: the notice comes right after it.
    expect(Number(await page.locator('.card').last().getAttribute('data-id'))).toBe(ids.anthropic);
    await moveTo(page, ids.anthropic);
    await page.keyboard.press('e');
    const hardware = page.locator(`#deal-${ids.anthropic} input[name=hardware]`);
    await hardware.fill('TPU v7');
    await Promise.all([page.waitForURL(/at=\d+/), hardware.press('Enter')]);
    expect((await stateOf('anthropic')).hardware).toBe('TPU v7');
    const after = await page.evaluate(() => document.getElementById('notice')?.previousElementSibling?.id ?? '');
    expect(after).toBe(`deal-${ids.anthropic}`);
    await expect.poll(() => page.locator('#notice').innerText()).toMatch(/Saved #\d+: hardware/);
    // A refusal is a notice beside the card too, as an alert.
    await moveTo(page, ids.anthropic);
    await page.keyboard.press('m');
    await page.locator(`#deal-${ids.anthropic} input[name=into]`).fill(String(ids.anthropic));
    await Promise.all([page.waitForURL(/at=\d+/), page.locator(`#deal-${ids.anthropic} input[name=into]`).press('Enter')]);
    expect(await page.locator('#notice').getAttribute('role')).toBe('alert');
    expect(await page.evaluate(() => document.getElementById('notice')?.previousElementSibling?.id ?? '')).toBe(`deal-${ids.anthropic}`);
    // A reload shows the notice no more.
    await page.reload();
    expect(await page.locator('#notice').count()).toBe(0);
    await page.close();
  });

  test('without JavaScript the notice is scrolled into view too, and its Undo works', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 620 } });
    const page = await ctx.newPage();
    await page.goto(`${web.url}/login`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', 'review all day long');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('button[type=submit]')]);
    const cards = page.locator('.card');
    const target = cards.nth((await cards.count()) - 2);
    const id = Number(await target.getAttribute('data-id'));
    await Promise.all([page.waitForURL(/#notice$/), target.locator('button.approve').click()]);
    expect((await env.db.select().from(deals).where(eq(deals.id, id)))[0].reviewState).toBe('approved');
    const notice = page.locator('#notice');
    expect(await notice.innerText()).toContain(`Approved #${id}`);
    const box = await notice.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(620);
    await Promise.all([page.waitForURL(/#notice$/), notice.locator('button', { hasText: 'Undo' }).click()]);
    expect((await env.db.select().from(deals).where(eq(deals.id, id)))[0].reviewState).toBe('pending');
    await ctx.close();
  });

  test('a forged ?msg=, ?err= or notice cookie shows nothing', async () => {
    const page = await signedInPage();
    const forged = 'Session expired: re-enter your password at http://evil.example';
    for (const path of [`/?msg=${encodeURIComponent(forged)}`, `/?err=${encodeURIComponent(forged)}`, `/deals/${ids.oracle}?msg=${encodeURIComponent(forged)}`, `/deals/approved?msg=${encodeURIComponent(forged)}`]) {
      await page.goto(`${web.url}${path}`);
      expect(await page.locator('.flash').count(), path).toBe(0);
      expect(await page.locator('body').innerText(), path).not.toContain('Session expired');
    }
    // A cookie made up by hand, or sealed for another session, is not a notice either.
    const payload = Buffer.from(JSON.stringify({ code: 'refused', message: forged })).toString('base64url');
    for (const value of [`${payload}.AAAA`, sealNotice({ code: 'refused', message: forged }, 'another-session-token')]) {
      await page.context().addCookies([{ name: 'lw_flash', value, url: web.url }]);
      await page.goto(`${web.url}/`);
      expect(await page.locator('.flash').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain('Session expired');
    }
    await page.close();
  });

  test('the lane map fits its panels at 1024, 1400 and 1920 px; names as written, baseline marked, dates as precise as given, labels apart', async () => {
    // OpenAI's tenth lane, opened by a review.
    const page = await signedInPage();
    await moveTo(page, ids.cerebras);
    await Promise.all([page.waitForURL(/at=\d+/), page.keyboard.press('a')]);
    expect((await stateOf('cerebras')).reviewState).toBe('approved');
    // A lab whose name is wider than the chart's margin, with a lane early in the chart.
    await env.db.insert(lanes).values({ lab: 'Safe Superintelligence Incorporated', provider: 'Google', origin: 'baseline', openedAt: new Date('2019-03-01T00:00:00Z'), openedAtPrecision: 'month' });
    mkdirSync(artifacts, { recursive: true });
    for (const width of [1024, 1400, 1920]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${web.url}/lanes`);
      const overflow = await page.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
        for (const panel of Array.from(document.querySelectorAll('main .panel'))) {
          const p = panel.getBoundingClientRect();
          for (const el of Array.from(panel.querySelectorAll('*'))) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if (r.left < p.left - 1 || r.right > p.right + 1) out.push(`${el.tagName}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 30)}" ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(p.left)}–${Math.round(p.right)}`);
          }
        }
        return out;
      });
      expect(overflow, `at ${width} px`).toEqual([]);
      // "2 deals", "baseline", "$10B": never broken over two lines.
      const broken = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table.matrix .count, table.matrix .badge, table.matrix .fig'))
          .filter((el) => el.getClientRects().length > 1)
          .map((el) => el.textContent),
      );
      expect(broken, `at ${width} px`).toEqual([]);
      const matrix = await page.locator('table.matrix').innerText();
      expect(matrix).toContain('xAI');
      expect(matrix).not.toContain('XAI');
      expect(matrix).toContain('baseline');
      expect(matrix).not.toMatch(/\b0 deals\b/);
      // Year-only and month-only baseline dates stay so; nothing invents 2023-01-01.
      const microsoft = page.locator('table.lanes-of-lab').filter({ hasText: 'Nebius' });
      expect(await microsoft.locator('tr', { hasText: 'CoreWeave' }).locator('td').nth(3).innerText()).toBe('2023');
      expect(await page.locator('main').innerText()).not.toContain('2023-01-01');
      // No two timeline labels of one lab overlap; OpenAI has ten.
      const rows = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg.lanechart g.lab-row')).map((row) => {
          const boxes = Array.from(row.querySelectorAll('text.lane-label, text.lab-name')).map((t) => {
            const b = (t as SVGTextElement).getBBox();
            return { text: t.textContent ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
          });
          const overlaps: string[] = [];
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i];
              const b = boxes[j];
              if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push(`${a.text} / ${b.text}`);
            }
          return { lab: row.querySelector('text.lab-name > title')?.textContent ?? '', labels: boxes.length - 1, overlaps };
        }),
      );
      expect(rows.find((r) => r.lab === 'OpenAI')?.labels).toBe(10);
      // Nor do two labs' rows (their names and labels) overlap each other.
      const spans = await page.evaluate(() =>
        Array.from(document.querySelectorAll('svg.lanechart g.lab-row')).map((row) => {
          const b = (row as SVGGElement).getBBox();
          return { top: b.y, bottom: b.y + b.height };
        }),
      );
      for (let i = 1; i < spans.length; i++) expect(spans[i].top, `row ${i}`).toBeGreaterThanOrEqual(spans[i - 1].bottom);
      for (const r of rows) expect(r.overlaps, `${r.lab} at ${width} px`).toEqual([]);
      await page.screenshot({ path: `${artifacts}lanes-${width}.png`, fullPage: true });
    }
    await page.close();
  });

  test('the Jobs page loads nothing from off this machine, links back, and shows its tabs whole at 1400 px', async () => {
    const page = await signedInPage({ width: 1400, height: 900 });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${web.url}/queues`, { waitUntil: 'networkidle' });
    await page.locator('#root *').first().waitFor();
    const off = requested.filter((u) => !/^https?:\/\/(127\.0\.0\.1|\[::1\])(:\d+)?\//.test(u) && !u.startsWith('data:'));
    expect(off).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    mkdirSync(artifacts, { recursive: true });
    await page.locator('[class*="statusTabs-"] > li').last().waitFor();
    await page.screenshot({ path: `${artifacts}jobs-1400.png` });
    // Every status tab whole and inside its bar (Bull Board's own style scrolls them under a fade at this width).
    const cut = await page.evaluate(() => {
      const bar = document.querySelector('[class*="statusTabs-"]');
      if (!bar) return ['no status tabs'];
      const b = bar.getBoundingClientRect();
      const out: string[] = [];
      if (bar.scrollWidth > bar.clientWidth + 1) out.push(`tabs scroll: ${bar.scrollWidth} > ${bar.clientWidth}`);
      for (const li of Array.from(bar.children)) {
        const r = li.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1 || r.right > window.innerWidth) out.push(`${li.textContent ?? ''} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      return out;
    });
    expect(cut).toEqual([]);
    expect(await page.locator('[class*="statusTabs-"] > li').count()).toBeGreaterThanOrEqual(8);
    const back = page.locator('a.lw-back');
    expect(await back.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(`${web.url}/`), back.click()]);
    await page.close();
  });
});
