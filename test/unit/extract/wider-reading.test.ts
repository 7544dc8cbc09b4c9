// Reading wider than the rules, each stage alone: sentences whose deal words are looser than the rules', companies named after
// what they do, joint ventures standing for their members, regulators, and a deal's figure read from its evidence
// sentence.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/extract/analyse.js';
import { dealMoney, dealPower } from '../../../src/extract/amounts.js';
import { pairCandidates } from '../../../src/extract/candidates.js';
import { hasDealCue, WIDE_CUE } from '../../../src/extract/cues.js';
import { ruleDealsOf } from '../../../src/extract/extract-deals.js';
import { defaultGazetteer, type EntityMention } from '../../../src/extract/gazetteer.js';
import { clean, findDescribedOrganisations } from '../../../src/extract/parties.js';
import { candidateSet, dealsOf } from '../../../src/extract/pipeline.js';
import { ventureMembers } from '../../../src/extract/ventures.js';
import { compileModel, defaultModel } from '../../../src/extract/model.js';

const meta = { published: '2026-03-01T00:00:00Z' };
const analyse = (text: string) => analyseText(text, meta, defaultGazetteer());
const pairs = (text: string): string[] => {
  const a = analyse(text);
  return pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`);
};
const described = (sentence: string): string[] => findDescribedOrganisations(sentence).map((e) => `${e.name}/${e.type}`);
const usd = (text: string, loose = false): Array<number | null> => dealMoney(text, 0, text.length, false, loose).map((m) => m.usd);
const gw = (text: string): number[] => dealPower(text, 0, text.length).map((p) => p.gw);

describe('sentences the scorer weighs though no rule reads them', () => {
  const hosting = 'Microsoft said its Fairwater data centre in Wisconsin, built to train models for OpenAI, will open next year.';

  it('has no deal word of the rules, but a looser one', () => {
    expect(hasDealCue(hosting)).toBe(false);
    expect(WIDE_CUE.test(hosting)).toBe(true);
    expect(WIDE_CUE.test('Nscale has taken colocation space at Start Campus in Sines for 12,600 GPUs.')).toBe(true);
    expect(WIDE_CUE.test('OpenAI and Oracle were both in the news, as was Google.')).toBe(false);
  });

  it('gives its pairs to the scorer, marked as only loosely worded', () => {
    expect(pairs(hosting)).toContain('OpenAI>Microsoft');
    const set = candidateSet(hosting, meta);
    const pair = set.candidates.find((c) => c.candidate.lab === 'OpenAI' && c.candidate.provider === 'Microsoft');
    expect(pair?.features).toContain('cue:wide');
    expect(pair?.features).not.toContain('cue:deal');
  });
});

describe('a company named after what it does', () => {
  it('takes the capitalised words after the description', () => {
    expect(described('Nebius signed a build-to-suit agreement with Finnish developer Polarnode for a 310 MW campus.')).toEqual(['Polarnode/neocloud']);
    expect(described('Pamirix signed a ten-year agreement with state utility Barki Tojik for 60 MW.')).toEqual(['Barki Tojik/power']);
    expect(described('Altiplano signed a supply agreement with generator Colbún for 60 MW.')).toEqual(['Colbún/power']);
  });

  it('stops before a weekday, a month or a linking word, and a weekday is no name', () => {
    expect(described('The deal went to developer Polarnode On Monday.')).toEqual(['Polarnode/neocloud']);
    expect(described('The developer Monday said it would sign.')).toEqual([]);
  });
});

describe('names cleaned of what is not a name', () => {
  it('drops a release boilerplate heading and refuses a legal form alone', () => {
    expect(clean('About Halvorsen Compute')).toBe('Halvorsen Compute');
    expect(clean('Ltd')).toBe('');
    expect(clean('Kalahari Compute Ltd')).toBe('Kalahari Compute');
  });
});

describe('a joint venture stands for its members', () => {
  const mention = (name: string, text: string): EntityMention => {
    const start = text.indexOf(name);
    return { name, type: 'neocloud', hyperscaler: false, kind: undefined, start, end: start + name.length, surface: name };
  };

  it('reads the members a sentence names for the venture', () => {
    const text = 'AdaniConneX, the 50:50 data centre joint venture between Adani Enterprises and US-based EdgeConneX, will build it.';
    const into = new Map<string, EntityMention[]>();
    ventureMembers(text, ['AdaniConneX', 'Adani Enterprises', 'EdgeConneX'].map((n) => mention(n, text)), into);
    expect(into.get('AdaniConneX')?.map((e) => e.name)).toEqual(['Adani Enterprises', 'EdgeConneX']);
  });

  it('reads no venture where the words only mention one', () => {
    const text = 'AdaniConneX said the joint venture market was growing, and EdgeConneX agreed.';
    const into = new Map<string, EntityMention[]>();
    ventureMembers(text, ['AdaniConneX', 'EdgeConneX'].map((n) => mention(n, text)), into);
    expect(into.size).toBe(0);
  });

  it('pairs the buyer with each member where a later sentence names only the venture', () => {
    const text =
      'Veltrane Compute, the joint venture between utility Northmere Power and Aldmoor Capital, plans a campus in Ohio. ' +
      'Kestrova AI has signed a 15-year lease with Veltrane Compute for 200 MW.';
    const set = candidateSet(text, meta);
    const member = set.candidates.find((c) => c.candidate.lab === 'Kestrova AI' && c.candidate.provider === 'Northmere Power');
    expect(member?.features).toContain('s:venture-member');
    expect(set.candidates.some((c) => c.candidate.lab === 'Kestrova AI' && c.candidate.provider === 'Aldmoor Capital')).toBe(true);
  });
});

describe('a regulator is marked', () => {
  const features = (text: string, lab: string, provider: string): string[] =>
    candidateSet(text, meta).candidates.find((c) => c.candidate.lab === lab && c.candidate.provider === provider)?.features ?? [];

  it('marks a regulator, which approves deals and is party to none', () => {
    const f = features('The Louisiana Public Service Commission approved the power contract Entergy signed with Meta.', 'Louisiana Public Service Commission', 'Entergy');
    expect(f).toContain('b:regulator');
    expect(features('The Louisiana Public Service Commission approved the power contract Entergy signed with Meta.', 'Meta', 'Entergy')).not.toContain('b:regulator');
  });
});

describe("a deal's figures from its evidence sentence", () => {
  it('loosely, any amount not ruled out: no total, option, capex, price target, yearly revenue or site', () => {
    const contract = 'Cerebras said it had signed the largest contract in its history: more than $10 billion for 750 megawatts.';
    expect(usd(contract)).toEqual([]);
    expect(usd(contract, true)).toEqual([10e9]);
    expect(usd('Halloway Partners — Alphabet: Buy, PT $340 (from $300)', true)).toEqual([]);
    expect(usd('The contract is expected to bring in about $30 billion a year.', true)).toEqual([]);
    expect(usd('anthropic locked in a compute pact with crusoe, with a $15b site proposal sitting alongside it.', true)).toEqual([]);
  });

  it("a phase's size is the deal's, a part of a whole site is not", () => {
    expect(gw('CoreWeave will be the anchor tenant of the first 250 MW phase of Horizon.')).toEqual([0.25]);
    expect(gw('Nebius will take the first 300 MW of the site.')).toEqual([]);
  });

  it('gives an accepted deal the only figure of its sentence, shared by pairs with one party in common', () => {
    const text = 'Microsoft has signed a five-year contract worth $6.2bn with Nscale and Aker for GPU capacity in Narvik.';
    const set = candidateSet(text, meta);
    // A model that accepts every candidate: which deals survive is not what this tests.
    const file = defaultModel().file;
    const accept = compileModel({ ...file, pair: { ...file.pair, bias: 10, weights: {} }, calibration: { a: 1, b: 0 } });
    // Only Microsoft's pairs: Nscale → Aker beside them shares no party, and would leave the figure to nobody.
    const deals = dealsOf({ ...set, candidates: set.candidates.filter((c) => c.candidate.lab === 'Microsoft') }, accept);
    expect(deals.map((d) => d.provider).sort()).toEqual(['Aker', 'Nscale']);
    for (const d of deals) expect(d.amount_usd).toBe(6.2e9);
  });
});
