// Bottom-up measures of a subtree (text length, link text, commas, counts of tags), computed in one
// post-order pass so that no element re-reads its descendants: linear even on deeply nested pages.
import { attr, isTag, isText, postOrder, type Element } from './dom.js';
import { COMMAS, DIV_TO_P, HEADINGS } from './patterns.js';

export interface Stats {
  text: number;
  link: number;
  commas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  embed: number;
  heading: number;
  textish: number;
  list: number;
  blocks: number;
  /** Pictures: figure, picture, video elements (their img may have been dropped). */
  figures: number;
  /** Text in paragraphs that are not mostly links: the prose. */
  prose: number;
}

const TEXTISH = new Set(['span', 'li', 'td', ...DIV_TO_P]);

export function emptyStats(): Stats {
  return { text: 0, link: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, embed: 0, heading: 0, textish: 0, list: 0, blocks: 0, prose: 0, figures: 0 };
}

function textLength(s: string): { len: number; commas: number } {
  // Whitespace runs count as one character, as in innerText with collapsed spaces.
  const trimmed = s.replace(/\s+/g, ' ');
  const len = trimmed === ' ' ? 0 : trimmed.length;
  COMMAS.lastIndex = 0;
  const commas = (s.match(COMMAS) ?? []).length;
  return { len, commas };
}

/**
 * Stats of every element under root. `keep` is asked bottom-up with the element's own complete stats
 * (its removed descendants already left out); returning false drops the element from its parent's sums.
 */
export function measure(root: Element, keep: (el: Element, s: Stats) => boolean = () => true, paragraphs?: Set<Element>): Map<Element, Stats> {
  const map = new Map<Element, Stats>();
  for (const el of postOrder(root)) {
    const s = emptyStats();
    for (const c of el.children) {
      if (isText(c)) {
        const t = textLength(c.data);
        s.text += t.len;
        s.commas += t.commas;
      } else if (isTag(c)) {
        const cs = map.get(c);
        if (!cs) continue;
        s.text += cs.text;
        s.commas += cs.commas;
        s.p += cs.p;
        s.img += cs.img;
        s.li += cs.li;
        s.input += cs.input;
        s.embed += cs.embed;
        s.heading += cs.heading;
        s.list += cs.list;
        s.blocks += cs.blocks;
        s.prose += cs.prose;
        s.figures += cs.figures;
        s.textish += TEXTISH.has(c.name) || paragraphs?.has(c) ? cs.text : cs.textish;
        if (c.name === 'a') {
          const href = attr(c, 'href') ?? '';
          // In-page links (#footnote) are weaker evidence of navigation than links away.
          s.link += href.startsWith('#') ? cs.text * 0.3 : cs.text;
        } else s.link += cs.link;
      }
    }
    const n = el.name;
    if (n === 'p' || paragraphs?.has(el)) s.p++;
    else if (n === 'img') s.img++;
    else if (n === 'figure' || n === 'picture' || n === 'video') s.figures++;
    else if (n === 'li') s.li++;
    else if (n === 'input') s.input++;
    else if (n === 'embed' || n === 'object' || n === 'iframe') s.embed++;
    if (HEADINGS.has(n)) s.heading = s.text;
    if (n === 'ul' || n === 'ol') s.list = s.text;
    if (DIV_TO_P.has(n)) s.blocks++;
    if ((n === 'p' || paragraphs?.has(el)) && s.text > 0 && s.link / s.text < 0.25) s.prose = s.text;
    if (keep(el, s)) map.set(el, s);
    else map.delete(el);
  }
  return map;
}
