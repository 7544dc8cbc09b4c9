// Caps how deeply tags nest before the page reaches the parser. htmlparser2 keeps its open-tag
// stack with unshift/shift, so each tag costs time in proportion to the nesting depth: 100,000
// nested tags took 12 s. Real pages nest a few dozen levels; beyond MAX_DEPTH the opening tags (and
// their matching end tags) are dropped and only their text is kept.

/** Far beyond any real page (news pages nest 20-60 levels), low enough to keep parsing linear in practice. */
export const MAX_DEPTH = 400;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame']);
/** Elements whose end tag is usually left out: they would count as ever deeper nesting. */
const OPTIONAL_END = new Set(['p', 'li', 'td', 'th', 'tr', 'option', 'optgroup', 'dt', 'dd', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'caption', 'html', 'head', 'body']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'plaintext']);

export function limitNesting(html: string, maxDepth = MAX_DEPTH): string {
  let depth = 0;
  const dropped = new Map<string, number>();
  const cuts: [number, number][] = [];
  // Sticky, matched in place at each '<': no substring per tag.
  const tagName = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
  const rawEnd = new Map<string, RegExp>();
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    tagName.lastIndex = i;
    const m = tagName.exec(html);
    const close = m ? html.indexOf('>', i) : -1;
    if (!m || close === -1) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const isEnd = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    if (isEnd) {
      const d = dropped.get(name) ?? 0;
      if (d > 0) {
        dropped.set(name, d - 1);
        cuts.push([i, close + 1]);
      } else if (!VOID.has(name) && !OPTIONAL_END.has(name) && depth > 0) depth--;
    } else if (RAW_TEXT.has(name)) {
      let re = rawEnd.get(name);
      if (!re) rawEnd.set(name, (re = new RegExp(`</${name}`, 'gi')));
      re.lastIndex = close + 1;
      const found = re.exec(html);
      if (!found) break;
      const end = found.index;
      i = html.indexOf('<', end + 2);
      continue;
    } else if (!VOID.has(name) && !OPTIONAL_END.has(name) && html[close - 1] !== '/') {
      if (depth >= maxDepth) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        cuts.push([i, close + 1]);
      } else depth++;
    }
    i = html.indexOf('<', close + 1);
  }
  if (cuts.length === 0) return html;
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    parts.push(html.slice(at, from));
    at = to;
  }
  parts.push(html.slice(at));
  return parts.join('');
}
