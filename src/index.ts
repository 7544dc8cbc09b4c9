// The library export: extraction that needs no services.
export { extractArticle } from './page/index.js';
export { extractDeals } from './extract/index.js';
export type { ExtractedArticle } from './page/types.js';
export type { ArticleMeta, ExtractedDeal } from './extract/types.js';
