// Turns a page's bytes into text: BOM, then the HTTP Content-Type charset, then <meta charset> /
// http-equiv in the first bytes, then UTF-8.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** How far into the body to look for <meta charset>: the HTML spec's prescan stops at 1024 bytes; some pages put it later. */
const META_SCAN_BYTES = 4096;

const ALIASES: Record<string, string> = {
  // Browsers treat these labels as windows-1252 (WHATWG Encoding Standard).
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  // Browsers decode x-sjis and similar as Shift_JIS; gb2312 as GBK.
  'x-sjis': 'shift_jis',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
};

function normaliseLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset named in a Content-Type value, if any and known. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? normaliseLabel(m[2]) : null;
}

function charsetFromBom(body: Buffer): { encoding: string; skip: number } | null {
  const b = (i: number): number => body[i] ?? -1;
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) return { encoding: 'utf-32le', skip: 4 };
  if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff) return { encoding: 'utf-32be', skip: 4 };
  if (b(0) === 0xff && b(1) === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b(0) === 0xfe && b(1) === 0xff) return { encoding: 'utf-16be', skip: 2 };
  // No BOM, but a document that starts with "<" in a wide encoding (the XML spec's autodetection).
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0 && b(3) === 0) return { encoding: 'utf-32le', skip: 0 };
  if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x3c) return { encoding: 'utf-32be', skip: 0 };
  if (b(0) === 0x3c && b(1) === 0 && b(2) !== 0) return { encoding: 'utf-16le', skip: 0 };
  if (b(0) === 0 && b(1) === 0x3c) return { encoding: 'utf-16be', skip: 0 };
  return null;
}

/** <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x"> near the top. */
export function charsetFromMeta(body: Buffer): string | null {
  const head = body.subarray(0, META_SCAN_BYTES).toString('latin1');
  const re = /<meta\b[^>]*>/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const name = normaliseLabel(direct[1]);
      // A page served as bytes cannot really be UTF-16 if its meta tag was readable as ASCII.
      if (name && !name.startsWith('utf-16')) return name;
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

/** Decodes an HTML body to a string: BOM, then the HTTP charset, then UTF-8 if the bytes are UTF-8, then <meta>, then UTF-8. */
export function decodeHtml(body: Buffer, contentType?: string | null): string {
  const bom = charsetFromBom(body);
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
  if (charsetFromBom(body)?.encoding.match(/^utf-(16|32)/)) return null;
  const head = body.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary data, not HTML (NUL bytes)';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  // Text has a handful of stray control characters at most; compressed or image data has ~10%.
  return control / head.length > 0.05 ? 'binary data, not HTML' : null;
}
