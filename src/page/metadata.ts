// Title, publication date, canonical URL and language of an article page.
import { attr, collapse, elements, findAll, findFirst, textOf, type Document, type Element } from './dom.js';
import { isArticleObject, jsonLdArticle, stringField, type JsonObject } from './jsonld.js';

export interface ArticleMetadata {
  title: string | null;
  published: string | null;
  canonical_url: string | null;
  language: string | null;
  site_name: string | null;
  author_organisation: string | null;
}

/** The few entities some sites escape twice in meta values ("&amp;quot;"), as Readability undoes them. */
function unescape(s: string): string {
  return s
    .replace(/&(quot|amp|apos|lt|gt);/g, (_, n: string) => ({ quot: '"', amp: '&', apos: "'", lt: '<', gt: '>' })[n] ?? '')
    .replace(/&#(?:x([0-9a-f]+)|([0-9]+));/gi, (_, hex: string | undefined, dec: string | undefined) => {
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    });
}

/** Meta tags by normalised key: property="og:title" → og:title, name="DC.date" → dc:date. */
function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const el of findAll(doc, (e) => e.name === 'meta')) {
    const content = attr(el, 'content');
    if (content === undefined || !content.trim()) continue;
    const keys = [...(attr(el, 'property') ?? '').split(/\s+/), attr(el, 'name') ?? '', attr(el, 'itemprop') ?? ''];
    for (const raw of keys) {
      const key = raw.toLowerCase().replace(/\s+/g, '').replace(/\./g, ':');
      // The last tag wins, as in Readability.
      if (key) values.set(key, collapse(unescape(content)));
    }
  }
  return values;
}

const wordCount = (s: string): number => s.split(/\s+/).length;

