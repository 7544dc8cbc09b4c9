// JSON-LD (<script type="application/ld+json">): the article object a page describes itself with.
import { attr, findAll, rawText, type Document } from './dom.js';

export type JsonObject = Record<string, unknown>;

/** schema.org types that describe an article page (as Mozilla Readability lists them). */
const ARTICLE_TYPE =
  /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|BlogPosting|DiscussionForumPosting|LiveBlogPosting|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|TechArticle)$/;

/** Bigger JSON-LD blocks are skipped: they are catalogues, not an article's description. */
const MAX_JSONLD_CHARS = 2_000_000;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object of every JSON-LD block, @graph members flattened in, in document order. */
export function jsonLdObjects(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  for (const script of findAll(doc, (el) => el.name === 'script' && (attr(el, 'type') ?? '').trim().toLowerCase() === 'application/ld+json')) {
    let text = rawText(script);
    if (text.length > MAX_JSONLD_CHARS) continue;
    text = text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const queue: unknown[] = Array.isArray(parsed) ? [...parsed] : [parsed];
    // Depth-limited: @graph inside @graph is legal but rare; more is noise.
    for (let i = 0; i < queue.length && i < 500; i++) {
      const item = queue[i];
      if (!isObject(item)) continue;
      out.push(item);
      const graph = item['@graph'];
      if (Array.isArray(graph)) queue.push(...graph);
    }
  }
  return out;
}

export function isArticleObject(o: JsonObject): boolean {
  return types(o).some((t) => ARTICLE_TYPE.test(t));
}

/** The article object of the page, if it describes one. */
export function jsonLdArticle(objects: JsonObject[]): JsonObject | null {
  return objects.find(isArticleObject) ?? null;
}

export function stringField(o: JsonObject | null, key: string): string | null {
  if (!o) return null;
  const v = o[key];
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (Array.isArray(v) && typeof v[0] === 'string' && v[0].trim()) return v[0].trim();
  return null;
}
