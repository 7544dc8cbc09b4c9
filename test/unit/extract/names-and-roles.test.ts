// Names as articles give them (short and full, legal forms, publishers and exchanges that are no party), who lets
// to whom, how the clause casts the two parties for the scorer, and real companies of the market by name.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/extract/analyse.js';
import { fullNames, pairCandidates } from '../../../src/extract/candidates.js';
import { ruleDealsOf } from '../../../src/extract/extract-deals.js';
import { defaultGazetteer, findKnownEntities } from '../../../src/extract/gazetteer.js';
import { statusFeatures, typeOf } from '../../../src/extract/features.js';
import { clean, organisationNamed } from '../../../src/extract/parties.js';
import { candidateSet, extractDeals } from '../../../src/extract/pipeline.js';

const meta = { published: '2026-03-01T00:00:00Z' };
const analyse = (text: string, site?: string) => analyseText(text, { ...meta, site }, defaultGazetteer());
const pairs = (text: string, site?: string): string[] => {
  const a = analyse(text, site);
  return pairCandidates(a, ruleDealsOf(a)).map((c) => `${c.lab}>${c.provider}`);
};
const rules = (text: string): string[] => ruleDealsOf(analyse(text)).map((d) => `${d.lab}>${d.provider}`);
const known = (text: string): string[] => findKnownEntities(text, defaultGazetteer()).map((e) => e.name);

describe('a short name stands for the full one the article gives', () => {
  it('maps the short name to the shortest full name that ends on a company word', () => {
    const map = fullNames(new Set(['Granite Peak', 'Granite Peak Data Centers', 'Tallis', 'Tallis Cloud']));
    expect(map.get('Granite Peak')).toBe('Granite Peak Data Centers');
    expect(map.get('Tallis')).toBe('Tallis Cloud');
  });

  it('leaves a name glued to other words alone, and a prefix of two different names', () => {
    expect(fullNames(new Set(['Basin Compute', 'Basin Compute Q4'])).size).toBe(0);
    expect(fullNames(new Set(['Granite', 'Granite Peak Data Centers', 'Granite Ridge Digital'])).size).toBe(0);
  });

  it('reads the full name from the text where only the short one was found as a name', () => {
    const text = "A storm cut power to Fjordline Compute's campus near Mo i Rana. Fjordline draws 60 MW from Statkraft.";
    expect(fullNames(new Set(['Fjordline']), text).get('Fjordline')).toBe('Fjordline Compute');
    // Only company words extend a name: a place or a building after it does not.
    expect(fullNames(new Set(['Halcyon']), 'Halcyon Orbital said Halcyon Reno was full.').size).toBe(0);
    expect(fullNames(new Set(['Tessellate']), 'Tessellate AI and Tessellate Cloud are two companies.').size).toBe(0);
  });

  it('reads the short name only as a whole word', () => {
    // "Stonefjordline Cloud" does not hold "Fjordline" as a name.
    expect(fullNames(new Set(['Fjordline']), 'Stonefjordline Cloud rents racks. Fjordline rents racks.').size).toBe(0);
    expect(fullNames(new Set(['Kansai']), 'Kansai Electric runs the site.').get('Kansai')).toBe('Kansai Electric');
  });

  it('a pair named by the short name is the full name\'s pair', () => {
    const text = [
      'Granite Peak Data Centers has secured 300 MW from Bayline Power for its Harlan campus.',
      'Quillwork AI has signed a non-binding letter of intent to lease 60 megawatts from Granite Peak, the company said.',
    ].join('\n\n');
    const found = pairs(text);
    expect(found).toContain('Quillwork AI>Granite Peak Data Centers');
    expect(found).not.toContain('Quillwork AI>Granite Peak');
  });
});

