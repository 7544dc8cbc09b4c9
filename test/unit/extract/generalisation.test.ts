// Behaviours added so that extraction holds on articles written in other styles, naming other companies:
// Q&A, background lines, lowercase and newly introduced companies, hyperscaler-to-hyperscaler deals,
// figures in a later sentence, chips bought from their maker, data-centre hosts, forecasts.
import { describe, expect, it } from 'vitest';
// The rule stage: a candidate generator and a feature of the trained scorer (see pipeline.test.ts for the whole).
import { ruleDeals as extractDeals } from '../../../src/extract/index.js';
import { findKnownEntities } from '../../../src/extract/gazetteer.js';
import { splitSentences } from '../../../src/extract/sentences.js';
import { dealMoney } from '../../../src/extract/amounts.js';
import { findHardware } from '../../../src/extract/hardware.js';

const pairs = (text: string, title?: string): string[][] => extractDeals(text, { title }).map((d) => [d.lab, d.provider]);
const one = (text: string) => {
  const deals = extractDeals(text);
  expect(deals).toHaveLength(1);
  return deals[0];
};

describe('figures stated in the next sentence', () => {
  it.each([
    ['Anthropic will rent capacity from Fluidstack. The five-year deal is worth $5 billion.', 5e9],
    ['OpenAI signed a contract with CoreWeave. It is valued at $11.9 billion.', 11.9e9],
    ['OpenAI signed a contract with CoreWeave on Tuesday. Terms include $11.9 billion over five years.', 11.9e9],
    ['OpenAI signed a contract with CoreWeave.\n\nThe agreement is worth $11.9 billion.', 11.9e9],
  ])('%s', (text, amount) => {
    expect(one(text).amount_usd).toBe(amount);
  });
  it('takes power from a sentence about the provider', () => {
    expect(one('OpenAI has a new compute partner: Cerebras. The chipmaker will provide 750 megawatts of capacity.').gigawatts).toBe(0.75);
  });
  it('does not take a stock grant or a figure two paragraphs on', () => {
    expect(one('OpenAI signed a contract with CoreWeave. Under the agreement, CoreWeave will receive $350 million of OpenAI stock.').amount_usd).toBeNull();
    expect(one('OpenAI signed a contract with CoreWeave.\n\nMarkets were calm.\n\nThe agreement is worth $11.9 billion.').amount_usd).toBeNull();
  });
});

describe('background deals told beside the news', () => {
  it.each([
    'Google has also invested about $3 billion in Anthropic.',
    'OpenAI last month agreed to buy $38 billion of cloud capacity from Amazon Web Services.',
    'lambda has been busy: microsoft is a customer.',
    'Crusoe is best known as the developer of the campus that Oracle is leasing.',
    'Nvidia led Reflection AI\'s $2 billion funding round in October.',
  ])('existing: %s', (text) => {
    expect(extractDeals(text).map((d) => d.status)).toEqual(['existing']);
  });
  it('but "has also signed" dated now is news', () => {
    expect(one('The Grok maker has also signed a deal with Oracle, the company said in a statement on Friday.').status).toBe('announced');
  });
});

describe('companies the gazetteer does not know', () => {
  it('finds a lowercase name introduced as what it is', () => {
    const d = one('anthropic signed a $1.2bn deal with northwind compute, a norwegian neocloud.');
    expect([d.lab, d.provider, d.amount_usd]).toEqual(['Anthropic', 'Northwind Compute', 1.2e9]);
    expect(pairs('openai is renting gpus from neocloud skyforge for three years.')).toEqual([['OpenAI', 'Skyforge']]);
  });
  it('finds a capitalised name after its descriptor', () => {
    expect(pairs('Tencent is weighing a deal to rent Nvidia Blackwell capacity from Japanese cloud operator Kumoya.')).toEqual([['Tencent', 'Kumoya']]);
  });
  it('looks past the maker of the chips for the seller', () => {
    expect(pairs('Fjordlight Compute today announced an agreement to supply Cohere with dedicated Nvidia B200 capacity.')).toEqual([['Cohere', 'Fjordlight Compute']]);
  });
  it('takes the article\'s lab for "the lab also signed with X, a gpu provider"', () => {
    const text = 'anthropic has been busy. the claude maker rents from google.\n\nthe lab also signed with fjordcloud, a small gpu provider, for 200 mw.';
    expect(pairs(text)).toContainEqual(['Anthropic', 'Fjordcloud']);
  });
  it('reads no name into ordinary words', () => {
    expect(extractDeals('xAI could consider buying a stake in a utility outright.')).toEqual([]);
    expect(extractDeals('Google has bought CloudSimple, a startup that was once a key part of Microsoft\'s cloud strategy.')).toEqual([]);
  });
});

