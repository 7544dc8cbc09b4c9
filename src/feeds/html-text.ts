// Plain text out of the small HTML fragments feeds put in titles: tags dropped (with the content of
// script, style and similar), references decoded, runs of line breaks and tabs folded to one space.
import { decodeHTMLStrict } from 'entities';

const DROPPED_WITH_CONTENT = /<(script|style|noscript|template|iframe|object|applet|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** True when text looks like it holds HTML markup or character references (and so is not plain text yet). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?\/?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/.test(text);
}

/** Folds whitespace that is not plain spaces (line breaks, tabs) into single spaces and trims. */
export function tidyText(text: string): string {
  return text.replace(/[ \t\r\n]*[\t\r\n][ \t\r\n]*/g, ' ').trim();
}

/** HTML fragment → plain text. */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return tidyText(html);
  const stripped = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1')
    .replace(DROPPED_WITH_CONTENT, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-zA-Z!?][^<>]*>?/g, '');
  return tidyText(decodeHTMLStrict(stripped));
}