describe('legal forms and publishers', () => {
  it('drops legal forms of many countries, their full stop cut or not, and Indonesia\'s PT before the name', () => {
    expect(clean('Yamabiko Compute K.K.')).toBe('Yamabiko Compute');
    expect(clean('Mirai Reasoning K.K')).toBe('Mirai Reasoning');
    expect(clean('PT Nusantara Awan Digital Tbk')).toBe('Nusantara Awan Digital');
    expect(clean('Aurelia AI SE')).toBe('Aurelia AI');
    expect(clean('Quetzal AI S.A.P.I')).toBe('Quetzal AI');
    expect(clean('Bahía Digital S.A.')).toBe('Bahía Digital');
    expect(clean('Hokkai Offshore Wind GK')).toBe('Hokkai Offshore Wind');
    expect(clean('Kasumi Compute Co Ltd K.K')).toBe('Kasumi Compute');
  });

  it('an owner\'s possessive anywhere before the name is no part of it, and a chip model opens no name', () => {
    expect(clean("Abu Dhabi's Majlis AI")).toBe('Majlis AI');
    expect(clean('H200 GPU')).toBe('');
  });

  it("a title-case headline's verb after a plural subject, or a period after the name, ends the name", () => {
    expect(clean('Aurelian Compute Sign')).toBe('Aurelian Compute');
    expect(clean('Halvard Compute Closes')).toBe('Halvard Compute');
    expect(clean('Basin Compute Q4')).toBe('Basin Compute');
    expect(clean('Vellmoor Infrastructure FY2025')).toBe('Vellmoor Infrastructure');
    expect(clean('Close Brothers')).toBe('Close Brothers');
    expect(clean('Billion GPU')).toBe('GPU');
  });

  it('a team signing a post, a Nordic legal form and a defined term sheet are no part of a name', () => {
    expect(clean('Kestrel Labs Platform Team')).toBe('Kestrel Labs');
    expect(clean('Quillmark Developer Relations')).toBe('Quillmark');
    expect(clean('Halden AI AS')).toBe('Halden AI');
    expect(clean('Kallvik Datacenter AB (publ)')).toBe('Kallvik Datacenter');
    expect(clean('Term Sheet')).toBe('');
  });

  it('a stock exchange beside a ticker is no party', () => {
    const found = pairs('Core Scientific (NASDAQ: CORZ) has signed two 12-year contracts to host CoreWeave\'s GPUs across 200 MW of its sites.');
    expect(found.some((p) => p.includes('NASDAQ'))).toBe(false);
    expect(found).toContain('CoreWeave>Core Scientific');
  });

  it('the publisher named in a dateline is no party, and its site is not a company\'s own', () => {
    const text = 'TAICHUNG, Taiwan, March 3, 2026 /ChipWire Newsroom/ -- Arcadia Packaging today announced that it has entered into a five-year capacity reservation agreement with Vireo Semiconductor.';
    expect(pairs(text, 'ChipWire Newsroom').some((p) => p.includes('ChipWire'))).toBe(false);
  });

  it('a heading that is a place names no company for its section', () => {
    const a = analyse(['Virginia', 'Amazon signed a memorandum of understanding with Dominion Energy to explore an SMR project.', 'Virginia regulators will review it.'].join('\n\n'));
    expect(a.sections.every((s) => s === null)).toBe(true);
  });
});

describe('who lets to whom', () => {
  it('the company the capacity is leased to is the buyer, however long the object between', () => {
    expect(rules('In August, TeraWulf leased more than 200 MW at Lake Mariner to Fluidstack.')).toEqual(['Fluidstack>TeraWulf']);
    expect(rules('Hut 8 has agreed to lease 245 megawatts of IT capacity at its River Bend campus in Louisiana to Fluidstack for 15 years.')).toEqual(['Fluidstack>Hut 8']);
  });

  it('a lessee that leases from a landlord to run its cluster stays the buyer', () => {
    expect(rules('Fluidstack leased 200 MW from TeraWulf to run its clusters for Anthropic.')).toContain('Fluidstack>TeraWulf');
  });
});

describe('how the clause casts the two parties, for the scorer', () => {
  it('marks the pair the wording reverses, whatever the rules made of it', () => {
    const set = candidateSet('In August, TeraWulf leased more than 200 MW at Lake Mariner to Fluidstack.', meta);
    const features = (lab: string, provider: string) => set.candidates.find((c) => c.candidate.lab === lab && c.candidate.provider === provider)?.features ?? [];
    expect(features('Fluidstack', 'TeraWulf')).toContain('role:agrees');
    expect(features('TeraWulf', 'Fluidstack')).toContain('role:reversed');
  });
});