describe('Q&A', () => {
  it('keeps a question and its answer as one sentence, across a line break too', () => {
    const t = 'Q: Who supplies the chips? A: Nvidia, under licence.\nQ: What did Anthropic buy?\nA: Compute from Fluidstack.';
    const s = splitSentences(t);
    expect(s.map((x) => x.text)).toEqual(['Q: Who supplies the chips? A: Nvidia, under licence.', 'Q: What did Anthropic buy?\nA: Compute from Fluidstack.']);
    for (const x of s) expect(t.slice(x.start, x.end)).toBe(x.text);
  });
  it('gives the answer the role the question asks about', () => {
    const d = one('Q: Which cloud will host OpenAI\'s new models?\nA: Oracle, under a $300 billion contract.');
    expect([d.lab, d.provider, d.amount_usd]).toEqual(['OpenAI', 'Oracle', 300e9]);
    expect(pairs('Q: What did Anthropic buy?\nA: Compute from Fluidstack, worth $50 billion.')).toEqual([['Anthropic', 'Fluidstack']]);
  });
  it('does not read project partners as sellers', () => {
    expect(extractDeals('G42 and OpenAI are the main users, with Oracle and Cisco as partners.')).toEqual([]);
  });
});

describe('chips bought from their maker', () => {
  it.each([
    ['Humain will buy 18,000 of Nvidia\'s GB300 chips for its first phase.', ['Humain', 'Nvidia']],
    ['Crusoe will buy about $400 million worth of AMD Instinct MI355X GPUs to deploy in its US cloud.', ['Crusoe', 'AMD']],
    ['SoftBank Corp. said it would buy more than 4,000 Nvidia Blackwell GPUs in DGX B200 systems.', ['SoftBank', 'Nvidia']],
    ['Mistral has picked Nvidia for 18,000 Grace Blackwell chips to power its new Paris cluster.', ['Mistral', 'Nvidia']],
  ])('%s', (text, pair) => {
    expect(pairs(text)).toEqual([pair]);
  });
  it('a chipmaker named for its capacity or a stake is no party', () => {
    expect(extractDeals('Tencent weighs renting Nvidia capacity in Japan.')).toEqual([]);
    expect(extractDeals('SoftBank sold its Nvidia stake to help fund the investment.')).toEqual([]);
  });
  it('a headline pair whose chipmaker the body names only as the maker of chips is dropped', () => {
    const text = 'Reflection AI turns to Vultr and AMD for training\n\nCapacity will be supplied by Vultr to Reflection AI, covering 8,192 AMD Instinct MI355X GPUs.';
    expect(pairs(text, 'Reflection AI turns to Vultr and AMD for training')).toEqual([['Reflection AI', 'Vultr']]);
  });
});

