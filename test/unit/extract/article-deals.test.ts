import { describe, expect, it } from 'vitest';
import { extractArticleDeals } from '../../../src/extract/index.js';

describe('extractArticleDeals', () => {
  it('finds a deal stated only in the headline, with offsets marking it as the headline', () => {
    const deals = extractArticleDeals('Anthropic signs $10 billion cloud deal with CoreWeave', 'The weather was fine on Tuesday.');
    expect(deals.map((d) => [d.lab, d.provider, d.amount_usd])).toEqual([['Anthropic', 'CoreWeave', 10e9]]);
    expect(deals[0].evidence_start).toBe(-1);
  });

  it('keeps offsets of body evidence relative to the text, not to headline + text', () => {
    const text = 'Markets were calm.\n\nOpenAI signed a $300 billion cloud contract with Oracle on Wednesday.';
    const [deal] = extractArticleDeals('A quiet week', text);
    expect(deal.provider).toBe('Oracle');
    expect(text.slice(deal.evidence_start, deal.evidence_end)).toBe(deal.evidence);
  });

  it('works without a headline', () => {
    const text = 'OpenAI signed a $300 billion cloud contract with Oracle.';
    const [deal] = extractArticleDeals(null, text);
    expect(text.slice(deal.evidence_start, deal.evidence_end)).toBe(deal.evidence);
  });
});
