// Deals of a whole article: its headline counts as a sentence (headlines often state the deal), and offsets
// stay relative to the article's text so that they match what is stored and shown.
import { extractDeals } from './extract-deals.js';
import type { ArticleMeta, ExtractedDeal } from './types.js';

/** Offsets of a deal whose evidence is the headline, which is not part of the text. */
export const headlineOffset = -1;

export function extractArticleDeals(title: string | null | undefined, text: string, meta: ArticleMeta = {}): ExtractedDeal[] {
  const headline = title?.trim();
  if (!headline) return extractDeals(text, meta);
  const prefix = `${headline}\n\n`;
  return extractDeals(prefix + text, { ...meta, title: headline }).map((d) =>
    d.evidence_start >= prefix.length
      ? { ...d, evidence_start: d.evidence_start - prefix.length, evidence_end: d.evidence_end - prefix.length }
      : { ...d, evidence_start: headlineOffset, evidence_end: headlineOffset },
  );
}
