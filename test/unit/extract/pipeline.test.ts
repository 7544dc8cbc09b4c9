// The behaviours of deal extraction the issue lists, on sentences written for them.
import { describe, expect, it } from 'vitest';
import { extractDeals, MAX_TEXT_CHARS, ruleDeals } from '../../../src/extract/index.js';

const one = (text: string) => {
  const deals = extractDeals(text);
  expect(deals).toHaveLength(1);
  return deals[0];
};

// The rule stage's status wording, a feature of the status classifier (whose accuracy is measured over corpora).
describe('status words the rule stage reads', () => {
  const one = (text: string) => {
    const deals = ruleDeals(text);
    expect(deals).toHaveLength(1);
    return deals[0];
  };
  it.each([
    ['announced', 'Oracle signed a $3 billion contract with xAI on Tuesday.'],
    ['existing', 'Perplexity already rents its GPUs from Amazon Web Services.'],
    ['existing', 'The Claude developer has an older lane with Google, where its models run on TPUs.'],
    ['talks', 'Mistral is in talks with Nebius over a 300 MW cluster.'],
    ['talks', 'Cohere signed a letter of intent with CoreWeave for GPU capacity.'],
    ['talks', 'xAI is weighing a $12 billion server lease from Oracle, according to people familiar with the matter.'],
    ['announced', 'Microsoft expanded its existing agreement with Lambda by $1.5 billion.'],
  ])('%s: %s', (status, text) => {
    expect(one(text).status).toBe(status);
  });

  it.each([
    'Anthropic denied a report that it had agreed to rent capacity from Oracle.',
    '"We are not in talks with CoreWeave," a Mistral spokesperson said.',
    'Meta called off its planned $2 billion lease with Crusoe.',
    'xAI walked away from a $10 billion server deal with Oracle.',
    'OpenAI should sign with Nscale before someone else does.',
    'If Anthropic were to rent from Crusoe, it would gain a second site.',
    'OpenAI signed a cloud deal with Oracle in 2024, but the contract was later cancelled.',
  ])('no deal: %s', (text) => {
    expect(extractDeals(text)).toEqual([]);
  });
});

describe('denials across the article', () => {
  it('a denial voids reports of talks about the same pair elsewhere in the text', () => {
    const text = 'Anthropic denied a report that it was negotiating with Oracle.\n\nThe report said Anthropic was in talks with Oracle for 2 GW.';
    expect(extractDeals(text)).toEqual([]);
  });
  it('but not a deal the article reports as signed', () => {
    const text = 'Microsoft denied it would cancel more CoreWeave contracts.\n\nMicrosoft signed a $10 billion contract with CoreWeave in 2023.';
    expect(extractDeals(text).map((d) => [d.lab, d.provider])).toEqual([['Microsoft', 'CoreWeave']]);
  });
});

describe('amounts', () => {
  it('takes the new amount, not the cumulative total', () => {
    expect(one('Nebius expanded its agreement with Microsoft by $2 billion, bringing the total value of the contracts to $21.4 billion.').amount_usd).toBe(2e9);
  });
  it('ignores an option', () => {
    expect(one('Lambda signed a $1.5 billion contract with Microsoft; the value could rise to $3 billion.').amount_usd).toBe(1.5e9);
  });
  it('ignores a share move and a capex figure', () => {
    const d = one('Oracle shares rose 9% to $250 after it signed a cloud contract with Meta; Oracle plans $35 billion of capex.');
    expect(d.amount_usd).toBeNull();
  });
  it('ignores an amount that belongs to something else in the sentence', () => {
    expect(one('anthropic locked in a compute pact with crusoe, with a $15b site proposal sitting alongside it.').amount_usd).toBeNull();
  });
  it('leaves vague amounts null', () => {
    expect(one('Google signed a multibillion-dollar agreement with Safe Superintelligence to supply TPUs.').amount_usd).toBeNull();
    expect(one('Meta will spend tens of billions of dollars on Google Cloud capacity under the deal.').amount_usd).toBeNull();
  });
  it('reads the lower bound of a range', () => {
    expect(one('xAI agreed to pay Oracle $10 billion to $12 billion for cloud capacity.').amount_usd).toBe(10e9);
  });
  it('leaves a euro amount null without a dollar figure', () => {
    expect(one('Mistral signed a €1 billion agreement with Fluidstack for capacity in France.').amount_usd).toBeNull();
  });
  it('reads power and the first tranche is not the deal', () => {
    const d = one('AMD and Humain announced a deal for 1 gigawatt of Instinct GPUs, with the first 100 MW due next year.');
    expect(d.gigawatts).toBe(1);
  });
  it('reads power in megawatts', () => {
    expect(one('Talen Energy will supply Amazon with 1,920 megawatts of nuclear power.').gigawatts).toBeCloseTo(1.92, 6);
  });
});

describe('buying chips is not buying the company', () => {
  it('reads a chip purchase named by the maker\'s possessive', () => {
    expect(one("Anthropic will buy Google's TPUs under a $20 billion agreement.").kind).toBe('chips');
  });
});

