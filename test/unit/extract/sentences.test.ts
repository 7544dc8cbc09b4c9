import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/extract/sentences.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('splits prose and keeps exact offsets', () => {
    const t = 'First one. Second one!  Third?\nFourth line.';
    const all = splitSentences(t);
    expect(all.map((s) => s.text)).toEqual(['First one.', 'Second one!', 'Third?', 'Fourth line.']);
    for (const s of all) expect(t.slice(s.start, s.end)).toBe(s.text);
  });
  it('splits lowercase prose', () => {
    expect(texts('read that sentence twice. the lab whose ceo agreed.')).toEqual(['read that sentence twice.', 'the lab whose ceo agreed.']);
  });
  it('does not split after abbreviations, initials, decimals or company suffixes', () => {
    expect(texts('LIVINGSTON, N.J., Sept. 25, 2025 -- CoreWeave, Inc. today announced a $6.5 billion deal with Mr. Smith.')).toHaveLength(1);
  });
  it('splits after "U.S." when a new sentence starts', () => {
    expect(texts('It rose 4.5% in the U.S. The company said so.')).toEqual(['It rose 4.5% in the U.S.', 'The company said so.']);
  });
  it('marks headlines, list items and table rows as fragments, one per line', () => {
    const all = splitSentences('Oracle confirms $300 billion contract\n\nMicrosoft | IREN | $9.7bn\nA sentence.');
    expect(all.map((s) => [s.text, s.fragment, s.block])).toEqual([
      ['Oracle confirms $300 billion contract', true, 0],
      ['Microsoft | IREN | $9.7bn', true, 1],
      ['A sentence.', false, 2],
    ]);
  });
  it('gives nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('\n \n\t\n')).toEqual([]);
  });
});
