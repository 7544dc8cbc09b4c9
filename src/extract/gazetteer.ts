// The gazetteer (config/gazetteer.json): organisations, their type and aliases, compiled once into
// matchers. Data, not code: a new neocloud is one JSON line.
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { escapeRegExp } from '../text/escape.js';
import { memoBySentence } from './memo.js';

export const entityTypes = ['lab', 'cloud', 'neocloud', 'chipmaker', 'fab', 'power', 'investor'] as const;
export type EntityType = (typeof entityTypes)[number];

const kinds = ['cloud', 'chips', 'datacenter', 'power', 'fab', 'investment'] as const;

const entitySchema = z.object({
  name: z.string().min(1),
  type: z.enum(entityTypes),
  hyperscaler: z.boolean().optional(),
  kind: z.enum(kinds).optional(),
  aliases: z.array(z.string().min(1)),
  case_sensitive: z.array(z.string().min(1)).optional(),
});
const gazetteerSchema = z.object({ entities: z.array(entitySchema) });

export type GazetteerEntity = z.infer<typeof entitySchema>;

export interface Gazetteer {
  entities: GazetteerEntity[];
  byName: Map<string, GazetteerEntity>;
  /** Matches aliases case-insensitively. */
  anyCase: RegExp;
  /** Matches the aliases that are also common words, only as written. */
  exactCase: RegExp | null;
  /** Those aliases written in lowercase, for sentences written all in lowercase ("microsoft signed with constellation"). */
  lowercaseExact: RegExp | null;
  /** alias (lower-case, or exact for case-sensitive ones, and their lowercase forms) → canonical name */
  aliasToName: Map<string, string>;
  /** The longest word of every alias, lower-cased: a text with none of them names no organisation. */
  keyWords: Set<string>;
}

export interface EntityMention {
  name: string;
  type: EntityType;
  hyperscaler: boolean;
  kind: GazetteerEntity['kind'];
  /** Offsets into the text searched. */
  start: number;
  end: number;
  surface: string;
  /** Found by compromise or by capitalisation, not by the gazetteer. */
  unknown?: boolean;
  /** How a mention outside the gazetteer was found: a capitalised run alone is the weakest evidence. */
  via?: 'capitals' | 'slot' | 'site' | 'first-person' | 'heading' | 'acronym' | 'public-body' | 'reference';
}

const norm = (s: string): string => s.replace(/’/g, "'").replace(/\s+/g, ' ');

/** One character of an alias as a regex piece: an apostrophe matches both forms, a space any run of spaces. */
const piece = (c: string): string => (c === "'" ? "['’]" : c === ' ' ? '\\s+' : escapeRegExp(c));

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function trieSource(node: TrieNode): string {
  const branches = [...node.next].map(([p, child]) => p + trieSource(child));
  if (branches.length === 0) return '';
  const group = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
  // Longer aliases first: the rest of the word is tried before stopping here.
  return node.end ? `(?:${group})?` : group;
}

/**
 * The aliases as one regex built from their prefix tree: with hundreds of names, a flat alternation
 * retries every name at every position; the tree shares their prefixes and stays fast.
 */
function alternation(aliases: string[], flags: string): RegExp {
  const root: TrieNode = { end: false, next: new Map() };
  const fold = flags.includes('i');
  for (const alias of new Set(aliases)) {
    let node = root;
    for (const c of norm(fold ? alias.toLowerCase() : alias)) {
      const p = piece(c);
      let child = node.next.get(p);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(p, child);
      }
      node = child;
    }
    node.end = true;
  }
  return new RegExp(`(?<![\\p{L}\\p{N}_@])${trieSource(root)}(?![\\p{L}\\p{N}_])`, flags);
}

/**
 * Adds a mention at each match of `pattern` in `text` that overlaps no mention already known ("we", "the Company",
 * a short name), standing for the entity `entityFor` gives; keeps `known` in text order.
 */
export function addReferences(
  known: EntityMention[],
  text: string,
  pattern: RegExp,
  entityFor: (match: RegExpMatchArray) => EntityMention | undefined,
): void {
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (known.some((e) => start < e.end && end > e.start)) continue;
    const entity = entityFor(m);
    if (entity) known.push({ ...entity, start, end, surface: m[0] });
  }
  known.sort((a, b) => a.start - b.start);
}

