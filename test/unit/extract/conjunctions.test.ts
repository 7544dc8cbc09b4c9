// Features joined with the pair's types and order: what lets a linear scorer read a word differently for
// different kinds of parties.
import { describe, expect, it } from 'vitest';
import { withConjunctions } from '../../../src/extract/features.js';
import { candidateSet } from '../../../src/extract/pipeline.js';

describe('features joined with the type pair and the order', () => {
  it('joins words and cues with the type pair, and the words between with the order', () => {
    const f = withConjunctions(['pt:lab>cloud', 'order:buyer-first', 'bc:contract', 'bw1:signed', 'hardware', 'cue:deal'], 'lab>cloud');
    expect(f).toEqual(expect.arrayContaining(['lab>cloud&bc:contract', 'lab>cloud&bw1:signed', 'lab>cloud&cue:deal', 'lab>cloud&order:buyer-first']));
    expect(f).toEqual(expect.arrayContaining(['order:buyer-first&bc:contract', 'order:buyer-first&bw1:signed']));
    expect(f).not.toContain('lab>cloud&hardware');
    expect(f).not.toContain('order:buyer-first&cue:deal');
    expect(f.slice(0, 6)).toEqual(['pt:lab>cloud', 'order:buyer-first', 'bc:contract', 'bw1:signed', 'hardware', 'cue:deal']);
  });

  it('joins nothing with an order when the pair has none', () => {
    expect(withConjunctions(['bc:contract'], 'lab>chips')).toEqual(['bc:contract', 'lab>chips&bc:contract']);
  });

  it("gives a sentence's pair features of its own type pair", () => {
    const set = candidateSet('Anthropic signed a $30 billion cloud contract with Microsoft on Tuesday.', { published: '2026-03-01T00:00:00Z' });
    const pair = set.candidates.find((c) => c.candidate.lab === 'Anthropic' && c.candidate.provider === 'Microsoft');
    expect(pair).toBeDefined();
    const typePair = pair?.features.find((x) => x.startsWith('pt:'))?.slice(3);
    expect(typePair).toBeTruthy();
    expect(pair?.features).toContain(`${typePair}&order:buyer-first`);
  });
});
