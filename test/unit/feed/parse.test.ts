// The feed layer against the committed fixtures: every format, charset, entity and link case, and every
// bad input (a clear FeedParseError, never another exception).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, HtmlPageError, parseFeed } from '../../../src/feed/parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

function parseError(body: Buffer | string, options?: Parameters<typeof parseFeed>[1]): FeedParseError {
  try {
    parseFeed(body, options);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedParseError);
    return err as FeedParseError;
  }
  throw new Error('expected a FeedParseError');
}

describe('formats', () => {
  it('reads RSS 2.0: title, link, ttl, guid, dates, author, content and summary', () => {
    const feed = parseFeed(fixture('rss2.xml'), { url: 'https://wire.example/feed.xml' });
    expect(feed).toMatchObject({ format: 'rss', title: 'Compute Wire', link: 'https://wire.example/', ttlMinutes: 30, truncated: false });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      id: 'wire-1001',
      title: 'Lab signs 2 GW deal with cloud',
      link: 'https://wire.example/2026/01/lab-cloud-deal',
      published: '2026-01-06T14:30:00.000Z',
      author: 'Ada Writer',
    });
    expect(feed.items[0]!.content).toContain('<b>$10 billion</b> of compute from a cloud');
    expect(feed.items[0]!.summary).toBe('<p>A lab agreed to buy <b>$10 billion</b> of compute.</p>');
    // No <link>: a permalink guid is the link; EST is UTC-5.
    expect(feed.items[1]).toMatchObject({ link: 'https://wire.example/2026/01/second', published: '2026-01-05T14:00:00.000Z' });
  });

  it('reads RSS 1.0 (RDF) with items beside the channel, rdf:about ids and the syndication module as ttl', () => {
    const feed = parseFeed(fixture('rss1.rdf'));
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Site', link: 'https://rdf.example/', ttlMinutes: 30 });
    expect(feed.items).toEqual([
      expect.objectContaining({ id: 'https://rdf.example/a', title: 'First RDF item', link: 'https://rdf.example/a', published: '2026-01-04T09:15:00.000Z' }),
    ]);
  });

  it('reads Atom: alternate links against xml:base, html titles, xhtml content, published before updated', () => {
    const feed = parseFeed(fixture('atom.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom & Eve', id: 'tag:atom.example,2026:feed', link: 'https://atom.example/blog/' });
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: 'tag:atom.example,2026:1',
      title: 'A new lane',
      titleHtml: 'A <em>new</em> lane',
      link: 'https://atom.example/blog/posts/new-lane.html',
      published: '2026-01-03T16:00:00.000Z',
      author: 'Bo Author',
      summary: 'Short',
    });
    expect(first!.content).toBe('<p>Body with <a href="https://atom.example/blog/x.html">a link</a></p>');
    expect(second).toMatchObject({ title: 'Only updated', titleHtml: null, link: 'https://other.example/elsewhere', published: '2026-01-02T08:00:00.000Z' });
  });

  it('reads JSON Feed 1.1: numeric ids, relative urls, content_text, a bad item skipped', () => {
    const feed = parseFeed(fixture('json-feed-1.1.json'));
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Wire', link: 'https://json.example/', id: 'https://json.example/feed.json' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({ id: '1', title: 'JSON item', link: 'https://json.example/1', published: '2026-01-02T01:04:05.000Z', author: 'Jay', content: '<p>Hi</p>' });
    expect(feed.items[1]).toMatchObject({ id: '2', title: null, link: 'https://json.example/relative/2', published: '2026-01-01T00:00:00.000Z', content: 'No title &amp; plain' });
  });

  it('reads JSON Feed 1.0: external_url as the link, the single author', () => {
    const feed = parseFeed(fixture('json-feed-1.0.json'));
    expect(feed.items[0]).toMatchObject({ id: 'a', link: 'https://elsewhere.example/a', author: 'Old Author', published: '2017-05-17T15:02:12.000Z', summary: 's' });
  });

  it('recognises JSON by its content type even with leading junk-free whitespace', () => {
    const feed = parseFeed('\n  {"version":"https://jsonfeed.org/version/1.1","title":"T","items":[]}', { contentType: 'application/feed+json' });
    expect(feed).toMatchObject({ format: 'json', title: 'T', items: [] });
  });
});

