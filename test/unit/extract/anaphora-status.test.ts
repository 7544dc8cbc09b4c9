// General mechanisms for unseen articles: status of background lines, pronouns and interviews, figures
// a sentence or two after the deal, more deal verbs, hyperscalers on the buyer side, kind of investments.
import { describe, expect, it } from 'vitest';
// The rule stage: a candidate generator and a feature of the trained scorer (see pipeline.test.ts for the whole).
import { ruleDeals as extractDeals } from '../../../src/extract/index.js';
import { defaultGazetteer, findKnownEntities } from '../../../src/extract/gazetteer.js';
import { interviewSubject } from '../../../src/extract/interview.js';

const pairs = (text: string, title?: string): string[][] => extractDeals(text, { title }).map((d) => [d.lab, d.provider]);
const one = (text: string, published?: string) => {
  const deals = extractDeals(text, { published });
  expect(deals).toHaveLength(1);
  return deals[0];
};

describe('status: background and existing lanes are not announced', () => {
  it.each([
    ["Anthropic's Project Rainier cluster with Amazon is the one deal that was actually running before it was announced."],
    ['Amazon has invested $8 billion in Anthropic.'],
    ["The deals follow Meta's agreement with Constellation Energy for the Clinton plant."],
    ['Nebius signed a $17.4 billion contract with Microsoft in September, which could rise to $19.4 billion.'],
    ["Amazon's chip effort counts Anthropic as its largest customer."],
    ['Fluidstack is also building sites for other customers at TeraWulf facilities in New York.'],
    ['nvidia rents back chips from lambda.'],
  ])('%s', (text) => {
    expect(one(text).status).toBe('existing');
  });

  it('a deal announced in an earlier year than the article is existing; in the same year, announced', () => {
    const text = 'Character.AI signed a multi-year agreement with Google Cloud in 2023.';
    expect(one(text, '2026-03-01T00:00:00Z').status).toBe('existing');
    expect(one(text, '2023-06-01T00:00:00Z').status).toBe('announced');
  });

  it('"has invested another $4 billion" is news, not background', () => {
    expect(one('Amazon has invested another $4 billion in Anthropic.').status).toBe('announced');
  });

  it('"said it would buy" is an announcement, "would buy" alone is talk', () => {
    expect(one('SoftBank said it would buy more than 4,000 Nvidia Blackwell GPUs for about $1 billion.').status).toBe('announced');
    expect(one('SoftBank would buy more than 4,000 Nvidia Blackwell GPUs, people familiar said.').status).toBe('talks');
  });
});

describe('pronouns', () => {
  it('"from it" stands for the seller of the clause before', () => {
    expect(pairs('Lambda is busy: Microsoft is a customer, and Nvidia also rents chips from it.')).toContainEqual(['Nvidia', 'Lambda']);
  });
  it('"it" with no earlier seller in the sentence adds no pair', () => {
    expect(pairs('Nvidia rents chips from it.')).toEqual([]);
  });
});

describe('figures up to two sentences after the deal', () => {
  it('"Together they will draw well over a gigawatt" two sentences on fills the power', () => {
    const text =
      'Anthropic and Fluidstack announced on Wednesday a $50 billion plan to build data centres in Texas, with Fluidstack developing the sites for Anthropic.\n\n' +
      'The first sites are expected to come online through 2026. Together they will eventually draw well over a gigawatt.';
    const deal = one(text);
    expect([deal.lab, deal.provider, deal.gigawatts]).toEqual(['Anthropic', 'Fluidstack', 1]);
  });
  it('a sentence between that names another company ends the run', () => {
    const text =
      'OpenAI signed a contract with CoreWeave. Separately, Nvidia reported earnings. The deal is worth $11.9 billion.';
    expect(extractDeals(text).find((d) => d.provider === 'CoreWeave')?.amount_usd ?? null).toBeNull();
  });
  it('three sentences on is too far', () => {
    const text = 'OpenAI signed a contract with CoreWeave. Shares rose. Analysts were pleased. Together they will draw 2 gigawatts.';
    expect(one(text).gigawatts).toBeNull();
  });
});

describe('interviews: "we" and "our" are the executive\'s company', () => {
  const title = "Q&A: borealis compute's CEO on hydro, Norway and why labs want small clouds";
  const text = [
    'borealis compute has gone from zero to two sites in eighteen months.',
    'Hyperscale Dispatch: You just opened a second site. Who is in it?',
    'Ingrid Solberg: We signed Perplexity this week for 40 megawatts in our Norwegian site, that is a two-year contract.',
    'IS: Cohere is still our anchor tenant in Quebec.',
  ].join('\n\n');
  it('names the subject from the headline', () => {
    expect(interviewSubject(title, defaultGazetteer())?.name).toBe('Borealis Compute');
    expect(interviewSubject('Nvidia CEO says demand is strong', defaultGazetteer())).toBeNull();
    expect(interviewSubject('Interview: Nscale CEO Josh Payne on Norway', defaultGazetteer())?.name).toBe('Nscale');
    expect(interviewSubject('Q&A with the chief executive of Lambda: why GPUs', defaultGazetteer())?.name).toBe('Lambda');
  });
  it('finds the deals told in the first person', () => {
    const deals = extractDeals(text, { title });
    expect(deals.map((d) => [d.lab, d.provider, d.status])).toEqual([
      ['Perplexity', 'Borealis Compute', 'announced'],
      ['Cohere', 'Borealis Compute', 'existing'],
    ]);
  });
  it('without an interview headline, "we" is nobody', () => {
    expect(extractDeals(text, { title: 'Borealis grows' })).toEqual([]);
  });
});

