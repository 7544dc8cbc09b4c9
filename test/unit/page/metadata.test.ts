import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/page/index.js';
import { dateFromText, normaliseDate } from '../../../src/page/metadata.js';

const PARA = '<p>OpenAI agreed to buy $300 billion of computing capacity from Oracle over about five years, the companies said.</p>';

describe('metadata', () => {
  it('takes the published date from JSON-LD first, then meta tags, then <time>', () => {
    const jsonLd = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Oracle and OpenAI sign deal","datePublished":"2025-09-10T14:05:00+00:00"}]}</script>`;
    const meta = '<meta property="article:published_time" content="2025-09-11T08:00:00Z">';
    const time = '<time datetime="2025-09-12T10:00:00Z">Sept 12</time>';
    const page = (head: string, body = ''): string => `<html><head>${head}<title>T</title></head><body>${body}<article>${PARA}</article></body></html>`;
    expect(extractArticle(page(jsonLd + meta, time)).published).toBe('2025-09-10T14:05:00Z');
    expect(extractArticle(page(meta, time)).published).toBe('2025-09-11T08:00:00Z');
    expect(extractArticle(page('<meta name="DC.date" content="2025-09-13">', time)).published).toBe('2025-09-13T00:00:00Z');
    expect(extractArticle(page('', time)).published).toBe('2025-09-12T10:00:00Z');
    expect(extractArticle(page('', '<div class="byline">Priya Raman · Sept. 9, 2025</div>')).published).toBe('2025-09-09T00:00:00Z');
    expect(extractArticle(page('')).published).toBeNull();
  });

  it('names the organisation credited as author, unless it is the site or the publisher', () => {
    const page = (author: string, site = 'Newsroom Commons'): string =>
      `<html><head><meta property="og:site_name" content="${site}"><script type="application/ld+json">{"@type":"NewsArticle","headline":"T","author":${author},"publisher":{"@type":"Organization","name":"Commons Media"}}</script><title>T</title></head><body><article>${PARA}</article></body></html>`;
    expect(extractArticle(page('{"@type":"Organization","name":"Hut 8 Corp."}')).author_organisation).toBe('Hut 8 Corp.');
    expect(extractArticle(page('[{"@type":"Organization","name":"Meta"}]')).author_organisation).toBe('Meta');
    expect(extractArticle(page('{"@type":"Person","name":"Priya Raman"}')).author_organisation).toBeNull();
    expect(extractArticle(page('{"@type":"Organization","name":"Newsroom Commons"}')).author_organisation).toBeNull();
    expect(extractArticle(page('{"@type":"Organization","name":"Commons Media"}')).author_organisation).toBeNull();
    expect(extractArticle(page('"Hut 8"')).author_organisation).toBeNull();
  });

  it('ignores JSON-LD that does not parse', () => {
    const html = `<html><head><script type="application/ld+json">{"@type": "NewsArticle", oops</script><meta property="og:title" content="Fallback title"></head><body>${PARA}</body></html>`;
    const a = extractArticle(html);
    expect(a.title).toBe('Fallback title');
  });

  it('normalises dates and refuses non-dates', () => {
    expect(normaliseDate('2025-09-10 14:05')).toBe('2025-09-10T14:05:00Z');
    expect(normaliseDate('2025-09-10T14:05:00+0200')).toBe('2025-09-10T12:05:00Z');
    expect(normaliseDate('Wed, 10 Sep 2025 14:05:00 GMT')).toBe('2025-09-10T14:05:00Z');
    expect(normaliseDate('yesterday')).toBeNull();
    expect(normaliseDate('0000-00-00')).toBeNull();
    expect(dateFromText('Published 3 March 2026, 09:00')).toBe('2026-03-03T00:00:00Z');
    expect(dateFromText('no date here')).toBeNull();
  });

  it('resolves the canonical URL against the page URL, falling back to og:url', () => {
    const html = (head: string): string => `<html><head>${head}</head><body>${PARA}</body></html>`;
    expect(extractArticle(html('<link rel="canonical" href="/news/deal?x=1">'), 'https://example.com/a/b').canonical_url).toBe('https://example.com/news/deal?x=1');
    expect(extractArticle(html('<meta property="og:url" content="https://example.com/og">')).canonical_url).toBe('https://example.com/og');
    // A relative link with no page URL cannot be resolved; a javascript: link is not a URL to keep.
    expect(extractArticle(html('<link rel="canonical" href="/news/deal">')).canonical_url).toBeNull();
    expect(extractArticle(html('<link rel="canonical" href="javascript:alert(1)">'), 'https://example.com/').canonical_url).toBeNull();
  });

  it('reads the language from <html lang>, then meta tags', () => {
    expect(extractArticle(`<html lang="en-GB"><body>${PARA}</body></html>`).language).toBe('en-GB');
    expect(extractArticle(`<html><head><meta property="og:locale" content="de_DE"></head><body>${PARA}</body></html>`).language).toBe('de-DE');
    expect(extractArticle(`<html lang="not a language"><body>${PARA}</body></html>`).language).toBeNull();
  });

  it('prefers og:title and cuts the site name from <title>', () => {
    expect(extractArticle(`<html><head><title>Oracle signs huge compute deal with OpenAI | The Wire</title></head><body>${PARA}</body></html>`).title).toBe(
      'Oracle signs huge compute deal with OpenAI',
    );
    expect(
      extractArticle(`<html><head><title>x | y</title><meta property="og:title" content="Nebius &amp;amp; Microsoft sign"></head><body>${PARA}</body></html>`).title,
    ).toBe('Nebius & Microsoft sign');
  });
});