describe('the party a line or a sentence leaves unnamed', () => {
  const featuresOf = (text: string, lab: string, provider: string, title?: string): string[] => {
    const set = candidateSet(text, { ...meta, title });
    return set.candidates.find((c) => c.candidate.lab === lab && c.candidate.provider === provider)?.features ?? [];
  };

  it('the seller of the paragraph\'s sentence before, when a sentence names only the buyer', () => {
    const text = 'Aker and Nscale will build the 230 MW Narvik campus. OpenAI has signed up as the anchor customer there under a multi-year contract.';
    expect(featuresOf(text, 'OpenAI', 'Nscale')).toContain('carried-seller:recent');
    // Not across paragraphs.
    expect(pairs('Aker and Nscale will build the 230 MW Narvik campus.\n\nOpenAI has signed a multi-year contract.')).not.toContain('OpenAI>Nscale');
  });

  it('a chipmaker named only for its chips leaves the slide\'s company the seller', () => {
    const text = 'Microsoft: US$9.7B, five-year AI cloud contract for Nvidia GB300 capacity (announced 3 November)';
    expect(featuresOf(text, 'Microsoft', 'IREN', 'IREN investor day: AI cloud')).toEqual(expect.arrayContaining(['b:line-head', 'b:line-head:carried-seller']));
  });

  it("a timeline's date before the line's party: the line still opens on it", () => {
    const text = 'OpenAI\'s compute deals, in order\n\nSept. 10 — Oracle: $300 billion over roughly five years, 4.5 gigawatts, deliveries from 2027.';
    expect(featuresOf(text, 'OpenAI', 'Oracle')).toEqual(expect.arrayContaining(['s:line-head', 's:line-head:carried']));
  });
});

describe('real companies of the market, by the names the news gives them', () => {
  it('knows telcos, utilities and their brands at organisation level', () => {
    expect(known('OpenAI will lease capacity from HyperVault, the data centre business TCS launched.')).toEqual(['OpenAI', 'TCS', 'TCS']);
    expect(known('NIPSCO will serve the Amazon campus.')).toEqual(['NiSource', 'Amazon']);
    expect(known('Korea Hydro & Nuclear Power signed with SK Telecom.')).toEqual(['KHNP', 'SK Telecom']);
  });

  it('does not take an ordinary word of a fictional name for a real company', () => {
    expect(known('Mistral AI has selected Lumen Cloud for inference capacity.')).toEqual(['Mistral']);
  });
});

describe('figures the chosen sentence did not give', () => {
  it('come from another sentence that names the pair and nobody else', () => {
    const title = 'Mistral lines up $2 billion for Nvidia chips through special vehicle';
    const text = [
      title,
      'Mistral is raising about $2 billion through a special-purpose vehicle that will buy Nvidia processors and lease them to the company for its Paris cluster, according to people familiar with the plan.',
    ].join('\n\n');
    const deals = extractDeals(text, { title, published: '2026-03-01T00:00:00Z' });
    expect(deals.map((d) => [d.lab, d.provider, d.amount_usd])).toEqual([['Mistral', 'Nvidia', 2e9]]);
  });

  it('not from a sentence that names a third company', () => {
    const text = 'OpenAI signed a capacity agreement with CoreWeave. Separately, Oracle and OpenAI agreed a $300 billion contract, and CoreWeave was not part of it.';
    const deal = extractDeals(text, meta).find((d) => d.provider === 'CoreWeave');
    expect(deal?.amount_usd ?? null).toBeNull();
  });
});

describe('initials of a deal, not of a company', () => {
  it('"the Compute Services Agreement (CSA)" names nobody, and "the CSA" later is no party', () => {
    const text = 'Southern Cross Compute signed a Compute Services Agreement (CSA) with Microsoft. Microsoft has signed comparable agreements with other GPU clouds; the CSA is its first with an ASX-listed operator.';
    const names = analyse(text).weak.flat().map((e) => e.name);
    expect(names).not.toContain('');
    expect(pairs(text).some((p) => p.endsWith('>') || p.startsWith('>'))).toBe(false);
  });
});

describe('places and people are no party', () => {
  it('a run of place words names no company', () => {
    const names = analyse('Google agreed to buy 600 megawatts from Prairie Crest Energy to supply its data centers in the Central US.').weak.flat().map((e) => e.name);
    expect(names).not.toContain('Central US');
  });

  it('the company people were hired from is no party', () => {
    expect(extractDeals('Meta picked up two more researchers from Google DeepMind this week, in a deal worth millions.')).toEqual([]);
  });
});

