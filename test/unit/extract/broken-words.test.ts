import { describe, expect, it } from 'vitest';
import { joinBrokenWords } from '../../../src/extract/broken-words.js';
import { extractDeals } from '../../../src/extract/pipeline.js';

const names = new Set(['coreweave', 'microsoft']);

describe('words broken across lines', () => {
  it('joins a broken word the text writes whole elsewhere, or a word of a known name', () => {
    const text = 'OpenAI rents capac- ity from Core- Weave. The capacity is in Texas.';
    const joined = joinBrokenWords(text, names);
    expect(joined?.text).toBe('OpenAI rents capacity from CoreWeave. The capacity is in Texas.');
    expect(joinBrokenWords('a new agree-\nment with Micro-\nsoft', names)?.text).toBe('a new agree-\nment with Microsoft');
  });

  it('keeps a hyphen that belongs to the word, and leaves text without breaks alone', () => {
    expect(joinBrokenWords('the Nvidia- backed cloud sells pre- and post-training capacity', names)).toBeNull();
    expect(joinBrokenWords('Nvidia-backed CoreWeave', names)).toBeNull();
    expect(joinBrokenWords('state-of- the-art chips; the art of it', names)).toBeNull();
  });

  it('maps offsets in the joined text back to the text given', () => {
    const text = 'One capac- ity. Two Core-\n  Weave deals. Three.';
    const joined = joinBrokenWords(text, new Set(['capacity', 'coreweave']));
    expect(joined).not.toBeNull();
    if (!joined) return;
    for (const word of ['One', 'Two', 'deals', 'Three']) {
      const at = joined.text.indexOf(word);
      expect(text.slice(joined.toSource(at), joined.toSource(at) + word.length)).toBe(word);
    }
  });

  it('finds the deal a broken name hides, with its evidence as the text writes it', () => {
    const text = 'The ChatGPT maker OpenAI signed a $4 billion contract to rent capacity from Core- Weave, the companies said on Monday.';
    const deals = extractDeals(text);
    const deal = deals.find((d) => d.lab === 'OpenAI' && d.provider === 'CoreWeave');
    expect(deal).toBeDefined();
    expect(deal && text.slice(deal.evidence_start, deal.evidence_end)).toBe(deal?.evidence);
    expect(deal?.evidence).toContain('Core- Weave');
  });
});

describe('soft hyphens', () => {
  it('takes soft hyphens out of words, offsets mapped back', () => {
    const text = 'Open\u00adAI rents from Core\u00adWeave and Micro\u00adsoft.';
    const joined = joinBrokenWords(text, new Set());
    expect(joined?.text).toBe('OpenAI rents from CoreWeave and Microsoft.');
    if (!joined) return;
    const at = joined.text.indexOf('and');
    expect(text.slice(joined.toSource(at), joined.toSource(at) + 3)).toBe('and');
    expect(joined.toSource(joined.text.length)).toBe(text.length);
  });
});
