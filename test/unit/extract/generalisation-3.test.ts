// Readings added after the third blind held-out set (test/fixtures/holdout3): transcripts and interviews whose
// "we" is the company, chips counted into one's own sites, lists of buyers, credit support, stakes with no
// terms, passive building, leases between two providers. Every sentence here is our own.
import { describe, expect, it } from 'vitest';
// The rule stage: a candidate generator and a feature of the trained scorer (see pipeline.test.ts for the whole).
import { ruleDeals as extractDeals } from '../../../src/extract/index.js';
import { interviewSubject } from '../../../src/extract/interview.js';
import { defaultGazetteer } from '../../../src/extract/gazetteer.js';

const published = '2025-11-20T00:00:00Z';
const deals = (text: string, title?: string) => extractDeals(text, { title, published });
const rows = (text: string, title?: string) =>
  deals(text, title).map((d) => [d.lab, d.provider, d.status, d.kind, d.amount_usd, d.gigawatts]);

describe('transcripts and interviews: the speaking company', () => {
  it('names the company of an earnings call, or of an executive named in a Q&A headline', () => {
    const g = defaultGazetteer();
    expect(interviewSubject('Lambda Q2 2026 earnings call: Balaban on supply', g)?.name).toBe('Lambda');
    expect(interviewSubject("Nscale's fiscal 2025 results call transcript", g)?.name).toBe('Nscale');
    expect(interviewSubject("Q&A: Crusoe's Chase Lochmiller on Abilene and power", g)?.name).toBe('Crusoe');
    expect(interviewSubject('Lambda shares jump after earnings', g)).toBeNull();
  });
  it('reads "we", "us" and "our" over a speaker\'s paragraphs, not in the analyst\'s', () => {
    const title = 'Lambda Q2 2026 earnings call: Balaban on supply';
    const text = [
      'JANE ROE, CHIEF EXECUTIVE OFFICER: Thanks, everyone.',
      'As we announced in early June, Perplexity signed a contract with us worth up to $1.2 billion.',
      'Our agreements with Cohere now total roughly $800 million.',
      'We also extended a deal with our largest customer.',
      'ANALYST (Q): Are we going to hear about Mistral soon, and will you sign with them?',
    ].join('\n\n');
    expect(rows(text, title)).toEqual([
      ['Perplexity', 'Lambda', 'existing', 'cloud', 1.2e9, null],
      ['Cohere', 'Lambda', 'existing', 'cloud', 8e8, null],
    ]);
  });
  it('reads a Q&A answer whose label is the executive\'s surname', () => {
    const text = 'Q: What did you sign this week?\n\nLOCHMILLER: We signed a ten-year lease with Mistral worth about $2 billion.';
    expect(rows(text, "Q&A: Crusoe's Chase Lochmiller on Abilene")).toEqual([['Mistral', 'Crusoe', 'announced', 'cloud', 2e9, null]]);
  });
});

describe('figures', () => {
  it('"the X contract, which ..., is $N" is the contract\'s value', () => {
    expect(deals('The Oracle contract, which xAI signed in March, is $4 billion over three years.')[0]?.amount_usd).toBe(4e9);
  });
  it('"until" before an amount means "up to"', () => {
    expect(deals('Mistral signed an agreement with Fluidstack. The contract has a value of until USD 3 billion.')[0]?.amount_usd).toBe(3e9);
  });
  it('a follow-up sentence about totals lends no figure', () => {
    const text = 'Cohere signed a contract with Nscale. With the new site, total capacity reaches 2 gigawatts, and spending exceeds 90 billion dollars.';
    expect(deals(text)[0]?.amount_usd).toBeNull();
  });
  it('a lease of the whole campus has the campus\'s size', () => {
    expect(rows('Oracle signed a ten-year lease on the entire Mesa campus from Nscale, about 900 megawatts in all phases.')).toEqual([
      ['Oracle', 'Nscale', 'announced', 'datacenter', null, 0.9],
    ]);
  });
});

describe('chips counted into one\'s own sites are bought from their maker', () => {
  it.each([
    ['Naver Cloud will install up to 8,000 AMD Instinct GPUs in its Chuncheon site.', 'Naver', 'AMD'],
    ['Deutsche Telekom will deploy more than 20,000 Nvidia GPUs for its sovereign cloud.', 'Deutsche Telekom', 'Nvidia'],
  ])('%s', (text, lab, provider) => {
    expect(deals(text).map((d) => [d.lab, d.provider, d.kind])).toEqual([[lab, provider, 'chips']]);
  });
  it('a list of buyers each building with counted chips are each a buyer', () => {
    const text = 'Hyundai Motor Group, SK Group and Naver will each set up AI factories with 30,000 AMD GPUs.';
    expect(deals(text).map((d) => d.lab).sort()).toEqual(['Hyundai Motor Group', 'Naver', 'SK Group']);
  });
  it('a company\'s chairman is a person, not a party', () => {
    expect(deals('Sam Altman met SK Group chairman Chey Tae-won and signed a memorandum with Samsung Electronics on memory supply.').map((d) => d.lab)).not.toContain('SK Group');
  });
});

