// Joint ventures named with their members: "AdaniConneX, the 50:50 joint venture between Adani Enterprises and
// EdgeConneX". FORMAT.md makes a venture no party and its members the parties, so a pair with the venture stands
// for a pair with each member.
import type { EntityMention } from './gazetteer.js';

const VENTURE = /\b(?:joint[- ]ventures?|JVs?)\b/gu;
// Between the venture's name and "joint venture": ", the 50:50 data-centre ", " is a ", " (a ".
const NAME_TO_VENTURE = /^(?:\s*,|\s*\(|\s+(?:is|was|will be|has been|becomes))?\s*(?:the|a|an)\s+(?:[\p{L}\d:%-]+\s+){0,3}$/iu;
const MEMBERS_HEAD = /^\s+(?:company\s+)?(?:between|of|among|(?:formed|owned|set up|created|run)\s+(?:equally\s+|jointly\s+)?by)\s+/iu;
// Before a member: a description ("neocloud", "the Oslo-listed industrial group", "US-based").
const DESCRIBED = /^(?:[\p{L}\d:-]+\s+){0,4}$/u;
// Between members: "and", a comma, then perhaps a description.
const MEMBER_LINK = /^(?:['’]s)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[\p{L}\d:-]+\s+){0,4}$/u;
const MAX_MEMBERS = 4;

/** The members of each venture a sentence defines, by the venture's name; `entities` are the sentence's, in order. */
export function ventureMembers(text: string, entities: EntityMention[], into: Map<string, EntityMention[]>): void {
  if (entities.length < 3) return;
  for (const m of text.matchAll(VENTURE)) {
    const named = entities.findLast((e) => e.end <= m.index);
    if (!named || into.has(named.name) || !NAME_TO_VENTURE.test(text.slice(named.end, m.index))) continue;
    const head = MEMBERS_HEAD.exec(text.slice(m.index + m[0].length));
    if (!head) continue;
    let at = m.index + m[0].length + head[0].length;
    const members: EntityMention[] = [];
    for (const e of entities) {
      if (e.start < at || members.length === MAX_MEMBERS) continue;
      const gap = text.slice(at, e.start);
      if (!(members.length === 0 ? DESCRIBED : MEMBER_LINK).test(gap)) break;
      if (e.name !== named.name && !members.some((x) => x.name === e.name)) members.push(e);
      at = e.end;
    }
    if (members.length >= 2) into.set(named.name, members);
  }
}
