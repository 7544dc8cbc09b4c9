// The CLI's exit codes, accounts, hostile values and secrets, run as a user runs it (`node bin/lanewatch.js ...`)
// against a test database and Redis prefix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alertDeliveries, alerts, deals, feeds } from '../../../src/db/schema.js';
import { checkLogin } from '../../../src/web/auth/users.js';
import { runLanewatch } from '../../helpers/lanewatch-process.js';
import { cliEnv, extracted, openFixture, seedArticle, type ReviewFixture } from './fixture.js';

const hangMs = 60_000;
let fx: ReviewFixture;
let dir: string;
const run = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  runLanewatch(args, { ...cliEnv(fx), ...env }, { timeoutMs: hangMs, ...(stdin === undefined ? {} : { stdin: { input: stdin } }) });

beforeAll(async () => {
  fx = await openFixture();
  dir = mkdtempSync(join(tmpdir(), 'lanewatch-cli-sec-'));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await fx?.close();
});

describe('exit codes', () => {
  test('usage errors exit 2: a missing argument, an unknown command, an unknown option', async () => {
    const [missing, unknownCommand, unknownOption] = await Promise.all([run(['deals', 'show']), run(['frobnicate']), run(['deals', 'list', '--colour'])]);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument/);
    expect(unknownCommand.code, unknownCommand.stderr).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command/);
    expect(unknownOption.code, unknownOption.stderr).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option/);
  });

  test('--version prints the version and exits 0; alerts retry of an alert that does not exist exits 1', async () => {
    const [version, retry] = await Promise.all([run(['--version']), run(['alerts', 'retry', '999'])]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(retry.code, retry.stderr).toBe(1);
    expect(retry.stderr).toContain('there is no alert 999');
  });

  test('a bad LANEWATCH_USERS is one clear line and exit 2', async () => {
    const r = await run(['deals', 'list'], { LANEWATCH_USERS: 'bob:not-a-hash' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LANEWATCH_USERS: entry 1 \("bob"\) is not NAME:HASH/);
    expect(r.stderr).not.toContain('not-a-hash');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('users', () => {
  test('add refuses an existing name and keeps its password; set-password changes it; remove removes it', async () => {
    const first = await run(['users', 'add', 'vic', '--password-stdin'], {}, 'first password\n');
    expect(first.code, first.stderr).toBe(0);
    const again = await run(['users', 'add', 'vic', '--password-stdin'], {}, 'other password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/user vic exists.*set-password/);
    expect(await checkLogin(fx.database.db, fx.settings, 'vic', 'first password')).toBe('vic');
    expect(await checkLogin(fx.database.db, fx.settings, 'vic', 'other password')).toBeNull();

    const changed = await run(['users', 'set-password', 'vic', '--password-stdin'], {}, 'second password\n');
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/Changed the password of vic/);
    expect(await checkLogin(fx.database.db, fx.settings, 'vic', 'second password')).toBe('vic');
    expect(await checkLogin(fx.database.db, fx.settings, 'vic', 'first password')).toBeNull();

    const [unknown, removed] = await Promise.all([run(['users', 'set-password', 'nobody', '--password-stdin'], {}, 'a password here\n'), run(['users', 'remove', 'vic'])]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no user nobody/);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await checkLogin(fx.database.db, fx.settings, 'vic', 'second password')).toBeNull();
  });
});

describe('deals', () => {
  test("a newline or control character in a lab name cannot start a line of deals show's output", async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Evil\nreviewed by admin: ok\r\u001b[2J', provider: 'Cloudy' })]);
    const r = await run(['deals', 'show', String(dealIds[0])]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.startsWith('reviewed by admin'))).toBe(false);
    expect(lines[0]).toContain('Evil\\nreviewed by admin: ok\\r\\x1b[2J → Cloudy');
    expect(r.stdout).not.toContain('\u001b');
  });

  test('--gigawatts -3 says a non-negative number is wanted', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Gw Lab', provider: 'Gw Cloud' })]);
    const r = await run(['deals', 'edit', String(dealIds[0]), '--gigawatts', '-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--gigawatts must be a non-negative number/);
    expect(r.stderr).not.toMatch(/received string/);
  });

  test('approve with Redis unreachable: a bounded wait, a clear message, exit 1; committed, the alert in the outbox', async () => {
    const { dealIds } = await seedArticle(fx, [extracted({ lab: 'Redisless Lab', provider: 'Newcloud' })]);
    const r = await run(['deals', 'approve', String(dealIds[0])], { REDIS_URL: 'redis://127.0.0.1:1', ALERT_LOG: 'true' });
    expect(r.signal, 'the command hung').toBeNull();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Approved #\d+ Redisless Lab → Newcloud — new lane opened/);
    expect(r.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1 did not answer within 5 s/);
    expect(r.stderr).toMatch(/wait in the outbox/);
    const [deal] = await fx.database.db.select().from(deals).where(eq(deals.id, dealIds[0]));
    expect(deal.reviewState).toBe('approved');
    const [alert] = await fx.database.db.select().from(alerts).where(eq(alerts.dealId, dealIds[0]));
    const deliveries = await fx.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alert.id));
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.state === 'pending')).toBe(true);

    // alerts list shows a delivery error that quotes a Slack URL without its secret.
    await fx.database.db
      .update(alertDeliveries)
      .set({ lastError: 'connect: https://hooks.slack.com/services/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: cannot connect' })
      .where(eq(alertDeliveries.alertId, alert.id));
    const listed = await Promise.all([run(['alerts', 'list']), run(['alerts', 'list', '--json'])]);
    for (const l of listed) {
      expect(l.code, l.stderr).toBe(0);
      expect(l.stdout).toContain('hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
      expect(l.stdout).not.toContain('q8Zt2LrX0vKpW4nYb7JcHs1M');
    }
  });
});