describe('money that is not compute', () => {
  it('credit support, and what is received in return, is no deal', () => {
    expect(deals('Amazon will guarantee $900 million of Crusoe\'s lease obligations, and in return receives warrants for a 3% stake in TeraWulf.')).toEqual([]);
  });
  it('a stake told with no figure has no terms; with a figure it is an investment', () => {
    expect(deals('Google and AMD are putting money into Mistral as part of the arrangement.')).toEqual([]);
    expect(deals('AMD is putting $2 billion into Mistral as part of the agreement.').map((d) => [d.provider, d.kind])).toEqual([['AMD', 'investment']]);
  });
});

describe('status', () => {
  it('"have not yet been concluded" is talks', () => {
    expect(deals('The supply contract between xAI and SK hynix has not yet been concluded.')[0]?.status).toBe('talks');
  });
  it('"As previously announced" retells an existing deal', () => {
    expect(deals('As previously announced, Mistral signed a contract with Fluidstack.')[0]?.status).toBe('existing');
    expect(deals('As announced on Tuesday, Mistral signed a contract with Fluidstack.')[0]?.status).toBe('announced');
  });
});

describe('building and developing for a lab', () => {
  it('"a cluster that X will build for Y"', () => {
    expect(rows('Cohere and Nscale unveiled a 2-gigawatt cluster that Nscale will build in Norway for Cohere.')).toEqual([
      ['Cohere', 'Nscale', 'announced', 'datacenter', null, 2],
    ]);
  });
  it('sites "will be developed by X with Y"; "Of these" points back to the article\'s lab', () => {
    const text = [
      'Mistral said it has picked four new sites in France.',
      'Of these, two sites will be developed with Fluidstack, and their capacity is 1.4 gigawatts.',
      'The other two sites will be developed by SoftBank with Mistral.',
    ].join('\n\n');
    expect(deals(text).map((d) => [d.lab, d.provider, d.gigawatts])).toEqual([
      ['Mistral', 'Fluidstack', 1.4],
      ['Mistral', 'SoftBank', null],
    ]);
  });
});

describe('background told by dates', () => {
  it.each([
    ['Three weeks ago Cohere and Oracle agreed a deal for 200 megawatts of capacity.', 'existing'],
    ['Mistral runs on Azure under the cloud contract the two signed this spring with Microsoft.', 'existing'],
    ['Groq has been running Mistral\'s Le Chat API since last summer.', 'existing'],
    ['Meta is weighing its options and may also rent TPUs through Google Cloud.', 'talks'],
  ])('%s → %s', (text, status) => {
    expect(deals(text)[0]?.status).toBe(status);
  });
  it('a table row dated before the article\'s year is a standing deal', () => {
    const text = ['Buyer | Supplier | Capacity | Signed', 'Amazon | X-energy | 300 MW | 2024', 'Meta | Oklo | 1 GW | 2025'].join('\n');
    expect(deals(text).map((d) => [d.lab, d.status])).toEqual([
      ['Amazon', 'existing'],
      ['Meta', 'announced'],
    ]);
  });
});

describe('parties the sentence leaves to the article', () => {
  it('chips "produced by" a foundry with no designer named are the article\'s lab\'s', () => {
    const text = 'OpenAI will buy custom chips from Broadcom under a new agreement.\n\nThe second chip, still in design, will be produced by TSMC in Arizona.';
    expect(deals(text).map((d) => [d.lab, d.provider, d.kind])).toContainEqual(['OpenAI', 'TSMC', 'fab']);
  });
  it('serving another company\'s API is selling it compute', () => {
    expect(deals('Groq has been running Mistral\'s Le Chat API since last summer.').map((d) => [d.lab, d.provider])).toEqual([['Mistral', 'Groq']]);
  });
  it('a project "with no tenant named yet" is not the article\'s lab\'s', () => {
    const base = 'Mistral rents capacity from Fluidstack. Nscale is also planning a 300 megawatt campus in Texas that it will lease out';
    expect(deals(`${base}.`).map((d) => d.provider)).toContain('Nscale');
    expect(deals(`${base}, with no tenant named yet.`).map((d) => d.provider)).not.toContain('Nscale');
  });
});
