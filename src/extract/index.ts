// The library export of deal extraction.
export { extractDeals, MAX_TEXT_CHARS } from './extract-deals.js';
export { extractArticleDeals } from './article-deals.js';
export type { ArticleMeta, ExtractedDeal } from './types.js';
