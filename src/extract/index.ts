// The library export of deal extraction.
export { extractDeals, candidateSet } from './pipeline.js';
export { MAX_TEXT_CHARS } from './analyse.js';
export { extractArticleDeals, articleText } from './article-deals.js';
export { ruleDeals } from './extract-deals.js';
export { defaultModel, loadModel, ModelError, type DealModel } from './model.js';
export type { ArticleMeta, ExtractedDeal } from './types.js';
