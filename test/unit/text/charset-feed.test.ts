// Feed bytes → text: BOM, UTF-16/32 layout, HTTP charset, XML declaration, UTF-8 check, statistical guess.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { charsetFromContentType, charsetFromXmlDeclaration, decodeFeedBytes, normaliseCharset } from '../../../src/text/charset.js';

const doc = (enc: string, text: string) => `<?xml version="1.0" encoding="${enc}"?><rss><channel><title>${text}</title></channel></rss>`;

describe('charset labels', () => {
  it.each([
    ['text/xml; charset=utf-8', 'utf-8'],
    ['application/rss+xml;charset="ISO-8859-1"', 'windows-1252'],
    ["application/atom+xml;charset='gb2312'", 'gb18030'],
    ['text/xml;charset= "us-ascii"', 'windows-1252'],
    ['text/xml; charset=nonsense-42', null],
    ['text/xml', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });

  it('reads the XML declaration and ignores unknown names', () => {
    expect(charsetFromXmlDeclaration(Buffer.from(doc('windows-1251', 'x')))).toBe('windows-1251');
    expect(charsetFromXmlDeclaration(Buffer.from(doc('klingon', 'x')))).toBeNull();
    expect(normaliseCharset('  "UTF8" ')).toBe('utf-8');
  });
});

describe('decodeFeedBytes', () => {
  it('a BOM wins over every label', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('iso-8859-1', 'Ωmega'))]);
    expect(decodeFeedBytes(body, 'text/xml; charset=windows-1252')).toMatchObject({ encoding: 'utf-8' });
    expect(decodeFeedBytes(body).text).toContain('Ωmega');
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('%s without a BOM is recognised from the byte layout', (enc) => {
    const body = iconv.encode(doc(enc, 'Wide ☃'), enc);
    const out = decodeFeedBytes(body);
    expect(out.encoding).toBe(enc);
    expect(out.text).toContain('Wide ☃');
  });

  it('an HTTP charset overrides the XML declaration', () => {
    const body = iconv.encode(doc('utf-8', 'Привет'), 'windows-1251');
    expect(decodeFeedBytes(body, 'text/xml; charset=windows-1251').text).toContain('Привет');
  });

  it('a Latin-1 label on valid UTF-8 bytes is read as UTF-8', () => {
    const body = Buffer.from(doc('iso-8859-1', 'naïve — “quote”'));
    expect(decodeFeedBytes(body)).toMatchObject({ encoding: 'utf-8' });
  });

  it('a declared UTF-16 on single-byte text is ignored', () => {
    const body = Buffer.from(doc('utf-16', 'plain'));
    expect(decodeFeedBytes(body).text).toContain('<title>plain</title>');
  });

  it('unlabelled bytes that are not UTF-8 fall back to windows-1252 for Western text', () => {
    const body = Buffer.from('<rss><channel><title>caf\xe9 \x93q\x94</title></channel></rss>', 'latin1');
    expect(decodeFeedBytes(body).text).toContain('café “q”');
  });

  it('never throws on random bytes', () => {
    const bytes = Buffer.alloc(50_000);
    let x = 99;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = x & 0xff;
    }
    expect(typeof decodeFeedBytes(bytes, 'text/xml; charset=utf-8').text).toBe('string');
  });
});
