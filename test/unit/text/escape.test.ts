import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeRegExp, escapeXml, textToHtml } from '../../../src/text/escape.js';
import { hasSafeScheme, httpUrl } from '../../../src/text/urls.js';
import { htmlToParagraphs, htmlToText } from '../../../src/text/html-text.js';

describe('escaping', () => {
  it('escapeHtml escapes the five characters that matter anywhere in HTML or XML', () => {
    expect(escapeHtml(`AT&T <b> "q" 'a'`)).toBe('AT&amp;T &lt;b&gt; &quot;q&quot; &apos;a&apos;');
    expect(escapeHtml('café · €')).toBe('café · €');
  });

  it('escapeRegExp makes a name with special characters match only itself', () => {
    const name = 'Power & Light (U.S.) [A+B] $1.5*?^|\\';
    const re = new RegExp(`^${escapeRegExp(name)}$`, 'u');
    expect(re.test(name)).toBe(true);
    expect(re.test('Power & Light (UxS.) [A+B] $1.5*?^|\\')).toBe(false);
    expect(escapeRegExp('Hut 8')).toBe('Hut 8');
  });

  it('textToHtml keeps quotes (stored feed content and its hash stay as written)', () => {
    expect(textToHtml(`a < b & "c" 'd'`)).toBe(`a &lt; b &amp; "c" 'd'`);
  });

  it('escapeXml drops what XML cannot hold and keeps tabs and line breaks as references', () => {
    expect(escapeXml('a\u0000b\u0008c\t"d"\n<e>\r')).toBe('abc&#9;&quot;d&quot;&#10;&lt;e&gt;&#13;');
    expect(escapeXml(null)).toBe('');
    expect(escapeXml(42)).toBe('42');
  });
});

describe('safe URLs', () => {
  it('httpUrl keeps absolute http(s) URLs and refuses the rest', () => {
    expect(httpUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(httpUrl('HTTP://Example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', '', null, undefined, 'http//x']) expect(httpUrl(bad)).toBeNull();
  });

  it('hasSafeScheme refuses script schemes however they are disguised, and allows relative links', () => {
    for (const bad of ['javascript:alert(1)', ' JaVa\nScRiPt:alert(1)', 'java\u0000script:x', 'data:text/html,x', 'vbscript:x']) expect(hasSafeScheme(bad), bad).toBe(false);
    for (const good of ['https://x.example/', 'mailto:a@b.example', '/path', 'page.html', '#top']) expect(hasSafeScheme(good), good).toBe(true);
  });
});

describe('HTML → text', () => {
  it('htmlToText gives one line, htmlToParagraphs gives blocks', () => {
    expect(htmlToText('<b>OpenAI</b> &amp; Oracle<script>x()</script> sign a\n<i>deal</i>')).toBe('OpenAI & Oracle sign a deal');
    expect(htmlToParagraphs('<p>OpenAI &amp; Oracle</p><script>x()</script><p>sign a\n<b>deal</b></p>')).toBe('OpenAI & Oracle\n\nsign a deal');
  });
});
