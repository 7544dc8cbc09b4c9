// Organisations the gazetteer does not know yet (a new neocloud in the news). compromise's
// organisation tagging, plus capitalised names with a company-like last word ("Northwind Compute") or
// introduced as one (", a Norwegian neocloud"). Only run on the few sentences that name one side of a
// deal and need the other.
import nlp from 'compromise';
import { memoBySentence } from './memo.js';
import { defaultGazetteer, type EntityMention, type EntityType } from './gazetteer.js';

// Known names as organisations in compromise's lexicon, so that it does not glue them to their
// neighbours. compromise's model is global: this runs once, at module load.
nlp.plugin({
  words: Object.fromEntries(
    [...defaultGazetteer().aliasToName.keys()].filter((a) => !/^the /i.test(a)).map((a) => [a.toLowerCase(), 'Organization']),
  ),
});

/** Deal sentences run to about 300 characters; longer "sentences" are page debris. */
const MAX_SENTENCE_CHARS = 400;

// The company words of Spanish, Portuguese and Italian names: "Minerva IA", "Lumina Calcolo", "Ibérica Cómputo",
// and "Energías del Cinca", which opens on its word.
const ROMANCE_POWER = String.raw`Energ[íi]as?|Energie|El[ée]ctrica|Elettrica|Eletricidade`;
const ROMANCE_CHIP = String.raw`Microsistemi|Semicondu(?:ctores|tores|ttori)`;
const ROMANCE_CLOUD = String.raw`C[óo]mputo|Computa[çc][ãa]o|Calcolo|Nube|Nuvem|Datos|Dados|Dati|Sistemas|Sistemi|Tecnolog[íi]as|Tecnologie`;
const ROMANCE_SUFFIX = String.raw`IA|${ROMANCE_CLOUD}|${ROMANCE_CHIP}|${ROMANCE_POWER}`;
const ROMANCE_POWER_HEAD = new RegExp(String.raw`^(?:${ROMANCE_POWER})$`, 'u');