/** The document title with the site name cut off, as Mozilla Readability does it. */
function documentTitle(doc: Document): string {
  const titleEl = findFirst(doc, (e) => e.name === 'title');
  const orig = titleEl ? textOf(titleEl) : '';
  let cur = orig;
  let hierarchical = false;
  if (/ [|\-–—\\/>»] /.test(cur)) {
    hierarchical = / [\\/>»] /.test(cur);
    const seps = [...orig.matchAll(/ [|\-–—\\/>»] /g)];
    cur = orig.substring(0, seps[seps.length - 1]?.index ?? orig.length);
    if (wordCount(cur) < 3) cur = orig.replace(/^[^|\-–—\\/>»]*[|\-–—\\/>»]/, '');
  } else if (cur.includes(': ')) {
    const headings = findAll(doc, (e) => e.name === 'h1' || e.name === 'h2');
    if (!headings.some((h) => textOf(h) === cur.trim())) {
      cur = orig.substring(orig.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = orig.substring(orig.indexOf(':') + 1);
      else if (wordCount(orig.substring(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if (cur.length > 150 || cur.length < 15) {
    const h1s = findAll(doc, (e) => e.name === 'h1');
    if (h1s.length === 1) cur = textOf(h1s[0] as Element);
  }
  cur = collapse(cur);
  const n = wordCount(cur);
  if (n <= 4 && (!hierarchical || n !== wordCount(orig.replace(/[|\-–—\\/>»]+/g, '')) - 1)) cur = orig;
  return cur;
}

/** Share of b's words (by length) that a also has: 1 when b's words are all in a. */
export function similarity(a: string, b: string): number {
  const ta = a.toLowerCase().split(/\W+/).filter(Boolean);
  const tb = b.toLowerCase().split(/\W+/).filter(Boolean);
  if (!ta.length || !tb.length) return 0;
  const setA = new Set(ta);
  const uniqB = tb.filter((t) => !setA.has(t));
  return 1 - uniqB.join(' ').length / tb.join(' ').length;
}

function titleOf(doc: Document, article: JsonObject | null, meta: Map<string, string>): string | null {
  const name = stringField(article, 'name');
  const headline = stringField(article, 'headline');
  let fromJson: string | null = null;
  if (name && headline && name !== headline) {
    const t = documentTitle(doc);
    fromJson = similarity(headline, t) > 0.75 && !(similarity(name, t) > 0.75) ? headline : name;
  } else fromJson = name ?? headline;
  const keys = ['dc:title', 'dcterm:title', 'og:title', 'weibo:article:title', 'weibo:webpage:title', 'title', 'twitter:title', 'parsely-title'];
  let title = fromJson ? collapse(unescape(fromJson)) : null;
  for (const k of keys) if (!title) title = meta.get(k) ?? null;
  if (!title) title = documentTitle(doc);
  return title ? title : null;
}

/** An ISO 8601 instant, or null if the text is not a date. Dates without a zone are taken as UTC. */
export function normaliseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  let s = value.trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(s)) s = s.replace(' ', 'T');
  // "+0000" zones are not ISO; Date parses "+00:00".
  s = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1990 || year > 2200) return null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const DATE_META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'article:published',
  'publishdate',
  'publish-date',
  'publish_date',
  'pubdate',
  'parsely-pub-date',
  'sailthru:date',
  'dc:date:issued',
  'dcterms:issued',
  'dc:date',
  'dcterms:date',
  'dcterms:created',
  'dc:date:created',
  'date',
  'citation_publication_date',
  'citation_date',
  'article:modified_time',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return normaliseDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** A date written in visible text: "2025-09-09", "2025-09-09 14:05", "Sept. 9, 2025", "9 September 2025". */
export function dateFromText(text: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:?\d{2})?)?\b/.exec(text);
  if (iso) return normaliseDate(iso[4] ? `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}${iso[5] ?? ''}` : `${iso[1]}-${iso[2]}-${iso[3]}`);
  const mdy = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (mdy) return ymd(Number(mdy[3]), MONTHS.indexOf((mdy[1] ?? '').slice(0, 3).toLowerCase()) + 1, Number(mdy[2]));
  const dmy = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (dmy) return ymd(Number(dmy[3]), MONTHS.indexOf((dmy[2] ?? '').slice(0, 3).toLowerCase()) + 1, Number(dmy[1]));
  return null;
}

const DATE_CLASS = /date|time|publish|dateline|byline|meta/i;

function publishedOf(doc: Document, objects: JsonObject[], meta: Map<string, string>): string | null {
  const article = jsonLdArticle(objects);
  const candidates: (string | null)[] = [stringField(article, 'datePublished'), stringField(article, 'dateCreated')];
  for (const o of objects) if (!isArticleObject(o)) candidates.push(stringField(o, 'datePublished'));
  for (const k of DATE_META_KEYS) candidates.push(meta.get(k) ?? null);
  for (const c of candidates) {
    const d = normaliseDate(c);
    if (d) return d;
  }
  // <time>: one marked as the publication time first, then the first with a datetime.
  const times = findAll(doc, (e) => e.name === 'time' || attr(e, 'itemprop') === 'datePublished');
  const ordered = [
    ...times.filter((t) => attr(t, 'pubdate') !== undefined || attr(t, 'itemprop') === 'datePublished'),
    ...times,
  ];
  for (const t of ordered) {
    const d = normaliseDate(attr(t, 'datetime') ?? attr(t, 'content') ?? null) ?? dateFromText(textOf(t));
    if (d) return d;
  }
  // Last: a date written in a short date/byline line ("Priya Raman · 2025-09-09").
  const body = findFirst(doc, (e) => e.name === 'body');
  if (!body) return null;
  for (const el of elements(body)) {
    if (!DATE_CLASS.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`)) continue;
    const t = textOf(el);
    if (t.length > 200) continue;
    const d = dateFromText(t);
    if (d) return d;
  }
  return null;
}

function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href || !href.trim()) return null;
  try {
    const u = new URL(href.trim(), base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function canonicalOf(doc: Document, meta: Map<string, string>, url: string | null): string | null {
  const base = resolveUrl(url, null);
  const link = findFirst(doc, (e) => e.name === 'link' && (attr(e, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  return resolveUrl(link ? attr(link, 'href') : null, base) ?? resolveUrl(meta.get('og:url'), base) ?? null;
}

function languageOf(doc: Document, article: JsonObject | null, meta: Map<string, string>): string | null {
  let lang: string | undefined;
  for (const el of elements(doc)) {
    if (el.name === 'html') {
      lang = attr(el, 'lang') ?? attr(el, 'xml:lang');
      break;
    }
    if (el.name === 'body') break;
  }
  lang ||= stringField(article, 'inLanguage') ?? meta.get('content-language') ?? meta.get('language') ?? meta.get('og:locale') ?? meta.get('dc:language');
  if (!lang) {
    const equiv = findFirst(doc, (e) => e.name === 'meta' && (attr(e, 'http-equiv') ?? '').toLowerCase() === 'content-language');
    lang = equiv ? attr(equiv, 'content') : undefined;
  }
  const clean = (lang ?? '').split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(clean) ? clean : null;
}

export function readMetadata(doc: Document, objects: JsonObject[], url: string | null): ArticleMetadata {
  const meta = metaValues(doc);
  const article = jsonLdArticle(objects);
  return {
    title: titleOf(doc, article, meta),
    published: publishedOf(doc, objects, meta),
    canonical_url: canonicalOf(doc, meta, url),
    language: languageOf(doc, article, meta),
    site_name: siteNameOf(article, meta),
    author_organisation: authorOrganisationOf(article, meta),
  };
}

/** The first object of a JSON-LD field that may hold one object or a list of them. */
function firstObject(value: unknown): JsonObject | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as JsonObject) : null;
}

/** The site's own name: og:site_name, application-name, else the JSON-LD publisher's. */
function siteNameOf(article: JsonObject | null, meta: Map<string, string>): string | null {
  return meta.get('og:site_name') ?? meta.get('application-name') ?? stringField(firstObject(article?.publisher), 'name');
}

const ORGANISATION_TYPES = new Set(['Organization', 'Corporation']);

/**
 * The organisation the JSON-LD names as the article's author (a company's own release or post), unless it is the site
 * or the publisher: news sites credit people, or their own desk.
 */
function authorOrganisationOf(article: JsonObject | null, meta: Map<string, string>): string | null {
  const author = firstObject(article?.author);
  const type = author?.['@type'];
  if (typeof type !== 'string' || !ORGANISATION_TYPES.has(type)) return null;
  const name = stringField(author, 'name')?.trim();
  if (!name) return null;
  const own = [siteNameOf(article, meta), stringField(firstObject(article?.publisher), 'name')].map((n) => n?.trim().toLowerCase());
  return own.includes(name.toLowerCase()) ? null : name;
}
