// OPML import and export: nested folders, bad XML, odd attribute spellings, duplicates; a round trip.
import { describe, expect, it } from 'vitest';
import { OpmlParseError, parseOpml, toOpml } from '../../../src/feed/opml.js';

describe('parseOpml', () => {
  it('reads feeds from nested outlines in document order, each URL once', () => {
    const opml = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Subs</title></head><body>
  <outline text="News">
    <outline text="Wire" title="The Wire" type="rss" xmlUrl="https://wire.example/feed.xml"/>
    <outline text="Deep"><outline text="Deeper" xmlUrl="https://deep.example/rss"/></outline>
  </outline>
  <outline text="Wire again" xmlUrl="https://wire.example/feed.xml"/>
  <outline text="Just a folder"/>
  <outline text="Only text" XMLURL="https://upper.example/atom"/>
</body></opml>`;
    expect(parseOpml(opml)).toEqual([
      { url: 'https://wire.example/feed.xml', title: 'The Wire' },
      { url: 'https://deep.example/rss', title: 'Deeper' },
      { url: 'https://upper.example/atom', title: 'Only text' },
    ]);
  });

  it('survives bad XML: bare ampersands, HTML entities, unclosed outlines, a BOM, a truncated end (the cut tag is left out)', () => {
    const opml = '\ufeff<opml><body><outline text="AT&T &amp; Co&nbsp;News" xmlUrl="https://x.example/rss?a=1&b=2"><outline text="Cut" xmlUrl="https://cut.example/feed"/><outline text="Half" xmlU';
    expect(parseOpml(opml)).toEqual([
      { url: 'https://x.example/rss?a=1&b=2', title: 'AT&T & Co\u00a0News' },
      { url: 'https://cut.example/feed', title: 'Cut' },
    ]);
  });

  it('accepts url= on outlines typed rss', () => {
    expect(parseOpml('<opml><body><outline type="rss" text="U" url="https://u.example/feed"/><outline type="link" url="https://page.example/"/></body></opml>')).toEqual([
      { url: 'https://u.example/feed', title: 'U' },
    ]);
  });

  it('an OPML without feeds gives an empty list', () => {
    expect(parseOpml('<opml version="1.0"><head/><body/></opml>')).toEqual([]);
  });

  it.each([
    ['', /empty/],
    ['<rss><channel/></rss>', /root element is <rss>/],
    ['not xml at all', /no XML element/],
  ])('refuses %j with a clear error', (text, message) => {
    expect(() => parseOpml(text)).toThrow(OpmlParseError);
    expect(() => parseOpml(text)).toThrow(message);
  });
});

describe('toOpml', () => {
  it('escapes every attribute and round-trips through parseOpml', () => {
    const feeds = [
      { url: 'https://a.example/feed?x=1&y="2"', title: 'A & <B> "quoted"' },
      { url: 'https://b.example/rss', title: null },
    ];
    const text = toOpml(feeds);
    expect(text).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=&quot;2&quot;"');
    expect(text).not.toMatch(/<B>/);
    expect(parseOpml(text)).toEqual([
      { url: 'https://a.example/feed?x=1&y="2"', title: 'A & <B> "quoted"' },
      { url: 'https://b.example/rss', title: 'https://b.example/rss' },
    ]);
  });
});
