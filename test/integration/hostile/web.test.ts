// Hostile input to the web pages: path traversal at /static and the dashboard's files, NUL bytes and oversized or
// malformed filters and forms, and script in every text a reviewer, a feed or a lanes CSV can put on a page, in an
// alert's Slack blocks or its e-mail HTML. (XSS in article titles, evidence and URLs: review/pages.test.ts.)
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq, sql } from 'drizzle-orm';
import { alerts, deals, feeds } from '../../../src/db/schema.js';
import { importBaseline, parseBaselineCsv } from '../../../src/lanes/baseline.js';
import { renderAlert } from '../../../src/alerts/render.js';
import { sendSlack } from '../../../src/alerts/channels/slack.js';
import { closeFetchAgents } from '../../../src/net/fetch.js';
import { extracted, noticeAfter, openFixture, seedArticle, signIn, type ReviewFixture } from '../review/fixture.js';

const script = '<script>alert(1)</script>';
const img = '<img src=x onerror=alert(2)>';
let fx: ReviewFixture;
let session: { cookie: string; csrf: string };
let server: ServerType;
let port: number;

beforeAll(async () => {
  fx = await openFixture();
  session = await signIn(fx);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: fx.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await fx?.close();
});

/** A GET with the path sent byte for byte (fetch() would normalise "..", "%2e%2e" and "\" before sending). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const get = (path: string) => fx.app.request(path, { headers: { cookie: session.cookie } });
const post = (path: string, fields: Record<string, string>) =>
  fx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });

function expectInert(page: string, where: string): void {
  expect(page, where).not.toContain(script);
  expect(page, where).not.toContain('<img src=x');
  expect(page, where).not.toMatch(/href="javascript:/i);
}

describe('path traversal', () => {
  test('/static serves its two files and nothing outside src/web/static', async () => {
    expect((await rawGet('/static/app.css')).status).toBe(200);
    const paths = [
      '/static/..%2f..%2f..%2fpackage.json',
      '/static/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/static/../../../package.json',
      '/static/..\\..\\..\\package.json',
      '/static/..%5c..%5c..%5cpackage.json',
      '/static/%252e%252e%252fpackage.json',
      '/static/app.css%00.json',
      '/static/.%2e/.%2e/.%2e/src/config.ts',
      '/static//etc/passwd',
      '/static/%2fetc%2fpasswd',
      '/static/..%c0%af..%c0%afpackage.json',
    ];
    for (const path of paths) {
      for (const headers of [{}, { cookie: session.cookie }] as Record<string, string>[]) {
        const r = await rawGet(path, headers);
        expect(r.status, path).toBeGreaterThanOrEqual(300);
        expect(r.status, path).toBeLessThan(500);
        expect(r.body, path).not.toMatch(/"name": "lanewatch"|DATABASE_URL|root:x:0/);
      }
    }
  });

  test("the job dashboard's static files stay inside its own directory", async () => {
    for (const path of ['/queues/static/..%2f..%2f..%2f..%2f..%2fpackage.json', '/queues/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json', '/queues/static/../../../../../package.json']) {
      const r = await rawGet(path, { cookie: session.cookie });
      expect(r.status, path).not.toBe(500);
      expect(r.body, path).not.toMatch(/"name": "lanewatch"/);
    }
  });

  test("an oversized body to the job dashboard's API is refused before it is read", async () => {
    const res = await fx.app.request('/queues/api/queues/process-article/add', {
      method: 'POST',
      headers: { cookie: session.cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', data: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await fx.queues.queue('process-article').count()).toBe(0);
  });
});

describe('filters and forms', () => {
  test('NUL bytes and malformed values in query strings are a 400 with a message, not a 500', async () => {
    for (const path of ['/?q=%00', '/?lab=a%00b', '/?state=all&provider=%00', '/lanes?lab=%00', '/?offset=-1', '/?limit=1e400', '/?colour=red', `/?q=${'x'.repeat(5000)}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toMatch(/flash error|Bad request/);
    }
  });

  test('broken percent-encoding, a garbage session cookie and odd methods are never a 500', async () => {
    for (const path of ['/?q=%ff', '/?q=%E0%A4%A', '/?q=%', '/lanes?lab=%c0%af', '/api/deals?q=%ff%fe', '/deals/%ff']) {
      const res = await fx.app.request(path, { headers: { cookie: session.cookie, authorization: 'Bearer test-token-0123456789abcdef' } });
      expect(res.status, path).toBeLessThan(500);
    }
    for (const cookie of ['lw_session=%%%', 'lw_session=%E0%A4%A', `lw_session=${'x'.repeat(4000)}`, `lw_session="'; delete from sessions; --"`, '=; ;;']) {
      const res = await fx.app.request('/', { headers: { cookie } });
      expect(res.status, cookie.slice(0, 40)).toBe(303);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fx.app.request('/', { method, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: 'http://localhost' } });
      expect(res.status, method).toBeLessThan(500);
    }
  });

  test('SQL metacharacters in page filters are text: the lanes page and the queue answer and nothing changes', async () => {
    for (const path of [`/lanes?lab=${encodeURIComponent("x' or '1'='1")}`, `/api/lanes?lab=${encodeURIComponent('%')}`, `/?state=all&provider=${encodeURIComponent("'; delete from deals; --")}`]) {
      expect((await get(path)).status, path).toBe(200);
    }
    const json = (await (await get(`/api/lanes?lab=${encodeURIComponent("x' or '1'='1")}`)).json()) as { lanes: unknown[] };
    expect(json.lanes).toEqual([]);
  });

  test('a malformed form body is a 4xx, not a 500', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'FormLab', provider: 'Oracle' })]);
    const bad = await fx.app.request(`/deals/${dealIds[0]}/reject`, {
      method: 'POST',
      body: '--xx\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n' + session.csrf,
      headers: { cookie: session.cookie, 'content-type': 'multipart/form-data' },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const nul = await post(`/deals/${dealIds[0]}/reject`, { next: '/', reason: 'bad\u0000reason' });
    expect(nul.status).toBe(303);
    expect(await noticeAfter(fx, nul, session.cookie)).toMatch(/NUL/);
    const bulk = await post('/deals/bulk-reject', { next: '/', ids: String(dealIds[0]), reason: '\u0000' });
    expect(await noticeAfter(fx, bulk, session.cookie)).toMatch(/NUL/);
    const retry = await post('/alerts/99999999999/retry', {});
    expect(retry.status).toBe(400);
    const [row] = await fx.database.db.select().from(deals).where(eq(deals.id, dealIds[0]));
    expect(row.reviewState).toBe('pending');
  });

  test('a message in the address is shown as text', async () => {
    for (const path of [`/?msg=${encodeURIComponent(script)}`, `/?err=${encodeURIComponent(img)}`, `/no/${encodeURIComponent(script)}`, `/deals/approved?msg=${encodeURIComponent(script)}`]) {
      const html = await (await get(path)).text();
      expectInert(html, path);
    }
  });
});

describe('script in stored text', () => {
  test('feed title and last error on /feeds', async () => {
    await fx.database.db.insert(feeds).values({ url: 'http://127.0.0.1/evil.xml', title: script, lastError: img, failures: 1 });
    await fx.database.db.insert(feeds).values({ url: 'javascript:alert(3)', title: 'js' });
    const html = await (await get('/feeds')).text();
    expectInert(html, '/feeds');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('lanes CSV fields on /lanes (table, matrix and SVG chart); a javascript: source is refused', async () => {
    expect(() => parseBaselineCsv(`lab,provider,kind,first_date,source_url\nA,B,cloud,2024-01-01,javascript:alert(1)\n`)).toThrow(/source_url/);
    const rows = parseBaselineCsv(`lab,provider,kind,first_date,source_url,note\n"${script}","${img}",cloud,2024-01-01,https://example.com/a?x=<b>,"${script}"\n`);
    await fx.database.db.transaction((tx) => importBaseline(tx, rows));
    for (const path of ['/lanes', `/lanes?lab=${encodeURIComponent(script)}`]) {
      const html = await (await get(path)).text();
      expectInert(html, path);
      expect(html, path).toContain('&lt;script&gt;');
    }
  });

  test('names and reasons a reviewer types: queue, deal, approved table, lanes, alerts, Slack and e-mail', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Plain Lab', provider: 'Plain Cloud' }), extracted({ lab: 'Other Lab', provider: 'Oracle' })]);
    const [id, other] = dealIds;
    const deal = (await fx.database.db.select().from(deals).where(eq(deals.id, id)))[0];
    const edit = await post(`/deals/${id}/edit`, { next: `/deals/${id}`, lab: `${script} <!channel>`, provider: img, hardware: script, kind: deal.kind, status: deal.status, amount_usd: '300e9', gigawatts: '4.5', version: String(deal.version) });
    expect(edit.status).toBe(303);
    expect((await post(`/deals/${id}/approve`, { next: '/' })).status).toBe(303);
    expect((await post(`/deals/${other}/reject`, { next: '/', reason: script })).status).toBe(303);
    expect((await post('/deals/bulk-reject', { next: '/', ids: String(other), reason: img })).status).toBe(303);
    for (const path of ['/?state=all', `/deals/${id}`, `/deals/${other}`, '/deals/approved', '/lanes', '/alerts']) {
      const html = await (await get(path)).text();
      expectInert(html, path);
    }
    // The approved CSV (under /api since the old address redirects there): formula-safe, and the JSON export is JSON.
    const csv = await (await get('/api/deals/approved.csv')).text();
    expect(csv).toContain('<script>'); // text in a CSV is not markup; it is a cell
    expect((await get('/api/deals/approved.json')).headers.get('content-type')).toMatch(/application\/json/);

    const [alert] = await fx.database.db.select().from(alerts).where(eq(alerts.dealId, id));
    expect(alert, 'approving a new pair raises an alert').toBeTruthy();
    const out = renderAlert(alert);
    expect(out.html).not.toContain(script);
    expect(out.html).not.toContain('<img src=x');
    expect(out.html).toContain('&lt;script&gt;');
    // Slack: mrkdwn texts escaped (a header block is plain_text: shown as typed, never a mention or a link).
    const mrkdwn = JSON.stringify(out.slackBlocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(mrkdwn.join('\n')).toContain('&lt;script&gt;');
    expect(mrkdwn.join('\n')).not.toMatch(/<script>|<!channel>|<img/);
    // What the Slack webhook receives: its fallback `text` is mrkdwn too.
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack`;
      await sendSlack(out, { settings: { ...fx.settings, SLACK_WEBHOOK_URL: url, ALLOW_PRIVATE_NETWORKS: true }, logger: fx.deps.logger });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      await closeFetchAgents();
    }
    const sent = JSON.parse(received[0]) as { text: string };
    expect(sent.text).toContain('&lt;!channel&gt;');
    expect(sent.text).not.toMatch(/<!channel>|<script>/);
  });

  test('a NUL character in the sign-in form is refused with a message; nothing above ran SQL from input', async () => {
    const res = await fx.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=ana%00&password=x&next=/' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/NUL/);
    const tables = await fx.database.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name in ('deals', 'feeds', 'lanes', 'alerts')`);
    expect(Number(tables.rows[0].n)).toBe(4);
  });
});
