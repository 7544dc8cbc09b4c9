// HTML, XML and regex escaping, one module for everyone: the `entities` package's encoders where they fit.
import { escapeText, escapeUTF8 } from 'entities';

/** Text as a regex that matches it literally (every character RegExp treats as special escaped). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text for HTML or XML anywhere (element content or a quoted attribute): & < > " ' escaped. */
export function escapeHtml(s: string): string {
  return escapeUTF8(s);
}

/**
 * Plain text turned into HTML element content (a feed's text-typed content): only & < > (and no-break
 * spaces) are escaped, so that quotes stay as the author wrote them in stored content and its hash.
 */
export function textToHtml(s: string): string {
  return escapeText(s);
}

/** Characters XML 1.0 cannot hold at all, even as references. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text for an XML document we write (OPML, generated feeds), content or attribute: escaped as escapeHtml,
 * characters XML cannot hold dropped, and tab and line breaks kept as references (an attribute value
 * would otherwise have them normalised to spaces).
 */
export function escapeXml(value: unknown): string {
  return escapeUTF8(String(value ?? '').replace(NOT_XML, '')).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