describe('hyperscalers and neoclouds as buyers', () => {
  it('the company invested in is the buyer, a hyperscaler too', () => {
    const d = one('Microsoft, which invested $1.5 billion in G42 last year, was not part of the announcement.');
    expect([d.lab, d.provider, d.kind, d.amount_usd, d.status]).toEqual(['G42', 'Microsoft', 'investment', 1.5e9, 'existing']);
  });
  it('a GPU cloud leases from a data-centre host', () => {
    const d = one('Applied Digital said it had signed two 15-year leases with CoreWeave covering 250 megawatts at its campus, worth about $7 billion in total revenue.');
    expect([d.lab, d.provider, d.kind, d.amount_usd, d.gigawatts]).toEqual(['CoreWeave', 'Applied Digital', 'datacenter', 7e9, 0.25]);
  });
  it('a filing that calls the issuer "the Company"', () => {
    const text = 'TeraWulf Inc. - Form 8-K\n\nTeraWulf Inc. (the "Company") entered into a colocation agreement with Fluidstack Ltd. pursuant to which the Company will provide approximately 200 MW of critical IT load, representing approximately $3.7 billion of contracted revenue.';
    const d = extractDeals(text);
    expect(d.map((x) => [x.lab, x.provider, x.amount_usd, x.gigawatts])).toEqual([['Fluidstack', 'TeraWulf', 3.7e9, 0.2]]);
  });
  it('"The company" opening a sentence is the headline\'s subject, when the article is about it', () => {
    const text = 'TeraWulf earnings: a lease headlines the quarter\n\nTeraWulf reported revenue of $50 million. TeraWulf said more leases would follow.\n\nThe company\'s first AI tenant, Fluidstack, is already moving into the facility under the 168 MW lease it signed in September.';
    const d = extractDeals(text, { title: 'TeraWulf earnings: a lease headlines the quarter' });
    expect(d.map((x) => [x.lab, x.provider, x.status, x.gigawatts])).toEqual([['Fluidstack', 'TeraWulf', 'existing', 0.168]]);
    // Named as often as another organisation: no subject to stand for.
    expect(extractDeals('Oracle and TeraWulf\n\nOracle met TeraWulf.\n\nThe company\'s first AI tenant, Fluidstack, is moving in under the 168 MW lease it signed.')).toEqual([]);
  });
  it('a GPU cloud speaks for itself even in an article about a lab', () => {
    const text = 'Anthropic signed a $50 billion deal with Fluidstack to build data centres. Fluidstack is also building sites for other customers at TeraWulf and Cipher Mining facilities.';
    expect(pairs(text)).toEqual([['Anthropic', 'Fluidstack'], ['Fluidstack', 'TeraWulf'], ['Fluidstack', 'Cipher Mining']]);
  });
  it('a lab named once in passing does not become the buyer of a hyperscaler\'s deal', () => {
    const text = 'Microsoft has agreed to pay Nscale up to $24 billion for GPUs.\n\nThe capacity will be deployed at a campus that Nscale is developing with a local partner.\n\nOpenAI was not part of the agreement. Microsoft declined to comment.';
    expect(pairs(text)).toEqual([['Microsoft', 'Nscale']]);
  });
});

describe('lists, joint statements and clauses', () => {
  it('reads arrows in list items', () => {
    const text = 'Key deals this week:\n- OpenAI → AMD: 6 GW of Instinct GPUs, starting with 1 GW of MI450 in 2026\n- Meta ← Nebius: $3bn over five years';
    expect(extractDeals(text).map((d) => [d.lab, d.provider, d.gigawatts, d.amount_usd])).toEqual([['OpenAI', 'AMD', 6, null], ['Meta', 'Nebius', null, 3e9]]);
  });
  it('reads "X and Y\'s deal"', () => {
    expect(one('OpenAI and Oracle\'s $300 billion deal was the largest cloud contract ever signed.').amount_usd).toBe(300e9);
  });
  it('splits at a new subject after a comma and skips services that are not compute', () => {
    const text = 'Oracle will operate the cluster with OpenAI, Nvidia will supply its latest GB300 systems, and Cisco and SoftBank will provide networking and financing support.';
    expect(pairs(text)).toEqual([['OpenAI', 'Oracle'], ['OpenAI', 'Nvidia']]);
  });
  it('"X itself rents back chips from it" is not X selling to the earlier buyer: "it" is the earlier seller', () => {
    expect(pairs('lambda has been busy: microsoft is a customer, and nvidia itself rents back chips from it.')).toEqual([['Microsoft', 'Lambda'], ['Nvidia', 'Lambda']]);
  });
  it('a headline clause after "as X supply" is about something else', () => {
    expect(extractDeals('Alibaba, Tencent and ByteDance lift AI spending as Nvidia supply stays uncertain')).toEqual([]);
  });
});

describe('forecasts and hypotheticals', () => {
  it.each([
    'Our base case assumes Microsoft and OpenAI remain the largest buyers, with Google and Amazon renting from neoclouds.',
    'We expect Nebius to add at least one more contract with Meta in 2026.',
    'Mistral might think about partnering with EDF.',
  ])('%s', (text) => {
    expect(extractDeals(text)).toEqual([]);
  });
});

describe('more ways to say it', () => {
  it.each([
    ['safe superintelligence will run the bulk of its research on google cloud tpus, the two companies said.', ['Safe Superintelligence', 'Google']],
    ['Brookfield already has a framework with Microsoft to deliver more than 10.5 GW of renewable capacity.', ['Microsoft', 'Brookfield']],
    ['Microsoft has designed its own Maia AI accelerator, currently made by TSMC.', ['Microsoft', 'TSMC']],
  ])('%s', (text, pair) => {
    expect(pairs(text)).toEqual([pair]);
  });
});