describe('entities and sloppy XML', () => {
  it('decodes HTML entities in XML, keeps bare ampersands and unknown entities as written', () => {
    const feed = parseFeed(fixture('entities.xml'));
    expect(feed.title).toBe('AT&T & friends\u00a0\u2014 été \u201924 …');
    expect(feed.link).toBe('https://ents.example/?a=1&b=2&reg=3');
    expect(feed.items[0]).toMatchObject({ title: 'Café © &unknownentity; Q&A', link: 'https://ents.example/item?x=1&y=2' });
  });

  it('reads unclosed HTML inside a description and bare & in titles and links', () => {
    const feed = parseFeed(fixture('unclosed-tags.xml'));
    expect(feed.items.map((i) => i.title)).toEqual(['Unclosed description', 'Bare & ampersand & more']);
    expect(feed.items[0]!.link).toBe('https://sloppy.example/1');
    expect(feed.items[0]!.summary).toContain('<img src="/a.png">');
    expect(feed.items[1]!.link).toBe('https://sloppy.example/2?a=1&b=2');
  });

  it('uses entities declared in the DOCTYPE and ignores a DOCTYPE inside CDATA', () => {
    const declared = parseFeed('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY brand "Wire &#169;">]><rss><channel><title>&brand; news</title></channel></rss>');
    expect(declared.title).toBe('Wire © news');
    const cdata = parseFeed('<rss><item><description><![CDATA[ <!DOCTYPE ]]></description></item></rss>');
    expect(cdata.items[0]!.summary).toBe('<!DOCTYPE');
  });

  it('keeps the whole items of a truncated document, drops the cut one and says it was truncated', () => {
    const feed = parseFeed(fixture('truncated.xml'));
    expect(feed.truncated).toBe(true);
    expect(feed.items.map((i) => i.title)).toEqual(['Whole item']);
  });

  it('sanitises markup in titles: no script, no event handlers, no javascript: links', () => {
    const feed = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;a href="javascript:alert(1)" onclick="x()"&gt;safe&lt;/a&gt;&lt;script&gt;alert(2)&lt;/script&gt; title</title></feed>',
    );
    expect(feed.title).toBe('safe title');
    expect(feed.titleHtml).toBe('<a href="">safe</a> title');
  });

  it('reads a feed behind PHP warnings and an xml-stylesheet instruction', () => {
    const body = '<br />\n<b>Warning</b>: Cannot modify header information on line <b>3</b><br />\n<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/rss.xsl"?><rss version="2.0"><channel><title>After noise</title><item><title>ok</title></item></channel></rss>';
    const feed = parseFeed(body);
    expect(feed).toMatchObject({ format: 'rss', title: 'After noise' });
    expect(feed.items.map((i) => i.title)).toEqual(['ok']);
  });

  it('reads an Atom feed under an unusual namespace prefix', () => {
    const feed = parseFeed('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:entry><a:title>E</a:title><a:link href="https://p.example/e"/></a:entry></a:feed>');
    expect(feed).toMatchObject({ format: 'atom', title: 'Prefixed' });
    expect(feed.items[0]).toMatchObject({ title: 'E', link: 'https://p.example/e' });
  });
});

describe('character sets', () => {
  const title = 'Café \u201cquoted\u201d \u2014 naïve';
  it.each([
    ['windows-1252.xml', '€ 5'],
    ['iso-8859-1.xml', 'Grüße'],
    ['mislabelled-utf8.xml', '日本'],
    ['utf8-bom.xml', 'bom'],
    ['utf16le-bom.xml', 'sixteen'],
    ['utf16be-nobom.xml', 'big end'],
  ])('%s decodes to the right text', (name, item) => {
    const feed = parseFeed(fixture(name));
    expect(feed.title).toBe(title);
    expect(feed.items[0]!.title).toBe(item);
  });

  it('guesses the charset of an undeclared non-UTF-8 feed (KOI8-R)', () => {
    expect(parseFeed(fixture('koi8r-undeclared.xml')).title).toBe('Новости');
  });

  it('lets the HTTP charset override the XML declaration', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Gr\xfc\xdfe</title></channel></rss>', 'latin1');
    expect(parseFeed(body, { contentType: 'application/rss+xml; charset="ISO-8859-1"' }).title).toBe('Grüße');
  });
});

