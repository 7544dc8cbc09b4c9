// Finds the element that holds the article: paragraphs are scored (length, commas) and their scores
// flow to their parent, grandparent and further ancestors; the best-scoring ancestor, weighted by its
// class names and discounted by its link density, is the article, joined by siblings that score
// nearly as well. This is the content-scoring idea of Arc90's Readability as Mozilla Readability
// refined it; the pass runs over htmlparser2's tree without recursion.
import { Element, Text } from 'domhandler';
import { ancestors, attr, detach, findAll, isTag, isText, textOf, type AnyNode } from './dom.js';
import {
  BYLINE, DIV_TO_P, EMBED, NEGATIVE, OK_MAYBE, PHRASING, POSITIVE, STRONG_BOILERPLATE, UNLIKELY, UNLIKELY_ROLES,
} from './patterns.js';
import { similarity } from './metadata.js';
import { measure, type Stats } from './stats.js';

export interface Flags {
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}

export interface Grabbed {
  /** The article's nodes, in document order: the top candidate and the siblings that join it. */
  nodes: Element[];
  /** Divs that hold only inline content: paragraphs in all but name. */
  paragraphs: Set<Element>;
}

/** Share of the whole page's score a part must reach to stand for the page when <body> scores best. */
const BODY_SHARE = 0.33;

const SCORED = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);

