// Charset detection and decoding, one implementation for feeds and pages. Labels are read as the WHATWG
// Encoding Standard reads them (latin1 → windows-1252, gb2312/gbk → gb18030).
// A feed: byte-order mark, then UTF-16/32 recognised from the first bytes, then the HTTP Content-Type
// charset, then the XML declaration's encoding, then UTF-8 if the bytes are valid UTF-8, else a
// statistical guess (chardet: Big5, EUC-JP, KOI8-R... in unlabelled feeds), else windows-1252 (what a
// browser would do with unlabelled Western text).
// A page: byte-order mark (or UTF-16/32 from the first bytes), then the HTTP charset, then UTF-8 if the
// bytes are UTF-8, then <meta charset> / http-equiv in the first bytes, then UTF-8.
import { isUtf8 } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

/** How far into the body to look for the XML declaration: it must come first, but some feeds put whitespace or a BOM-less comment before it. */
const DECLARATION_SCAN_BYTES = 1024;

/** How far into a page to look for <meta charset>: the HTML spec's prescan stops at 1024 bytes; some pages put it later. */
const META_SCAN_BYTES = 4096;

/** How much of an unlabelled body the statistical detector reads: enough text for a confident guess, bounded cost. */
const DETECT_SAMPLE_BYTES = 64 * 1024;
/** chardet confidence (0-100) below which its guess is ignored for windows-1252: low scores are mostly noise on Western text. */
const DETECT_MIN_CONFIDENCE = 25;

const ALIASES: Record<string, string> = {
  // WHATWG Encoding Standard: browsers read these labels as windows-1252, which is a superset (curly quotes in 0x80-0x9f).
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  // Browsers decode x-sjis and similar as Shift_JIS.
  'x-sjis': 'shift_jis',
  // WHATWG: gb2312, gbk and x-gbk are labels of the GBK decoder, which is the gb18030 decoder; gb2312
  // documents routinely use GBK/GB18030 characters, and GB18030 is a superset of both.
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'x-euc-kr': 'euc-kr',
  'ks_c_5601-1987': 'euc-kr',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

export interface DecodedText {
  text: string;
  /** The encoding used to decode the bytes. */
  encoding: string;
}

/** A charset label as iconv-lite knows it, or null when unknown or empty. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']+|["']+$/g, '').trim().toLowerCase();
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value, if present and known. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^;,\s]+)/i.exec(contentType);
  if (!m) return null;
  return normaliseCharset(m[2] ?? m[3] ?? m[1]);
}

function bomEncoding(body: Buffer): { encoding: string; skip: number } | null {
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', skip: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by how '<' (or '{') is laid out in the first four bytes (XML 1.0 appendix F). */
function sniffWideEncoding(body: Buffer): string | null {
  if (body.length < 4) return null;
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return null;
}

/** The encoding named by `<?xml ... encoding="x"?>` at the start of the body, if present and known. */
export function charsetFromXmlDeclaration(body: Buffer): string | null {
  const head = body.subarray(0, DECLARATION_SCAN_BYTES).toString('latin1');
  const m = /<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/i.exec(head);
  return m ? normaliseCharset(m[1]) : null;
}

function isWide(encoding: string): boolean {
  return /^utf-?(16|32)/.test(encoding);
}

function isSingleByteWestern(encoding: string): boolean {
  return encoding === 'windows-1252' || encoding === 'iso-8859-15';
}

/** True when the bytes decode as UTF-8 without error (fast path: pure ASCII). */
export function isValidUtf8(body: Buffer): boolean {
  return isUtf8(body);
}

function hasHighBytes(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) if (body[i]! >= 0x80) return true;
  return false;
}

/** The likeliest encoding of unlabelled, non-UTF-8 bytes. */
function guessEncoding(body: Buffer): string {
  const best = analyse(body.subarray(0, DETECT_SAMPLE_BYTES))[0];
  if (!best || best.confidence < DETECT_MIN_CONFIDENCE) return 'windows-1252';
  return normaliseCharset(best.name) ?? 'windows-1252';
}