describe('verbs and openers of other writers', () => {
  it.each([
    ['Meta Platforms has hired Google Cloud to supply it with computing, in a six-year deal worth more than $10 billion.', ['Meta', 'Google']],
    ['Broadcom and OpenAI will co-develop 10 gigawatts of custom AI accelerators, the companies said on Monday.', ['OpenAI', 'Broadcom']],
    ['TSMC will manufacture OpenAI\'s first in-house chip on its A16 process.', ['OpenAI', 'TSMC']],
    ['Per the agreement, Fluidstack will operate 1.5 GW of capacity for Anthropic across three U.S. sites.', ['Anthropic', 'Fluidstack']],
    ['xAI has secured a 1.2 GW natural gas power deal with Solaris Energy Infrastructure for its Memphis site.', ['xAI', 'Solaris Energy Infrastructure']],
  ])('%s', (text, pair) => {
    expect(pairs(text)).toEqual([pair]);
  });
  it('types a new company by a power word anywhere in its name', () => {
    expect(one('xAI has secured a 1.2 GW natural gas power deal with Solaris Energy Infrastructure for its Memphis site.').kind).toBe('power');
  });
  it('a process node is no chip', () => {
    expect(one('TSMC will manufacture OpenAI\'s first in-house chip on its A16 process.').hardware).toBeNull();
  });
  it('hiring people, a framework for ethics and phones made by someone are no deals', () => {
    expect(extractDeals('Anthropic hired a former Google executive to run its compute team.')).toEqual([]);
    expect(extractDeals('Microsoft\'s framework for responsible AI was praised by Anthropic researchers.')).toEqual([]);
  });
  it('a fronted phrase lends its deal word only to the clause it opens', () => {
    expect(extractDeals('The contract is the first between the two companies since OpenAI\'s restructuring ended Microsoft\'s right of first refusal.')).toEqual([]);
  });
});

describe('press releases, lists and reports', () => {
  it('"the Company" is the name a filing defines, known or new, without its legal form', () => {
    const text = 'Lumen Cloud Announces Agreement with Mistral AI\n\nPARIS -- Lumen Cloud SAS (the "Company"), a French GPU cloud, today announced that Mistral AI has selected the Company to provide 20 MW of inference capacity in Lyon.';
    const d = extractDeals(text, { title: 'Lumen Cloud Announces Agreement with Mistral AI' });
    expect(d.map((x) => [x.lab, x.provider, x.gigawatts])).toEqual([['Mistral', 'Lumen Cloud', 0.02]]);
  });
  it('a figure in brackets after each listed seller is that seller\'s', () => {
    const d = extractDeals('OpenAI\'s compute lanes, ranked by size: Oracle ($300bn), Microsoft ($250bn), CoreWeave ($22.4bn).');
    expect(d.map((x) => [x.provider, x.amount_usd])).toEqual([['Oracle', 300e9], ['Microsoft', 250e9], ['CoreWeave', 22.4e9]]);
  });
  it('reads plurals of chip models in list items', () => {
    expect(one('• Oracle to buy 50,000 AMD MI450s').hardware).toBe('MI450');
  });
  it('a deal first reported by the press is talks', () => {
    expect(one('The deal, first reported by The Information, would make Google a supplier to Meta for the first time.').status).toBe('talks');
  });
});

describe('money and hardware details', () => {
  it('takes the dollar figure given beside another currency', () => {
    const s = 'Sakura agreed to supply capacity under a contract worth ¥13 billion (about US$87 million).';
    expect(dealMoney(s, 0, s.length).map((m) => m.usd)).toEqual([87e6]);
  });
  it('names no chip when two families and no model are named', () => {
    expect(findHardware('Nvidia Grace Blackwell and Vera Rubin systems')).toBeNull();
    expect(findHardware('Nvidia Grace Blackwell systems')).toBe('Grace Blackwell');
  });
});

describe('gazetteer', () => {
  it('knows more real companies and still finds names written with punctuation', () => {
    const names = (t: string): string[] => findKnownEntities(t).map((e) => e.name);
    expect(names('Preferred Networks rents from Sakura Internet and Datasection')).toEqual(['Preferred Networks', 'Sakura Internet', 'Datasection']);
    expect(names('d-Matrix, PG&E, Amazon.com and x.AI')).toEqual(['d-Matrix', 'PG&E', 'Amazon', 'xAI']);
    expect(names('nothing to see here at all')).toEqual([]);
  });
});
