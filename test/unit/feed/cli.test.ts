// `lanewatch feed`: one JSON line per input, in input order, whatever each input is; exit code 1 if any failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'lanewatch-feed-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], input?: string): { lines: Record<string, unknown>[]; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/lanewatch.js'), 'feed', ...args], { cwd: root, encoding: 'utf8', input, timeout: 120_000 });
  const lines = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, status: r.status, stderr: r.stderr };
}

describe('lanewatch feed --json', () => {
  it('answers every input in order: feeds, bad documents, a missing file, a directory', () => {
    const inputs = [join(fixtures, 'rss2.xml'), join(fixtures, 'html-page.html'), join(scratch, 'missing.xml'), scratch, join(fixtures, 'atom.xml'), join(fixtures, 'empty.xml')];
    const { lines, status } = run(['--json', ...inputs]);
    expect(lines.map((l) => l.input)).toEqual(inputs);
    expect(lines.map((l) => l.ok)).toEqual([true, false, false, false, true, false]);
    expect(lines[0]).toMatchObject({ title: 'Compute Wire', link: 'https://wire.example/' });
    expect((lines[0]!.items as unknown[])[0]).toEqual({
      title: 'Lab signs 2 GW deal with cloud',
      title_text: 'Lab signs 2 GW deal with cloud',
      link: 'https://wire.example/2026/01/lab-cloud-deal',
      id: 'wire-1001',
      published: '2026-01-06T14:30:00.000Z',
    });
    expect(lines[1]!.error).toMatch(/HTML page/);
    expect(lines[2]!.error).toMatch(/no such file/);
    expect(lines[3]!.error).toMatch(/directory|not a regular file/);
    expect(lines[5]!.error).toMatch(/empty/);
    expect(status).toBe(1);
  });

  it('reads thousands of inputs in one run', () => {
    const paths: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = join(scratch, `f${i}.xml`);
      writeFileSync(p, i % 100 === 7 ? '<html><body>oops</body></html>' : `<rss><channel><title>Feed ${i}</title><item><title>x</title></item></channel></rss>`);
      paths.push(p);
    }
    const { lines } = run(['--json', ...paths]);
    expect(lines).toHaveLength(2000);
    expect(lines[1999]).toMatchObject({ input: paths[1999], ok: true, title: 'Feed 1999' });
    expect(lines.filter((l) => l.ok === false)).toHaveLength(20);
  });

  it('reads standard input, and takes a base URL and a content type for files', () => {
    const stdin = run(['--json', '-'], '<rss><channel><title>From stdin</title></channel></rss>');
    expect(stdin.lines).toEqual([expect.objectContaining({ input: '-', ok: true, title: 'From stdin' })]);
    const based = run(['--json', '--base-url', 'https://site.example/feeds/x.xml', join(fixtures, 'relative-no-base.xml')]);
    expect((based.lines[0]!.items as { link: string }[])[0]!.link).toBe('https://site.example/posts/7');
    const latin = join(scratch, 'latin.xml');
    writeFileSync(latin, Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Gr\xfc\xdfe</title></channel></rss>', 'latin1'));
    expect(run(['--json', '--content-type', 'text/xml; charset=iso-8859-1', latin]).lines[0]).toMatchObject({ title: 'Grüße' });
  });

  it('refuses a --base-url that is not an http(s) URL (exit 2)', () => {
    const r = run(['--base-url', 'file:///etc/passwd', join(fixtures, 'rss2.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--base-url must be an http\(s\) URL/);
  });
});
