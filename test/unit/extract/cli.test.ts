// `lanewatch extract`: one JSON line per input, a failing input is an error line and the rest still run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/lanewatch.js', import.meta.url));
const dev = (id: string): string => fileURLToPath(new URL(`../../fixtures/corpus/dev/articles/${id}.html`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lanewatch-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, 'extract', ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

const lines = (stdout: string): Array<Record<string, unknown>> => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('lanewatch extract', () => {
  it('prints one JSON line per input with the contract fields', async () => {
    const { code, stdout } = await run(['--json', dev('dev-001'), dev('dev-010')]);
    expect(code).toBe(0);
    const [first, second] = lines(stdout);
    expect(first.input).toBe(dev('dev-001'));
    const deals = first.deals as Array<Record<string, unknown>>;
    expect(deals).toHaveLength(1);
    expect(Object.keys(deals[0]).sort()).toEqual(
      ['amount_usd', 'confidence', 'evidence', 'gigawatts', 'hardware', 'kind', 'lab', 'provider', 'status'].sort(),
    );
    expect(deals[0]).toMatchObject({ lab: 'OpenAI', provider: 'Oracle', amount_usd: 300e9, gigawatts: 4.5 });
    expect(second.deals).toEqual([]);
  });

  it('a bad input is one error line; the other inputs still run', async () => {
    const empty = join(dir, 'empty.html');
    writeFileSync(empty, '');
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    const missing = join(dir, 'missing.html');
    const { code, stdout } = await run(['--json', missing, empty, binary, dir, dev('dev-002')]);
    expect(code).toBe(1);
    const out = lines(stdout);
    expect(out.map((l) => l.input)).toEqual([missing, empty, binary, dir, dev('dev-002')]);
    expect(out[0].error).toMatch(/no such file/);
    expect(out[1].deals).toEqual([]);
    expect(out[2].error).toMatch(/binary/);
    expect(out[3].error).toMatch(/directory/);
    expect((out[4].deals as Array<{ lab: string }>)[0].lab).toBe('Microsoft');
  });

  it('reads standard input with -', async () => {
    const { code, stdout } = await run(['--json', '-'], '<html><body><p>Oracle has signed a $7 billion contract with xAI.</p></body></html>');
    expect(code).toBe(0);
    expect((lines(stdout)[0].deals as Array<{ provider: string }>)[0].provider).toBe('Oracle');
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run([dev('dev-001')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/lab\s+provider\s+status/);
    expect(stdout).toMatch(/OpenAI\s+Oracle\s+announced/);
  });
});
