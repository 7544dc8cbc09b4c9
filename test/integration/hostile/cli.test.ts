// Hostile input to the CLI, run as a user runs it (`node bin/lanewatch.js ...` against a test database): commands
// that read files given a directory, a device, a FIFO or a huge file fail with a clear message and do not hang;
// standard input from /dev/zero ends; SQL metacharacters in options are data; script and formulas in a lanes CSV
// are stored as text and exported formula-safe, a javascript: source is refused.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { feeds, lanes } from '../../../src/db/schema.js';
import { runLanewatch } from '../../helpers/lanewatch-process.js';
import { cliEnv, extracted, openFixture, seedArticle, type ReviewFixture } from '../review/fixture.js';

/** Far longer than any of these commands takes; a run that hits it hung, and the test fails with the output. */
const hangMs = 45_000;
let fx: ReviewFixture;
let dir: string;
const bad: Record<string, string> = {};

const run = (args: string[]) => runLanewatch(args, cliEnv(fx), { timeoutMs: hangMs });
/** Runs with standard input read from a file or device (as `cmd < path`). */
const runWithStdin = (args: string[], stdinPath: string) => runLanewatch(args, cliEnv(fx), { stdin: { file: stdinPath }, timeoutMs: hangMs });

beforeAll(async () => {
  fx = await openFixture();
  await seedArticle(fx, [extracted({ lab: 'OpenAI', provider: 'Oracle' })]);
  dir = mkdtempSync(join(tmpdir(), 'lanewatch-hostile-'));
  bad.directory = join(dir, 'a-directory');
  mkdirSync(bad.directory);
  bad.fifo = join(dir, 'a-fifo');
  execFileSync('mkfifo', [bad.fifo]);
  // Sparse: larger than every cap (feeds 10 MiB, lanes CSV 16 MiB) without using the disk.
  bad.huge = join(dir, 'huge.xml');
  writeFileSync(bad.huge, '');
  truncateSync(bad.huge, 64 * 1024 * 1024);
  bad.zero = '/dev/zero';
  bad.urandom = '/dev/urandom';
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await fx?.close();
});

const stored = async () => ({
  feeds: (await fx.database.db.select({ n: count() }).from(feeds))[0].n,
  lanes: (await fx.database.db.select({ n: count() }).from(lanes))[0].n,
});

describe('commands that read files', () => {
  test('feeds import and lanes import refuse a directory, a FIFO, a device and a huge file, and store nothing', async () => {
    const before = await stored();
    // /dev/urandom is a character device like /dev/zero: the import tests take one of them.
    for (const [what, path] of Object.entries(bad).filter(([w]) => w !== 'urandom')) {
      const runs = await Promise.all(['feeds', 'lanes'].map(async (command) => ({ command, r: await run([command, 'import', path]) })));
      for (const { command, r } of runs) {
        expect(r.signal, `${command} import ${what} hung`).toBeNull();
        expect(r.code, `${command} import ${what}: ${r.stderr}`).toBe(2);
        expect(r.stderr, `${command} import ${what}`).toMatch(/not a (?:regular )?file|larger than|cannot read/);
        expect(r.stderr, `${command} import ${what}`).toContain(path);
      }
    }
    expect(await stored()).toEqual(before);
  });

  test('article, extract and feed: one error line per bad input, the good one still read, no hang', async () => {
    const good = join(dir, 'good.html');
    writeFileSync(good, '<html><head><title>Fine page</title></head><body><article><p>Nothing to see here, a plain page of text for the reader.</p></article></body></html>');
    const inputs = [bad.directory, bad.fifo, bad.zero, bad.urandom, bad.huge, good];
    const runs = await Promise.all(['article', 'extract', 'feed'].map(async (command) => ({ command, r: await run([command, '--json', ...inputs]) })));
    for (const { command, r } of runs) {
      expect(r.signal, `${command} hung`).toBeNull();
      expect(r.code, command).toBe(1);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { input: string; error?: string });
      expect(lines.map((l) => l.input), command).toEqual(inputs);
      for (const line of lines.slice(0, 5)) expect(line.error, `${command} ${line.input}`).toMatch(/\w/);
      expect(lines.find((l) => l.input === bad.fifo)?.error, command).toMatch(/not a regular file/);
      expect(lines.find((l) => l.input === bad.zero)?.error, command).toMatch(/not a regular file/);
      if (command !== 'feed') expect(lines[5].error, `${command} reads the good page`).toBeUndefined();
    }
  });

  test('standard input from /dev/zero ends with a message', async () => {
    const commands = [['article', '-'], ['feed', '-'], ['users', 'hash', '--password-stdin']];
    const runs = await Promise.all(commands.map(async (args) => ({ args, r: await runWithStdin(args, '/dev/zero') })));
    for (const { args, r } of runs) {
      expect(r.signal, `${args.join(' ')} hung`).toBeNull();
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(/larger than|longer than|binary|not .*HTML|NUL|error/i);
    }
  });

  test('a path to another file is read as what it is: a wrong CSV or OPML is refused and nothing is stored', async () => {
    const before = await stored();
    const runs = await Promise.all(['feeds', 'lanes'].map(async (command) => ({ command, r: await run([command, 'import', `${dir}/../../../../../../etc/passwd`]) })));
    for (const { command, r } of runs) {
      expect(r.code, `${command}: ${r.stderr}`).toBe(2);
      expect(r.stderr).not.toMatch(/root:x:0:0/);
    }
    expect(await stored()).toEqual(before);
  });
});

