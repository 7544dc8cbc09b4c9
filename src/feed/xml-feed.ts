// XML feed tree → ParsedFeed, for RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and CDF. Each field is taken
// from the first element that carries it, in the order feed readers agree on; links are resolved
// against the xml:base in effect (or the feed's URL).
import { parseFeedDate } from './dates.js';
import { textToHtml } from '../text/escape.js';
import { htmlToText, looksLikeHtml, tidyText } from '../text/html-text.js';
import { FeedParseError, type FeedFormat, type FeedItem, type ParsedFeed } from './types.js';
import { sanitizeHtml } from './sanitize-html.js';
import { innerSource, resolveUrl, type XmlDocument, type XmlElement } from './xml-tree.js';

/** A name to look for: namespace key and local name ('' namespace = plain RSS / no namespace). */
type Name = readonly [ns: string, local: string];

const CORE = ['', 'atom'] as const;

function is(el: XmlElement, ns: readonly string[], local: string): boolean {
  return el.local === local && ns.includes(el.ns);
}

function first(el: XmlElement, ns: readonly string[], local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && ns.includes(c.ns)) return c;
  return undefined;
}

function firstOf(el: XmlElement, names: readonly Name[]): XmlElement | undefined {
  for (const [ns, local] of names) {
    for (const c of el.children) if (c.local === local && c.ns === ns && hasValue(c)) return c;
  }
  return undefined;
}

function hasValue(el: XmlElement): boolean {
  return el.children.length > 0 || el.text.trim() !== '' || Object.keys(el.attrs).length > 0;
}

function nonEmpty(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.trim();
  return t === '' ? null : t;
}

/** Text of an element as HTML: its text when markup was escaped, its raw inner source when markup was inline. */
function htmlOf(doc: XmlDocument, el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  return innerSource(doc, el);
}

type TextKind = 'text' | 'html' | 'untyped';

/** Atom's "other" MIME types (not text/*, not XML) are base64 (RFC 4287 §3.1.1.3, §4.1.3.3). */
function isBase64Type(type: string): boolean {
  return type.includes('/') && !type.startsWith('text/') && !/[/+]xml$/.test(type);
}

/** An Atom text construct (or RSS element) as its value and how to read it. */
function textConstruct(doc: XmlDocument, el: XmlElement): { value: string; kind: TextKind } {
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  if (mode === 'base64' || isBase64Type(type)) {
    const decoded = Buffer.from(el.text.replace(/\s+/g, ''), 'base64').toString('utf8');
    return { value: decoded, kind: type === 'text' || type === 'text/plain' ? 'text' : 'html' };
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = el.children.length === 1 && el.children[0]!.local === 'div' ? el.children[0]! : null;
    // In Atom 1.0 the wrapping <div> belongs to the syntax, not to the content.
    const unwrap = type === 'xhtml' && div !== null && el.text.trim() === '';
    return { value: unwrap ? innerSource(doc, div) : innerSource(doc, el), kind: 'html' };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') return { value: htmlOf(doc, el), kind: 'html' };
  if (type === 'text' || type === 'text/plain') {
    return el.children.length ? { value: innerSource(doc, el), kind: 'html' } : { value: el.text, kind: 'text' };
  }
  return { value: htmlOf(doc, el), kind: 'untyped' };
}

/** Markup-looking text: a tag, a comment or a declaration. */
const TAG_LIKE = /<[a-zA-Z!/]/;

/** A title-like field as plain text, and as sanitised HTML when the feed marks it up. */
function titleOf(doc: XmlDocument, el: XmlElement | undefined): { text: string | null; html: string | null } {
  if (!el) return { text: null, html: null };
  const { value, kind } = textConstruct(doc, el);
  if (kind === 'text') return { text: nonEmpty(tidyText(value)), html: null };
  const markup = kind === 'html' || el.children.length > 0 || TAG_LIKE.test(value);
  const text = kind === 'untyped' && !markup && !looksLikeHtml(value) ? tidyText(value) : htmlToText(value);
  return { text: nonEmpty(text), html: markup ? nonEmpty(sanitizeHtml(value, el.base)) : null };
}

function htmlContent(doc: XmlDocument, el: XmlElement | undefined): string | null {
  if (!el) return null;
  if (el.attrs.src && el.text.trim() === '') return null;
  const { value, kind } = textConstruct(doc, el);
  return nonEmpty(kind === 'text' ? textToHtml(value) : resolveHtmlUrls(value, el.base));
}

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite|background)\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;

/** Makes href/src URLs inside an HTML fragment absolute against the element's base. */
function resolveHtmlUrls(html: string, base: string | null): string {
  if (!base || !/(?:href|src|poster|cite|background)\s*=/i.test(html)) return html;
  return html.replace(URL_ATTRIBUTE, (whole, lead: string, dq: string | undefined, sq: string | undefined) => {
    const raw = dq ?? sq ?? '';
    const value = raw.trim();
    if (value === '' || value.startsWith('#') || ABSOLUTE.test(value)) return whole;
    const quote = dq !== undefined ? '"' : "'";
    // The value is HTML-escaped in the source; resolving leaves & and quotes as they were.
    return `${lead}${quote}${resolveUrl(value, base)}${quote}`;
  });
}

