// feedparser's ~2,100 test feeds (../shared/external/feedparser-tests, not copied into the project):
// nothing but FeedParseError is ever thrown, at least 97% parse, and at least 90% of the simple
// expectations on feed/entry title, link, id and date hold (the same reading as score-feeds.mjs).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { feedLine } from '../../../src/cli/commands/feed.js';
import { FeedParseError, parseFeed } from '../../../src/feed/parse.js';

const dir = fileURLToPath(new URL('../../../../shared/external/feedparser-tests', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`feedparser-corpus.test.ts: ${dir} is absent; skipping`);

function walk(d: string, out: string[] = []): string[] {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(xml|json|rss|atom|rdf)$/i.test(n)) out.push(p);
  }
  return out;
}

const pyString = (lit: string): string =>
  lit
    .replace(/^u/, '')
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
      if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
      return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? e;
    });
const SIMPLE = /^(?:not bozo and )?(feed|entries\[0\])\['(title|link|id)'\] == (u?'(?:[^'\\]|\\.)*'|u?"(?:[^"\\]|\\.)*")$/;
const DATE = /^(?:not bozo and )?entries\[0\]\['published_parsed'\] == \((\d+), (\d+), (\d+), (\d+), (\d+), (\d+)/;

describe.skipIf(!present)("feedparser's test feeds", () => {
  it('parse or fail with a FeedParseError, and mostly agree with feedparser', () => {
    const files = walk(dir).sort();
    expect(files.length).toBeGreaterThan(2000);
    let parsed = 0;
    let met = 0;
    let checked = 0;
    for (const file of files) {
      const body = readFileSync(file);
      let line: ReturnType<typeof feedLine> | null = null;
      try {
        line = feedLine(file, parseFeed(body));
        parsed++;
      } catch (err) {
        expect(err, file).toBeInstanceOf(FeedParseError);
      }
      const expect_ = /^Expect:\s*(.+)$/m.exec(body.toString('latin1').slice(0, 2000))?.[1]?.trim();
      if (!expect_) continue;
      let s: RegExpExecArray | null;
      let got: unknown;
      let want: string;
      if ((s = SIMPLE.exec(expect_))) {
        const field = s[2] as 'title' | 'link' | 'id';
        got = s[1] === 'feed' ? line?.[field] : line?.items[0]?.[field];
        want = pyString(s[3]!);
        checked++;
        if (typeof got === 'string' && got.trim() === want.trim()) met++;
      } else if ((s = DATE.exec(expect_))) {
        const [y, mo, d, h, mi, se] = s.slice(1).map(Number) as [number, number, number, number, number, number];
        want = new Date(Date.UTC(y, mo - 1, d, h, mi, se)).toISOString();
        checked++;
        if (line?.items[0]?.published === want) met++;
      }
    }
    expect(parsed / files.length).toBeGreaterThanOrEqual(0.97);
    expect(checked).toBeGreaterThan(400);
    expect(met / checked).toBeGreaterThanOrEqual(0.9);
  });
});