describe('the company a page is by, and places that are no company', () => {
  const release = [
    'We signed a 15-year lease with Fluidstack for 245 MW of IT capacity at our River Bend campus, worth about $7 billion.',
    'The lease makes Fluidstack the anchor tenant of the campus.',
  ].join('\n\n');

  it('reads "we" as the organisation credited as the page\'s author, legal form and all', () => {
    const a = analyseText(release, { ...meta, site: 'Newsroom Commons', author: 'Hut 8 Corp.' }, defaultGazetteer());
    expect(a.subject?.name).toBe('Hut 8');
    const set = candidateSet(release, { ...meta, site: 'Newsroom Commons', author: 'Hut 8 Corp.' });
    expect(set.candidates.map((c) => `${c.candidate.lab}>${c.candidate.provider}`)).toContain('Fluidstack>Hut 8');
  });

  it('refuses an author named like a publication', () => {
    const a = analyseText(release, { ...meta, author: 'Gridline Daily' }, defaultGazetteer());
    expect(a.subject?.name).not.toBe('Gridline Daily');
  });

  it('a place before a descriptor names where a company is, not a company', () => {
    const a = analyse('Ra Intelligence, a Cairo start-up building Arabic language models, has signed a letter of intent to rent 500 GPUs from Nile Grid Cloud.');
    const names = a.weak.flat().map((e) => e.name);
    expect(names).not.toContain('Cairo');
  });

  it('a county or a parish is a place: the sentence\'s figures stay the pair\'s', () => {
    const text = 'Today we signed a 15-year, roughly $7 billion lease with Fluidstack for 245 MW of IT capacity at our River Bend campus in West Feliciana Parish, Louisiana.';
    const a = analyseText(text, { ...meta, author: 'Hut 8 Corp.' }, defaultGazetteer());
    expect(a.weak.flat().map((e) => e.name)).not.toContain('West Feliciana Parish');
    const deal = extractDeals(text, { ...meta, author: 'Hut 8 Corp.' }).find((d) => d.lab === 'Fluidstack' && d.provider === 'Hut 8');
    expect(deal?.amount_usd).toBe(7e9);
    expect(deal?.gigawatts).toBe(0.245);
  });

  it('"AI" before a facility ends no name ("Sakai AI data centre")', () => {
    const a = analyse('KDDI signs its first outside customer for the Sakai AI data centre, a lab called Morgenrot Labs.');
    expect(a.weak.flat().map((e) => e.name)).not.toContain('Sakai AI');
  });

  it('a lowercase page\'s name ends on a company word ("kestrel cloud"), a description does not', () => {
    const names = (text: string): string[] => analyse(text).weak.flat().map((e) => e.name);
    expect(names('vantor ai, the swedish coding-model startup, picked kestrel cloud for a 12mw inference deployment: three years, about $180m.')).toContain('Kestrel Cloud');
    expect(names('and the demand side: morrow ai signed a three-year, $1.2b contract for b300 clusters at gridline compute.')).toEqual(['Morrow Ai', 'Gridline Compute']);
    expect(names('microsoft signed a $2b deal for sovereign ai and nuclear power with a texas cloud, more compute and the public cloud.')).toEqual([]);
  });
});