describe('deal verbs', () => {
  it.each([
    ['Mistral inks a compute deal with Fluidstack.', ['Mistral', 'Fluidstack']],
    ['Anthropic clinches a capacity agreement with CoreWeave.', ['Anthropic', 'CoreWeave']],
    ['OpenAI seals a chip pact with AMD.', ['OpenAI', 'AMD']],
    ['xAI taps Oracle for more capacity.', ['xAI', 'Oracle']],
    ['Microsoft signs up Nscale for GB300 capacity.', ['Microsoft', 'Nscale']],
    ['OpenAI expands its pact with Microsoft.', ['OpenAI', 'Microsoft']],
    ['Meta commits to spend $14 billion on CoreWeave capacity.', ['Meta', 'CoreWeave']],
    ['Cohere secures capacity from CoreWeave.', ['Cohere', 'CoreWeave']],
    ['Google orders TPUs from Broadcom.', ['Google', 'Broadcom']],
    ['Cohere is an anchor tenant of Borealis Compute.', ['Cohere', 'Borealis Compute']],
  ])('%s', (text, pair) => {
    expect(pairs(text)).toContainEqual(pair);
  });
});

describe('kind', () => {
  it('an investment talked about before the chips it buys is an investment', () => {
    expect(one('OpenAI is in discussions with Amazon about an investment of $10 billion that would see it use Trainium chips.').kind).toBe('investment');
  });
  it('money put into a cloud of one\'s own, built on a maker\'s GPUs, is a chip deal', () => {
    expect(one('Deutsche Telekom will invest around $1 billion in an industrial AI cloud built on 10,000 Nvidia Blackwell GPUs supplied by Nvidia.').kind).toBe('chips');
  });
  it('building a gigawatt cluster for a lab is a data-centre deal', () => {
    expect(one('OpenAI and G42 announced that G42 will build a 1-gigawatt compute cluster in Abu Dhabi for OpenAI.').kind).toBe('datacenter');
  });
});

describe('gazetteer matching over the shared regex', () => {
  it('gives the same matches on repeated and interleaved calls', () => {
    const a = 'OpenAI signed with Oracle and CoreWeave.';
    const b = 'Anthropic rents from Google Cloud.';
    const first = findKnownEntities(a).map((e) => e.name);
    findKnownEntities(b);
    expect(findKnownEntities(a).map((e) => e.name)).toEqual(first);
    expect(first).toEqual(['OpenAI', 'Oracle', 'CoreWeave']);
  });
});

describe('negated, conditional and off-compute statements are no deals', () => {
  it.each([
    ["Zhipu cannot legally buy Nvidia's most advanced parts."],
    ["Regulators told Alibaba to avoid buying Nvidia's H20 chips."],
    ['Huawei said it does not discuss customer orders with Zhipu.'],
    ['Anthropic is the end user, and Google has provided a financial backstop for part of the lease.'],
    ['CoreWeave lands a contract with Meta, cutting reliance on Microsoft.'],
    ['Sakana, founded by former Google researchers, trains small models on rented capacity.'],
  ])('%s', (text) => {
    const pairsFound = pairs(text);
    expect(pairsFound.filter(([, provider]) => ['Nvidia', 'Google', 'Microsoft', 'Huawei'].includes(provider))).toEqual([]);
  });
  it('a lab that runs on or gets access to a chipmaker\'s systems does not buy from the chipmaker', () => {
    expect(pairs("Meta will get access to Nvidia's GB300 systems, a person familiar with the matter said.")).toEqual([]);
    expect(pairs("CoreWeave, which rents Nvidia-based computing capacity to AI labs, has been expanding.")).toEqual([]);
  });
  it('an unnamed customer is not the article\'s lab', () => {
    const text = "Broadcom said Anthropic placed a $21 billion order for racks. Broadcom said a fifth customer had placed a $1 billion order, without identifying it.";
    expect(extractDeals(text).map((d) => [d.lab, d.provider, d.amount_usd])).toEqual([['Anthropic', 'Broadcom', 21e9]]);
  });
});

