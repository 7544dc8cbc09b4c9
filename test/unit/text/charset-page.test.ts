import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromMeta, decodeFeedBytes, decodeHtml, notHtmlReason } from '../../../src/text/charset.js';
import { extractArticle } from '../../../src/page/index.js';

const page = (charsetMeta: string, body: string): string =>
  `<html><head>${charsetMeta}<title>Test page title here</title></head><body><article><p>${body}</p></article></body></html>`;

describe('decodeHtml', () => {
  it('reads windows-1252 named by <meta charset>', () => {
    const bytes = iconv.encode(page('<meta charset="windows-1252">', '\u201cQuoted\u201d caf\u00e9 \u20ac5'), 'windows-1252');
    expect(decodeHtml(bytes)).toContain('\u201cQuoted\u201d caf\u00e9 \u20ac5');
  });

  it('treats iso-8859-1 as windows-1252, as browsers do', () => {
    const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', 'It\u2019s'), 'windows-1252');
    expect(decodeHtml(bytes)).toContain('It\u2019s');
  });

  it('reads shift_jis named by http-equiv', () => {
    const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', '日本語の記事です'), 'shift_jis');
    expect(decodeHtml(bytes)).toContain('日本語の記事です');
  });

  it('reads UTF-16 with a byte-order mark, little and big endian', () => {
    const text = page('', 'Grüße aus Köln');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    expect(decodeHtml(le)).toContain('Grüße aus Köln');
    expect(decodeHtml(be)).toContain('Grüße aus Köln');
  });

  it('reads UTF-16 without a BOM and UTF-32 with one', () => {
    const text = page('', 'Grüße aus Köln');
    expect(decodeHtml(iconv.encode(text, 'utf-16le'))).toContain('Grüße aus Köln');
    expect(decodeHtml(iconv.encode(text, 'utf-16be'))).toContain('Grüße aus Köln');
    expect(decodeHtml(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(text, 'utf-32le')]))).toContain('Grüße aus Köln');
    expect(notHtmlReason(iconv.encode(text, 'utf-16le'))).toBeNull();
  });

  it('lets the HTTP header win over <meta>', () => {
    const bytes = iconv.encode(page('<meta charset="utf-8">', 'na\u00efve'), 'windows-1252');
    expect(decodeHtml(bytes, 'text/html; charset=windows-1252')).toContain('na\u00efve');
  });

  it('keeps UTF-8 bytes as UTF-8 when a stale <meta> names another charset', () => {
    const bytes = Buffer.from(page('<meta charset="gb2312">', '深度学习 – déjà vu'), 'utf8');
    expect(decodeHtml(bytes)).toContain('深度学习 – déjà vu');
  });

  it('strips a UTF-8 BOM and falls back to UTF-8 for unknown charsets', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="x-made-up">', 'ok ✓'))]);
    const html = decodeHtml(bytes);
    expect(html.charCodeAt(0)).not.toBe(0xfeff);
    expect(html).toContain('ok ✓');
    expect(charsetFromMeta(Buffer.from('<meta charset="x-made-up">'))).toBeNull();
    expect(charsetFromContentType('text/html; charset="UTF-8"')).toBe('utf-8');
  });

  it('decodes a UTF-8 page cut in the middle of a character', () => {
    const bytes = Buffer.from(page('<meta charset="windows-1252">', 'price €300'), 'utf8');
    const cut = Buffer.concat([bytes, Buffer.from('é', 'utf8').subarray(0, 1)]);
    expect(decodeHtml(cut)).toContain('price €300');
  });

  it('reads gb2312 and gbk labels as gb18030 (WHATWG), for pages and feeds alike', () => {
    // U+20000 and U+20AC-adjacent rarities: GB18030 four-byte sequences that a GBK decoder turns into U+FFFD.
    const text = '算力协议 \u{20000} \u00b7 \u20ac';
    const bytes = iconv.encode(page('<meta charset="gb2312">', text), 'gb18030');
    expect(decodeHtml(bytes, 'text/html; charset=gb2312')).toContain(text);
    expect(decodeHtml(bytes)).toContain(text);
    expect(decodeHtml(bytes, 'text/html; charset=GBK')).toContain(text);
    expect(charsetFromContentType('text/html; charset=gb2312')).toBe('gb18030');
    expect(charsetFromMeta(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=x-gbk">'))).toBe('gb18030');
    const feed = iconv.encode(`<?xml version="1.0" encoding="gb2312"?><rss><channel><title>${text}</title></channel></rss>`, 'gb18030');
    expect(decodeFeedBytes(feed)).toEqual({ text: expect.stringContaining(text), encoding: 'gb18030' });
  });

  it('extractArticle decodes Buffers itself', () => {
    const bytes = iconv.encode(page('<meta charset="windows-1252">', 'Caf\u00e9 owners said the \u201cdeal\u201d was worth \u20ac5 million to the town and its people.'), 'windows-1252');
    expect(extractArticle(bytes).text).toContain('Caf\u00e9 owners said the \u201cdeal\u201d');
  });
});

describe('notHtmlReason', () => {
  it('names empty and binary input, and passes text', () => {
    expect(notHtmlReason(Buffer.alloc(0))).toBe('empty input');
    expect(notHtmlReason(Buffer.from('  \n\t '))).toBe('empty input');
    expect(notHtmlReason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(/binary/);
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256 || 1;
    expect(notHtmlReason(noise)).toMatch(/binary/);
    expect(notHtmlReason(Buffer.from(page('', 'hello')))).toBeNull();
    expect(notHtmlReason(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>hi</p>', 'utf-16le')]))).toBeNull();
  });
});
