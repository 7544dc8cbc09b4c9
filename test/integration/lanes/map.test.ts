// The lane map through the CLI (`lanewatch lanes`, `lanes import`, `alerts list`) and the /lanes and /alerts pages.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanes } from '../../../src/db/schema.js';
import { loadLaneMap, timelineLine } from '../../../src/lanes/map.js';
import { importBaseline, parseBaselineCsv } from '../../../src/lanes/baseline.js';
import type { WebDeps } from '../../../src/web/deps.js';
import { alertsRoutes } from '../../../src/web/routes/alerts.js';
import { lanesRoutes } from '../../../src/web/routes/lanes.js';
import { startHarness, type LanesHarness } from './setup.js';

const run = promisify(execFile);
const bin = new URL('../../../bin/lanewatch.js', import.meta.url).pathname;

let h: LanesHarness;
let dir: string;

beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(join(tmpdir(), 'lanewatch-lanes-'));
  const deal = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX', amountUsd: 30e9 });
  await h.approve(deal.id, { enqueue: false });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await h?.close();
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: h.db.url, REDIS_URL: h.settings.REDIS_URL, QUEUE_PREFIX: h.settings.QUEUE_PREFIX, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the lane map', () => {
  it('lists each lab\'s lanes in the order they opened', async () => {
    const map = await loadLaneMap(h.db.db, { lab: 'anthropic' });
    expect(map.timelines.map(timelineLine)).toEqual(['Anthropic: Google 2023 → Amazon 2023 → SpaceX 2026']);
    expect(map.cells.find((c) => c.provider === 'SpaceX')).toMatchObject({ deals: 1, totalUsd: 30e9, origin: 'review' });
  });

  it('re-importing the baseline changes nothing and never rewrites a lane a review opened', async () => {
    const rows = parseBaselineCsv(`lab,provider,kind,first_date,source_url\nAnthropic,SpaceX,cloud,2020,https://a.example/\nOpenAI,Oracle,cloud,2024-06-11,https://b.example/\n`);
    const result = await h.db.db.transaction((tx) => importBaseline(tx, rows));
    expect(result).toEqual({ inserted: 0, updated: 1, keptReviewLanes: 1 });
    const [spacex] = await h.db.db.select().from(lanes).where(and(eq(lanes.lab, 'Anthropic'), eq(lanes.provider, 'SpaceX')));
    expect(spacex.origin).toBe('review');
    expect(spacex.openedAt.getUTCFullYear()).toBe(2026);
  });
});

