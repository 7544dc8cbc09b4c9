// The main text of an article page. Runs the content scoring with every boilerplate filter on;
// when that leaves too little text (a page whose classes look like boilerplate), it reruns with the
// filters relaxed one by one, as Mozilla Readability does, and keeps the best attempt.
import { Element } from 'domhandler';
import { elements, findFirst, isTag, parseHtml, type Document } from './dom.js';
import { cleanArticle } from './clean.js';
import { grabArticle, type Flags } from './grab.js';
import { JUNK_TAGS } from './patterns.js';
import { renderText } from './render.js';
import { noteStandfirsts, pickStandfirst } from './standfirst.js';

/** Below this many characters an attempt is judged a failure and the next, laxer one runs. */
const MIN_TEXT_CHARS = 500;

/**
 * Pages with more elements than this get one attempt, not four: each laxer attempt re-parses the
 * page, and a page this big (news pages have 1,000-10,000) is a feed dump or an attack, not a story.
 */
const MAX_ELEMENTS_FOR_RETRIES = 50_000;

/** How many times longer a laxer attempt's text must be to replace a stricter one's. */
const LAXER_GAIN = 2;

const ATTEMPTS: Flags[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];

/** Drops what is never text (scripts, styles, forms' controls, comments) in one pass. */
export function stripJunk(doc: Document): void {
  const stack: (Document | Element)[] = [doc];
  while (stack.length) {
    const node = stack.pop() as Document | Element;
    node.children = node.children.filter((c) => {
      if (c.type === 'comment' || c.type === 'directive' || c.type === 'cdata') return false;
      if (isTag(c)) {
        if (JUNK_TAGS.has(c.name) || c.type === 'script' || c.type === 'style') return false;
        stack.push(c);
      }
      return true;
    });
  }
}

/** A fragment or plain text has no <body>: give it one so that scoring has a root. */
function wrapInBody(doc: Document): Element {
  const body = new Element('body', {}, doc.children);
  for (const c of doc.children) c.parent = body;
  doc.children = [body];
  body.parent = doc;
  return body;
}

export interface MainTextHints {
  title: string | null;
}

function attempt(html: string, hints: MainTextHints, flags: Flags, doc?: Document): string {
  const d = doc ?? parseHtml(html);
  if (!doc) stripJunk(d);
  const body = findFirst(d, (e) => e.name === 'body') ?? findFirst(d, (e) => e.name === 'html') ?? wrapInBody(d);
  const notes = noteStandfirsts(body);
  const grabbed = grabArticle(body, hints.title, flags);
  if (!grabbed) return '';
  const standfirst = pickStandfirst(notes, grabbed.nodes);
  const removed = cleanArticle(grabbed.nodes, flags, grabbed.paragraphs);
  const text = renderText(grabbed.nodes, removed);
  return standfirst && !text.includes(standfirst) ? `${standfirst}\n\n${text}` : text;
}

/** The main text of a page. `doc` is a parsed copy already stripped of junk, used by the first attempt. */
export function mainText(html: string, hints: MainTextHints, doc?: Document): string {
  let best = '';
  let elementCount = 0;
  if (doc) for (const _ of elements(doc)) if (++elementCount > MAX_ELEMENTS_FOR_RETRIES) break;
  const attempts = elementCount > MAX_ELEMENTS_FOR_RETRIES ? ATTEMPTS.slice(0, 1) : ATTEMPTS;
  for (const [i, flags] of attempts.entries()) {
    const text = attempt(html, hints, flags, i === 0 ? doc : undefined);
    // A laxer attempt wins only when it finds far more: on a short news brief it would
    // otherwise just add back the boilerplate the stricter attempt removed.
    if (text.length > LAXER_GAIN * best.length) best = text;
    if (best.length >= MIN_TEXT_CHARS) break;
  }
  return best;
}