/** Decodes a feed document's bytes. Never throws: undecodable bytes become U+FFFD. */
export function decodeFeedBytes(body: Buffer, contentType?: string | null): DecodedText {
  const bom = bomEncoding(body);
  if (bom) return { text: iconv.decode(body.subarray(bom.skip), bom.encoding), encoding: bom.encoding };
  const wide = sniffWideEncoding(body);
  if (wide) {
    // The declaration may name a more precise wide encoding, but byte layout is what we can trust.
    return { text: iconv.decode(body, wide), encoding: wide };
  }
  const http = charsetFromContentType(contentType);
  const declared = charsetFromXmlDeclaration(body);
  let encoding = http ?? declared;
  // Bytes read as ASCII cannot be UTF-16/32 (the declaration was readable as single bytes).
  if (encoding && isWide(encoding)) encoding = null;
  if (encoding && isSingleByteWestern(encoding) && hasHighBytes(body) && isValidUtf8(body)) {
    // A Latin-1 label on bytes that are valid UTF-8 with non-ASCII in them is almost always a mislabel:
    // real Latin-1 text is very rarely valid UTF-8.
    encoding = 'utf-8';
  }
  if (!encoding) encoding = !hasHighBytes(body) || isValidUtf8(body) ? 'utf-8' : guessEncoding(body);
  return { text: iconv.decode(body, encoding), encoding };
}

/** windows-1252's characters for bytes 0x80-0x9f (0 where it has none). */
const CP1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * C1 control characters (U+0080-U+009F) in text are nearly always windows-1252 punctuation that went
 * through a Latin-1 conversion ("don\u0092t"): read them as the characters the author typed.
 */
export function fixC1Controls(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_C1[c.charCodeAt(0) - 0x80]!;
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

/** <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x"> near the top of a page. */
export function charsetFromMeta(body: Buffer): string | null {
  const head = body.subarray(0, META_SCAN_BYTES).toString('latin1');
  const re = /<meta\b[^>]*>/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const name = normaliseCharset(direct[1]);
      // A page served as bytes cannot really be UTF-16 if its meta tag was readable as ASCII.
      if (name && !isWide(name)) return name;
      if (name) return 'utf-8';
    }
  }
  return null;
}

/** Valid UTF-8, allowing a character cut at the end (bodies are truncated at a byte cap). */
function looksUtf8(body: Buffer): boolean {
  for (let cut = 0; cut <= 3 && cut < body.length; cut++) if (isUtf8(body.subarray(0, body.length - cut))) return true;
  return body.length === 0;
}

/** A byte-order mark, or UTF-16/32 recognised from how a document starting with "<" is laid out. */
function wideOrBom(body: Buffer): { encoding: string; skip: number } | null {
  const bom = bomEncoding(body);
  if (bom) return bom;
  const wide = sniffWideEncoding(body);
  return wide ? { encoding: wide, skip: 0 } : null;
}

/** Decodes an HTML body to a string: BOM, then the HTTP charset, then UTF-8 if the bytes are UTF-8, then <meta>, then UTF-8. */
export function decodeHtml(body: Buffer, contentType?: string | null): string {
  const bom = wideOrBom(body);
  if (bom) return iconv.decode(body.subarray(bom.skip), bom.encoding);
  const declared = charsetFromContentType(contentType);
  if (declared) return iconv.decode(body, declared);
  // A <meta> charset is often stale (pages re-saved as UTF-8 keep "gb2312"); bytes that are valid
  // UTF-8 and not plain ASCII are almost never a legacy encoding by accident.
  if (looksUtf8(body)) return body.toString('utf8');
  return iconv.decode(body, charsetFromMeta(body) ?? 'utf-8');
}

/** Bytes looked at to tell binary data from text. */
const SNIFF_BYTES = 4096;

/**
 * Why a body cannot be an HTML page ("empty input", "binary data..."), or null if it may be one.
 * Text in UTF-16 (with a BOM) has NUL bytes and is not binary.
 */
export function notHtmlReason(body: Buffer): string | null {
  if (!/\S/.test(body.toString('latin1'))) return 'empty input';
  const wide = wideOrBom(body);
  if (wide && isWide(wide.encoding)) return null;
  const head = body.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary data, not HTML (NUL bytes)';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  // Text has a handful of stray control characters at most; compressed or image data has ~10%.
  return control / head.length > 0.05 ? 'binary data, not HTML' : null;
}
