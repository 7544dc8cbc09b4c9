// The standfirst (dek, subtitle, summary line under the headline) often sits outside the element
// that holds the paragraphs (in a header block that is dropped as boilerplate), yet it is the
// article's first statement and often carries the deal's amount. Candidates are noted before the
// page is cleaned; the last one just before the article is put back in front of the text.
import { ancestors, attr, elements, textOf, type Element } from './dom.js';

const STANDFIRST = /(^|[\s_-])(standfirst|dek|subtitle|sub-?title|sub-?headline|subhead|lede|article-?summary|story-?summary|summary|intro|deck|strapline)([\s_-]|$)/i;
/** A standfirst is a sentence or two; longer blocks are summaries of something else. */
const MAX_CHARS = 400;

export interface StandfirstCandidates {
  order: Map<Element, number>;
  found: { index: number; text: string; ancestors: Set<Element> }[];
}

/** Call before the page is cleaned. */
export function noteStandfirsts(body: Element): StandfirstCandidates {
  const order = new Map<Element, number>();
  const found: StandfirstCandidates['found'] = [];
  let i = 0;
  for (const el of elements(body)) {
    order.set(el, i++);
    if (el.name === 'a' || el.name === 'body') continue;
    const m = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
    if (!STANDFIRST.test(m) && attr(el, 'itemprop') !== 'description') continue;
    const t = textOf(el);
    if (t.length >= 20 && t.length <= MAX_CHARS) found.push({ index: order.get(el) ?? 0, text: t, ancestors: new Set(ancestors(el, 12)) });
  }
  return { order, found };
}

export function pickStandfirst(notes: StandfirstCandidates, nodes: Element[]): string | null {
  const first = nodes[0];
  if (!first) return null;
  // Before the article's first paragraph: the article element itself may hold the header block.
  let start = notes.order.get(first);
  if (start === undefined) return null;
  for (const el of elements(first)) {
    if (el.name === 'p' && textOf(el).length >= 25) {
      start = notes.order.get(el) ?? start;
      break;
    }
  }
  // Only within the article's grandparent: a summary elsewhere on the page is another story's.
  const region = ancestors(first, 3).pop();
  let pick: string | null = null;
  for (const c of notes.found) {
    if (c.index >= start) break;
    if (!region || c.ancestors.has(region)) pick = c.text;
  }
  return pick;
}