describe('feeds', () => {
  test('feeds add refuses internal addresses with the poller\'s error and stores nothing', async () => {
    const urls = ['http://127.0.0.1:9/feed.xml', 'http://0x7f.1/feed.xml', 'http://[::ffff:127.0.0.1]/rss', 'http://localhost/rss', 'http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/rss'];
    const runs = await Promise.all(urls.map((u) => run(['feeds', 'add', u])));
    runs.forEach((r, i) => {
      expect(r.code, `${urls[i]}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stderr, urls[i]).toMatch(/blocked-address: .* is refused: /);
      expect(r.stderr, urls[i]).toContain('ALLOW_PRIVATE_NETWORKS');
    });
    const stored = await fx.database.db.select({ url: feeds.url }).from(feeds);
    for (const u of urls) expect(stored.map((f) => f.url)).not.toContain(new URL(u).toString());
    // The allow-list setting the tests and the demo use lets a loopback feed in.
    const allowed = await run(['feeds', 'add', 'http://127.0.0.1:9/allowed.xml'], { ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  test('OPML import skips internal addresses, adds the rest, and feeds list hides tokens in URLs', async () => {
    const opml = join(dir, 'feeds.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body>
<outline type="rss" text="metadata" xmlUrl="http://169.254.169.254/latest/"/>
<outline type="rss" text="loopback" xmlUrl="http://127.1/feed"/>
<outline type="rss" text="fine" xmlUrl="https://news.example.com/rss?token=s3cr3tT0kenValue&amp;lang=en"/>
</body></opml>`,
    );
    const r = await run(['feeds', 'import', opml]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 added, 0 already there, 2 skipped/);
    expect(r.stderr).toMatch(/skipped http:\/\/169\.254\.169\.254\/latest\/: blocked-address: .*link-local/);
    expect(r.stderr).toMatch(/skipped http:\/\/127\.(?:0\.0\.)?1\/feed: blocked-address: .*loopback/);
    const list = await Promise.all([run(['feeds', 'list']), run(['feeds', 'list', '--json'])]);
    for (const l of list) {
      expect(l.code, l.stderr).toBe(0);
      expect(l.stdout).toContain('https://news.example.com/rss?token=***&lang=en');
      expect(l.stdout).not.toContain('s3cr3tT0kenValue');
    }
  });
});