describe('kind and hardware', () => {
  it.each([
    ['Constellation Energy signed a 20-year power purchase agreement with Meta.', 'power', null],
    ['TSMC will manufacture OpenAI\'s first custom chip under a new contract.', 'fab', null],
    ['OpenAI signed a deal with AMD for 6 gigawatts of MI450 GPUs.', 'chips', 'MI450'],
    ['Anthropic signed a deal to expand its use of Amazon Web Services Trainium2 capacity.', 'cloud', 'Trainium2'],
    // FORMAT.md: an investor is a provider only where the text ties the investment to compute.
    ['Nvidia agreed to invest up to $10 billion in Anthropic under a compute partnership.', 'investment', null],
    ['Fluidstack will build a data center campus in Louisiana for Anthropic under a new lease.', 'datacenter', null],
  ])('%s', (text, kind, hardware) => {
    const d = one(text);
    expect(d.kind).toBe(kind);
    expect(d.hardware).toBe(hardware);
  });
});

describe('evidence and structure', () => {
  it('keeps the sentence exactly as it stands, with its offsets', () => {
    const text = 'Intro line.\n\nMarkets were calm. Oracle has signed a  $7 billion contract with xAI. Shares rose.';
    const d = one(text);
    expect(d.evidence).toBe('Oracle has signed a  $7 billion contract with xAI.');
    expect(text.slice(d.evidence_start, d.evidence_end)).toBe(d.evidence);
  });
  it('takes the figures of a next sentence about "the deal"', () => {
    const d = one('Nscale signed a contract with Microsoft for GPU capacity in Norway. The deal is valued at $6.2 billion and covers 200 MW.');
    expect([d.amount_usd, d.gigawatts]).toEqual([6.2e9, 0.2]);
    expect(d.evidence).toBe('Nscale signed a contract with Microsoft for GPU capacity in Norway.');
  });
  it('"won\'t" is no deal word', () => {
    expect(extractDeals("crusoe won't say, and neither will openai.")).toEqual([]);
  });
  it('reads a headline', () => {
    const d = one('Crusoe lands $3bn Mistral cloud deal\n\nThe company gave no other details.');
    expect([d.lab, d.provider, d.amount_usd]).toEqual(['Mistral', 'Crusoe', 3e9]);
  });
  it('reads table rows', () => {
    const text = 'Buyer | Seller | Value | Power\nMeta | Nebius | $3bn | —\nxAI | Oracle | $5bn | 1 GW contract';
    const deals = extractDeals(text).map((d) => [d.lab, d.provider, d.amount_usd]);
    expect(deals).toEqual([['Meta', 'Nebius', 3e9], ['xAI', 'Oracle', 5e9]]);
  });
  it('one deal per pair per article, the strongest mention first', () => {
    const text = 'Lambda and Microsoft are in talks.\n\nLambda signed a $1.5 billion agreement with Microsoft on Friday.\n\nThe Lambda deal is Microsoft\'s third.';
    const deals = extractDeals(text);
    expect(deals).toHaveLength(1);
    expect(deals[0].amount_usd).toBe(1.5e9);
    // The firmest status the article gives, as the rule stage reads it (the classifier weighs it with the rest).
    expect(ruleDeals(text).map((d) => d.status)).toEqual(['announced']);
  });
  it('confidence stays in 0..1', () => {
    for (const d of extractDeals('Oracle signed a $3 billion contract with xAI. Mistral is in talks with Nebius.')) {
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('text that is not about deals', () => {
  it.each([
    'Nvidia reported data center revenue of $51.2 billion, citing demand from OpenAI, Anthropic and xAI.',
    'We ran the same model on Amazon Bedrock, Google Vertex, Microsoft Azure and Oracle\'s cloud.',
    'xAI sued OpenAI, accusing it of poaching staff.',
    'Microsoft, Alphabet and Amazon will spend more than $350 billion on capex next year.',
    'Anthropic hired a former Google Cloud executive to run its compute team.',
    'SpaceX agreed to acquire xAI in an all-stock deal valued at $250 billion.',
    'CoreWeave agreed to acquire Core Scientific for $9 billion in stock.',
    'Shares of Oracle and CoreWeave fell as investors asked how OpenAI will pay for its commitments.',
  ])('%s', (text) => {
    expect(extractDeals(text)).toEqual([]);
  });
});

describe('bad input', () => {
  it('empty text gives no deals', () => {
    expect(extractDeals('')).toEqual([]);
  });
  it('whitespace and punctuation only give no deals', () => {
    expect(extractDeals(' \n\n\t ... !!! \n')).toEqual([]);
  });
  it('binary garbage gives no deals and does not throw', () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(() => extractDeals(bytes)).not.toThrow();
  });
  it('a huge text is cut, not refused', () => {
    const sentence = 'Oracle signed a $3 billion contract with xAI. ';
    const text = 'filler words without any company. '.repeat(Math.ceil(MAX_TEXT_CHARS / 34)) + sentence;
    expect(text.length).toBeGreaterThan(MAX_TEXT_CHARS);
    expect(extractDeals(text)).toEqual([]);
    expect(extractDeals(sentence.repeat(3))).toHaveLength(1);
  });
  it('a text with no sentence breaks is one long sentence', () => {
    const text = Array.from({ length: 5000 }, () => 'compute').join(' ');
    expect(extractDeals(text)).toEqual([]);
  });
  it('a non-string is no text', () => {
    expect(extractDeals(undefined as unknown as string)).toEqual([]);
  });
});