describe('who a name is, from how it is written and where it stands', () => {
  const typed = (text: string): string[] => {
    const a = analyse(text);
    return a.sentences.flatMap((_, i) => [...a.known[i], ...a.weak[i]]).map((e) => `${e.name}:${e.type}${e.via ? `/${e.via}` : ''}`);
  };

  it('a company named for reasoning or models is a lab', () => {
    expect(organisationNamed('Meridian Reasoning')?.type).toBe('lab');
    expect(organisationNamed('Cairngorm Models')?.type).toBe('lab');
  });

  it('a campus landlord is a host, its own type beside the neoclouds that lease from it', () => {
    expect(typeOf({ type: 'neocloud', hyperscaler: false, kind: 'datacenter' })).toBe('host');
    expect(typeOf({ type: 'neocloud', hyperscaler: false, kind: undefined })).toBe('neocloud');
    expect(typeOf({ type: 'cloud', hyperscaler: true, kind: undefined })).toBe('hyperscaler');
  });

  it('a single invented name in a deal slot is found, unless the article writes it as an ordinary word', () => {
    const text = 'Tessellate has signed a 15-year electric service agreement with Sandhill for up to 150 megawatts.';
    expect(typed(text)).toEqual(expect.arrayContaining(['Sandhill:neocloud/slot']));
    const ordinary = `${text} The sandhill cranes nest nearby.`;
    expect(typed(ordinary).some((n) => n.startsWith('Sandhill'))).toBe(false);
  });

  it('a slot word that opens a longer name found elsewhere is that name, not a company of its own', () => {
    const text = 'Halvard Compute runs a campus in Ohio. Orrery Labs signed a contract with Halvard for 40 MW of capacity.';
    expect(typed(text).some((n) => n.startsWith('Halvard:'))).toBe(false);
  });

  it('universities, national laboratories and computing centres are buyers as public bodies are', () => {
    const names = typed('Los Alamos National Laboratory signed a contract with Hewlett Packard Enterprise for two systems, and the Texas Advanced Computing Center leased 20 MW from Sabey Data Centers.');
    expect(names).toEqual(expect.arrayContaining(['Los Alamos National Laboratory:lab/public-body', 'Texas Advanced Computing Center:lab/public-body']));
    expect(typed('The Dallas Data Center campus signed a power agreement with Oncor.').some((n) => n.includes('public-body'))).toBe(false);
    expect(typed('Halvard Compute closed a $2 Billion GPU-Backed Credit Facility with six banks.').some((n) => n.includes('public-body'))).toBe(false);
    expect(typed('SOURCE Ashcombe University')).toEqual(['Ashcombe University:lab/public-body']);
    expect(typed('Corvane Compute reserves 512 GPUs for researchers at the Institute for Computational Biology.')).toContain(
      'Institute for Computational Biology:lab/public-body',
    );
  });

  it('"the department" or "the lab" after a public body is that body, in any letter case; with no body before it, nothing', () => {
    const text = 'The Department of Energy picked two sites for new systems. Later the department signed a partnership with AMD. Lawrence Berkeley National Laboratory runs Perlmutter, which HPE built for the lab.';
    const a = analyse(text);
    const named = (i: number): string[] => a.weak[i].map((e) => `${e.surface}=${e.name}`);
    expect(named(1)).toContain('the department=Department of Energy');
    expect(named(2)).toContain('the lab=Lawrence Berkeley National Laboratory');
    expect(typed('Later the department signed a partnership with AMD.').some((n) => n.includes('public-body'))).toBe(false);
    expect(typed('The General Services Administration signed a OneGov agreement with Oracle.')).toContain('General Services Administration:lab/public-body');
  });

  it('Hewlett Packard Enterprise is HPE, the name the press and labellers write', () => {
    expect(typed('Hewlett Packard Enterprise will build the system.')).toContain('HPE:chipmaker');
  });

  it('labs named by ordinary words are named only with their capital: the runway, some magic, an adept team', () => {
    expect(typed('the capital would eat the runway, and the magic of a cheap cluster is gone.')).toEqual([]);
    expect(typed('Runway signed a contract with CoreWeave.')).toContain('Runway:lab');
  });

  it('the Allen Institute for AI is Ai2, the name the press and labellers write', () => {
    expect(typed('Cirrascale will host the Allen Institute for AI’s new cluster under a contract.')).toContain('Ai2:lab');
  });
});

describe('the status of a pair named in many sentences', () => {
  it('reads the words of the evidence and of the next two sentences naming the pair, not of every one', () => {
    const lines = [
      'Vireo Labs signed a three-year contract with CoreWeave for H100 capacity in January.',
      'Vireo Labs said its contract with CoreWeave covers training alpha.',
      'Vireo Labs expects the contract with CoreWeave to cover inference bravo.',
      'Vireo Labs added that the contract with CoreWeave includes storage charlie.',
      'Vireo Labs noted the contract with CoreWeave was renewed delta.',
    ];
    const set = candidateSet(lines.join('\n\n'), meta);
    const scored = set.candidates.find((c) => c.candidate.lab === 'Vireo Labs' && c.candidate.provider === 'CoreWeave');
    expect(scored?.candidate.instances.length).toBe(5);
    const features = statusFeatures(set.analysis, scored!.candidate, null, set.cues);
    expect(features).toContain('ow:alpha');
    expect(features).toContain('ow:bravo');
    expect(features).not.toContain('ow:charlie');
    expect(features).not.toContain('ow:delta');
  });
});

describe('a list of parties', () => {
  it('gives every member the words around the list, not only the first', () => {
    const set = candidateSet('Vireo Labs signed capacity contracts with Oracle, CoreWeave and SoftBank last week.', meta);
    const features = (provider: string): string[] => set.candidates.find((c) => c.candidate.lab === 'Vireo Labs' && c.candidate.provider === provider)?.features ?? [];
    for (const provider of ['Oracle', 'CoreWeave', 'SoftBank']) {
      expect(features(provider)).toContain('s:listed');
      expect(features(provider)).toContain('slp:with');
      expect(features(provider)).toContain('sla:last');
    }
    // A party written alone is in no list.
    const alone = candidateSet('Vireo Labs signed a capacity contract with Oracle last week.', meta);
    expect(alone.candidates.find((c) => c.candidate.provider === 'Oracle')?.features).not.toContain('s:listed');
  });
});