function url(value: string | null | undefined, base: string | null): string | null {
  const v = nonEmpty(value);
  return v === null ? null : resolveUrl(v, base);
}

const ALTERNATE_TYPES = ['text/html', 'application/xhtml+xml', ''];

/** The rel="alternate" link of an Atom element (or one without rel), preferring an HTML one. */
function atomLink(el: XmlElement, nsList: readonly string[]): string | null {
  let best: XmlElement | undefined;
  let bestRank = Infinity;
  for (const c of el.children) {
    if (c.local !== 'link' || !nsList.includes(c.ns)) continue;
    const href = c.attrs.href ?? c.attrs['atom:href'];
    if (!href || !href.trim()) continue;
    const rel = (c.attrs.rel ?? 'alternate').trim().toLowerCase();
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const typeRank = ALTERNATE_TYPES.indexOf((c.attrs.type ?? '').trim().toLowerCase());
    const rank = typeRank < 0 ? ALTERNATE_TYPES.length : typeRank;
    if (rank < bestRank) {
      best = c;
      bestRank = rank;
    }
  }
  return best ? url(best.attrs.href ?? best.attrs['atom:href'], best.base) : null;
}

/** An RSS <link>: its text, or an href attribute when a feed wrote it Atom-style without a namespace. */
function rssLink(el: XmlElement): string | null {
  for (const c of el.children) {
    if (c.local !== 'link' || c.ns !== '') continue;
    const text = nonEmpty(c.children.length ? htmlToText(c.text) : c.text);
    if (text) return url(text, c.base);
  }
  const alt = atomLink(el, ['', 'atom']);
  return alt;
}

const DATE_NAMES: readonly Name[] = [
  ['', 'pubdate'],
  ['atom', 'published'],
  ['', 'published'],
  ['dc', 'date'],
  ['dcterms', 'issued'],
  ['dcterms', 'created'],
  ['atom', 'issued'],
  ['', 'issued'],
  ['atom', 'created'],
  ['', 'created'],
  ['dcterms', 'date'],
  ['atom', 'updated'],
  ['', 'updated'],
  ['atom', 'modified'],
  ['', 'modified'],
  ['dcterms', 'modified'],
];

function itemDate(el: XmlElement): string | null {
  for (const [ns, local] of DATE_NAMES) {
    for (const c of el.children) {
      if (c.local !== local || c.ns !== ns) continue;
      const date = parseFeedDate(c.text);
      if (date) return date;
    }
  }
  return parseFeedDate(el.attrs.lastmod);
}

function author(doc: XmlDocument, el: XmlElement): string | null {
  const a = first(el, CORE, 'author') ?? first(el, ['dc'], 'creator') ?? first(el, ['itunes'], 'author');
  if (!a) return null;
  const name = first(a, CORE, 'name');
  if (name) return nonEmpty(tidyText(name.text));
  return a.children.length ? nonEmpty(htmlToText(innerSource(doc, a))) : nonEmpty(tidyText(a.text));
}

const TITLE_NAMES: readonly Name[] = [
  ['', 'title'],
  ['atom', 'title'],
  ['dc', 'title'],
  ['dcterms', 'title'],
  ['media', 'title'],
];

function readItem(doc: XmlDocument, el: XmlElement, atomFeed: boolean): FeedItem {
  const titleEl = firstOf(el, TITLE_NAMES) ?? mediaTitle(el);
  const guid = first(el, [''], 'guid');
  const guidText = guid ? nonEmpty(guid.text) : null;
  const idEl = first(el, CORE, 'id') ?? first(el, ['dc'], 'identifier');
  const id = guidText ?? (idEl ? nonEmpty(idEl.text) : null) ?? nonEmpty(el.attrs['rdf:about']) ?? nonEmpty(el.attrs.about);

  // FeedBurner's origLink is the article's own URL; its <link> is a redirect through FeedBurner.
  const origLink = first(el, ['feedburner'], 'origlink');
  let link: string | null = origLink ? url(origLink.text, origLink.base) : null;
  link ??= atomFeed ? atomLink(el, CORE) : rssLink(el);
  if (!link && el.attrs.href) link = url(el.attrs.href, el.base);
  if (!link && guid && guidText && (guid.attrs.ispermalink ?? 'true').trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guidText)) {
    link = url(guidText, guid.base);
  }
  if (!link && !atomFeed) link = atomLink(el, CORE);

  const contentEl =
    first(el, ['content'], 'encoded') ??
    first(el, ['atom'], 'content') ??
    first(el, [''], 'content') ??
    first(el, ['xhtml', ''], 'body') ??
    first(el, [''], 'fullitem');
  const summaryEl =
    first(el, [''], 'description') ??
    first(el, CORE, 'summary') ??
    first(el, ['dc'], 'description') ??
    first(el, [''], 'abstract') ??
    first(el, ['itunes'], 'summary');
  let content = contentEl ? (contentEl.local === 'body' ? nonEmpty(innerSource(doc, contentEl)) : htmlContent(doc, contentEl)) : null;
  const summary = htmlContent(doc, summaryEl);
  if (content === summary) content = null;

  const title = titleOf(doc, titleEl);
  return {
    id,
    title: title.text,
    titleHtml: title.html,
    link,
    published: itemDate(el),
    content,
    summary,
    author: author(doc, el),
  };
}

