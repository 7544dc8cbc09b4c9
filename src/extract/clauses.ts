// A sentence → clauses, so that "X signed with A, while B denied talks with Y" keeps its parties apart.
import type { EntityMention } from './gazetteer.js';

export interface Clause {
  start: number;
  end: number;
  text: string;
}

/** A mention with offsets relative to a clause (or any span) that starts at `by`. */
export function shift(m: EntityMention, by: number): EntityMention {
  return { ...m, start: m.start - by, end: m.end - by };
}

// Boundaries that start a new clause. ", and" only splits when no organisation follows (a list
// "Microsoft, Oracle, and CoreWeave" stays whole).
const HARD = /;\s+|\s+[—–]\s+|\s+--\s+|,\s+(?:while|whereas|but|although|though|even as|even though)\s+|\s+(?:while|whereas)\s+|,\s+(?=(?:taking|bringing|giving|making|adding|lifting|raising|pushing|sending|leaving|following)\s)/giu;
const SOFT_AND = /,\s+and\s+/giu;
const COMMA = /,\s+(?!and\s)/gu;
const COMMA_SUBJECT = /^\s+(?:also\s+|itself\s+)?(?:will|has|have|had|is|are|was|were|would|plans|agreed|signed)\s+(?!not\b)\p{Ll}/u;
const NEW_SUBJECT = /^\s+(?:itself\s+|themselves\s+|also\s+|has\s+|have\s+|had\s+)?(?:has|have|had|is|are|was|were|will|would|said|says|signed|agreed|named|announced|plans|\w+ed|\w+s)\b/iu;
// Subordinate clauses about another party: "CoreWeave lands OpenAI after Microsoft steps back".
const SUBORDINATE_VERB = /^(?:['’]s\s+[\p{L}-]+|\s+(?:supply|supplies|shares|stock|chips|capacity|demand))?\s+(?:also\s+|had\s+|has\s+|have\s+)?(?:has|have|had|is|are|was|were|will|would|said|says|\w+ed|\w+s)\b/iu;
const SUBORDINATE = /\s+(?:after|because|amid|despite|since|until|as|once)\s+(?:the\s+)?/giu;

/** The end of the list of names that starts with `first` ("Cisco and SoftBank"). */
function chainEnd(sentence: string, mentions: EntityMention[], first: EntityMention): number {
  let end = first.end;
  for (const m of mentions) {
    if (m.start < end) continue;
    if (!/^\s*(?:,\s*)?(?:and|&)?\s*$/iu.test(sentence.slice(end, m.start))) break;
    end = m.end;
  }
  return end;
}

/** Splits a sentence (offsets relative to it) into clauses. */
export function splitClauses(sentence: string, mentions: EntityMention[]): Clause[] {
  const cuts: number[] = [];
  for (const m of sentence.matchAll(HARD)) cuts.push(m.index + m[0].length);
  for (const m of sentence.matchAll(SOFT_AND)) {
    const after = m.index + m[0].length;
    const next = mentions.find((e) => e.start === after || (e.start > after && /^(?:the\s+)?$/iu.test(sentence.slice(after, e.start))));
    // "Oracle, CoreWeave, and SoftBank" is a list; "..., and the Claude developer has named AWS" a new clause,
    // and so is "..., and Cisco and SoftBank will provide".
    if (next && !NEW_SUBJECT.test(sentence.slice(chainEnd(sentence, mentions, next), chainEnd(sentence, mentions, next) + 40))) continue;
    cuts.push(after);
  }
  // "Oracle will operate the cluster with OpenAI, Nvidia will supply its systems": a new subject after a comma.
  for (const m of sentence.matchAll(COMMA)) {
    const after = m.index + m[0].length;
    const next = mentions.find((e) => e.start === after || (e.start > after && /^(?:the\s+)?$/iu.test(sentence.slice(after, e.start))));
    if (next && COMMA_SUBJECT.test(sentence.slice(next.end, next.end + 40))) cuts.push(after);
  }
  for (const m of sentence.matchAll(SUBORDINATE)) {
    const after = m.index + m[0].length;
    // Only a clause with its own verb: "after Microsoft steps back", not "the third lane after A and B".
    const next = mentions.find((e) => e.start === after);
    if (next && SUBORDINATE_VERB.test(sentence.slice(next.end, next.end + 40))) cuts.push(m.index + 1);
  }
  cuts.sort((a, b) => a - b);
  const clauses: Clause[] = [];
  let start = 0;
  for (const cut of [...cuts, sentence.length]) {
    if (cut <= start) continue;
    clauses.push({ start, end: cut, text: sentence.slice(start, cut) });
    start = cut;
  }
  return clauses;
}