const SUFFIX_TYPES: Array<[RegExp, EntityType]> = [
  [new RegExp(String.raw`^(?:Energy|Power|Nuclear|Fusion|Electric|Utilities|Renewables?|Solar|Wind|Grid|Light|Gas|Water|Cooperative|Hydro|Geothermal|Kraft|Generation|Utility|PUD|Dam|${ROMANCE_POWER})$`, 'u'), 'power'],
  [new RegExp(String.raw`^(?:Semiconductors?|Silicon|Chips?|Microsystems|Electronics|${ROMANCE_CHIP})$`, 'u'), 'chipmaker'],
  [/^(?:Foundry|Foundries|Fab)$/u, 'fab'],
  [/^(?:AI|IA|Labs?|Intelligence|Research|Reasoning|Models|Minds|Learning|Superintelligence)$/u, 'lab'],
  [/^(?:Capital|Partners|Holdings|Ventures|Investments?)$/u, 'investor'],
  [new RegExp(String.raw`^(?:Compute|Computing|Cloud|Data|Datacenters?|Centres?|Centers?|Parks|Developments|Mining|Digital|Technologies|Systems|Networks|Infrastructure|Hosting|Hyperscale|GPU|Inc\.?|Corp\.?|Ltd\.?|LLC|Group|${ROMANCE_CLOUD})$`, 'u'), 'neocloud'],
];
const SUFFIX = String.raw`(?:(?:Power|Gas|Light|Electric|Water)\s+(?:&|and)\s+(?:Light|Power|Gas|Electric|Water)|(?:Public\s+)?(?:Utility|Power)\s+District|PUD|(?:Dam|Power|Energy|Electric|Water)\s+Authority|Membership\s+Corporation|Board\s+of\s+Public\s+Utilities|Data Cent(?:res|ers|re|er)|Data Parks|Data Campuses|Developments|Electronics|Cooperative|Mining|Energy|Power|Generation|Hydro|Geothermal|Solar|Nuclear|Fusion|Electric|Utilities|Renewables?|Robotics|Semiconductors?|Silicon|Microsystems|Foundry|AI|Labs?|Intelligence|Reasoning|Minds|Superintelligence|Capital|Partners|Holdings|Ventures|Compute|Computing|Cloud|Data|Datacenters?|Digital|Technologies|Systems|Networks|Infrastructure|Hosting|Hyperscale|GPU|Inc\.?|Corp\.?|Ltd\.?|LLC|Group|SAS|GmbH|AG|plc|ASA|${ROMANCE_SUFFIX})`;
// "Energías del Cinca", "Energía Solar del Bajío", "Companhia de X": the company word opens the name.
const ROMANCE_HEAD = String.raw`${ROMANCE_POWER}|Companhia|Compañía`;
const ROMANCE_LINK = String.raw`(?:de(?:l| la| los| las)?|do|da|dos|das|di|della|dello)`;
const ROMANCE_HEAD_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:${ROMANCE_HEAD})(?:\s+[\p{Lu}][\p{L}-]+)?\s+${ROMANCE_LINK}\s+[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+)?)(?![\p{L}\p{N}])`,
  'gu',
);
const NAME_WITH_SUFFIX = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:[\p{Lu}][\p{L}\p{N}&'’.-]*\s+){1,3}${SUFFIX})(?![\p{L}\p{N}])(?!\s+\p{Lu})`,
  'gu',
);
const CONTEXT_AFTER = /^['’]?,?\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}?(neocloud|cloud (?:provider|company)|GPU (?:cloud|provider)|data ?cent(?:er|re) (?:operator|developer|company)|provider|operator|host|startup|lab|AI (?:lab|company|developer)|model developer|utility|power (?:producer|company)|energy company|reactor developer|chipmaker|chip (?:designer|startup|company)|foundry|miner|investor|fund)\b/iu;
const CONTEXT_BEFORE = /\b(neocloud|cloud provider|GPU cloud|provider|operator|startup|lab|utility|chipmaker|foundry|miner)\s+$/iu;
const DEAL_NEIGHBOUR_BEFORE = /\b(?:with|from|by|to|and)\s+$/iu;
const DEAL_NEIGHBOUR_AFTER = /^\s+(?:has |have |will |had )?(?:signed|agreed|will supply|will provide|supplies|provides|announced|inked|struck)\b/iu;

// Days and months: capitalised, never a name, and never the next word of one.
const CALENDAR_WORDS = [
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April',
  'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

// Capitalised words that start names in text but are not names themselves.
export const STOP_FIRST = new Set([
  'The', 'A', 'An', 'Its', 'Their', 'Our', 'This', 'That', 'These', 'Those', 'Under', 'According', 'After', 'Before',
  'In', 'On', 'At', 'For', 'With', 'From', 'By', 'And', 'But', 'As', 'If', 'When', 'While', 'Generative', 'Artificial',
  'Open', 'Sovereign', 'Agentic', 'Frontier', 'Physical', 'Enterprise', 'American', 'European', 'Chinese', 'National',
  'Global', 'New', 'Clean', 'Nuclear', 'Renewable', 'Cloud', 'Data', 'Big', 'Both', 'Each', 'Every', 'Some', 'Separately',
  ...CALENDAR_WORDS, 'Read', 'Related', 'More', 'About',
  'French', 'German', 'British', 'Japanese', 'Korean', 'Indian', 'Canadian', 'Norwegian', 'Swedish', 'Dutch', 'Saudi',
  'Emirati', 'Israeli', 'Spanish', 'Italian', 'Australian', 'Taiwanese', 'Singaporean', 'Finnish', 'Danish', 'Swiss',
  'Nordic', 'Asian', 'African', 'Brazilian', 'Mexican', 'Texas', 'US', 'UK', 'EU',
  // Units and labels that open a capitalised run without being part of a name: "120 MW AI lease", "Contract Award".
  'MW', 'GW', 'kW', 'MWh', 'GWh', 'Contract', 'Award', 'Summary', 'Announcement', 'Notice',
  // Quantities and periods: "Billion GPU", "Existing GPU", "Fiscal Q2" are no names.
  'Billion', 'Million', 'Trillion', 'Crore', 'Lakh', 'Existing', 'Fiscal',
  'Even', 'Also', 'Only', 'Now', 'Still', 'Meanwhile', 'Elsewhere', 'Today', 'Yesterday', 'Last', 'Next', 'Then',
  // Stock exchanges, named beside a ticker: "Core Scientific (NASDAQ: CORZ)".
  'NASDAQ', 'Nasdaq', 'NYSE', 'ASX', 'TSX', 'LSE', 'SGX', 'KOSDAQ', 'KRX', 'HKEX', 'NSE', 'BSE', 'JSE', 'TSE', 'TWSE', 'OTC', 'OTCQX', 'Euronext',
]);
const HEADLINE_VERB = new Set(
  ('Signs Names Inks Lands Wins Secures Expands Adds Announces Agrees Strikes Teams Books Orders Buys Leases Rents Selects ' +
    'Chooses Launches Unveils Raises Seals Extends Doubles Says Nears Eyes Confirms Files Reaches Completes Commits Takes Tapped Counts Approves')
    .split(' '),
);
// The same verbs after a plural subject ("Red Mesa Electric and Aurelian Compute Sign …"): they end a name, never open one
// ("Close Brothers" is a bank).
const HEADLINE_VERB_PLURAL = new Set('Sign Ink Agree Close Closes Secure Expand Announce Book Strike Enter Enters Deepen Deepens Pick Tap Plan Plans Seek Seeks Weigh Weighs Finalize Finalizes Finalise Finalises Clinch Clinches Unveil Launch Seal Extend Reach Complete Commit'.split(' '));
// A period a headline or table adds after the name: "Basin Compute Q4", "Vellmoor Infrastructure FY2025".
const PERIOD = /^(?:Q[1-4]|H[12]|FY\d{0,4}|\d{4})$/u;
const DEAL_NOUN_LAST = /^(?:Agreements?|Deals?|Pacts?|Contracts?|PPAs?|Leases?|Customers?|Tenants?|Partnerships?|Orders?|MoUs?|MOUs?|LOIs?|Offtakes?|Commitments?|Sheets?)$/u;
// A team signing a post or a release ("Kestrel Labs Platform Team", "Quillmark Developer Relations"): the company is before it.
const TEAM_LAST = /\s+(?:(?:Platform|Research|Engineering|Infrastructure|Product|Developer|Communications|Press|Media|Editorial|Policy|Investor|Customer)\s+)?(?:Team|Relations|Desk|Staff|Newsroom)$/u;
const HEADLINE_LINK = new Set(['From', 'With', 'To', 'For', 'In', 'On', 'At', 'By', 'As', 'Over', 'After', 'Amid', 'Into', 'Signs', 'Inks', 'Picks', 'Taps']);

// Legal forms that end a company's name in filings but not in its usual written name, of many countries; a final
// full stop may have been cut already ("Yamabiko Compute K.K").
const LEGAL_FORM =
  /\s+(?:(?:Pvt\.?|Pty\.?|Private|Co\.?,?|pty|pvt)\s+(?:Ltd\.?|Limited|ltd\.?)|Sdn\.?\s+Bhd\.?|sdn\s+bhd|Bhd\.?|Berhad|Pvt\.?|Pty\.?|Inc\.?|Corp\.?|Ltd\.?|LLC|L\.L\.C\.?|SAS|S\.A\.S\.?|SA|S\.A\.?|S\.A\.P\.I\.?|S\.A\.B\.?|S\.R\.L\.?|Ltda\.?|AG|GmbH|plc|PLC|N\.V\.?|NV|B\.V\.?|BV|Pte\.?|K\.K\.?|AB|ASA|Oy|Oyj|AS|A\/S|ApS|\(publ\)|SpA|S\.p\.A\.?|Tbk\.?|JSC|PJSC|SE|GK|G\.K\.?|Q\.P\.S\.C\.?|A\.S\.?|inc\.?|ltd\.?|llc|k\.k\.?)$/u;
// "PT Nusantara Awan Digital Tbk": Indonesia's legal form opens the name.
const LEGAL_PREFIX = /^(?:PT|P\.T\.)\s+/u;

/** The name without its legal forms, however many follow each other ("Kasumi Compute Co Ltd K.K"). */
export function withoutLegalForms(name: string): string {
  let out = name;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(LEGAL_FORM, '');
  }
  return out.replace(LEGAL_PREFIX, '');
}

// What a new company is introduced as: "neocloud Skyforge", "northwind compute, a norwegian neocloud".
const DESCRIPTOR = String.raw`(?:neoclouds?|cloud (?:provider|company|operator)|gpu (?:cloud|provider|host)|compute provider|data ?cent(?:er|re) (?:operator|developer|company|builder)|hosting (?:provider|company)|colocation (?:provider|company)|provider|operator|start-?up|ai (?:lab|company|developer)|(?:model|llm) (?:developer|maker|builder)|developer of (?:[\p{L}-]+ ){0,3}?(?:models|ai|llms)|lab|(?:data ?cent(?:er|re) |wind |solar |energy |power |campus |property |renewables? )?developer(?! of)|generator|telco|(?:telecoms? |mobile )?carrier|landlord|conglomerate|utility|(?:electric |power |energy )?co-?operative|power (?:producer|company|supplier|generator)|energy (?:company|supplier|developer)|reactor developer|chipmaker|chip (?:designer|startup|start-up|company|maker)|foundry|(?:bitcoin |crypto )?miner)`;
const DESCRIBED_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${DESCRIPTOR})\s+(?:called\s+|named\s+)?([\p{L}\d][\p{L}\d&.'’-]*(?:\s+(?:compute|cloud|ai|labs?|energy|power|systems|data|digital|computing|infrastructure))?)`,
  'giu',
);
const APPOSITION = new RegExp(String.raw`,\s+(?:an?|the)\s+(?:[\p{L}\d-]+\s+){0,3}?(${DESCRIPTOR})\b`, 'giu');
const NAME_BEFORE = /((?:[\p{L}\d][\p{L}\d&.'’-]*\s+){0,2}[\p{L}\d][\p{L}\d&.'’-]*)$/u;
// Words that never start or make up a lowercase name: function words, deal words, verbs of the clause.
const NOT_A_NAME = new Set(
  ('a an the its their our his her this that these those with from by to and or of for in on at as via through plus than ' +
    'is was are were be been being has have had will would could should may might can also already now then still ' +
    'said says say told signed signs tapped taps picked picks chose chooses selected selects hired uses using use used ' +
    'rent rents renting rented lease leases leasing leased buy buys buying bought pay pays paid deal deals agreement ' +
    'agreements contract contracts pact partnership partner partners capacity compute gpus gpu chips chip power energy ' +
    'cloud clouds data market markets sector industry business firm firms company companies founder ceo executives ' +
    'prices boom stocks shares which who whose where when while including like such new small big large young local ' +
    'based backed called named another other one two three first second more most sites site campus cluster that\'s it ' +
    'they we you he she i me my some many all both each every any no not neocloud neoclouds provider providers operator startup lab behind ' +
    // A transcript's fillers, times and spoken figures ("yesterday halvorsen compute", "nine point seven billion dollar cloud").
    'about after before into over under around across out up so just yesterday today tomorrow okay yeah um uh right ' +
    'dollar dollars billion million trillion point percent yen euro euros pound pounds')
    .split(' '),
);

// Words that end names ("northwind compute") though alone they are no name.
const NAME_TAIL = new Set(['compute', 'cloud', 'power', 'energy', 'data', 'ai', 'labs', 'lab', 'systems', 'digital', 'computing', 'infrastructure']);

const titleCase = (name: string): string => name.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, c: string) => space + c.toUpperCase());