function mediaTitle(el: XmlElement): XmlElement | undefined {
  const group = first(el, ['media'], 'group') ?? first(el, ['media'], 'content');
  return group ? first(group, ['media'], 'title') : undefined;
}

function ttlOf(channel: XmlElement): number | null {
  const ttl = first(channel, [''], 'ttl');
  if (ttl) {
    const n = Number.parseInt(ttl.text.trim(), 10);
    if (Number.isFinite(n) && n > 0) return n;
  }
  // The syndication module: updatePeriod (hourly, daily...) divided by updateFrequency.
  const period = first(channel, ['sy'], 'updateperiod');
  if (!period) return null;
  const minutes: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };
  const base = minutes[period.text.trim().toLowerCase()];
  if (!base) return null;
  const freqEl = first(channel, ['sy'], 'updatefrequency');
  const freq = freqEl ? Number.parseInt(freqEl.text.trim(), 10) : 1;
  return Math.max(1, Math.round(base / (Number.isFinite(freq) && freq > 0 ? freq : 1)));
}

const ROOT_NAMES = new Set(['rss', 'rdf', 'feed', 'channel', 'scriptingnews']);

function findRoot(doc: XmlDocument): XmlElement | undefined {
  for (const r of doc.roots) if (ROOT_NAMES.has(r.local)) return r;
  // A feed wrapped in some other element (a SOAP envelope, a stray wrapper): look one or two levels down.
  for (const r of doc.roots) {
    for (const c of r.children) {
      if (ROOT_NAMES.has(c.local) && c.local !== 'channel') return c;
      for (const g of c.children) if (ROOT_NAMES.has(g.local) && g.local !== 'channel') return g;
    }
  }
  return undefined;
}

function describeRoot(doc: XmlDocument): string {
  const r = doc.roots[0];
  if (!r) return 'nothing';
  const name = `${r.ns && r.ns !== 'atom' ? `${r.ns}:` : ''}${r.local}`;
  // A garbled name (binary data read as text) is not worth quoting back.
  return /^[\w.:-]{1,60}$/.test(name) ? `<${name}>` : 'not a readable element name';
}

export function readXmlFeed(doc: XmlDocument): ParsedFeed {
  const root = findRoot(doc);
  if (!root) {
    if (doc.roots.length === 0) throw new FeedParseError('The document holds no XML element: it is not a feed.');
    throw new FeedParseError(`The document is XML whose root element is ${describeRoot(doc)}, not RSS, Atom or RDF: it is not a feed.`);
  }
  if (root.local === 'feed') return readAtom(doc, root);
  const format: FeedFormat = root.local === 'rdf' ? 'rdf' : 'rss';
  const channel = root.local === 'channel' ? root : (first(root, ['', 'rdf'], 'channel') ?? root);
  const items: XmlElement[] = [];
  for (const c of channel.children) if (is(c, CORE, 'item') || is(c, CORE, 'entry')) items.push(c);
  if (channel !== root) for (const c of root.children) if (is(c, CORE, 'item')) items.push(c);
  const title = titleOf(doc, firstOf(channel, TITLE_NAMES));
  const link = rssLink(channel) ?? url(channel.attrs.href, channel.base);
  return {
    format,
    title: title.text,
    titleHtml: title.html,
    id: null,
    link,
    ttlMinutes: ttlOf(channel),
    truncated: doc.truncated,
    items: readItems(doc, items, false, link),
  };
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** Items read whole; links still relative (no xml:base, no feed URL) resolved against the feed's own absolute link. */
function readItems(doc: XmlDocument, elements: XmlElement[], atomFeed: boolean, feedLink: string | null): FeedItem[] {
  const fallbackBase = feedLink && /^https?:/i.test(feedLink) ? feedLink : null;
  const items: FeedItem[] = [];
  for (const el of elements) {
    if (el.unclosed) continue;
    const item = readItem(doc, el, atomFeed);
    if (fallbackBase && item.link && !ABSOLUTE.test(item.link)) item.link = resolveUrl(item.link, fallbackBase);
    items.push(item);
  }
  return items;
}

function readAtom(doc: XmlDocument, feed: XmlElement): ParsedFeed {
  const entries = feed.children.filter((c) => is(c, CORE, 'entry'));
  const title = titleOf(doc, firstOf(feed, TITLE_NAMES));
  const idEl = first(feed, CORE, 'id');
  const link = atomLink(feed, CORE) ?? rssLink(feed);
  return {
    format: 'atom',
    title: title.text,
    titleHtml: title.html,
    id: idEl ? nonEmpty(idEl.text) : null,
    link,
    ttlMinutes: ttlOf(feed),
    truncated: doc.truncated,
    items: readItems(doc, entries, true, link),
  };
}
