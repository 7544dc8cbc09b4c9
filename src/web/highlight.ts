// Splits an evidence sentence into plain text and marked parts (parties, money, power) for display. Pure apart from
// the gazetteer, read once: the caller escapes each part when it renders it.
import { defaultGazetteer } from '../extract/gazetteer.js';
import { escapeRegExp } from '../text/escape.js';

export type MarkKind = 'lab' | 'provider' | 'money' | 'power';
export interface Segment {
  text: string;
  mark: MarkKind | null;
}

const moneyRe =
  /(?:US\$|\$|USD\s?)\s?\d[\d,]*(?:\.\d+)?\s?(?:trillion|billion|million|tn|bn|mn|[tbmk])?\b|\b\d[\d,]*(?:\.\d+)?\s(?:trillion|billion|million)\s(?:US\s)?dollars\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred)[\s-](?:trillion|billion|million)\sdollars\b/gi;
const powerRe = /\b\d[\d,]*(?:\.\d+)?[\s-]?(?:gigawatts?|megawatts?|GW|MW)\b|\b(?:a|one|two|three|four|five|ten)[\s-](?:gigawatts?|megawatts?)\b/gi;

/**
 * The party's name and the gazetteer's aliases of it ("AWS" for Amazon, "the ChatGPT maker" for OpenAI, "Hewlett
 * Packard Enterprise" for HPE), longest first: the same list extraction reads, so a renamed canonical name keeps its
 * marks. Aliases the gazetteer matches only as written ("OCI", "Cray") are left out, since these marks ignore case.
 */
function namesFor(name: string): string[] {
  const entity = defaultGazetteer().byName.get(name);
  const exact = new Set(entity?.case_sensitive ?? []);
  const aliases = (entity?.aliases ?? []).filter((a) => !exact.has(a));
  return [name, ...aliases].filter((n) => n.trim().length > 0).sort((a, b) => b.length - a.length);
}

export function highlightEvidence(text: string, parties: { lab: string; provider: string }): Segment[] {
  const marks: { start: number; end: number; mark: MarkKind }[] = [];
  const add = (re: RegExp, mark: MarkKind) => {
    for (const m of text.matchAll(re)) {
      if (m[0].trim()) marks.push({ start: m.index, end: m.index + m[0].length, mark });
    }
  };
  add(moneyRe, 'money');
  add(powerRe, 'power');
  for (const [who, mark] of [[parties.lab, 'lab'], [parties.provider, 'provider']] as const) {
    const names = namesFor(who);
    if (names.length) add(new RegExp(`(?<![A-Za-z0-9])(?:${names.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'gi'), mark);
  }
  // Earliest first, longest first at one position; drop marks that overlap an earlier one.
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), mark: null });
    out.push({ text: text.slice(m.start, m.end), mark: m.mark });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}

function partyRe(name: string): RegExp | null {
  const names = namesFor(name);
  return names.length ? new RegExp(`(?<![A-Za-z0-9])(?:${names.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'i') : null;
}

/** Whether the text names the party (or one of its common aliases). */
export function namesParty(text: string, name: string): boolean {
  return partyRe(name)?.test(text) ?? false;
}

/**
 * The last sentence of `before` (the article text ahead of an evidence sentence) that names the party: where a lab
 * the evidence only refers to ("the company", "it") was named. Null when none does.
 */
export function lastSentenceNaming(before: string, name: string): string | null {
  const re = partyRe(name);
  if (!re) return null;
  const sentences = before.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  for (let i = sentences.length - 1; i >= 0; i--) {
    if (re.test(sentences[i])) return sentences[i].length > 300 ? `${sentences[i].slice(0, 299)}…` : sentences[i];
  }
  return null;
}
