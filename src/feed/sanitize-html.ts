// A small HTML sanitiser for the markup feeds put in titles: keeps ordinary formatting elements, drops
// script/style/applet with their content, drops other unknown elements (keeping their text), every event
// handler and style attribute, and URLs whose scheme is not http(s), ftp, mailto or relative.
// Output is re-serialised HTML (void elements as `<br />`), so it is safe to insert into a page.
import { Parser } from 'htmlparser2';
import { escapeHtml as escapeAttr, textToHtml as escapeText } from '../text/escape.js';
import { hasSafeScheme } from '../text/urls.js';
import { resolveUrl } from './xml-tree.js';

const ALLOWED = new Set(
  (
    'a abbr acronym address area article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del ' +
    'details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd label li map mark ' +
    'nav ol p picture pre q s samp section small source span strike strong sub summary sup table tbody td tfoot th thead ' +
    'time tr tt u ul var wbr'
  ).split(' '),
);

/** Elements removed together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'applet', 'noscript', 'template', 'textarea', 'title']);

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'wbr']);

const URL_ATTRS = new Set(['href', 'src', 'cite', 'longdesc', 'usemap', 'srcset']);

const ALLOWED_ATTRS = new Set([
  'href', 'src', 'alt', 'title', 'width', 'height', 'cite', 'datetime', 'lang', 'dir', 'colspan', 'rowspan', 'align',
  'valign', 'border', 'cellpadding', 'cellspacing', 'summary', 'abbr', 'headers', 'scope', 'span', 'start', 'type',
  'value', 'name', 'color', 'face', 'size', 'hreflang', 'rel', 'longdesc', 'usemap', 'shape', 'coords', 'nowrap', 'clear',
]);

/** Nesting beyond this is flattened: bounds the open-element stack on hostile input. */
const MAX_OPEN = 100;

function safeUrl(value: string, base: string | null): string {
  return hasSafeScheme(value) ? resolveUrl(value, base) : '';
}

/** Sanitises an HTML fragment; relative URLs in it are resolved against base when one is given. */
export function sanitizeHtml(html: string, base: string | null = null): string {
  let out = '';
  const open: string[] = [];
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropDepth > 0 || DROPPED_WITH_CONTENT.has(name)) {
          if (!VOID.has(name)) dropDepth++;
          return;
        }
        if (!ALLOWED.has(name) || open.length >= MAX_OPEN) return;
        let tag = `<${name}`;
        for (const [key, raw] of Object.entries(attribs)) {
          if (!ALLOWED_ATTRS.has(key)) continue;
          const value = URL_ATTRS.has(key) ? safeUrl(raw, base) : raw;
          tag += ` ${key}="${escapeAttr(value)}"`;
        }
        if (VOID.has(name)) {
          out += `${tag} />`;
          return;
        }
        out += `${tag}>`;
        open.push(name);
      },
      onclosetag(name) {
        if (dropDepth > 0) {
          if (!VOID.has(name)) dropDepth--;
          return;
        }
        if (VOID.has(name) || !ALLOWED.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at < 0) return;
        while (open.length > at) out += `</${open.pop()!}>`;
      },
      ontext(text) {
        if (dropDepth === 0) out += escapeText(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  while (open.length) out += `</${open.pop()!}>`;
  return out;
}
