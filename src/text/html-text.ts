// HTML → text, for everyone. htmlToText: one line out of the small HTML fragments feeds put in titles
// (tags dropped with the content of script, style and similar, references decoded, runs of line breaks
// and tabs folded to one space). htmlToParagraphs: a fragment's text with block elements as paragraphs
// (a feed item's content read as an article body). A whole page's main text is src/page/'s job.
import { load } from 'cheerio/slim';
import { decodeHTMLStrict } from 'entities';

const DROPPED_OPEN = /<(script|style|noscript|template|iframe|object|applet|textarea)\b[^>]*>/gi;

/** Removes script, style and similar elements with their content, in one pass (an unclosed one runs to the end). */
function dropWithContent(html: string): string {
  if (!/<(?:script|style|noscript|template|iframe|object|applet|textarea)\b/i.test(html)) return html;
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  DROPPED_OPEN.lastIndex = 0;
  for (let m = DROPPED_OPEN.exec(html); m; m = DROPPED_OPEN.exec(html)) {
    out += html.slice(from, m.index);
    const close = lower.indexOf(`</${m[1]!.toLowerCase()}`, DROPPED_OPEN.lastIndex);
    if (close < 0) return out;
    const end = lower.indexOf('>', close);
    from = end < 0 ? html.length : end + 1;
    DROPPED_OPEN.lastIndex = from;
  }
  return out + html.slice(from);
}

/** True when text looks like it holds HTML markup or character references (and so is not plain text yet). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?\/?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/.test(text);
}

/** Folds whitespace that is not plain spaces (line breaks, tabs) into single spaces and trims. */
export function tidyText(text: string): string {
  if (!/[\t\r\n]/.test(text)) return text.trim();
  // One run at a time (a pattern that looks for a newline inside a run backtracks quadratically on long runs of spaces).
  return text.replace(/[ \t\r\n]+/g, (run) => (run === ' ' || !/[\t\r\n]/.test(run) ? run : ' ')).trim();
}

/** HTML fragment → plain text. */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return tidyText(html);
  const stripped = dropWithContent(html)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-zA-Z!?][^<>]*>?/g, '');
  return tidyText(decodeHTMLStrict(stripped));
}

/** HTML fragment → plain text, block elements (p, div, br, li, headings, blockquote, tr) as paragraphs split by a blank line. */
export function htmlToParagraphs(html: string): string {
  const $ = load(`<div id="lw-root">${html}</div>`, { xml: { xmlMode: false, decodeEntities: true } });
  $('script, style, noscript').remove();
  $('p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote, tr').each((_, el) => {
    $(el).before('\n\n');
  });
  return $('#lw-root')
    .text()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
