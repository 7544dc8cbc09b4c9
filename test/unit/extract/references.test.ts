// References back to a company, names as lowercase pages and headlines write them, and known names inside longer ones.
import { describe, expect, it } from 'vitest';
import { analyseText, withWeak } from '../../../src/extract/analyse.js';
import { pairCandidates } from '../../../src/extract/candidates.js';
import { ruleDealsOf } from '../../../src/extract/extract-deals.js';
import { defaultGazetteer, findKnownEntities } from '../../../src/extract/gazetteer.js';
import { interviewSubject } from '../../../src/extract/interview.js';
import { clean, findDescribedOrganisations, findUnknownOrganisations, introducesName, placeAndSuffix, unknownMention } from '../../../src/extract/parties.js';

const analyse = (text: string, title?: string) => analyseText(text, { published: '2026-03-01T00:00:00Z', title }, defaultGazetteer());
const pairs = (text: string, title?: string): string[] => {
  const a = analyse(text, title);
  return pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`);
};
const weakAt = (text: string, start: string): string[] => {
  const a = analyse(text);
  const i = a.sentences.findIndex((s) => s.text.startsWith(start));
  return a.weak[i].map((e) => `${e.surface}=${e.name}`);
};

describe('references back to the subject', () => {
  const TEXT = 'Humain was set up by the Public Investment Fund last year. In May it struck a $10 billion pact with AMD for 500 megawatts.';

  it('"it" after an opening phrase stands for the company that opened the sentence before', () => {
    expect(weakAt(TEXT, 'In May it struck')).toEqual(['it=Humain']);
    expect(pairs(TEXT)).toContain('Humain>AMD');
  });

  it('a description stands only for a company of its kind', () => {
    const text = 'Verity AI trains on rented chips. The startup currently leases 8,000 GPUs from Lambda under a two-year contract.';
    expect(weakAt(text, 'The startup currently')).toEqual(['The startup=Verity AI']);
    const utility = 'Verity AI trains on rented chips. The utility has signed a contract with Lambda for 80 MW.';
    expect(weakAt(utility, 'The utility has')).toEqual([]);
  });

  it('an object\'s "it" and a reference to a company the sentence names are left alone', () => {
    expect(weakAt('Nebius built a campus in Finland. Microsoft agreed to rent it from Nebius for five years.', 'Microsoft agreed')).toEqual([]);
    expect(weakAt('Nebius built a campus in Finland. It signed a lease with Nebius for the Finland halls.', 'It signed')).toEqual([]);
  });

  it('a reference reaches back no further than the paragraph before', () => {
    const far = ['Humain was set up last year.', 'Markets were calm.', 'Bonds rallied.', 'In May it struck a $10 billion pact with AMD.'].join('\n\n');
    expect(weakAt(far, 'In May it struck')).toEqual([]);
  });

  it('a sentence opening on a reference is about the company it stands for, not the one it names after', () => {
    const text =
      'Google has promised carbon-free power by 2030. Last year it signed an agreement with Kairos Power for 500 megawatts. In June it agreed to buy 200 megawatts from Commonwealth Fusion Systems.';
    expect(weakAt(text, 'In June it agreed')).toEqual(['it=Google']);
    expect(pairs(text)).toContain('Google>Commonwealth Fusion Systems');
  });

  it("a transcript line's time code and speaker open the sentence: its company is the next line's \"it\"", () => {
    const text = '[00:01:38] DEV: And Amazon had already done the Pennsylvania one. It paid Talen Energy $650 million for a campus next to the plant.';
    expect(weakAt(text, 'It paid Talen')).toEqual(['It=Amazon']);
  });
});

describe('names as pages write them', () => {
  it("a lowercase page's discovered names are followed as written", () => {
    const text = 'nigeria has awarded a gpu cloud contract worth about $30 million to lagos operator eko compute. eko compute has also signed a 60 mw power supply agreement with a gas plant.';
    expect(weakAt(text, 'eko compute has also')).toContain('eko compute=Eko Compute');
  });

  it('descriptions of labs and start-ups introduce names', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => `${e.name}:${e.type}`);
    expect(found('Quillon, the San Francisco model developer, signed a four-year contract for GB300 capacity.')).toContain('Quillon:lab');
    expect(found('Kavach Labs, a Bengaluru start-up, signed a wafer supply agreement with Tata Electronics.')).toEqual(['Kavach Labs:lab', 'Tata Electronics:chipmaker']);
    expect(found('Ironbark Data Parks said Vireo Compute has leased 120 MW at its campus.')).toContain('Ironbark Data Parks:neocloud');
  });

  it('a sentence that introduces a company by what it is is searched for names, with no figure or known name in it', () => {
    const text = 'Miraemind, a Seoul-based developer of Korean-language models, has signed a letter of intent to take part of the new SK Telecom site.';
    expect(introducesName(text)).toBe(true);
    expect(findUnknownOrganisations(text, []).map((e) => `${e.name}:${e.type}`)).toContain('Miraemind:lab');
    expect(weakAt(`Data centres are busy.\n\n${text}`, 'Miraemind')).toContain('Miraemind=Miraemind');
    expect(introducesName('Nvidia shares rose 3% on Tuesday.')).toBe(false);
  });

  it("a headline's verb ends a name; what a deal is names nobody", () => {
    expect(clean('Karoo Compute Signs')).toBe('Karoo Compute');
    expect(clean('Names Lerato AI')).toBe('Lerato AI');
    expect(clean('Solar-and-Storage Agreement')).toBe('');
    expect(clean('Anchor Customer')).toBe('');
  });

  it('places, nationalities and a company word describe, they do not name', () => {
    expect(placeAndSuffix('South African GPU')).toBe(true);
    expect(placeAndSuffix('Scottish GPU')).toBe(true);
    expect(placeAndSuffix('Karoo Compute')).toBe(false);
    expect(placeAndSuffix('San Francisco AI')).toBe(true);
    expect(placeAndSuffix('Cinder River Nuclear')).toBe(false);
  });

  it('a date before an apposition is no company: "In October, the Claude developer"', () => {
    expect(findDescribedOrganisations('In October, the Claude developer agreed with Google to use TPUs.')).toEqual([]);
    expect(findDescribedOrganisations('We signed with Lumenfold, the small lab.').map((e) => e.name)).toEqual(['Lumenfold']);
  });

  it('a company introduced by what it is keeps no legal form in its name', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => e.name);
    expect(found('Chilean AI developer Andes Intelligence SpA has chosen Argentine neocloud Pampa Cloud S.A. to train its models.')).toEqual([
      'Andes Intelligence',
      'Pampa Cloud',
    ]);
  });

  it('a single word that signs after an opening clause is a party', () => {
    const text = 'Lumenfold sells to banks.\n\nIn April, Lumenfold signed a four-year contract with Tundrafield Compute for 60 megawatts.';
    expect(pairs(text)).toContain('Lumenfold>Tundrafield Compute');
    // Not a place or a month that opens the sentence.
    expect(pairs('In April, Texas signed a contract with Tundrafield Compute for 60 megawatts.')).not.toContain('Texas>Tundrafield Compute');
  });

  it('where a company is based describes it; the name after is still a name', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => e.name);
    expect(found('Bengaluru-based Arvena AI has signed a two-year agreement to rent 2,048 GPUs.')).toContain('Arvena AI');
    expect(found('It is also in talks with Chennai-based Kaveri Compute for a further 20 megawatts.')).toEqual(['Kaveri Compute']);
  });

  it('Spanish, Portuguese and Italian names end or open on their own company words', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => `${e.name}:${e.type}`);
    expect(found('The Barcelona laboratory Minerva IA has signed with the Zaragoza neocloud Ibérica Cómputo a four-year contract.')).toEqual([
      'Minerva IA:lab',
      'Ibérica Cómputo:neocloud',
    ]);
    expect(found('Vesuvio AI will rent from the Turin neocloud Lumina Calcolo a cluster of 1,024 Nvidia B200 GPUs.')).toContain('Lumina Calcolo:neocloud');
    expect(found('Ibérica Cómputo has closed a power purchase agreement with Energías del Cinca for 120 megawatts.')).toContain('Energías del Cinca:power');
  });

  it('a town before a state\'s postal code is no company: "capacity from Vineland, NJ"', () => {
    const text = 'Nebius Q3 results\n\nMicrosoft: $17.4B over five years → dedicated GPU capacity from Vineland, NJ; signed September 2025';
    const a = analyse(text, 'Nebius Q3 results');
    expect(withWeak(a.known, a.weak).flat().map((e) => e.name)).not.toContain('Vineland');
    expect(pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`)).toContain('Microsoft>Nebius');
  });

  it('lowercase names end on power, energy, electric, partners and data centres; a verb after a description names nobody', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => e.name);
    expect(found('basalt cloud signed a 15-year agreement with keystone ridge energy for 300 mw')).toEqual(['Basalt Cloud', 'Keystone Ridge Energy']);
    expect(found('a 10-year lease for 64 mw at verdanta data centers\' campinas campus has been signed by google')).toEqual(['Verdanta Data Centers']);
    expect(found('the site needs cheap power and hydro power from the grid')).toEqual([]);
    expect(found('a tokyo model lab designing its own inference chip signs with tsmc')).toEqual([]);
  });

  it("a transcript's fillers, times and spoken figures open no lowercase name", () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => e.name);
    expect(found('so what happened yesterday halvorsen compute announced a six year contract')).toEqual(['Halvorsen Compute']);
    expect(found('iren signed a nine point seven billion dollar cloud contract with microsoft')).toEqual([]);
    expect(findDescribedOrganisations('sable creek is in talks with auric compute the austin neocloud about a smaller plant').map((e) => e.name)).not.toContain('About');
  });

  it("a name ending on a company's word is a company, even where its first words are a person's or a place's", () => {
    const a = analyse('Southgate Compute, a GPU cloud, said it had signed a 20-year agreement with Tamar Hydro for 300 megawatts.');
    expect(withWeak(a.known, a.weak).flat().map((e) => e.name)).toEqual(['Southgate Compute', 'Tamar Hydro']);
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => e.name);
    expect(found('Stratacore leased a powered shell near Columbus from Bluestem Data Campuses.')).toContain('Bluestem Data Campuses');
    expect(found('It buys 80 megawatts from wells run by Basalt Ridge Geothermal under a 15-year contract.')).toContain('Basalt Ridge Geothermal');
  });

  it('a known name that is an ordinary word ends a longer unknown name after a capitalised word', () => {
    const names = (s: string) => findKnownEntities(s).map((e) => e.name);
    expect(names('Bluestem Digital signed a letter of intent with Northwind Cognition for 120 MW.')).toEqual([]);
    expect(names('The startup Cognition signed with Google.')).toEqual(['Cognition', 'Google']);
    expect(names('Cognition bought Windsurf.')).toEqual(['Cognition']);
  });

  it('a known name of two words after a capitalised word that is no place, date, demonym or verb ends a longer unknown name', () => {
    const names = (s: string) => findKnownEntities(s).map((e) => e.surface);
    expect(names('Granite Basin Electric signed a letter of intent with Saltmarsh GPU for 300 MW.')).toEqual([]);
    expect(names('Quarry Digital Realty leased a hall to Meta.')).toEqual(['Meta']);
    expect(names('Korean SK Hynix signed with OpenAI.')).toEqual(['SK Hynix', 'OpenAI']);
    expect(names('On Tuesday Digital Realty said it leased 50 MW to Meta.')).toEqual(['Digital Realty', 'Meta']);
    expect(names('Meta Signs Basin Electric Power Deal For Dakota Campus')).toEqual(['Meta', 'Basin Electric']);
    expect(names('Texas-based Applied Digital signed CoreWeave.')).toEqual(['Applied Digital', 'CoreWeave']);
  });

  it("a known company's short name followed by another company's word is that other company", () => {
    const names = (s: string) => findKnownEntities(s).map((e) => e.name);
    expect(names('Tallgrass Intelligence, a Toronto lab, has rented B200 clusters at IREN since 2025.')).toEqual(['IREN']);
    expect(names('Tallgrass signed a pipeline deal.')).toEqual(['Tallgrass Energy']);
    expect(names('Constellation Energy will sell Microsoft the output.')).toEqual(['Constellation Energy', 'Microsoft']);
    const a = analyse('Tallgrass Intelligence, a Toronto lab, has rented B200 clusters at IREN since 2025.');
    expect(withWeak(a.known, a.weak).flat().map((e) => e.name)).toEqual(['Tallgrass Intelligence', 'IREN']);
  });

  it('public power bodies are power companies by their names', () => {
    const found = (s: string) => findUnknownOrganisations(s, []).map((e) => `${e.name}:${e.type}`);
    expect(found('Ironbark Cloud signed a letter of intent with Cascade Ridge Public Utility District for 300 MW.')).toContain('Cascade Ridge Public Utility District:power');
    expect(found('Sable Peak Compute buys 40 MW from Grant County PUD.')).toContain('Grant County PUD:power');
    expect(found('The lab signed a 200 MW supply deal with Grand River Dam Authority.')).toContain('Grand River Dam Authority:power');
  });

  it('a figure written with a hyphen ("a 200-megawatt building") opens a deal sentence to names nothing else found', () => {
    const a = analyse('Sir, your letter was wrong about the campus.\nOrrery Research is not building the campus; Pelican Ridge Digital is, and Orrery has signed a 12-year lease for the first 200-megawatt building.');
    expect(a.weak.flat().map((e) => e.name)).toContain('Orrery Research');
  });
});

