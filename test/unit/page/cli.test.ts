// `lanewatch article`: one line per input, failures reported per input, the rest processed.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerArticle } from '../../../src/cli/commands/article.js';

const PAGE = `<html lang="en"><head><title>Cerebras wins OpenAI inference deal | Wire</title><link rel="canonical" href="/story/1"></head>
<body><nav><a href="/">Home</a></nav><article><p>OpenAI agreed to pay Cerebras more than $10 billion for 750 megawatts of inference capacity through 2028, the companies said.</p>
<p>The deal makes Cerebras one of the largest suppliers of inference compute to the ChatGPT maker, according to people familiar with it.</p></article></body></html>`;

let dir = '';
let server: Server;
let base = '';

beforeAll(async () => {
  // The test server is on 127.0.0.1, which the fetch guard refuses unless private networks are allowed.
  process.env.ALLOW_PRIVATE_NETWORKS = 'true';
  dir = mkdtempSync(join(tmpdir(), 'lanewatch-article-'));
  writeFileSync(join(dir, 'good.html'), PAGE);
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  mkdirSync(join(dir, 'folder'));
  server = createServer((req, res) => {
    if (req.url === '/story/1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function run(args: string[]): Promise<{ lines: string[]; stderr: string; exitCode: number | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = new Command('lanewatch').exitOverride();
    registerArticle(program);
    await program.parseAsync(['node', 'lanewatch', 'article', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = before;
  return { lines: out.join('').split('\n').filter(Boolean), stderr: err.join(''), exitCode };
}

describe('lanewatch article', () => {
  it('prints one JSON line per input; bad inputs get an error line and the rest go on', async () => {
    const inputs = ['missing.html', 'good.html', 'empty.html', 'binary.bin', 'folder', 'good.html'].map((f) => join(dir, f));
    const { lines, exitCode } = await run(['--json', ...inputs]);
    expect(lines).toHaveLength(6);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.input)).toEqual(inputs);
    expect(rows[0]?.error).toMatch(/no such file/);
    expect(rows[2]?.error).toBe('empty input');
    expect(rows[3]?.error).toMatch(/binary/);
    expect(rows[4]?.error).toMatch(/directory/);
    for (const good of [rows[1], rows[5]]) {
      expect(good).toMatchObject({ title: 'Cerebras wins OpenAI inference deal', published: null, canonical_url: null });
      expect(good?.text).toContain('more than $10 billion for 750 megawatts');
      expect(good?.text).not.toContain('Home');
    }
    expect(exitCode).toBe(1);
  });

  it('handles a batch of 300 inputs', async () => {
    const inputs = Array.from({ length: 300 }, () => join(dir, 'good.html'));
    const { lines, exitCode } = await run(['--json', ...inputs]);
    expect(lines).toHaveLength(300);
    expect(exitCode).toBeUndefined();
  });

  it('prints readable text without --json', async () => {
    const { lines, stderr } = await run([join(dir, 'good.html'), join(dir, 'empty.html')]);
    expect(lines[0]).toContain('good.html');
    expect(lines.join('\n')).toContain('title:     Cerebras wins OpenAI inference deal');
    expect(lines.join('\n')).toContain('The deal makes Cerebras one of the largest suppliers');
    expect(stderr).toContain('empty.html: error: empty input');
  });

  it('fetches URL inputs and resolves the canonical link against the final URL', async () => {
    const { lines } = await run(['--json', `${base}/story/1`, `${base}/gone`]);
    const [ok, gone] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok?.canonical_url).toBe(`${base}/story/1`);
    expect(ok?.text).toContain('750 megawatts');
    expect(gone?.error).toMatch(/404/);
  });
});
