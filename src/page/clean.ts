// Cleans the article's nodes: drops footers, asides, share bars, and blocks that look like
// navigation, link lists or widgets rather than prose (link density, few commas, lists of links,
// images without text). Decided bottom-up in one pass, so inner blocks are judged first and an outer
// block is judged on what is left of it.
import { ancestors, attr, findFirst, isTag, textOf, type Element } from './dom.js';
import { classWeight, matchString, type Flags } from './grab.js';
import { AD_WORDS, ARTICLE_META, AUTHOR_BIO, EMBED, CAPTION, CAPTION_TAGS, LOADING_WORDS, SHARE, STRONG_BOILERPLATE } from './patterns.js';
import { measure, type Stats } from './stats.js';

const CONDITIONAL = new Set(['form', 'fieldset', 'table', 'ul', 'div', 'section']);
const ALWAYS = new Set(['footer', 'aside', 'nav']);
const LINE_TAGS = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd', 'dt']);
/** Boxes around a picture: their short text is a caption or credit. */
const CAPTION_BOX = /(^|[\s_-])(image|images|img|photo|photos|picture|media|gallery|slideshow|video|player|thumbnail|lead-?art|inline-?image)([\s_-]|$)/i;

function isDataTable(table: Element): boolean {
  if (attr(table, 'role') === 'presentation' || attr(table, 'datatable') === '0') return false;
  if (attr(table, 'summary')) return true;
  let rows = 0;
  let cols = 0;
  let header = false;
  const stack: Element[] = [...table.children.filter(isTag)];
  while (stack.length) {
    const el = stack.pop() as Element;
    if (el.name === 'table') return false;
    if (el.name === 'caption' || el.name === 'thead' || el.name === 'tfoot' || el.name === 'colgroup' || el.name === 'th') header = true;
    if (el.name === 'tr') {
      rows++;
      cols = Math.max(cols, el.children.filter((c) => isTag(c) && (c.name === 'td' || c.name === 'th')).length);
    }
    for (const c of el.children) if (isTag(c)) stack.push(c);
  }
  if (header) return true;
  if (rows >= 10 || cols > 4) return true;
  return rows * cols > 10;
}

function isSentence(t: string): boolean {
  return /[.!?]["'\u201d\u2019)]?$/.test(t) && t.split(/\s+/).length >= 8;
}

function shouldRemove(el: Element, s: Stats, flags: Flags, keepers: Set<Element>, rootProse: number): boolean {
  if (keepers.has(el)) return false;
  if (ALWAYS.has(el.name)) return true;
  const m = matchString(el);
  if (EMBED.test(m) && s.text > 0 && s.link / s.text < 0.5) return false;
  if (SHARE.test(m) && s.text < 500) return true;
  // A figure holding a table (WordPress "wp-block-table") is the table, not a picture.
  if ((CAPTION_TAGS.has(el.name) && !findFirst(el, (e) => e.name === 'table')) || (CAPTION.test(m) && s.text < 1000)) return true;
  if (ARTICLE_META.test(m) && s.text < 300 && s.p <= 1) return true;
  if (AUTHOR_BIO.test(m) && s.text < 1000) return true;
  if (STRONG_BOILERPLATE.test(m) && s.text < 2000) return true;
  if ((el.name === 'h1' || el.name === 'h2') && classWeight(el, flags) < 0) return true;
  if (CAPTION_BOX.test(m) && s.img + s.figures > 0 && s.text < 500 && s.p <= 1) return true;
  // A short paragraph that is mostly links is a "Read more:" line or a teaser, not prose.
  // A linked sentence ("The suspect was convicted last week.") is still prose.
  if (LINE_TAGS.has(el.name) && s.text > 0 && s.text < 300 && s.link / s.text > 0.5 && !isSentence(textOf(el))) return true;
  if (!flags.cleanConditionally || !CONDITIONAL.has(el.name)) return false;
  // A block holding most of the article's prose is the article, whatever its links or classes say.
  if (rootProse > 0 && s.prose >= 0.5 * rootProse) return false;
  const isList = el.name === 'ul' || el.name === 'ol' || (s.text > 0 && s.list / s.text > 0.9);
  const weight = classWeight(el, flags);
  if (weight < 0) return true;
  if (s.commas >= 10) return false;
  if (s.text < 40) {
    const t = textOf(el);
    if (AD_WORDS.test(t) || LOADING_WORDS.test(t)) return true;
  }
  const li = s.li - 100;
  const linkDensity = s.text > 0 ? s.link / s.text : 0;
  const headingDensity = s.text > 0 ? s.heading / s.text : 0;
  const textDensity = s.text > 0 ? s.textish / s.text : 0;
  const inFigure = ancestors(el, 8).some((a) => a.name === 'figure');
  const remove =
    (!inFigure && s.img > 1 && s.p / s.img < 0.5) ||
    (!isList && li > s.p) ||
    s.input > Math.floor(s.p / 3) ||
    (!isList && !inFigure && headingDensity < 0.9 && s.text < 25 && (s.img === 0 || s.img > 2) && linkDensity > 0) ||
    (!isList && weight < 25 && linkDensity > 0.2) ||
    (weight >= 25 && linkDensity > 0.5) ||
    (isList && linkDensity > 0.5) ||
    (s.embed === 1 && s.text < 75) ||
    s.embed > 1 ||
    (s.img === 0 && textDensity === 0 && s.text > 0);
  if (remove && isList) {
    // A plain list of images (a gallery) stays.
    if (el.children.some((c) => isTag(c) && c.children.filter(isTag).length > 1)) return true;
    if (s.img === s.li) return false;
  }
  return remove;
}

/** Returns the elements to leave out of the article's text. */
export function cleanArticle(nodes: Element[], flags: Flags, paragraphs: Set<Element>): Set<Element> {
  const removed = new Set<Element>();
  // Data tables, and everything around them, are kept: tables of figures are content.
  const keepers = new Set<Element>();
  for (const root of nodes) {
    for (const el of measureOrder(root)) {
      if (el.name === 'table' && isDataTable(el)) {
        keepers.add(el);
        for (const a of ancestors(el)) keepers.add(a);
        const stack: Element[] = [el];
        while (stack.length) {
          const e = stack.pop() as Element;
          keepers.add(e);
          for (const c of e.children) if (isTag(c)) stack.push(c);
        }
      }
      if (el.name === 'code' || el.name === 'pre') keepers.add(el);
    }
  }
  for (const root of nodes) {
    const rootProse = measure(root, () => true, paragraphs).get(root)?.prose ?? 0;
    measure(
      root,
      (el, s) => {
        if (el === root) return true;
        if (shouldRemove(el, s, flags, keepers, rootProse)) {
          removed.add(el);
          return false;
        }
        return true;
      },
      paragraphs,
    );
  }
  return removed;
}

function measureOrder(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const e = stack.pop() as Element;
    out.push(e);
    for (const c of e.children) if (isTag(c)) stack.push(c);
  }
  return out;
}