// A sentence written all in lowercase (a lowercase post, a transcript): its case-sensitive names are written so too.
const CAPITALISED_WORD = /\p{Lu}\p{Ll}/u;
// Case-sensitive names that are ordinary words too often to be read in lowercase at all.
const ORDINARY_WORDS = new Set([
  'arm', 'etched', 'flex', 'magic', 'modal', 'reflection', 'inflection', 'cognition', 'coherent', 'radiant', 'runway', 'switch', 'tract',
  'vantage', 'moonshot', 'fireworks', 'reliance', 'adept', 'du', 'sap', 'orange', 'credo', 'mythic', 'dominion', 'harvey', 'williams',
  'contact energy', 'capital power', 'consumers energy', 'solar turbines', 'green mountain', 'silver lake', 'national grid', 'partners group',
  'southern co',
]);
// "with constellation", "cipher's barber lake site", "yotta signed": a lowercase name read only where a party stands.
const PARTY_BEFORE = /(?:^|\b(?:with|from|to|and|by|for|at|via|between)\s+|[:,;→←]\s*)$/u;
const PARTY_AFTER = /^(?:['’]s\b|\s*[:→←]|\s+(?:has|had|have|signed|said|says|will|would|is|was|agreed|struck|inked|announced|rents|leases|supplies|won|also)\b)/u;
const standsAsParty = (text: string, m: RegExpExecArray): boolean =>
  PARTY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) || PARTY_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12));

export function compileGazetteer(data: unknown): Gazetteer {
  const parsed = gazetteerSchema.parse(data);
  const aliasToName = new Map<string, string>();
  const loose: string[] = [];
  const exact: string[] = [];
  for (const e of parsed.entities) {
    const sensitive = new Set(e.case_sensitive ?? []);
    for (const alias of [e.name, ...e.aliases]) {
      if (sensitive.has(alias)) {
        exact.push(alias);
        aliasToName.set(norm(alias), e.name);
      } else {
        loose.push(alias);
        aliasToName.set(norm(alias).toLowerCase(), e.name);
      }
    }
  }
  // Lowercase forms go in the same map: none is a key already (those are skipped), so none shadows another alias.
  const lowercase: string[] = [];
  for (const alias of exact) {
    const lower = norm(alias.toLowerCase());
    const name = aliasToName.get(norm(alias));
    if (!name || ORDINARY_WORDS.has(lower) || aliasToName.has(lower)) continue;
    lowercase.push(lower);
    aliasToName.set(lower, name);
  }
  const keyWords = new Set<string>();
  for (const alias of [...loose, ...exact]) {
    const words = alias.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length > 0) keyWords.add(words.reduce((a, b) => (b.length > a.length ? b : a)));
  }
  return {
    keyWords,
    entities: parsed.entities,
    byName: new Map(parsed.entities.map((e) => [e.name, e])),
    anyCase: alternation(loose, 'giu'),
    exactCase: exact.length > 0 ? alternation(exact, 'gu') : null,
    lowercaseExact: lowercase.length > 0 ? alternation(lowercase, 'gu') : null,
    aliasToName,
  };
}

let loaded: Gazetteer | null = null;

/** The gazetteer shipped in config/gazetteer.json, read and compiled once. */
export function defaultGazetteer(): Gazetteer {
  if (!loaded) {
    const path = projectPath('config', 'gazetteer.json');
    loaded = compileGazetteer(JSON.parse(readFileSync(path, 'utf8')));
  }
  return loaded;
}

const WORD = /[\p{L}\p{N}]+/gu;

function mayNameOne(text: string, keys: Set<string>): boolean {
  for (const m of text.toLowerCase().matchAll(WORD)) if (keys.has(m[0])) return true;
  return false;
}

/**
 * Every match of a global regex. matchAll clones its regex on each call, which for the gazetteer's
 * large pattern cost 4× the time of this loop over the shared one (measured); lastIndex is reset first.
 */
function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match would not advance lastIndex.
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

