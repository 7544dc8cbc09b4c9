// `lanewatch deals ...` and `lanewatch users ...` as a user runs them, against a real database.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../../src/db/schema.js';
import { verifyPassword } from '../../../src/web/auth/passwords.js';
import { runLanewatch } from '../../helpers/lanewatch-process.js';
import { cliEnv, extracted, openFixture, seedArticle, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
let ids: number[];

const run = (args: string[], input?: string) => runLanewatch(args, cliEnv(fx), { stdin: input === undefined ? 'ignore' : { input }, timeoutMs: 60_000 });

beforeAll(async () => {
  fx = await openFixture();
  ids = (await seedArticle(fx, [extracted({ lab: 'OpenAI', provider: 'Cerebras', kind: 'chips', amount_usd: 10e9, gigawatts: 0.75 }), extracted({ lab: 'OpenAI', provider: 'SoftBank', kind: 'investment' })])).dealIds;
});
afterAll(async () => {
  await fx?.close();
});

describe('lanewatch deals', () => {
  test('list, show, edit, approve, reject, merge and undo with --json; errors have exit codes', async () => {
    const list = await run(['deals', 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { total: number }).total).toBe(2);
    const text = await run(['deals', 'list']);
    expect(text.stdout).toMatch(/OpenAI → Cerebras/);

    const edit = await run(['deals', 'edit', String(ids[0]), '--amount', '12b', '--hardware', 'WSE-3', '--json', '--as', 'eve']);
    expect(edit.code).toBe(0);
    expect((JSON.parse(edit.stdout) as { deal: { amount_usd: number } }).deal.amount_usd).toBe(12e9);
    const bad = await run(['deals', 'edit', String(ids[0]), '--amount', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--amount/);

    const approve = await run(['deals', 'approve', String(ids[0]), '--as', 'eve']);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toMatch(/Approved #\d+ OpenAI → Cerebras/);
    const twice = await run(['deals', 'approve', String(ids[0]), '--json']);
    expect(twice.code).toBe(1);
    expect((JSON.parse(twice.stdout) as { error: string }).error).toBe('conflict');

    const reject = await run(['deals', 'reject', String(ids[1]), '--reason', 'investment, not compute', '--as', 'eve']);
    expect(reject.code).toBe(0);
    const undo = await run(['deals', 'undo', '--as', 'eve', '--json']);
    expect(undo.code).toBe(0);
    expect((JSON.parse(undo.stdout) as { undone: { action: string } }).undone.action).toBe('reject');

    const merge = await run(['deals', 'merge', String(ids[1]), '--into', String(ids[0]), '--as', 'eve']);
    expect(merge.code).toBe(0);
    const show = await run(['deals', 'show', String(ids[0]), '--json']);
    const shown = JSON.parse(show.stdout) as { source_count: number; events: { action: string }[] };
    expect(shown.source_count).toBe(2);
    expect(shown.events.map((e) => e.action)).toEqual(['edit', 'approve', 'merge-in']);

    expect((await run(['deals', 'show', '999999'])).code).toBe(1);
    expect((await run(['deals', 'show', 'abc'])).code).toBe(2);
    expect((await run(['deals', 'list', '--state', 'nope'])).code).toBe(2);
  }, 240_000); // 15 CLI runs, each a fresh Node with tsx: slow on a loaded 2-core machine

  test('users add --password-stdin stores a scrypt hash; users hash prints one', async () => {
    const add = await run(['users', 'add', 'frank', '--password-stdin'], 'a long enough password\n');
    expect(add.code).toBe(0);
    const [row] = await fx.database.db.select().from(users).where(eq(users.username, 'frank'));
    expect(await verifyPassword('a long enough password', row.passwordHash)).toBe(true);
    const hash = await run(['users', 'hash', '--password-stdin'], 'another password\n');
    expect(hash.stdout.trim()).toMatch(/^scrypt\$/);
    expect(await verifyPassword('another password', hash.stdout.trim())).toBe(true);
    expect((await run(['users', 'add', 'bad name!', '--password-stdin'], 'whatever123\n')).code).toBe(2);
    expect((await run(['users', 'add', 'gina', '--password-stdin'], 'short\n')).code).toBe(2);
  }, 120_000);
});