describe('options and file contents', () => {
  test('SQL metacharacters in options are data or a usage error, never SQL', async () => {
    const lists = [
      ['deals', 'list', '--state', 'all', '--lab', "x' or '1'='1", '--json'],
      ['deals', 'list', '--state', 'all', '--lab', '%', '--json'],
      ['deals', 'list', '--state', 'all', '--search', "'; drop table deals; --", '--json'],
    ];
    for (const r of await Promise.all(lists.map(run))) {
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { items: unknown[] }).items).toEqual([]);
    }
    const usage = [['deals', 'list', '--limit', '5; drop table deals'], ['deals', 'list', '--kind', "cloud' or '1'='1"], ['deals', 'show', '1 or 1=1'], ['alerts', 'retry', '99999999999']];
    for (const [i, r] of (await Promise.all(usage.map(run))).entries()) {
      expect(r.code, usage[i].join(' ')).toBe(2);
      expect(r.stderr, usage[i].join(' ')).toMatch(/\w/);
    }
    const [lanesOut, removed] = await Promise.all([run(['lanes', '--lab', "' or 1=1 --", '--json']), run(['feeds', 'remove', "http://x/' or 1=1 --"])]);
    expect(lanesOut.code).toBe(0);
    expect((JSON.parse(lanesOut.stdout) as { lanes: unknown[] }).lanes).toEqual([]);
    expect(removed.code).not.toBe(0);
    const n = await fx.database.db.execute(sql`select count(*)::int as n from deals`);
    expect(Number(n.rows[0].n)).toBe(1);
  });

  test('a lanes CSV: a javascript: source is refused; script is stored as text and formulas exported formula-safe', async () => {
    const refused = join(dir, 'js.csv');
    writeFileSync(refused, 'lab,provider,kind,first_date,source_url\nA,B,cloud,2024-01-01,javascript:alert(1)\n');
    const r1 = await run(['lanes', 'import', refused]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/source_url/);
    const file = join(dir, 'script.csv');
    writeFileSync(file, 'lab,provider,kind,first_date,source_url,note\n"<script>alert(1)</script>","=HYPERLINK(""http://evil"")",cloud,2024-01-01,https://example.com/a,"<b>x</b>"\n');
    const r2 = await run(['lanes', 'import', file]);
    expect(r2.code, r2.stderr).toBe(0);
    const [lane] = await fx.database.db.select().from(lanes).where(sql`${lanes.lab} = '<script>alert(1)</script>'`);
    expect(lane.provider).toBe('=HYPERLINK("http://evil")');
    const csv = await run(['lanes', '--csv']);
    expect(csv.stdout).toContain(`<script>alert(1)</script>,"'=HYPERLINK(""http://evil"")"`);
    expect(csv.stdout).not.toMatch(/^=|,=/m);
  });

  test('an OPML file: a NUL in a title is dropped, a javascript: feed skipped with a message, script kept as text', async () => {
    const file = join(dir, 'feeds.opml');
    writeFileSync(file, '<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="A\u0000B<script>" xmlUrl="http://127.0.0.1:9/a.xml"/><outline type="rss" text="js" xmlUrl="javascript:alert(1)"/></body></opml>');
    // The feed is on loopback: allowed by the setting tests use (feeds import refuses internal addresses otherwise).
    const r = await runLanewatch(['feeds', 'import', file], { ...cliEnv(fx), ALLOW_PRIVATE_NETWORKS: 'true' }, { timeoutMs: hangMs });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped javascript:alert\(1\)/);
    const rows = await fx.database.db.select().from(feeds).where(sql`${feeds.url} = 'http://127.0.0.1:9/a.xml'`);
    expect(rows.map((f) => f.title)).toEqual(['AB<script>']);
    expect((await fx.database.db.select().from(feeds).where(sql`${feeds.url} like 'javascript:%'`)).length).toBe(0);
  });

  test('terminal control sequences in stored text are shown as \\xNN in readable output, kept in JSON', async () => {
    const esc = '\u001b]0;pwned\u0007\u001b[2J';
    const { dealIds } = await seedArticle(fx, [extracted({ lab: `Evil${esc}Lab`, provider: 'Oracle', evidence: `Evil${esc}Lab signed a $5 billion deal with Oracle.` })], { outlet: `Outlet${esc}` });
    await fx.database.db.insert(feeds).values({ url: 'http://127.0.0.1:9/esc.xml', title: `Feed${esc}`, lastError: `HTTP 500${esc}`, failures: 1 });
    const runs = await Promise.all([run(['deals', 'list', '--state', 'all']), run(['deals', 'show', String(dealIds[0])]), run(['feeds', 'list'])]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/[\u001b\u0007]/);
      expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
    }
    const json = await run(['deals', 'show', String(dealIds[0]), '--json']);
    expect((JSON.parse(json.stdout) as { lab: string }).lab).toBe(`Evil${esc}Lab`);
  });
});
