// Hostile and broken documents: each ends in a ParsedFeed or a FeedParseError, never another exception
// and never a hang (the test timeout is the bound; no time is asserted).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../src/feed/parse.js';
import { parseOpml } from '../../../src/feed/opml.js';
import { htmlToText, tidyText } from '../../../src/text/html-text.js';
import { sanitizeHtml } from '../../../src/feed/sanitize-html.js';

const MB = 1024 * 1024;

/** parseFeed's outcome: the feed, or the FeedParseError (any other exception fails the test). */
function outcome(body: Buffer | string): { feed?: ReturnType<typeof parseFeed>; error?: FeedParseError } {
  try {
    return { feed: parseFeed(body) };
  } catch (err) {
    if (err instanceof FeedParseError) return { error: err };
    throw err;
  }
}

function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x;
  };
}

describe('hostile documents', () => {
  it('3 million nested elements: reading stops at a sane depth, the items before are kept', () => {
    const body = `<rss><channel><title>Deep</title><item><title>i</title></item><item>${'<x>'.repeat(3_000_000)}</item></channel></rss>`;
    const { feed } = outcome(body);
    expect(feed?.title).toBe('Deep');
    expect(feed?.truncated).toBe(true);
    expect(feed?.items.map((i) => i.title)).toEqual(['i']);
  });

  it('hundreds of unclosed <br> in inline HTML do not cut a feed', () => {
    const item = `<item><title>t</title><description>${'line<br>'.repeat(300)}</description><link>https://br.example/</link></item>`;
    const { feed } = outcome(`<rss><channel><title>BR</title>${item.repeat(50)}</channel></rss>`);
    expect(feed?.truncated).toBe(false);
    expect(feed?.items).toHaveLength(50);
    expect(feed?.items[49]?.link).toBe('https://br.example/');
  });

  it('entity expansion ("billion laughs") is not expanded recursively', () => {
    const lol = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const body = `<?xml version="1.0"?><!DOCTYPE rss [${lol.join('')}]><rss><channel><title>&lol9;</title></channel></rss>`;
    const { feed } = outcome(body);
    expect(feed?.title?.length).toBeLessThan(1000);
  });

  it.each([
    ['5 MB of ampersands', () => `<rss><channel><title>${'&'.repeat(5 * MB)}</title></channel></rss>`],
    ['5 MB of less-than signs', () => `<rss><channel><title>t</title>${'<'.repeat(5 * MB)}`],
    ['an unterminated CDATA of 5 MB', () => `<rss><channel><title><![CDATA[${'x'.repeat(5 * MB)}`],
    ['a 5 MB attribute value', () => `<feed xmlns="http://www.w3.org/2005/Atom"><link href="${'a'.repeat(5 * MB)}`],
    ['a 2 MB title of unclosed <script> tags', () => `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">${'&lt;script&gt;'.repeat(150_000)}</title></feed>`],
    ['a 2 MB title of spaces and one tab', () => `<rss><channel><title>a${' '.repeat(2 * MB)}\tb</title></channel></rss>`],
    ['a 1 MB title of "<a " openings', () => `<rss><channel><title>${'<a '.repeat(350_000)}</title></channel></rss>`],
    ['an HTML page with a 1 MB <link> tag', () => `<!DOCTYPE html><html><head>${'<link rel=alternate '.repeat(50_000)}></head></html>`],
    ['5 MB of NUL bytes', () => Buffer.alloc(5 * MB)],
    ['a 10 MB run of spaces before the root', () => `${' '.repeat(10 * MB)}<rss><channel><title>late</title></channel></rss>`],
  ])('%s', (_name, make) => {
    const r = outcome(make());
    expect(r.feed !== undefined || r.error !== undefined).toBe(true);
  });

  it('a feed of 50,000 items is read whole', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => `<item><title>t${i}</title><link>https://big.example/${i}</link></item>`).join('');
    const { feed } = outcome(`<rss><channel><title>Big</title>${items}</channel></rss>`);
    expect(feed?.items).toHaveLength(50_000);
    expect(feed?.items[49_999]?.link).toBe('https://big.example/49999');
  });

  it('random bytes of many lengths never throw anything but FeedParseError', () => {
    const next = prng(42);
    let failed = 0;
    let read = 0;
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.alloc(next() % 3000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
      // Every third one starts like a feed, so the XML path is exercised too.
      const body = n % 3 === 0 ? Buffer.concat([Buffer.from('<rss><channel><item><title>'), bytes]) : bytes;
      const result = outcome(body);
      if (result.error) failed++;
      if (result.feed) read++;
    }
    // Each gave a feed or a FeedParseError (anything else would have been thrown), and noise is refused.
    expect(failed + read).toBe(300);
    expect(failed).toBeGreaterThanOrEqual(200);
  });

  it('a real feed cut at every byte never throws anything but FeedParseError', () => {
    const full = readFileSync(new URL('../../fixtures/feeds/rss2.xml', import.meta.url));
    let parsed = 0;
    for (let cut = 0; cut <= full.length; cut++) if (outcome(full.subarray(0, cut)).feed) parsed++;
    // Once the root element has started, every cut still gives a feed.
    expect(parsed).toBeGreaterThan(full.length - 200);
  });

  it('an OPML document of hostile shape is read or refused, never crashes', () => {
    expect(parseOpml(`<opml><body>${'<outline text="x">'.repeat(50_000)}<outline xmlUrl="https://deep.example/"/></body></opml>`)).toEqual([]);
    expect(() => parseOpml('\u0000'.repeat(10_000))).toThrow();
  });
});

describe('text helpers stay linear', () => {
  it('htmlToText, tidyText and sanitizeHtml on 2 MB of hostile markup', () => {
    const hostile = '<script><style><!--<![CDATA[<a href="javascript:x" onclick="y">'.repeat(30_000);
    expect(typeof htmlToText(hostile)).toBe('string');
    expect(tidyText(`${' \t'.repeat(MB)}x`)).toBe('x');
    expect(sanitizeHtml(hostile)).not.toMatch(/javascript:|onclick|<script/i);
  });
});