export function matchString(el: Element): string {
  return `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
}

export function classWeight(el: Element, flags: Flags): number {
  if (!flags.weightClasses) return 0;
  let w = 0;
  for (const v of [attr(el, 'class'), attr(el, 'id')]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

function tagScore(name: string): number {
  switch (name) {
    case 'div':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function isVisible(el: Element): boolean {
  const style = (attr(el, 'style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (style.includes('display:none') || style.includes('visibility:hidden')) return false;
  if (attr(el, 'hidden') !== undefined) return false;
  if (attr(el, 'aria-hidden') === 'true' && !(attr(el, 'class') ?? '').includes('fallback-image')) return false;
  return true;
}

function isWhitespace(n: AnyNode): boolean {
  return (isText(n) && n.data.trim() === '') || (isTag(n) && n.name === 'br');
}

function isPhrasing(n: AnyNode): boolean {
  if (isText(n)) return true;
  if (!isTag(n)) return false;
  if (PHRASING.has(n.name)) return true;
  // Bounded: an <a> wrapping blocks is not phrasing; deeper checks are not worth a quadratic walk.
  return (n.name === 'a' || n.name === 'del' || n.name === 'ins') && n.children.every((c) => isText(c) || (isTag(c) && PHRASING.has(c.name)));
}

/** Swaps children in one pass per parent after the walk: indexOf per swap is quadratic on 100,000 siblings. */
function applySwaps(swaps: Map<Element, Map<AnyNode, Element>>): void {
  for (const [parent, byOld] of swaps) parent.children = parent.children.map((c) => byOld.get(c) ?? c);
}

/** Wraps each run of inline content directly inside a <div> in a <p>, as a browser reader sees paragraphs. */
function wrapPhrasing(div: Element): void {
  const out: AnyNode[] = [];
  let p: Element | null = null;
  for (const child of div.children) {
    if (p && isTag(child) && child.name === 'br') {
      // <br><br> ends a paragraph, as in pages written without <p>.
      let i = p.children.length - 1;
      while (i >= 0 && isText(p.children[i] as AnyNode) && (p.children[i] as Text).data.trim() === '') i--;
      const prev = p.children[i];
      if (prev && isTag(prev) && prev.name === 'br') {
        p.children.length = i;
        p = null;
        continue;
      }
    }
    if (isPhrasing(child)) {
      if (p) {
        p.children.push(child as Text);
        child.parent = p;
      } else if (!isWhitespace(child)) {
        p = new Element('p', {});
        p.parent = div;
        p.children.push(child as Text);
        child.parent = p;
        out.push(p);
      } else out.push(child);
    } else {
      if (p) while (p.children.length && isWhitespace(p.children[p.children.length - 1] as AnyNode)) p.children.pop();
      p = null;
      out.push(child);
    }
  }
  div.children = out as Element[];
}

function hasBlockChild(el: Element): boolean {
  // Readability looks at all descendants; children plus grandchildren catches nearly every real case
  // while staying linear on pathological nesting.
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (DIV_TO_P.has(c.name)) return true;
    for (const g of c.children) if (isTag(g) && DIV_TO_P.has(g.name)) return true;
  }
  return false;
}

function insideTag(el: Element, names: Set<string>, depth = 12): boolean {
  return ancestors(el, depth).some((a) => names.has(a.name));
}

const TABLE_OR_CODE = new Set(['table', 'code']);

function isUnlikely(el: Element, flags: Flags, keep: Set<Element>): boolean {
  if (!flags.stripUnlikely || keep.has(el) || el.name === 'body' || el.name === 'a' || el.name === 'html' || el.name === 'article' || el.name === 'main') return false;
  const role = attr(el, 'role');
  if (role && UNLIKELY_ROLES.has(role)) return true;
  if (el.name === 'nav' || el.name === 'aside') return true;
  const m = matchString(el);
  if (m.length < 2) return false;
  // Embedded posts (a tweet quoted in the story) sit in "social-embed" boxes: they are content.
  if (EMBED.test(m)) return false;
  if ((UNLIKELY.test(m) && !OK_MAYBE.test(m)) || STRONG_BOILERPLATE.test(m)) return !insideTag(el, TABLE_OR_CODE);
  return false;
}

/** Scores the page and returns the article's nodes, or null when nothing scores. Mutates the document. */
export function grabArticle(body: Element, title: string | null, flags: Flags): Grabbed | null {
  const toScore: Element[] = [];
  const paragraphs = new Set<Element>();
  // The element a page marks as its article body (schema.org microdata), and its ancestors, are never
  // dropped for their class names ("gigya-share-container" around the whole story).
  const marked = new Set<Element>();
  for (const el of findAll(body, (e) => /articlebody|articletext/i.test(attr(e, 'itemprop') ?? ''))) {
    marked.add(el);
    for (const a of ancestors(el)) marked.add(a);
  }
  // Removed in one batch after the walk: one splice per node is quadratic on 100,000 siblings.
  const doomed: Element[] = [];
  const swaps = new Map<Element, Map<AnyNode, Element>>();
  let bylineSeen = false;
  let titleSeen = !title;
  const stack: AnyNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node)) continue;
    let el: Element = node;
    if (el !== body) {
      if (!isVisible(el)) {
        doomed.push(el);
        continue;
      }
      if (attr(el, 'aria-modal') === 'true' && attr(el, 'role') === 'dialog') {
        doomed.push(el);
        continue;
      }
      const m = matchString(el);
      if (!bylineSeen && (attr(el, 'rel') === 'author' || (attr(el, 'itemprop') ?? '').includes('author') || BYLINE.test(m))) {
        const t = textOf(el);
        if (t.length > 0 && t.length < 100) {
          bylineSeen = true;
          doomed.push(el);
          continue;
        }
      }
      if (!titleSeen && (el.name === 'h1' || el.name === 'h2') && title) {
        const t = textOf(el);
        if (similarity(title, t) > 0.75) {
          titleSeen = true;
          doomed.push(el);
          continue;
        }
      }
      if (isUnlikely(el, flags, marked)) {
        doomed.push(el);
        continue;
      }
    }
    if (SCORED.has(el.name)) toScore.push(el);
    if (el.name === 'div') {
      wrapPhrasing(el);
      const only = el.children.filter(isTag);
      const hasText = el.children.some((c) => isText(c) && c.data.trim() !== '');
      if (only.length === 1 && only[0]?.name === 'p' && !hasText) {
        // A <div> around one <p> is that paragraph.
        const p = only[0];
        const parent = el.parent;
        if (parent && isTag(parent)) {
          let byOld = swaps.get(parent);
          if (!byOld) swaps.set(parent, (byOld = new Map()));
          byOld.set(el, p);
          p.parent = parent;
          el = p;
          toScore.push(el);
        }
      } else if (!hasBlockChild(el)) {
        paragraphs.add(el);
        toScore.push(el);
      }
    }
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as AnyNode);
  }

  applySwaps(swaps);
  detach(doomed);
  const stats = measure(body, undefined, paragraphs);
  const scores = new Map<Element, number>();
  const candidates: Element[] = [];
  for (const el of toScore) {
    if (!el.parent || !isTag(el.parent)) continue;
    const s = stats.get(el);
    if (!s || s.text < 25) continue;
    const anc = ancestors(el, 5);
    if (anc.length === 0) continue;
    const score = 1 + s.commas + Math.min(Math.floor(s.text / 100), 3);
    anc.forEach((a, level) => {
      if (!a.parent || !isTag(a.parent)) return;
      if (!scores.has(a)) {
        scores.set(a, tagScore(a.name) + classWeight(a, flags));
        candidates.push(a);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(a, (scores.get(a) ?? 0) + score / divider);
    });
  }
  const density = (el: Element): number => {
    const s = stats.get(el);
    return s && s.text > 0 ? s.link / s.text : 0;
  };
  for (const c of candidates) scores.set(c, (scores.get(c) ?? 0) * (1 - density(c)));
  const top5 = [...candidates].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0)).slice(0, 5);
  let top = top5[0];
  if (top === body) {
    // The whole page outscores any part of it (a story among many teasers): take the best part
    // if it scores a fair share of the page.
    const part = top5.find((c) => c !== body);
    if (part && (scores.get(part) ?? 0) >= BODY_SHARE * (scores.get(body) ?? 0)) top = part;
  }
  if (!top || top === body) {
    return { nodes: [body], paragraphs };
  }
  const topScore = scores.get(top) ?? 0;
  const alternatives = top5.slice(1).filter((c) => topScore > 0 && (scores.get(c) ?? 0) / topScore >= 0.75).map((c) => new Set(ancestors(c)));
  if (alternatives.length >= 3) {
    let p = top.parent;
    while (p && isTag(p) && p !== body) {
      const parent: Element = p;
      if (alternatives.filter((set) => set.has(parent)).length >= 3) {
        top = parent;
        break;
      }
      p = parent.parent;
    }
  }
  if (!scores.has(top)) scores.set(top, tagScore(top.name) + classWeight(top, flags));
  let p = top.parent;
  let last = scores.get(top) ?? 0;
  const threshold = last / 3;
  while (p && isTag(p) && p !== body) {
    const ps = scores.get(p);
    if (ps === undefined) {
      p = p.parent;
      continue;
    }
    if (ps < threshold) break;
    if (ps > last) {
      top = p;
      break;
    }
    last = ps;
    p = p.parent;
  }
  p = top.parent;
  while (p && isTag(p) && p !== body && p.children.filter(isTag).length === 1) {
    top = p;
    p = top.parent;
  }
  const finalTop = top;
  const parent = finalTop.parent;
  if (!parent || !isTag(parent)) return { nodes: [finalTop], paragraphs };
  const topFinalScore = scores.get(finalTop) ?? 0;
  const siblingThreshold = Math.max(10, topFinalScore * 0.2);
  const topClass = attr(finalTop, 'class') ?? '';
  const nodes: Element[] = [];
  for (const sib of parent.children) {
    if (!isTag(sib)) continue;
    if (sib === finalTop) {
      nodes.push(sib);
      continue;
    }
    const bonus = topClass !== '' && attr(sib, 'class') === topClass ? topFinalScore * 0.2 : 0;
    const ss = scores.get(sib);
    if (ss !== undefined && ss + bonus >= siblingThreshold) nodes.push(sib);
    else if (sib.name === 'p' || paragraphs.has(sib)) {
      const st: Stats | undefined = stats.get(sib);
      const text = textOf(sib);
      const ld = st && st.text > 0 ? st.link / st.text : 0;
      if (text.length > 80 && ld < 0.25) nodes.push(sib);
      else if (text.length < 80 && text.length > 0 && ld === 0 && /\.( |$)/.test(text)) nodes.push(sib);
    }
  }
  return { nodes, paragraphs };
}