/** Every known organisation named in the text, longest alias first, no overlaps, in order. */
export function findKnownEntities(text: string, gazetteer: Gazetteer = defaultGazetteer()): EntityMention[] {
  // Most sentences of a page name no organisation: a word lookup rules them out before the big regex.
  if (!mayNameOne(text, gazetteer.keyWords)) return [];
  const hits: EntityMention[] = [];
  const push = (m: RegExpMatchArray, key: string): void => {
    const name = gazetteer.aliasToName.get(key);
    if (!name || m.index === undefined) return;
    const e = gazetteer.byName.get(name);
    if (!e) return;
    hits.push({
      name: e.name, type: e.type, hyperscaler: e.hyperscaler ?? false, kind: e.kind,
      start: m.index, end: m.index + m[0].length, surface: m[0],
    });
  };
  for (const m of execAll(gazetteer.anyCase, text)) push(m, norm(m[0]).toLowerCase());
  if (gazetteer.exactCase) for (const m of execAll(gazetteer.exactCase, text)) push(m, norm(m[0]));
  if (gazetteer.lowercaseExact && !CAPITALISED_WORD.test(text)) {
    for (const m of execAll(gazetteer.lowercaseExact, text)) if (standsAsParty(text, m)) push(m, norm(m[0]));
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: EntityMention[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) continue;
    if (insideLongerName(text, h, last) || anotherCompanysName(text, h)) continue;
    kept.push(h);
  }
  return kept;
}

// A company's word after a short name: "Tallgrass Intelligence" is no "Tallgrass Energy", "Juniper Research" no "Juniper Networks".
const OTHER_COMPANY_WORD = /^\s+(?:AI|Intelligence|Labs?|Research|Compute|Computing|Cloud|Robotics|Reasoning|Semiconductors?|Capital|Ventures)(?![\p{L}\p{N}])/u;

/** A known company's short name ("Tallgrass" for Tallgrass Energy) opening a longer name that is not the company's. */
function anotherCompanysName(text: string, hit: EntityMention): boolean {
  if (/\s/u.test(hit.surface) || !hit.name.toLowerCase().startsWith(`${hit.surface.toLowerCase()} `)) return false;
  return OTHER_COMPANY_WORD.test(text.slice(hit.end, hit.end + 30));
}

// Known names that are ordinary words: after another capitalised word they end a longer name ("Northwind Cognition").
const WORD_NAMES = new Set(
  'Cognition Reflection Inflection Magic Runway Cursor Harvey Cipher Switch Vantage Constellation Dominion Orange Tract Mythic Radiant Coherent Fluence Positron Quanta Together Scale Figure Essential Physical Genesis Compass Pattern Voltage Intersect Periodic Celestial Aligned'.split(' '),
);
const OPENING_WORD = /^(?:The|A|An|In|On|At|For|With|From|By|And|But|Or|As|If|When|While|After|Before|Under|Its|Their|Our|This|That|These|Both|Even|Also|Only|Now|Then|Meanwhile|Separately|Like|Unlike|Including|Via|Than|Over|Versus|Whether|Where|Why|How|What|Which|Who|Said|Says|Rival|Rivals|Startup|Lab|Labs|Neocloud|Because|Since|Until|Though|Although|Read|More|Related|See|Update|Correction|Analysis|Opinion|Exclusive|Breaking)$/u;

// A word that may stand before a company's name without being part of it: "Korean", "Tuesday", "Texas", "Signs".
const standsApart = memoBySentence(5_000, (word) => nlp(word).has('(#Demonym|#Place|#Date|#Month|#WeekDay|#Person|#Verb|#Adjective|#Adverb)'));
// A headline in title case capitalises every word: no word there joins a name.
const titleCase = (text: string): boolean => {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.filter((w) => /^\p{Lu}/u.test(w)).length > 0.6 * words.length;
};

/**
 * "Northwind Cognition", "Granite Basin Electric": a known name that is an ordinary word, or of two words or more, right
 * after a capitalised word that is no known name and no sentence's opening word, is the end of a name the gazetteer
 * does not know.
 */
function insideLongerName(text: string, hit: EntityMention, previous: EntityMention | undefined): boolean {
  const word = WORD_NAMES.has(hit.surface);
  if (!word && !/\s/u.test(hit.surface)) return false;
  const before = /(?:^|[^\p{L}\p{N}'’])(\p{Lu}[\p{L}\p{N}-]*)\s+$/u.exec(text.slice(Math.max(0, hit.start - 40), hit.start));
  if (!before || OPENING_WORD.test(before[1])) return false;
  if (!word && (before[1].includes('-') || standsApart(before[1]) || titleCase(text))) return false;
  return !(previous && previous.end >= hit.start - before[0].length);
}