describe('lanewatch lanes', () => {
  it('prints one lab as JSON', async () => {
    const out = await cli(['lanes', '--lab', 'Anthropic', '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { lanes: { provider: string; deals: number }[]; timelines: { line: string }[] };
    expect(json.lanes.map((l) => l.provider)).toEqual(['Google', 'Amazon', 'SpaceX']);
    expect(json.timelines[0].line).toBe('Anthropic: Google 2023 → Amazon 2023 → SpaceX 2026');
  });

  it('prints CSV, and text with the timelines', async () => {
    const csv = await cli(['lanes', '--csv']);
    expect(csv.stdout.split('\n')[0]).toBe('lab,provider,kind,origin,deals,total_usd,total_gw,first_date,last_date,source_url,opened_by_deal_id');
    expect(csv.stdout).toContain('Anthropic,SpaceX,cloud,review,1,30000000000,');
    const text = await cli(['lanes']);
    expect(text.stdout).toContain('Anthropic: Google 2023 → Amazon 2023 → SpaceX 2026');
    expect(text.stdout).toMatch(/OpenAI: Microsoft 2019 → Oracle 2024 → SoftBank 2025/);
  });

  it('rejects a bad CSV with the line of each problem and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'lab,provider,kind,first_date,source_url\nA,B,cloud,2024,https://a.example/\nC,D,cloud,someday,https://a.example/\n');
    const out = await cli(['lanes', 'import', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}: 1 bad row, nothing imported:`);
    expect(out.stderr).toContain('line 3: first_date "someday" is not a date');
    expect(await h.db.db.select().from(lanes).where(eq(lanes.lab, 'A'))).toHaveLength(0);
  });

  it('imports a good CSV', async () => {
    const file = join(dir, 'good.csv');
    await writeFile(file, 'lab,provider,kind,first_date,source_url\nA,B,cloud,2024,https://a.example/\n');
    const out = await cli(['lanes', 'import', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('1 lanes: 1 added, 0 updated');
  });

  it('lists alerts with each delivery\'s state and attempts', async () => {
    const out = await cli(['alerts', 'list', '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { alerts: { message: string; deliveries: { channel: string; state: string; attempts: number }[] }[] };
    expect(json.alerts[0].message).toBe('Anthropic added a third compute lane: SpaceX (after Google, Amazon)');
    expect(json.alerts[0].deliveries.map((d) => [d.channel, d.state, d.attempts])).toEqual([
      ['webhook', 'pending', 0],
      ['slack', 'pending', 0],
      ['email', 'pending', 0],
      ['log', 'pending', 0],
    ]);
  });
});

describe('lanewatch alerts test', () => {
  const channelEnv = () => ({
    ALERT_WEBHOOK_URL: h.http.url('/hook'),
    ALERT_WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
    SLACK_WEBHOOK_URL: h.http.url('/slack'),
    SMTP_URL: h.smtp.url,
    ALERT_EMAIL_TO: 'analyst@example.test',
    ALLOW_PRIVATE_NETWORKS: 'true',
  });

  it('sends a test to every configured channel and reports each', async () => {
    const out = await cli(['alerts', 'test'], channelEnv());
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n').filter(Boolean).map((l) => l.split(' (')[0])).toEqual(['webhook: ok', 'slack: ok', 'email: ok', 'log: ok']);
    expect(h.http.requests.filter((r) => r.path === '/hook' && (JSON.parse(r.body) as { event?: string }).event === 'test')).toHaveLength(1);
    expect(h.smtp.messages.filter((m) => m.raw.includes('Test from lanewatch'))).toHaveLength(1);
  });

  it('exits 1 and names the channel that failed', async () => {
    h.http.failAlways('/slack', 404);
    try {
      const out = await cli(['alerts', 'test'], channelEnv());
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('slack: FAILED (receiver answered HTTP 404)');
      expect(out.stdout).toContain('webhook: ok');
    } finally {
      h.http.failAlways('/slack', null);
    }
  });
});

describe('the pages', () => {
  function app(): Hono {
    const deps: WebDeps = { settings: h.settings, db: h.db.db, queues: h.queues, logger: h.ctx.logger, checkReady: async () => ({ postgres: true, redis: true }) };
    const a = new Hono();
    a.route('/lanes', lanesRoutes(deps));
    a.route('/alerts', alertsRoutes(deps));
    return a;
  }

  it('/lanes draws the timeline as SVG and shows the matrix and the tables, escaped', async () => {
    await h.db.db.insert(lanes).values({ lab: '<script>x</script>', provider: 'P&Q', origin: 'baseline', openedAt: new Date('2024-01-01T00:00:00Z') });
    const res = await app().request('/lanes');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<svg class="lanechart"');
    expect(body).toContain('3. SpaceX');
    expect(body).toContain('Anthropic: Google 2023 → Amazon 2023 → SpaceX 2026');
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(body).not.toContain('<script>x</script>');
    expect(body).toContain('P&amp;Q');
  });

  it('/lanes?format=json and ?lab= filter', async () => {
    const res = await app().request('/lanes?format=json&lab=Anthropic');
    const json = (await res.json()) as { lanes: { provider: string }[] };
    expect(json.lanes.map((l) => l.provider)).toEqual(['Google', 'Amazon', 'SpaceX']);
  });

  it('/alerts shows each delivery\'s state', async () => {
    const res = await app().request('/alerts');
    const body = await res.text();
    expect(body).toContain('Anthropic added a third compute lane: SpaceX (after Google, Amazon)');
    expect(body).toContain('<span class="badge pending">pending</span>');
  });
});
