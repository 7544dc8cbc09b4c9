// Companies named once and then leaned on: section headings, bracketed initials, a site's or filing's own voice.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/extract/analyse.js';
import { pairCandidates } from '../../../src/extract/candidates.js';
import { ruleDealsOf } from '../../../src/extract/extract-deals.js';
import { defaultGazetteer } from '../../../src/extract/gazetteer.js';
import type { ArticleMeta } from '../../../src/extract/types.js';

const analyse = (text: string, meta: ArticleMeta = {}) => analyseText(text, { published: '2026-03-01T00:00:00Z', ...meta }, defaultGazetteer());
const pairs = (text: string, meta: ArticleMeta = {}): string[] => {
  const a = analyse(text, meta);
  return pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`);
};
const LISTICLE = [
  'Five neoclouds you have never heard of',
  'Below the giants is a crowd of small GPU clouds signing contracts.',
  '1',
  'Coldwater Compute (Sweden)',
  'Mistral AI will train its next models on Coldwater’s cluster under a three-year agreement signed this month.',
  '2',
  'Halvard Compute (Norway)',
  'The Tromsø start-up has signed a three-year contract to supply Microsoft with 40 MW of capacity.',
  'What it means',
  'Microsoft signed more contracts this year than anyone.',
].join('\n\n');

describe('section headings', () => {
  it('a heading that names a company gives its body a mention by its first word', () => {
    const a = analyse(LISTICLE);
    const i = a.sentences.findIndex((s) => s.text.startsWith('Mistral AI will train'));
    expect(a.weak[i].map((e) => `${e.surface}=${e.name}`)).toContain('Coldwater=Coldwater Compute');
    expect(pairs(LISTICLE)).toContain('Mistral>Coldwater Compute');
  });

  it('the heading company is the party its section leaves unnamed, and a topic heading ends the section', () => {
    const a = analyse(LISTICLE);
    const at = (start: string) => a.sections[a.sentences.findIndex((s) => s.text.startsWith(start))]?.name ?? null;
    expect(at('The Tromsø start-up')).toBe('Halvard Compute');
    expect(at('Microsoft signed more')).toBeNull();
    const c = pairCandidates(a, ruleDealsOf(a)).find((x) => x.lab === 'Microsoft' && x.provider === 'Halvard Compute');
    expect(c?.instances.some((x) => x.section && x.carriedSeller)).toBe(true);
  });

  it('topic headings are no company', () => {
    const a = analyse(['Deals this week', 'Background', 'Oracle signed a lease with Crusoe.', 'Why It Matters', 'OpenAI pays.'].join('\n\n'));
    expect(a.sections.every((s) => s === null)).toBe(true);
  });
});

describe('initials defined in brackets', () => {
  it('follow the full name through the text, named in full', () => {
    const text = 'Baltic Hydro & Nuclear Power (BHNP) signed a memorandum of understanding with SK Telecom on power. BHNP will study reactors for SK Telecom. BHNP said more later.';
    const a = analyse(text);
    const names = a.weak.flat().map((e) => `${e.surface}=${e.name}`);
    expect(names).toContain('Baltic Hydro & Nuclear Power=Baltic Hydro & Nuclear Power');
    expect(names).toContain('BHNP=Baltic Hydro & Nuclear Power');
  });

  it('need the capitals to spell the initials', () => {
    const a = analyse('Northern Plains Power & Light (XYZ) signed an agreement with Meta.');
    expect(a.weak.flat().some((e) => e.via === 'acronym')).toBe(false);
  });
});

describe('who speaks', () => {
  it("a company's own site is the 'we' of its posts, named in the text or not", () => {
    const text = 'Powering Reno: our first West Coast campus\n\nWe have signed an electric service agreement with Sierra Basin Power for 150 MW at the Reno campus.';
    const a = analyse(text, { title: 'Powering Reno: our first West Coast campus', site: 'Halcyon Compute Blog' });
    expect(a.subject?.name).toBe('Halcyon Compute');
    expect(pairs(text, { title: 'Powering Reno: our first West Coast campus', site: 'Halcyon Compute Blog' })).toContain('Halcyon Compute>Sierra Basin Power');
  });

  it('a site named with a legal form is the company itself', () => {
    const a = analyse('Third Quarter 2025 Earnings Call\n\nThis quarter we executed a 15-year electric service agreement with CoreWeave for 450 megawatts.', {
      title: 'Third Quarter 2025 Earnings Call',
      site: 'Meridian Power Co.',
    });
    expect(a.subject?.name).toBe('Meridian Power');
  });

  it("a filing's cover names the filer, whose 'the Company' it is", () => {
    const title = 'Halcyon Compute, Inc. Form 10-Q for the quarter ended March 31, 2026';
    const text = `${title}\n\nThe Company leases 120 MW of critical IT load at the Wolf Creek campus from Borealis Digital Mining Corp. under a ten-year lease.`;
    expect(analyse(text, { title }).subject?.name).toBe('Halcyon Compute');
    expect(pairs(text, { title })).toContain('Halcyon Compute>Borealis Digital Mining');
  });

  it("a headline's speaker is the company before the 's, not the person after it; quarters and gerunds are no company", () => {
    expect(analyse('x', { title: "Qasr AI's Khalid Al-Mansoori: 'We buy chips the way others buy oil rigs'" }).subject?.name).toBe('Qasr AI');
    expect(analyse('x', { title: 'Third Quarter 2025: results' }).subject).toBeNull();
  });
});

describe('list lines', () => {
  it('a line opening on a company with figures or chips pairs it with the buyer the list is about', () => {
    const text = "Microsoft's neocloud spending spree, by the numbers\n\nNebius: $17.4B over 5 yrs from Vineland, NJ.\n\nNscale: about 200k Nvidia GB300s across Texas.";
    const got = pairs(text, { title: "Microsoft's neocloud spending spree, by the numbers" });
    expect(got).toContain('Microsoft>Nebius');
    expect(got).toContain('Microsoft>Nscale');
  });

  it("the rules read a tracker's line that opens on the pair, and not a line of rivals", () => {
    const rules = (text: string) => ruleDealsOf(analyse(text)).map((d) => `${d.lab}>${d.provider} ${d.gigawatts}`);
    expect(rules('Microsoft / Constellation Energy: n.d., 835 MW, 20 yrs — Crane Clean Energy Center.')).toEqual(['Microsoft>Constellation Energy 0.835']);
    expect(rules('Nvidia / AMD: rivals in the GPU market, both growing.')).toEqual([]);
  });

  it('a line opening on a company with neither is no deal line', () => {
    expect(pairs("Microsoft's partners\n\nNebius: a Dutch company with a long history.")).not.toContain('Microsoft>Nebius');
  });
});

describe('names that end on a company word', () => {
  it('are found in any sentence and followed by their first word into the deal sentences', () => {
    const text = 'Tasman Data Centres reported results on Monday.\n\nTasman has signed a non-binding term sheet with Auric Labs for up to 150MW of IT capacity.';
    const a = analyse(text);
    expect(a.weak[1].map((e) => `${e.surface}=${e.name}/${e.type}`)).toContain('Tasman=Tasman Data Centres/neocloud');
    expect(pairs(text)).toContain('Auric Labs>Tasman Data Centres');
  });

  it('keep a utility whole across its ampersand', () => {
    const a = analyse('In February we entered into a 20-year power supply agreement with Tidewater Power & Light for up to 400 MW.');
    expect(a.weak.flat().map((e) => `${e.name}/${e.type}`)).toContain('Tidewater Power & Light/power');
  });
});

describe("a company's customers", () => {
  it('"its customers include" pairs the buyers with the company just named', () => {
    const text = 'Lambda rents out GPU clusters from its own data centres. Its other large customers include Amazon and Microsoft, which accounted for half of its revenue.';
    const got = pairs(text);
    expect(got).toContain('Amazon>Lambda');
    expect(got).toContain('Microsoft>Lambda');
  });

  it('not when the sentence names a seller of its own: then only the reference back ("Its" = Lambda) pairs them', () => {
    const text = 'Lambda rents out GPU clusters. Its customers include Amazon, which also rents from CoreWeave.';
    const a = analyse(text);
    const c = pairCandidates(a, ruleDealsOf(a)).find((x) => x.lab === 'Amazon' && x.provider === 'Lambda');
    expect(c?.instances.map((i) => [i.carriedSeller ?? false, i.seller.via])).toEqual([[false, 'reference']]);
  });
});

describe("a list line's figures", () => {
  it("the first amount after the line's head is the deal's", () => {
    const [deal] = ruleDealsOf(analyse('Microsoft / IREN: $9.7bn, n.d., 5 yrs — GPU cloud contract at Childress, Texas.'));
    expect(deal?.amount_usd).toBe(9_700_000_000);
  });
});

describe('public bodies', () => {
  it('are buyers named in full, without a country possessive, and "the Ministry" refers back', () => {
    const text = "Norway's Ministry of Digital Affairs has picked Nscale. Under the five-year agreement, Nscale will supply the Ministry with 8,000 Nvidia GB300 GPUs.";
    const a = analyse(text);
    expect(a.weak[0].map((e) => `${e.name}/${e.type}`)).toContain('Ministry of Digital Affairs/lab');
    expect(a.weak[1].map((e) => `${e.surface}=${e.name}`)).toContain('the Ministry=Ministry of Digital Affairs');
    expect(pairs(text)).toContain('Ministry of Digital Affairs>Nscale');
  });

  it('an "and" closes a name on one word but does not join two bodies', () => {
    const a = analyse("Korea's Ministry of Science and ICT signed with Nvidia. The Department of Energy and Qatar Computing Research Institute signed with Oracle. Taiwan's National Science and Technology Council will rent part of the system.");
    const names = a.weak.flat().map((e) => e.name);
    expect(names).toContain('Ministry of Science and ICT');
    expect(names).toContain('Department of Energy');
    expect(names).toContain('Qatar Computing Research Institute');
    expect(names).toContain('National Science and Technology Council');
  });
});

describe('name hygiene', () => {
  it('legal forms of many countries are dropped; a possessive ends a name; "Denver-based" is none', () => {
    const a = analyse("Pune-based neocloud Vasudha Cloud Pvt Ltd signed a power purchase agreement with Tapti Power Ltd for 150 MW. Pyxis Cloud has signed a lease for 150 MW at Northmark Campuses' Licking County site. Quillon Compute, a Denver-based GPU cloud company, has signed a lease.");
    const names = [...a.known.flat(), ...a.weak.flat()].map((e) => e.name);
    expect(names).toContain('Vasudha Cloud');
    expect(names).toContain('Northmark Campuses');
    expect(names.some((n) => /based/u.test(n))).toBe(false);
  });

  it("a headline's linking word, an owner's possessive and an opening adverb are not part of a name; a place and a company word name nothing", () => {
    const a = analyse("Halcyon Labs in Talks to Rent $2.1 Billion of Nvidia Servers From Ridgeline Compute. Even Quillstone Cloud, a private Seattle outfit, holds a $6.2 billion Microsoft contract. Indonesia's Nusantara AI orders $1.2 billion of Nvidia systems. Tamarind Labs signed up for 2,000 Nvidia A100s from Ferrous Cloud, a Pittsburgh GPU reseller.");
    const names = [...a.known.flat(), ...a.weak.flat()].map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Ridgeline Compute', 'Quillstone Cloud', 'Nusantara AI', 'Ferrous Cloud']));
    expect(names.filter((n) => /From|Even|Indonesia|Pittsburgh/u.test(n))).toEqual([]);
  });
});
