// Pages that must give an empty text or a clear error, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_HTML_CHARS } from '../../../src/page/index.js';

const PARA = '<p>Microsoft signed a five-year, $17.4 billion agreement with Nebius for GPU capacity in New Jersey, the companies said.</p>';

describe('bad input', () => {
  it('empty input gives empty text and no metadata', () => {
    for (const input of ['', Buffer.alloc(0), '   \n  ']) {
      expect(extractArticle(input)).toEqual({ title: null, published: null, canonical_url: null, language: null, site_name: null, author_organisation: null, text: '' });
    }
  });

  it('binary data gives a result, not an exception', () => {
    const bytes = Buffer.alloc(200_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = x & 0xff;
    }
    const a = extractArticle(bytes);
    expect(typeof a.text).toBe('string');
    expect(a.title).toBeNull();
  });

  it('a page with no text gives empty text', () => {
    expect(extractArticle('<html><head><title>Gallery</title></head><body><div><img src="a.jpg"><img src="b.jpg"></div><script>var x = "not text";</script></body></html>').text).toBe('');
  });

  it('a 50 MB page is cut at the cap and still yields its article', () => {
    const article = `<html><head><title>Big page</title></head><body><article>${PARA.repeat(20)}</article><div class="junk">`;
    const filler = '<div><span>filler filler filler</span></div>\n';
    const html = article + filler.repeat(Math.ceil((50 * 1024 * 1024) / filler.length)) + '</div></body></html>';
    expect(html.length).toBeGreaterThan(50 * 1024 * 1024);
    const a = extractArticle(html);
    expect(a.title).toBe('Big page');
    expect(a.text).toContain('$17.4 billion agreement with Nebius');
    // Nothing past the cap was read.
    expect(a.text.length).toBeLessThan(MAX_HTML_CHARS);
    const small = extractArticle(html, null, { maxChars: 100_000 });
    expect(small.text).toContain('$17.4 billion agreement with Nebius');
  });

  it('100,000 nested <div>s do not overflow the stack', () => {
    const depth = 100_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${PARA.repeat(5)}${'</div>'.repeat(depth)}</body></html>`;
    const a = extractArticle(html);
    expect(a.text).toContain('$17.4 billion agreement with Nebius');
  });

  it('100,000 unclosed nested inline tags and 100,000 siblings are handled', () => {
    const nested = `<html><body><article>${PARA.repeat(5)}${'<b><i>'.repeat(50_000)}tail</article></body></html>`;
    expect(extractArticle(nested).text).toContain('$17.4 billion agreement with Nebius');
    const siblings = `<html><body><article>${PARA.repeat(5)}</article><ul>${'<li><a href="/x">link</a></li>'.repeat(100_000)}</ul></body></html>`;
    const t = extractArticle(siblings).text;
    expect(t).toContain('$17.4 billion agreement with Nebius');
    expect(t).not.toContain('link\n\nlink');
  });

  it('broken markup (unclosed tags, stray end tags, bad entities, CDATA, NUL) still gives the text', () => {
    const html = `<html><body><div class="content"><p>Oracle &amp; OpenAI &bogus; signed</p></span></div></b><p>${'Second paragraph with the deal worth $300 billion in total. '.repeat(3)}<p>third &#xD800; &#99999999; \u0000 text<![CDATA[ x ]]>`;
    const a = extractArticle(html);
    expect(a.text).toContain('Oracle & OpenAI &bogus; signed');
    expect(a.text).toContain('deal worth $300 billion');
  });

  it('a page that is not HTML at all (plain text, JSON) gives its text or nothing, without throwing', () => {
    expect(extractArticle('{"some": "json", "value": [1, 2, 3]}').text.length).toBeLessThan(100);
    const plain = 'Google will supply Anthropic with up to one million TPUs, in a deal worth tens of billions of dollars, the companies said.';
    expect(extractArticle(plain).text).toContain('one million TPUs');
  });

  it('pages built to be slow (100,000 hidden or nav siblings, nested spans, nested tables) finish with their text', () => {
    const article = `<article>${PARA.repeat(5)}</article>`;
    for (const html of [
      `<html><body>${article}${'<div style="display:none">x</div>'.repeat(100_000)}</body></html>`,
      `<html><body>${article}${'<nav>x</nav>'.repeat(100_000)}</body></html>`,
      `<html><body>${article}${'<table><tr><td>'.repeat(20_000)}x${'</td></tr></table>'.repeat(20_000)}</body></html>`,
      `<html><body>${article}<div>${'<span>a, '.repeat(100_000)}</div></body></html>`,
    ]) {
      expect(extractArticle(html).text).toContain('$17.4 billion agreement with Nebius');
    }
  });

  it('a 5 MB page of nothing but links gives empty text', () => {
    const html = `<html><body><ul>${'<li><a href="/a">some link text here</a></li>\n'.repeat(120_000)}</ul></body></html>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    expect(extractArticle(html).text).toBe('');
  });
});
