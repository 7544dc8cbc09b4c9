// Who is the buyer (lab) and who the seller (provider), across the ways news text says it.
import { describe, expect, it } from 'vitest';
// The rule stage: a candidate generator and a feature of the trained scorer (see pipeline.test.ts for the whole).
import { ruleDeals as extractDeals } from '../../../src/extract/index.js';

const pairs = (text: string): string[] => extractDeals(text).map((d) => `${d.lab} <- ${d.provider}`);

describe('roles', () => {
  it.each([
    ['active: the lab buys', 'xAI agreed to buy $5 billion of cloud capacity from Oracle.', ['xAI <- Oracle']],
    ['"X will supply Y"', 'Crusoe will supply Mistral with a 200 MW cluster under a multi-year contract.', ['Mistral <- Crusoe']],
    ['"X will supply Y" with a hyperscaler buyer', 'Nscale will supply Microsoft with 100,000 GB300 chips under a new agreement.', ['Microsoft <- Nscale']],
    ['"Y signed with X"', 'Cohere signed a contract with Oracle for cloud capacity in Canada.', ['Cohere <- Oracle']],
    ['"X signed with Y", provider first', 'Lambda signed a deal with Perplexity to host its inference fleet.', ['Perplexity <- Lambda']],
    ['"X and Y announced"', 'Nebius and Mistral announced a partnership for capacity in Finland.', ['Mistral <- Nebius']],
    ['passive voice', 'The new capacity for Safe Superintelligence will be provided by Google Cloud under a deal signed on Monday.', ['Safe Superintelligence <- Google']],
    ['passive "supplied by"', 'Character.AI said its training cluster is supplied by CoreWeave under a contract signed last month.', ['Character.AI <- CoreWeave']],
    ['hyperscaler buys from a neocloud', 'Microsoft signed a $19 billion contract with Nebius for GPU capacity.', ['Microsoft <- Nebius']],
    ['hyperscaler sells to a lab', 'Anthropic signed a deal with Microsoft to buy Azure capacity.', ['Anthropic <- Microsoft']],
    ['a chipmaker buys by syntax', 'Nvidia agreed to rent $1.5 billion of servers from Lambda.', ['Nvidia <- Lambda']],
    ['hyphenated pair', 'The openai-oracle deal anchors the Abilene site.', ['OpenAI <- Oracle']],
    ['list of providers', 'Perplexity already rents capacity from Amazon, Google and CoreWeave.', ['Perplexity <- Amazon', 'Perplexity <- Google', 'Perplexity <- CoreWeave']],
    ['headline style "to buy"', 'Meta to buy $10 billion of TPUs from Google', ['Meta <- Google']],
  ])('%s', (_name, text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it('carries the lab over from the sentence before, in the same paragraph', () => {
    const text = 'xai is running short of room. it has booked capacity with oracle and nebius over the past year.';
    expect(pairs(text)).toEqual(['xAI <- Oracle', 'xAI <- Nebius']);
  });

  it('does not carry a lab across paragraphs', () => {
    const text = 'Mistral trained its first models in 2023.\n\nOracle signed a capacity contract worth $2 billion.';
    expect(pairs(text)).toEqual([]);
  });

  it('a clause without its own buyer takes the one of the clause before', () => {
    expect(pairs('Safe Superintelligence rents capacity from Google, and has a chip agreement with Cerebras.')).toEqual([
      'Safe Superintelligence <- Google',
      'Safe Superintelligence <- Cerebras',
    ]);
  });

  it('two labs never make a deal', () => {
    expect(pairs('OpenAI and Anthropic signed a joint safety agreement.')).toEqual([]);
  });

  it('parallel subjects are not each other\'s counterparties', () => {
    expect(pairs('Meta, Microsoft and Amazon have all signed nuclear power purchase agreements this year.')).toEqual([]);
  });

  it('a chipmaker named as the maker of the chips is not a party', () => {
    expect(pairs('Oracle will provide xAI with 50,000 Nvidia GB300 chips under a $4 billion contract.')).toEqual(['xAI <- Oracle']);
  });

  it('a chipmaker is a party when it is the only provider', () => {
    expect(pairs('Mistral signed an agreement with Nvidia for 18,000 Grace Blackwell chips.')).toEqual(['Mistral <- Nvidia']);
  });

  it('a party in a subordinate clause is not a counterparty', () => {
    expect(pairs('Nebius lands Meta after Microsoft steps back')).toEqual(['Meta <- Nebius']);
  });

  it('a chain of buyers in one clause gives both links', () => {
    expect(pairs('Applied Digital is building the 400 MW campus, which CoreWeave has leased and will run for Cohere.')).toEqual([
      'CoreWeave <- Applied Digital',
      'Cohere <- CoreWeave',
    ]);
  });

  it('a cloud buying chips needs no lab', () => {
    expect(pairs('Crusoe signed an agreement with AMD to deploy 13,000 MI355X GPUs.')).toEqual(['Crusoe <- AMD']);
  });

  it('companies named as stocks are not parties', () => {
    expect(pairs('Shares of Oracle, CoreWeave and Nebius fell as investors asked how OpenAI will pay for its commitments.')).toEqual([]);
  });

  it('labs named as model makers are not buyers', () => {
    expect(pairs('Perplexity agreed to spend $400 million on Google Cloud, gaining access to models from OpenAI and Anthropic.')).toEqual([
      'Perplexity <- Google',
    ]);
  });

  it('consumer products are not compute parties', () => {
    expect(pairs('Recent Samsung smart TVs include the Apple TV app for movies purchased from iTunes.')).toEqual([]);
  });

  it('a provider that refers back to the article\'s only lab', () => {
    const text = 'Mistral opened a Paris office.\n\nThe company also signed a compute contract with Fluidstack.';
    expect(pairs(text)).toEqual(['Mistral <- Fluidstack']);
  });

  it('"the Company" in a release or filing is the organisation its headline names', () => {
    const text = 'Nebius files 8-K\n\nOn May 1, the Company entered into an agreement under which Mistral committed to purchase $2 billion of capacity.';
    expect(extractDeals(text).map((d) => [d.lab, d.provider, d.amount_usd])).toEqual([['Mistral', 'Nebius', 2e9]]);
  });

  it('finds a provider the gazetteer does not know', () => {
    const deals = extractDeals('Anthropic signed a $900 million agreement with Halcyon Compute, a Texas neocloud, for inference capacity.');
    expect(deals.map((d) => [d.lab, d.provider, d.amount_usd])).toEqual([['Anthropic', 'Halcyon Compute', 900e6]]);
  });

  it('finds a buyer the gazetteer does not know', () => {
    const deals = extractDeals('CoreWeave will supply Vireo Labs, an AI startup, with 2,000 GPUs under a two-year contract.');
    expect(deals.map((d) => [d.lab, d.provider])).toEqual([['Vireo Labs', 'CoreWeave']]);
  });
});

describe('consumer products are no party', () => {
  it('a games console named like a data-centre company ("Switch Lite deal", "this bundle") gives no deal, through the whole pipeline', async () => {
    const { extractArticleDeals } = await import('../../../src/extract/article-deals.js');
    const title = 'Daily Deals: More Black Friday Deals Are Live, Including PS4 DualShock Controller, Apple AirPods and Watches, and More';
    const text = [
      'Nintendo Switch Lite with Pokemon Sword or Shield and Case for $238.99',
      "Save $31 if you get a turquoise Switch Lite with your choice of Pokemon Sword or Shield and a case. We haven't seen any mention of a Switch Lite deal during Black Friday, and this bundle is still up to $60 cheaper than getting the original Switch.",
    ].join('\n\n');
    expect(extractArticleDeals(title, text, { published: '2019-11-22T00:00:00Z' })).toEqual([]);
  });
});