/** The sentence introduces a company by what it is ("Miraemind, a Seoul-based developer of Korean-language models"): cheap, a regex. */
export function introducesName(sentence: string): boolean {
  return APPOSITION_ANY.test(sentence) || DESCRIBED_ANY.test(sentence);
}
// Without the global flag: a test must leave no lastIndex behind for the matchAll of the same patterns.
const APPOSITION_ANY = new RegExp(APPOSITION.source, 'iu');
const DESCRIBED_ANY = new RegExp(DESCRIBED_NAME.source, 'iu');

// Up to two more capitalised words of a name, not a weekday, a month or a sentence's next clause.
const CAPITALISED_TAIL = new RegExp(String.raw`^(?:\s+(?!(?:${[...CALENDAR_WORDS, 'In', 'On', 'At', 'For', 'With', 'And', 'The', 'To', 'By', 'From', 'As', 'Of'].join('|')})\b)\p{Lu}[\p{L}\d&'’.-]*){1,2}`, 'u');
const CALENDAR = new Set(CALENDAR_WORDS);

/** Names introduced by what they are ("neocloud Skyforge", "skyforge, a gpu provider"); lowercase prose too. */
function describedNames(sentence: string): Array<{ name: string; start: number; end: number; descriptor: string }> {
  const out: Array<{ name: string; start: number; end: number; descriptor: string }> = [];
  // In prose written in capitals, a lowercase word after "provider" is no name ("provider said").
  const lowercaseStyle = /^[\p{Ll}\d]+\b/u.test(sentence) && !/\p{Lu}/u.test(sentence);
  const ok = (words: string[]): boolean =>
    words.length > 0 &&
    words.every((w, i) => !NOT_A_NAME.has(w.toLowerCase()) || (i > 0 && NAME_TAIL.has(w.toLowerCase()))) &&
    words.some((w) => /\p{L}/u.test(w));
  for (const m of sentence.matchAll(DESCRIBED_NAME)) {
    const words = m[2].replace(/['’]s$|[.,]$/u, '').split(/\s+/);
    if (!ok(words.slice(0, 1))) continue;
    const name = ok(words) ? words.join(' ') : words[0];
    if ((!lowercaseStyle && !/^\p{Lu}/u.test(name)) || CALENDAR.has(name)) continue;
    // "the tokyo lab designing its own chip", "the startup gets a building": a lowercase word after a description
    // that reads as a verb or an adjective goes on with the sentence; it names nobody.
    if (/^\p{Ll}+$/u.test(name) && ADJECTIVE_LIKE(name)) continue;
    const start = m.index + m[0].length - m[2].length;
    // "state utility Barki Tojik": in prose with capitals, the name goes on while its words do.
    // "Pampa Cloud S.A.", "Andes Intelligence SpA": the legal form is no part of the name.
    const longer = lowercaseStyle ? name : withoutLegalForms(name + (CAPITALISED_TAIL.exec(sentence.slice(start + name.length))?.[0] ?? '').replace(/\.$/u, ''));
    out.push({ name: longer, start, end: start + longer.length, descriptor: m[1] });
  }
  for (const m of sentence.matchAll(APPOSITION)) {
    const raw = NAME_BEFORE.exec(sentence.slice(Math.max(0, m.index - 60), m.index))?.[1];
    if (!raw) continue;
    const words = raw.split(/\s+/);
    // Keep the words after the last one that cannot be part of a name: "deal with northwind compute".
    let from = words.length;
    const nameable = (i: number): boolean =>
      !NOT_A_NAME.has(words[i].toLowerCase()) || (NAME_TAIL.has(words[i].toLowerCase()) && i > 0 && !NOT_A_NAME.has(words[i - 1].toLowerCase()));
    while (from > 0 && nameable(from - 1)) from--;
    const kept = words.slice(from);
    // "In October, the Claude developer agreed …": a date opens the sentence, the company is named later.
    if (!ok(kept) || (from === 0 && words.length === 3) || kept.some((w) => CALENDAR.has(titleCase(w)))) continue;
    const name = kept.join(' ');
    const end = m.index;
    out.push({ name, start: end - name.length, end, descriptor: m[1] });
  }
  return out;
}

export function typeFor(name: string, context: string | null): EntityType {
  if (context) {
    const c = context.toLowerCase();
    if (/neocloud|cloud|provider|operator|host|data ?cent|miner/.test(c)) return 'neocloud';
    if (/utility|power|energy|reactor|co-?operative|generator/.test(c)) return 'power';
    if (/chip/.test(c)) return 'chipmaker';
    if (/foundry/.test(c)) return 'fab';
    if (/investor|fund/.test(c)) return 'investor';
    if (/start-?up|lab|ai |model|llm/.test(c)) return 'lab';
  }
  const words = name.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  // "Formosa Compute Grid" rents GPUs; "Solaris Energy Infrastructure" is a power company whatever its last word.
  if (words.slice(1).some((w) => /^(?:Compute|Computing|Cloud|GPU)$/u.test(w))) return 'neocloud';
  if (words.slice(1).some((w) => SUFFIX_TYPES[0][0].test(w)) || ROMANCE_POWER_HEAD.test(words[0] ?? '')) return 'power';
  for (const [re, type] of SUFFIX_TYPES) if (re.test(last)) return type;
  return 'neocloud';
}

// A company that hosts others' GPUs: a developer, a landlord, a miner ("Halden Park Developments", "Argent Hash").
const HOST_NAME = /\b(?:Data ?Cent(?:re|er)s?|Data ?Parks?|Developments?|Digital Infrastructure|Infrastructure|Campus(?:es)?|Properties|Realty|Mining|Hash)\b/u;
const HOST_CONTEXT = /developer|data ?cent(?:er|re)|colocation|miner|landlord/iu;

/** A mention of an organisation the gazetteer does not know, typed by how it is named or introduced. */
export function unknownMention(name: string, context: string | null, start: number, end: number, surface: string): EntityMention {
  const type = typeFor(name, context);
  const host = type === 'neocloud' && (HOST_NAME.test(name) || (context !== null && HOST_CONTEXT.test(context)));
  return { name, type, hyperscaler: false, kind: host ? 'datacenter' : undefined, start, end, surface, unknown: true };
}

export function clean(surface: string): string {
  let words = surface.replace(/['’]s$/u, '').replace(/[.,'’]$/u, '').replace(TEAM_LAST, '').split(/\s+/);
  // A headline's "Servers From Ridgeline Compute": the name is what follows the last linking word.
  const link = words.findLastIndex((w, i) => i > 0 && i < words.length - 1 && HEADLINE_LINK.has(w));
  if (link > 0) words = words.slice(link + 1);
  // "Karoo Compute Signs …", "Names Lerato AI": a headline's verb ends the name before it or opens the one after it.
  const verb = words.findIndex((w, i) => HEADLINE_VERB.has(w) || (i > 0 && (HEADLINE_VERB_PLURAL.has(w) || PERIOD.test(w))));
  if (verb > 0) words = words.slice(0, verb);
  else if (verb === 0) words = words.slice(1);
  // "Solar-and-Storage Agreement", "Anchor Customer", "Fifteen-year PPA": what a deal is, not who made it.
  if (words.length === 0 || DEAL_NOUN_LAST.test(words[words.length - 1])) return '';
  // "Indonesia's Nusantara AI", "Abu Dhabi's Majlis AI", "Even Quillstone Cloud": an owner's possessive or an opening
  // word is not the name.
  const owner = words.findLastIndex((w, i) => i < words.length - 1 && /['’]s$/u.test(w));
  if (owner >= 0) words = words.slice(owner + 1);
  while (words.length > 1 && STOP_FIRST.has(words[0])) words = words.slice(1);
  // "H200 GPU", "GB300 Capacity": a chip's model number opens no company's name.
  if (words.length > 0 && /^\p{Lu}{1,3}\d{2,4}\p{L}{0,3}$/u.test(words[0])) return '';
  const name = words.join(' ');
  // "Ltd" cut from "Kalahari Compute (Pty) Ltd" is no company.
  if (withoutLegalForms(` ${name}`) === '') return '';
  return words.length > 1 ? withoutLegalForms(name) : name;
}

/** An organisation known only by its name ("borealis compute"), typed by its last word; null when the words name nobody. */
export function organisationNamed(surface: string): EntityMention | null {
  const cleaned = clean(surface.trim());
  return cleaned ? unknownMention(titleCase(cleaned), null, 0, surface.length, surface) : null;
}

/** The organisations a sentence introduces by what they are ("Lumenfold, the small lab"), clear of `taken`: a regex, cheap enough for any sentence. */
export function findDescribedOrganisations(sentence: string, taken: Span[] = []): EntityMention[] {
  if (sentence.length > MAX_SENTENCE_CHARS) return [];
  const found: EntityMention[] = [];
  for (const d of describedNames(sentence)) {
    const overlaps = (f: Span): boolean => d.start < f.end && d.end > f.start;
    if (taken.some(overlaps) || found.some(overlaps)) continue;
    const name = titleCase(d.name);
    // "a Cairo start-up": a place before the descriptor says where the company is, not who.
    if (allPlaces(name)) continue;
    found.push(unknownMention(name, d.descriptor, d.start, d.end, d.name));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Organisations in the sentence that the gazetteer does not know; offsets relative to the sentence. */
export function findUnknownOrganisations(sentence: string, known: EntityMention[]): EntityMention[] {
  const key = `${known.map((k) => `${k.start}:${k.end}`).join(',')}\u0000${sentence}`;
  return unknownBySentence(key).map((e) => ({ ...e }));
}

// The rules and discovery ask about the same sentences with the same known names: compromise runs once for both.
const unknownBySentence = memoBySentence(2048, (key) => {
  const at = key.indexOf('\u0000');
  const spans = key.slice(0, at);
  const known = spans ? spans.split(',').map((s) => { const [start, end] = s.split(':').map(Number); return { start, end }; }) : [];
  return computeUnknownOrganisations(key.slice(at + 1), known);
});

type Span = Pick<EntityMention, 'start' | 'end'>;

const isPlace = memoBySentence(10_000, (word) => /^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)$/u.test(word) || nlp(word).has('(#Place|#Demonym)'));
/** "Central US", "Virginia", "West Feliciana Parish": words that are all places, or a county's or a parish's name, name a place, not a company. */
export const allPlaces = (name: string): boolean => PLACE_UNIT.test(name) || name.split(/\s+/).every(isPlace);
const PLACE_UNIT = /\s(?:County|Parish|Township|Borough|Province|Prefecture|(?<!(?:Utility|Power)\s)District|Municipality|Governorate|Oblast)$/u;
/** "Pittsburgh GPU", "South African GPU": places and a company word describe something ("a Pittsburgh GPU reseller"); they name nothing. */
export function placeAndSuffix(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 3 || !SUFFIX_ALONE.test(words[words.length - 1])) return false;
  const place = words.slice(0, -1);
  // "the San Francisco AI lab": compromise knows the two words together as a city, not each alone ("Cinder River
  // Nuclear" is a company, though the river is a place).
  return place.every(isPlace) || (place.length > 1 && /^(?:AI|GPU)$/u.test(words[words.length - 1]) && !nlp(place.join(' ')).not('#Place').found);
}

// The postal codes of the US states and Canada's provinces, as datelines and slides write them after a town.
const REGION_CODE = /^,\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]|BC|AB|ON|QC|NS)\b(?![.-]?\p{L})/u;
/** "Vineland, NJ", "Ellendale, ND": a name followed by a state's postal code is a town. */
export const beforeRegionCode = (text: string, end: number): boolean => REGION_CODE.test(text.slice(end, end + 8));

/** "Bengaluru-based Arvena AI" is Arvena AI: where a company is based describes it. */
export const withoutBase = (surface: string): string => surface.replace(/^[\p{L}\p{N}.'’-]+-based\s+/iu, '');

/** Adds the name a surface holds, if it is one: every word capitalised, not known already, and (if asked) with evidence around it. */
function addName(sentence: string, known: Span[], found: EntityMention[], surface: string, start: number, requireEvidence: boolean): void {
  const name = clean(withoutBase(surface));
  // Every word capitalised (or a connector): "Pro service" and "the deal" are not names.
  // A company-like word alone ("GPU" of "a French GPU cloud") is no name.
  if (!name || STOP_FIRST.has(name) || SUFFIX_ALONE.test(name) || /-based\b/iu.test(name) || !name.split(/\s+/).every((w) => /^[\p{Lu}\p{N}&]/u.test(w) || /^(?:of|and|de|du|la|del|los|las|do|da|dos|das|di|della|dello)$/u.test(w))) return;
  // "South African GPU", "Central US": places, with or without a company word, name no company.
  if (placeAndSuffix(name) || allPlaces(name)) return;
  const at = start + surface.indexOf(name);
  const end = at + name.length;
  if (known.some((k) => at < k.end && end > k.start) || found.some((f) => at < f.end && end > f.start)) return;
  const after = sentence.slice(end, end + 80);
  if (aiFacility(name, after)) return;
  const before = sentence.slice(Math.max(0, at - 30), at);
  const context = CONTEXT_AFTER.exec(after)?.[1] ?? CONTEXT_BEFORE.exec(before)?.[1] ?? null;
  const hasSuffix = SUFFIX_END.test(name) && name.split(/\s+/).length > 1;
  if (requireEvidence && !context && !hasSuffix && !(DEAL_NEIGHBOUR_BEFORE.test(before) || DEAL_NEIGHBOUR_AFTER.test(after))) return;
  if (!context && !hasSuffix && requireEvidence && name.split(/\s+/).length < 2 && !DEAL_NEIGHBOUR_AFTER.test(after)) return;
  found.push(unknownMention(name, context, at, end, name));
}
/** "Sakai AI data centre", "Vizag AI hub": "AI" describes the facility after it, it ends no name. */
export const aiFacility = (name: string, after: string): boolean => /\sAI$/u.test(name) && AI_FACILITY_AFTER.test(after);
const AI_FACILITY_AFTER = /^\s+(?:data[\s-]?cent(?:er|re)s?|hubs?|campus(?:es)?|(?:giga)?factor(?:y|ies)|zones?|clusters?|regions?|parks?|supercomputers?|infrastructure|cit(?:y|ies)|corridors?|valley)\b/iu;
const SUFFIX_ALONE = new RegExp(`^${SUFFIX}$`, 'u');
const SUFFIX_END = new RegExp(`${SUFFIX}$`, 'u');
/** The name ends on a company word ("Granite Peak Data Centers", "Tallis Cloud"). */
export const endsOnCompanyWord = (name: string): boolean => SUFFIX_END.test(name);

/** Only the names that end on a company's word ("Tasman Data Centres", "Tidewater Power & Light"): a regex, cheap enough for every sentence. */
export function findSuffixNames(sentence: string, known: Span[]): EntityMention[] {
  if (sentence.length > MAX_SENTENCE_CHARS) return [];
  const found: EntityMention[] = [];
  for (const m of sentence.matchAll(NAME_WITH_SUFFIX)) addName(sentence, known, found, m[1], m.index, false);
  for (const m of sentence.matchAll(ROMANCE_HEAD_NAME)) addName(sentence, known, found, m[1], m.index, false);
  return found;
}

// compromise's reading of a sentence is the costly part, and the same whichever names are known around it (the
// rules ask with the gazetteer's names, their second pass with discovered ones too): it runs once per sentence.
const compromiseOrganisations = memoBySentence(2048, (sentence) => nlp(sentence).organizations().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>);

// A lowercase page's name ends on a company word too ("kestrel cloud", "morrow ai"); the words before it must be no
// ordinary word: a function or deal word (NOT_A_NAME), a description (DESCRIBING) ("sovereign ai", "nuclear power"), a figure or a place.
const LOWERCASE_SUFFIX_NAME = /(?<![\p{L}\p{N}'’])((?:[\p{Ll}][\p{Ll}\d&.-]*\s+){1,2})(compute|cloud|ai|labs|digital|computing|data cent(?:er|re)s?|mining|telecom|networks|intelligence|reasoning|semiconductor|silicon|energy|power|electric|partners)(?![\p{L}\p{N}])/gu;
const DESCRIBING = new Set(
  ('sovereign generative agentic frontier physical enterprise public private hybrid open closed consumer hyperscale colocation ' +
    'dedicated reserved inference training tpu ai nuclear solar wind gas clean green renewable cheap cheaper grid backup ' +
    'hydro hydroelectric geothermal thermal baseload firm onsite on-site own extra additional spare unused idle excess total much enough fast faster largest biggest regional national ' +
    'state federal american european chinese indian korean japanese french german british global domestic foreign rival rivals ' +
    'bitcoin crypto former legacy major leading top next last next-gen multi multi-cloud managed bare-metal metal ' +
    'about into over under per up out off just even only very same own-brand in-house less')
    .split(' '),
);
const DESCRIBED_AFTER = /(?:\b(?:the|a|an|its|their|our|his|her)|-based)\s+$/u;
const ADJECTIVE_LIKE = memoBySentence(10_000, (word) => nlp(word).has('(#Adjective|#Adverb|#Value|#Verb|#Pronoun|#Preposition|#Determiner)'));

function lowercaseSuffixNames(sentence: string, known: Span[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const m of sentence.matchAll(LOWERCASE_SUFFIX_NAME)) {
    const words = m[1].trim().split(/\s+/);
    const tail = m[2];
    let from = words.length;
    while (from > 0 && !NOT_A_NAME.has(words[from - 1]) && !DESCRIBING.has(words[from - 1]) && !ADJECTIVE_LIKE(words[from - 1]) && /^\p{Ll}{3,}$/u.test(words[from - 1])) from--;
    const kept = words.slice(from);
    if (kept.length === 0) continue;
    const surface = [...kept, tail].join(' ');
    const start = m.index + m[0].length - surface.length;
    const end = start + surface.length;
    const name = titleCase(surface);
    // "the paris-based agent lab", "a robotics ai": after an article, the words describe.
    if (DESCRIBED_AFTER.test(sentence.slice(Math.max(0, start - 30), start))) continue;
    if (allPlaces(name.slice(0, name.lastIndexOf(' '))) || known.some((k) => start < k.end && end > k.start)) continue;
    out.push(unknownMention(name, null, start, end, surface));
  }
  return out;
}

function computeUnknownOrganisations(sentence: string, known: Span[]): EntityMention[] {
  // A sentence this long is a run of headlines or navigation glued together, not deal prose.
  if (sentence.length > MAX_SENTENCE_CHARS) return [];
  const found = findSuffixNames(sentence, known);
  if (!/\p{Lu}/u.test(sentence)) for (const e of lowercaseSuffixNames(sentence, known)) if (!found.some((f) => e.start < f.end && e.end > f.start)) found.push(e);
  const add = (surface: string, start: number, requireEvidence: boolean): void => addName(sentence, known, found, surface, start, requireEvidence);
  for (const e of findDescribedOrganisations(sentence, [...known, ...found])) found.push(e);
  // compromise only tags capitalised text well; a lowercase sentence gains nothing from it.
  if (/\p{Lu}/u.test(sentence.slice(1))) {
    for (const o of compromiseOrganisations(sentence)) {
      const surface = sentence.slice(o.offset.start, o.offset.start + o.offset.length).replace(/[.,;:]+$/u, '');
      add(surface, o.offset.start, true);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
