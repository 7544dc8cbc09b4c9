// Deals of a whole article: its headline counts as a sentence (headlines often state the deal), and offsets
// stay relative to the article's text so that they match what is stored and shown.
import { extractDeals, type PipelineOptions } from './pipeline.js';
import type { ArticleMeta, ExtractedDeal } from './types.js';

/** Offsets of a deal whose evidence is the headline, which is not part of the text. */
export const headlineOffset = -1;

/** The text the pipeline reads for an article: the headline, then the body. */
export function articleText(title: string | null | undefined, text: string): { text: string; prefix: number; headline: string | null } {
  const headline = title?.trim() || null;
  if (!headline) return { text, prefix: 0, headline: null };
  const prefix = `${headline}\n\n`;
  return { text: prefix + text, prefix: prefix.length, headline };
}

export function extractArticleDeals(title: string | null | undefined, text: string, meta: ArticleMeta = {}, options: PipelineOptions = {}): ExtractedDeal[] {
  const full = articleText(title, text);
  if (full.headline === null) return extractDeals(text, meta, options);
  return extractDeals(full.text, { ...meta, title: full.headline }, options).map((d) =>
    d.evidence_start >= full.prefix
      ? { ...d, evidence_start: d.evidence_start - full.prefix, evidence_end: d.evidence_end - full.prefix }
      : { ...d, evidence_start: headlineOffset, evidence_end: headlineOffset },
  );
}
