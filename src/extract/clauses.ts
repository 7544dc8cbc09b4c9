// A sentence → clauses, so that "X signed with A, while B denied talks with Y" keeps its parties apart.
import type { EntityMention } from './gazetteer.js';

export interface Clause {
  start: number;
  end: number;
  text: string;
}

// Boundaries that start a new clause. ", and" only splits when no organisation follows (a list
// "Microsoft, Oracle, and CoreWeave" stays whole).
const HARD = /;\s+|\s+[—–]\s+|\s+--\s+|,\s+(?:while|whereas|but|although|though|even as|even though)\s+|\s+(?:while|whereas)\s+|,\s+(?=(?:taking|bringing|giving|making|adding|lifting|raising|pushing|sending|leaving|following)\s)/giu;
const SOFT_AND = /,\s+and\s+/giu;
const NEW_SUBJECT = /^\s+(?:also\s+|has\s+|have\s+|had\s+)?(?:has|have|had|is|are|was|were|will|would|said|says|signed|agreed|named|announced|plans|\w+ed)\b/iu;
// Subordinate clauses about another party: "CoreWeave lands OpenAI after Microsoft steps back".
const SUBORDINATE_VERB = /^(?:['’]s\s+[\p{L}-]+)?\s+(?:also\s+|had\s+|has\s+|have\s+)?(?:has|have|had|is|are|was|were|will|would|said|says|\w+ed|\w+s)\b/iu;
const SUBORDINATE = /\s+(?:after|because|amid|despite|since|until|as|once)\s+(?:the\s+)?/giu;

/** Splits a sentence (offsets relative to it) into clauses. */
export function splitClauses(sentence: string, mentions: EntityMention[]): Clause[] {
  const cuts: number[] = [];
  for (const m of sentence.matchAll(HARD)) cuts.push(m.index + m[0].length);
  for (const m of sentence.matchAll(SOFT_AND)) {
    const after = m.index + m[0].length;
    const next = mentions.find((e) => e.start === after || (e.start > after && /^(?:the\s+)?$/iu.test(sentence.slice(after, e.start))));
    // "Oracle, CoreWeave, and SoftBank" is a list; "..., and the Claude developer has named AWS" a new clause.
    if (next && !NEW_SUBJECT.test(sentence.slice(next.end, next.end + 40))) continue;
    cuts.push(after);
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