describe('links', () => {
  it('resolves relative links against nested xml:base', () => {
    const feed = parseFeed(fixture('relative-links.xml'), { url: 'https://ignored.example/feed' });
    expect(feed.link).toBe('https://base.example/news/home');
    expect(feed.items.map((i) => i.link)).toEqual(['https://base.example/news/sub/one.html', 'https://item.example/dir/two.html']);
  });

  it('resolves relative links against the feed URL, and keeps them relative when there is no base at all', () => {
    const withUrl = parseFeed(fixture('relative-no-base.xml'), { url: 'https://site.example/feeds/main.xml' });
    expect(withUrl.items[0]!.link).toBe('https://site.example/posts/7');
    expect(parseFeed(fixture('relative-no-base.xml')).items[0]!.link).toBe('/posts/7');
  });

  it('makes href and src URLs inside content absolute, leaving fragments and other schemes alone', () => {
    const feed = parseFeed(
      `<rss xml:base="https://b.example/dir/"><channel><item><description>&lt;a href="/relative/uri"&gt;x&lt;/a&gt; &lt;img src='pic.png'&gt; &lt;a href="#f"&gt;f&lt;/a&gt; &lt;a href="mailto:a@b.example"&gt;m&lt;/a&gt;</description></item></channel></rss>`,
    );
    expect(feed.items[0]!.summary).toBe(
      `<a href="https://b.example/relative/uri">x</a> <img src='https://b.example/dir/pic.png'> <a href="#f">f</a> <a href="mailto:a@b.example">m</a>`,
    );
  });

  it('reads windows-1252 punctuation that arrived as C1 control characters', () => {
    expect(parseFeed('<rss><channel><title>don\u0092t \u0093stop\u0094 \u0081</title></channel></rss>').title).toBe('don\u2019t \u201cstop\u201d \u0081');
  });

  it("prefers FeedBurner's origLink (the article's own URL) over its redirect link", () => {
    const feed = parseFeed(
      '<rss xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><item><link>http://feedproxy.example/~r/x/1</link><feedburner:origLink>https://real.example/story</feedburner:origLink></item></channel></rss>',
    );
    expect(feed.items[0]!.link).toBe('https://real.example/story');
  });

  it('resolves relative item links against the channel link when nothing else gives a base', () => {
    const feed = parseFeed('<rss><channel><link>https://chan.example/blog/</link><item><link>post-1</link></item></channel></rss>');
    expect(feed.items[0]!.link).toBe('https://chan.example/blog/post-1');
  });
});

describe('dates in feeds', () => {
  it('reads each date form, and gives null for one that is not a date', () => {
    const feed = parseFeed(fixture('odd-dates.xml'));
    expect(feed.items.map((i) => i.published)).toEqual([
      '2004-01-05T00:29:06.000Z',
      '2004-01-05T00:29:00.000Z',
      '2004-01-04T16:29:06.000Z',
      '2004-01-04T16:29:06.000Z',
      '2004-01-04T00:00:00.000Z',
      null,
      '2004-01-26T11:23:45.000Z',
    ]);
  });
});

describe('bad input gets a clear FeedParseError', () => {
  it.each([
    ['empty.xml', /empty/],
    ['whitespace.xml', /empty/],
    ['html-page.html', /HTML page, not a feed; it names its feed at \/feed\.xml/],
    ['not-a-feed.xml', /root element is <note>/],
    ['json-not-feed.json', /not a JSON Feed/],
    ['bad-json.json', /cannot be read as JSON/],
    ['plain.txt', /neither XML nor JSON/],
    ['binary.bin', /binary data/],
  ])('%s', (name, message) => {
    expect(parseError(fixture(name)).message).toMatch(message);
  });

  it('an HTML page names its feed as an absolute URL when the page URL is known', () => {
    const err = parseError(fixture('html-page.html'), { url: 'https://news.example/section/' });
    expect(err).toBeInstanceOf(HtmlPageError);
    expect((err as HtmlPageError).feedUrls).toEqual(['https://news.example/feed.xml']);
    expect(err.message).toContain('https://news.example/feed.xml');
  });

  it('a JSON Feed of another major version is refused', () => {
    expect(parseError('{"version":"https://jsonfeed.org/version/2","items":[]}').message).toMatch(/version 1\.x/);
  });

  it('messages are one sentence', () => {
    for (const name of ['empty.xml', 'html-page.html', 'not-a-feed.xml', 'plain.txt', 'binary.bin']) {
      const { message } = parseError(fixture(name));
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).not.toContain('\n');
    }
  });
});