describe('who speaks and who hosts', () => {
  it('a show\'s label before the headline, or a lowercase title opening on a company, names who "we" are', () => {
    const subject = (title: string, text: string) => analyse(text, title).subject?.name;
    expect(subject('REPLAY: Paxton Compute Q4 call listen-along', 'in january we signed a four year capacity agreement with microsoft.')).toBe('Paxton Compute');
    expect(subject('meridel labs: compute for 2026', "we've signed a two-year contract with coreweave for a dedicated cluster.")).toBe('Meridel Labs');
    expect(pairs("we've signed a two-year contract with coreweave for a dedicated cluster.", 'meridel labs: compute for 2026')).toContain('Meridel Labs>CoreWeave');
  });

  it("a lowercase title opening on an executive's or a memo's possessive names the company, whatever word it is", () => {
    const subject = (title: string, text: string) => analyse(text, title).subject?.name;
    const memo = 'we have signed with google cloud for a reserved allocation of tpus, starting in the spring.';
    expect(subject("tessellate's ceo memo, annotated: three clouds and some hedging", memo)).toBe('Tessellate');
    expect(pairs(memo, "tessellate's ceo memo, annotated: three clouds and some hedging")).toContain('Tessellate>Google');
    expect(subject("lumenvault's founder, on slack: the hydro contract is everything", memo)).toBe('Lumenvault');
    // Without an executive or a memo after it, a lowercase word is no company.
    expect(subject("tessellate's hedging, annotated", memo)).not.toBe('Tessellate');
  });

  it("quotes are the company's own words when the headline gives its voice, someone else's otherwise", () => {
    const quote = '"Last week we signed a four-year contract with Nebius for 90 megawatts outside Montreal," the executive said.';
    const quoteNames = (title: string): string[] => {
      const a = analyse(`${title}\n\n${quote}`, title);
      return a.known[a.sentences.findIndex((s) => s.text.startsWith('"Last week'))].map((e) => `${e.surface}=${e.name}`);
    };
    expect(quoteNames('Microsoft cloud exec tells staff: rent before you build')).toEqual(['we=Microsoft', 'Nebius=Nebius']);
    expect(quoteNames('Microsoft shares rise after a quiet week')).toEqual(['Nebius=Nebius']);
  });

  it("an interview's headline may open on a quote; the speaker's company is named before the 's", () => {
    const subject = (t: string) => interviewSubject(t, defaultGazetteer())?.name ?? null;
    expect(subject("'Six hundred megawatts is the new normal': a fireside with Cascade Mesa Power's Tomás Reyburn")).toBe('Cascade Mesa Power');
    expect(subject("Podcast: Crusoe's Chase Lochmiller on Abilene")).toBe('Crusoe');
    expect(subject('Nebius signs Microsoft: the interview nobody asked for')).toBeNull();
  });

  it('a GPU cloud that signs for power buys it, even in an article about a lab', () => {
    const text = 'Anthropic uses the national research cloud. Caledon Compute, a Scottish GPU cloud, won the contract. To run it, Caledon has signed a ten-year agreement with Highland Hydro Partners for 70 MW of renewable supply.';
    const a = analyse(text);
    const rules = ruleDealsOf({ ...a, known: withWeak(a.known, a.weak) }).map((d) => `${d.lab}>${d.provider}`);
    expect(rules).toContain('Caledon Compute>Highland Hydro Partners');
    expect(rules).not.toContain('Anthropic>Highland Hydro Partners');
  });

  it('a developer, a landlord or a miner the gazetteer does not know hosts the GPU cloud that leases from it', () => {
    expect(unknownMention('Halden Park Developments', null, 0, 24, 'Halden Park Developments').kind).toBe('datacenter');
    expect(unknownMention('Vantor Compute', null, 0, 14, 'Vantor Compute').kind).toBeUndefined();
    const a = analyse("Vantor Compute, a Denver GPU cloud, has signed a lease for the first 120 megawatts at Halden Park Developments' Cheyenne campus.");
    expect(ruleDealsOf({ ...a, known: withWeak(a.known, a.weak) }).map((d) => `${d.lab}>${d.provider}`)).toEqual(['Vantor Compute>Halden Park Developments']);
  });
});

describe('backers', () => {
  it('a company named among the investors or in the group that bought in is no provider; a provider that also invests is', () => {
    const rules = (t: string) => ruleDealsOf(analyse(t)).map((d) => `${d.lab}>${d.provider}`);
    expect(rules('xAI closed a $20 billion funding round last week, with Nvidia among the investors.')).toEqual([]);
    expect(rules('The notes were bought by a group including Nvidia, Blue Owl and Dell, Wayve said in its deal announcement.')).toEqual([]);
    expect(rules('OpenAI signed a $10 billion deal with Nvidia, one of its investors.')).toEqual(['OpenAI>Nvidia']);
  });
});