describe('parties named indirectly', () => {
  it('"its microsoft deal" after naming a provider: the provider\'s existing deal', () => {
    const deals = extractDeals("this is lambda's largest non-hyperscaler contract; its microsoft deal is bigger.");
    expect(deals.map((d) => [d.lab, d.provider, d.status])).toEqual([['Microsoft', 'Lambda', 'existing']]);
  });
  it('"signed by X and Y": the two sides of a passive sentence', () => {
    const deal = one('A three-year contract worth roughly $450 million was signed by Black Forest Labs and Nebius, the company disclosed on Monday.');
    expect([deal.lab, deal.provider, deal.amount_usd, deal.status]).toEqual(['Black Forest Labs', 'Nebius', 450e6, 'announced']);
  });
  it("a hyperscaler's own chips a lab is trained on make the hyperscaler a party, of a chip deal", () => {
    const deals = extractDeals("Anthropic remains primarily trained on Amazon's Trainium chips and Google's TPUs, a spokesperson said.");
    expect(deals.map((d) => [d.lab, d.provider, d.kind])).toEqual([['Anthropic', 'Amazon', 'chips'], ['Anthropic', 'Google', 'chips']]);
  });
  it('racks built around a hyperscaler\'s chips are bought from their maker, not the hyperscaler', () => {
    expect(pairs("Broadcom said Anthropic had placed a $10 billion order for racks built around Google's Ironwood TPUs.")).toEqual([['Anthropic', 'Broadcom']]);
  });
  it('a company named in full once is meant by its first word later', () => {
    const text = "Poolside is nearing a deal to take 200MW at Galaxy Digital's Helios campus, according to a person familiar.\n\nPoolside declined to comment. Galaxy said it was in talks with Poolside and others.";
    expect(extractDeals(text).map((d) => [d.lab, d.provider])).toEqual([['Poolside', 'Galaxy Digital']]);
    // An ordinary first word ("Together AI" → "Together") is never read alone.
    expect(pairs('Together, the companies will sign a deal with Oracle.')).toEqual([]);
  });
  it('builds its chips at a foundry', () => {
    expect(pairs('Tenstorrent currently builds its Blackhole chips at Samsung Foundry.')).toEqual([['Tenstorrent', 'Samsung']]);
  });
});

describe('status and figures across mentions', () => {
  it('an announced deal takes its value from a sentence that reports it', () => {
    const text =
      'that changes now: midjourney will rent a dedicated cluster from lambda, the gpu cloud said.\n\n' +
      "the deal, which people close to the company describe as a $1.5 billion-plus commitment, gives midjourney capacity in lambda's sites.";
    const deal = one(text);
    expect([deal.status, deal.amount_usd]).toEqual(['announced', 1.5e9]);
  });
  it('a deal that "would be" something is still only talked about', () => {
    expect(one('A Humain facility would be the first leased footprint abroad for xAI.').status).toBe('talks');
    expect(one('SoftBank said it would buy 4,000 Nvidia GPUs.').status).toBe('announced');
  });
  it('signed "last week" and disclosed now is news', () => {
    expect(one('Black Forest Labs signed a contract with Nebius last week, Nebius disclosed on Monday.').status).toBe('announced');
  });
  it('agreements "in aggregate" are background', () => {
    expect(one('OpenAI has signed compute agreements with Oracle worth over a trillion dollars in aggregate.').status).toBe('existing');
  });
  it('money put into data centres with a provider is a data-centre deal, not a stake', () => {
    expect(one('Anthropic said it would invest $50 billion in US data centres with Fluidstack.').kind).toBe('datacenter');
  });
});

describe('more general readings', () => {
  it('a negation covers only the company it names', () => {
    expect(pairs('Perplexity said it could not buy enough Nvidia chips and would instead rent from Nebius.')).toEqual([['Perplexity', 'Nebius']]);
  });
  it('a standing lane is sized by its running total', () => {
    const deal = one('CoreWeave contracts with OpenAI now total about $22.4 billion after three expansions.');
    expect([deal.status, deal.amount_usd]).toEqual(['existing', 22.4e9]);
  });
  it('"It will pay" in the next sentence gives the amount', () => {
    expect(one('Reflection AI secured 20,000 GPUs from Oracle, the company said. It will pay about $2 billion over three years.').amount_usd).toBe(2e9);
  });
  it('building a campus for a lab, with a decimal power figure', () => {
    const deal = one('Oracle will build a 1.4-gigawatt campus in Michigan for OpenAI, the companies said on Tuesday.');
    expect([deal.lab, deal.provider, deal.kind, deal.gigawatts]).toEqual(['OpenAI', 'Oracle', 'datacenter', 1.4]);
  });
  it('a company that backstops the lease is no seller, and the lease keeps its power figure', () => {
    const deals = extractDeals('TeraWulf said Fluidstack will lease 200 MW at its Lake Mariner site, backstopped by Google.');
    expect(deals.map((d) => [d.lab, d.provider, d.gigawatts])).toEqual([['Fluidstack', 'TeraWulf', 0.2]]);
  });
  it('"will take 2GW at X\'s campus" and "is using X" are deals', () => {
    expect(one("Poolside, the coding startup, will take 2GW at CoreWeave's Project Horizon in Texas.").gigawatts).toBe(2);
    expect(pairs('Safe Superintelligence is using Google Cloud TPUs for its research, the companies said.')).toEqual([['Safe Superintelligence', 'Google']]);
  });
  it('an unreadable published date is ignored, not a crash', () => {
    expect(extractDeals('Character.AI signed an agreement with Google Cloud in 2023.', { published: 'not a date' })).toHaveLength(1);
  });
});
