// Organisations the gazetteer does not know yet (a new neocloud in the news). compromise's
// organisation tagging, plus capitalised names with a company-like last word ("Northwind Compute") or
// introduced as one (", a Norwegian neocloud"). Only run on the few sentences that name one side of a
// deal and need the other.
import nlp from 'compromise';
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

const SUFFIX_TYPES: Array<[RegExp, EntityType]> = [
  [/^(?:Energy|Power|Nuclear|Fusion|Electric|Utilities|Renewables?|Solar|Wind|Grid)$/u, 'power'],
  [/^(?:Semiconductors?|Silicon|Chips?|Microsystems)$/u, 'chipmaker'],
  [/^(?:Foundry|Foundries|Fab)$/u, 'fab'],
  [/^(?:AI|Labs?|Intelligence|Research)$/u, 'lab'],
  [/^(?:Capital|Partners|Holdings|Ventures|Investments?)$/u, 'investor'],
  [/^(?:Compute|Computing|Cloud|Data|Datacenters?|Digital|Technologies|Systems|Networks|Infrastructure|Hosting|Hyperscale|GPU|Inc\.?|Corp\.?|Ltd\.?|LLC|Group)$/u, 'neocloud'],
];
const SUFFIX = /(?:Energy|Power|Nuclear|Fusion|Electric|Utilities|Renewables?|Semiconductors?|Silicon|Microsystems|Foundry|AI|Labs?|Intelligence|Capital|Partners|Holdings|Ventures|Compute|Computing|Cloud|Data|Datacenters?|Digital|Technologies|Systems|Networks|Infrastructure|Hosting|Hyperscale|GPU|Inc\.?|Corp\.?|Ltd\.?|LLC|Group)/u.source;
const NAME_WITH_SUFFIX = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:[\p{Lu}][\p{L}\p{N}&'’.-]*\s+){1,3}${SUFFIX})(?![\p{L}\p{N}])(?!\s+\p{Lu})`,
  'gu',
);
const CONTEXT_AFTER = /^['’]?,?\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}?(neocloud|cloud (?:provider|company)|GPU (?:cloud|provider)|data ?cent(?:er|re) (?:operator|developer|company)|provider|operator|host|startup|lab|AI (?:lab|company|developer)|model developer|utility|power (?:producer|company)|energy company|reactor developer|chipmaker|chip (?:designer|startup|company)|foundry|miner|investor|fund)\b/iu;
const CONTEXT_BEFORE = /\b(neocloud|cloud provider|GPU cloud|provider|operator|startup|lab|utility|chipmaker|foundry|miner)\s+$/iu;
const DEAL_NEIGHBOUR_BEFORE = /\b(?:with|from|by|to|and)\s+$/iu;
const DEAL_NEIGHBOUR_AFTER = /^\s+(?:has |have |will |had )?(?:signed|agreed|will supply|will provide|supplies|provides|announced|inked|struck)\b/iu;

// Capitalised words that start names in text but are not names themselves.
const STOP_FIRST = new Set([
  'The', 'A', 'An', 'Its', 'Their', 'Our', 'This', 'That', 'These', 'Those', 'Under', 'According', 'After', 'Before',
  'In', 'On', 'At', 'For', 'With', 'From', 'By', 'And', 'But', 'As', 'If', 'When', 'While', 'Generative', 'Artificial',
  'Open', 'Sovereign', 'Agentic', 'Frontier', 'Physical', 'Enterprise', 'American', 'European', 'Chinese', 'National',
  'Global', 'New', 'Clean', 'Nuclear', 'Renewable', 'Cloud', 'Data', 'Big', 'Both', 'Each', 'Every', 'Some', 'Separately',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April',
  'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Read', 'Related', 'More',
]);

function typeFor(name: string, context: string | null): EntityType {
  if (context) {
    const c = context.toLowerCase();
    if (/neocloud|cloud|provider|operator|host|data ?cent|miner/.test(c)) return 'neocloud';
    if (/utility|power|energy|reactor/.test(c)) return 'power';
    if (/chip/.test(c)) return 'chipmaker';
    if (/foundry/.test(c)) return 'fab';
    if (/investor|fund/.test(c)) return 'investor';
    if (/startup|lab|ai |model/.test(c)) return 'lab';
  }
  const last = name.split(/\s+/).pop() ?? '';
  for (const [re, type] of SUFFIX_TYPES) if (re.test(last)) return type;
  return 'neocloud';
}

function clean(surface: string): string {
  let words = surface.replace(/['’]s$/u, '').replace(/[.,]$/u, '').split(/\s+/);
  while (words.length > 1 && STOP_FIRST.has(words[0])) words = words.slice(1);
  return words.join(' ');
}

/** Organisations in the sentence that the gazetteer does not know; offsets relative to the sentence. */
export function findUnknownOrganisations(sentence: string, known: EntityMention[]): EntityMention[] {
  // A sentence this long is a run of headlines or navigation glued together, not deal prose.
  if (sentence.length > MAX_SENTENCE_CHARS) return [];
  const found: EntityMention[] = [];
  const add = (surface: string, start: number, requireEvidence: boolean): void => {
    const name = clean(surface);
    // Every word capitalised (or a connector): "Pro service" and "the deal" are not names.
    if (!name || STOP_FIRST.has(name) || !name.split(/\s+/).every((w) => /^[\p{Lu}\p{N}&]/u.test(w) || /^(?:of|and|de|du|la)$/u.test(w))) return;
    const at = start + surface.indexOf(name);
    const end = at + name.length;
    if (known.some((k) => at < k.end && end > k.start) || found.some((f) => at < f.end && end > f.start)) return;
    const after = sentence.slice(end, end + 80);
    const before = sentence.slice(Math.max(0, at - 30), at);
    const context = CONTEXT_AFTER.exec(after)?.[1] ?? CONTEXT_BEFORE.exec(before)?.[1] ?? null;
    const hasSuffix = new RegExp(`${SUFFIX}$`, 'u').test(name) && name.split(/\s+/).length > 1;
    if (requireEvidence && !context && !hasSuffix && !(DEAL_NEIGHBOUR_BEFORE.test(before) || DEAL_NEIGHBOUR_AFTER.test(after))) return;
    if (!context && !hasSuffix && requireEvidence && name.split(/\s+/).length < 2 && !DEAL_NEIGHBOUR_AFTER.test(after)) return;
    found.push({ name, type: typeFor(name, context), hyperscaler: false, kind: undefined, start: at, end, surface: name, unknown: true });
  };
  for (const m of sentence.matchAll(NAME_WITH_SUFFIX)) add(m[1], m.index, false);
  // compromise only tags capitalised text well; a lowercase sentence gains nothing from it.
  if (/\p{Lu}/u.test(sentence.slice(1))) {
    const orgs = nlp(sentence).organizations().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>;
    for (const o of orgs) {
      const surface = sentence.slice(o.offset.start, o.offset.start + o.offset.length).replace(/[.,;:]+$/u, '');
      add(surface, o.offset.start, true);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
