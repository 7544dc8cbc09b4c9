// A lenient XML reader for feeds: htmlparser2's tokenizer in XML mode (never throws; unclosed and
// mis-nested tags are closed the way a browser would; a truncated document keeps what it had) builds a
// small tree that knows each element's namespace, its xml:base and where its content lies in the source.
import { Parser } from 'htmlparser2';
import { declaredEntities, decodeEntities, type DeclaredEntities } from './entities.js';

export interface XmlElement {
  /** Canonical namespace key ('' for none and for the RSS namespaces; 'atom', 'dc', 'content', ...). */
  ns: string;
  /** Local name, lower case. */
  local: string;
  /** Attribute values with references decoded; names lower case as written (prefix included). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text and CDATA directly inside it), references decoded. */
  text: string;
  /** The xml:base in effect for this element (already absolute when it could be resolved). */
  base: string | null;
  /** Offsets of the element's content in XmlDocument.source. */
  innerStart: number;
  innerEnd: number;
  /** True when the document ended inside this element (a truncated document). */
  unclosed: boolean;
}

export interface XmlDocument {
  source: string;
  /** Top-level elements, in order (normally exactly one: the root). */
  roots: XmlElement[];
  entities: DeclaredEntities;
  /** The document ended before its root element was closed. */
  truncated: boolean;
}

/** Namespace URI → canonical key. Atom 0.3 and 1.0 share one key; the RSS namespaces have none. */
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/rss/1.0/': '',
  'http://purl.org/net/rss1.1#': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://backend.userland.com/rss': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/elements/1.0/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
};

/** Nesting beyond this is not kept in the tree (no feed needs it; it bounds every later walk). */
const MAX_DEPTH = 200;
/**
 * Nesting at which reading stops (the rest is treated as cut off): htmlparser2 keeps its open-tag stack with
 * Array.unshift, so each tag costs time in proportion to the depth, and 10 MB of unclosed tags would take hours.
 * Sloppy feeds (unclosed <br> in inline HTML) stay far below this.
 */
const STOP_DEPTH = 1024;

type Scope = Map<string, string>;

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function canonicalNamespace(uri: string, prefix: string): string {
  const key = NAMESPACES[uri.trim().toLowerCase()];
  return key ?? prefix.toLowerCase();
}

/** Resolves a reference against a base; returns the reference unchanged when that is not possible. */
export function resolveUrl(ref: string, base: string | null): string {
  const trimmed = ref.trim();
  if (!base) return trimmed;
  try {
    return new URL(trimmed, parsedBase(base)).href;
  } catch {
    return trimmed;
  }
}

// A feed resolves hundreds of links against the same one or two bases: parse each base once.
let lastBase: string | null = null;
let lastBaseUrl: URL | string = '';
function parsedBase(base: string): URL | string {
  if (base !== lastBase) {
    lastBase = base;
    try {
      lastBaseUrl = new URL(base);
    } catch {
      lastBaseUrl = base;
    }
  }
  return lastBaseUrl;
}

/** Removes a DOCTYPE (with its internal subset) and returns the text before the root and the rest. */
function stripDoctype(text: string): { prologue: string; body: string } {
  // Only a DOCTYPE before the root counts (one inside CDATA or an element is text).
  const lead = /^(?:\s+|<\?[^>]*\?>|<!--[\s\S]*?-->)*/.exec(text.slice(0, 8192))![0].length;
  if (text.slice(lead, lead + 9).toUpperCase() !== '<!DOCTYPE') return { prologue: '', body: text };
  const at = lead;
  // An internal subset ends with "]>"; a plain DOCTYPE with the first ">".
  const bracket = text.indexOf('[', at);
  const close = text.indexOf('>', at);
  let end = close;
  if (bracket >= 0 && (close < 0 || bracket < close)) {
    const subsetEnd = text.indexOf(']', bracket);
    end = subsetEnd < 0 ? -1 : text.indexOf('>', subsetEnd);
  }
  if (end < 0) return { prologue: '', body: text };
  return { prologue: text.slice(at, end + 1), body: text.slice(0, at) + ' '.repeat(end + 1 - at) + text.slice(end + 1) };
}

export function parseXml(input: string, baseUrl: string | null = null): XmlDocument {
  const { prologue, body: source } = stripDoctype(input);
  const entities = declaredEntities(prologue);
  const roots: XmlElement[] = [];
  // One entry per open tag; null for tags kept out of the tree (too deep).
  const stack: (XmlElement | null)[] = [];
  const scopes: Scope[] = [new Map()];
  let inCdata = false;
  // Set once the whole source has been read: tags closed after that were left open by the document.
  let atEnd = false;
  let stopped = false;

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const parentScope = scopes[scopes.length - 1]!;
        if (stack.length >= STOP_DEPTH) {
          stopped = true;
          parser.pause();
        }
        if (stack.length >= MAX_DEPTH) {
          stack.push(null);
          scopes.push(parentScope);
          return;
        }
        let scope = parentScope;
        const attrs: Record<string, string> = {};
        for (const rawKey in attribs) {
          const key = rawKey.toLowerCase();
          const value = decodeEntities(attribs[rawKey]!, entities);
          attrs[key] = value;
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (scope === parentScope) scope = new Map(parentScope);
            scope.set(key === 'xmlns' ? '' : key.slice(6), value);
          }
        }
        const [prefix, localName] = splitName(name);
        const uri = scope.get(prefix.toLowerCase()) ?? scope.get(prefix);
        const ns = uri === undefined ? prefix.toLowerCase() : canonicalNamespace(uri, prefix);
        const parent = stack.length ? stack[stack.length - 1]! : null;
        const parentBase = parent ? parent.base : baseUrl;
        const xmlBase = attrs['xml:base'];
        const el: XmlElement = {
          ns,
          local: localName.toLowerCase(),
          attrs,
          children: [],
          text: '',
          base: xmlBase !== undefined ? resolveUrl(xmlBase, parentBase) : parentBase,
          innerStart: parser.endIndex + 1,
          innerEnd: parser.endIndex + 1,
          unclosed: false,
        };
        if (parent) parent.children.push(el);
        else if (stack.length === 0) roots.push(el);
        stack.push(el);
        scopes.push(scope);
      },
      onclosetag(_name, isImplied) {
        const el = stack.pop();
        scopes.pop();
        if (!el) return;
        if (atEnd && isImplied) {
          el.unclosed = true;
          el.innerEnd = Math.max(el.innerStart, source.length);
          return;
        }
        const end = isImplied ? Math.min(parser.startIndex, source.length) : parser.startIndex;
        el.innerEnd = Math.max(el.innerStart, end);
      },
      ontext(data) {
        const el = stack.length ? stack[stack.length - 1] : null;
        if (!el) return;
        el.text += inCdata ? data : decodeEntities(data, entities);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(source);
  atEnd = true;
  if (stopped) {
    // Reading stopped early: close what is open by hand (the parser would walk its whole stack again).
    for (const el of stack) {
      if (!el) continue;
      el.unclosed = true;
      el.innerEnd = Math.max(el.innerStart, source.length);
    }
  } else {
    parser.end();
  }
  return { source, roots, entities, truncated: roots.some((r) => r.unclosed) };
}

/** The raw source of an element's content (markup included). */
export function innerSource(doc: XmlDocument, el: XmlElement): string {
  return doc.source.slice(el.innerStart, el.innerEnd);
}
