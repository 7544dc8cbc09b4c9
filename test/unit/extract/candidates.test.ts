// The stages before the model, each alone: candidate pairs and their features.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/extract/analyse.js';
import { pairCandidates } from '../../../src/extract/candidates.js';
import { defaultCueClasses, classesIn, compileCueClasses } from '../../../src/extract/cue-classes.js';
import { words } from '../../../src/extract/features.js';
import { defaultGazetteer } from '../../../src/extract/gazetteer.js';
import { ruleDealsOf } from '../../../src/extract/extract-deals.js';
import { candidateSet } from '../../../src/extract/pipeline.js';

const analyse = (text: string, title?: string) => analyseText(text, { title, published: '2026-03-01T00:00:00Z' }, defaultGazetteer());
const pairs = (text: string): string[] => {
  const a = analyse(text);
  return pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`).sort();
};

describe('candidate pairs', () => {
  it('every buyer with every seller of a sentence; labs sell only to companies that are not labs', () => {
    expect(pairs('OpenAI signed with Oracle while Anthropic rents from Google Cloud.')).toEqual(
      ['Anthropic>Google', 'Anthropic>Oracle', 'Google>Oracle', 'OpenAI>Google', 'OpenAI>Oracle', 'Oracle>Google', 'Oracle>OpenAI', 'Oracle>Anthropic', 'Google>Anthropic', 'Google>OpenAI'].sort(),
    );
  });

  it('a sentence with no deal word gives no pair', () => {
    expect(pairs('OpenAI and Oracle were both in the news, as was Google.')).toEqual([]);
  });

  it('a term sheet is a deal word', () => {
    expect(pairs('OpenAI and Broadcom have a term sheet for 10 GW of custom accelerators.')).toContain('OpenAI>Broadcom');
  });

  it('a seller named alone takes the lab the paragraph is about, marked as carried', () => {
    const a = analyse('Mistral AI is growing fast. A 200 MW lease with Crusoe was signed this week.');
    const c = pairCandidates(a, ruleDealsOf(a)).find((x) => x.provider === 'Crusoe');
    expect(c?.lab).toBe('Mistral');
    expect(c?.instances.some((i) => i.carried)).toBe(true);
  });

  it('does not pair a company with itself, nor two labs', () => {
    expect(pairs('OpenAI and Anthropic both said OpenAI would compete.')).toEqual([]);
  });

  it('keeps what the rule stage found even where no sentence names both', () => {
    const a = analyse('OpenAI → Oracle: $300bn, 4.5 GW');
    const rules = ruleDealsOf(a);
    const c = pairCandidates(a, rules);
    expect(c.filter((x) => x.rule !== null).length).toBe(rules.length);
  });
});

describe('features', () => {
  const featuresOf = (text: string, lab: string, provider: string): string[] => {
    const set = candidateSet(text, { published: '2026-03-01T00:00:00Z' });
    const found = set.candidates.find((c) => c.candidate.lab === lab && c.candidate.provider === provider);
    expect(found, `${lab} > ${provider}`).toBeDefined();
    return found!.features;
  };

  it('words between the parties, their types, order and distance', () => {
    const f = featuresOf('OpenAI signed a contract with Oracle on Tuesday.', 'OpenAI', 'Oracle');
    expect(f).toEqual(expect.arrayContaining(['bw:signed', 'bw:contract', 'bw1:signed', 'bwl:with', 'order:buyer-first', 'bt:lab', 'sp1:with', 'clause:same', 'rule']));
    expect(f.some((x) => x.startsWith('pt:lab>'))).toBe(true);
  });

  it('cue classes: rivals, backers, hypotheticals, talks', () => {
    expect(featuresOf('Nvidia-backed Nscale will compete with CoreWeave, analysts said.', 'Nscale', 'CoreWeave')).toEqual(
      expect.arrayContaining(['cs:rival', 'cs:analyst']),
    );
    expect(featuresOf('If Anthropic were to sign with Crusoe, it would gain a site.', 'Anthropic', 'Crusoe')).toEqual(
      expect.arrayContaining(['cs:hypothetical', 'cue:hypothetical']),
    );
    expect(featuresOf('xAI is in talks with Oracle over a $12 billion lease.', 'xAI', 'Oracle')).toEqual(expect.arrayContaining(['cue:talks', 'cs:talks', 'money:deal']));
  });

  it('a pair the rules did not read is marked so', () => {
    const f = featuresOf('Unlike Google, Anthropic has few consumer customers.', 'Anthropic', 'Google');
    expect(f).toContain('no-rule');
    expect(f).not.toContain('rule');
  });

  it('are sorted and unique (the same text always gives the same list)', () => {
    const f = featuresOf('OpenAI signed a contract with Oracle. OpenAI and Oracle will build in Texas.', 'OpenAI', 'Oracle');
    expect(f).toEqual([...new Set(f)].sort());
  });
});

describe('word classes', () => {
  it('match whole words and phrases, case-insensitively', () => {
    const cues = compileCueClasses({ classes: { rival: ['rival', 'compared with'], talks: ['talks'] } });
    expect(classesIn('A RIVAL, compared  with the others', cues)).toEqual(['rival']);
    expect(classesIn('arrivals and stalks', cues)).toEqual([]);
  });

  it('the shipped classes load', () => {
    expect(defaultCueClasses().names).toEqual(expect.arrayContaining(['backer', 'rival', 'talks', 'hypothetical', 'negation']));
  });

  it('words() folds digits and case', () => {
    expect(words('Signed $300 billion, 4.5 GW!')).toEqual(['signed', '$0', 'billion', '0', 'gw']);
  });
});
