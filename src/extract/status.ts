// The state of a deal from the words around it: announced, existing, talks; or denied / hypothetical,
// which are no deal (and a denial also voids reports of talks about the same pair elsewhere).
import type { DealStatus } from './types.js';
import { ALSO_BACKGROUND, DATED_YEAR, DENIAL_CUE, EXISTING_CUE, EXPANSION_CUE, HYPOTHETICAL_CUE, NEWS_NOW, NO_BEARING_CUE, TALKS_CUE } from './cues.js';

// Attribution to anonymous sources makes a whole sentence a report of talks, wherever it stands.
const REPORTED = /\b(according to (?:people|a person|sources|two|three|several|four|multiple)|(?:person|people|sources?) (?:familiar|close|briefed|with knowledge)|sources? (?:said|say|says)|(?:person|people) (?:said|say|says)|no definitive agreement)\b/iu;

const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
// "As we announced at the end of September, ...", "As previously announced, ...": the sentence retells news.
const AS_ANNOUNCED = new RegExp(
  String.raw`^(?:as|like)\s+(?:[\p{L}.-]+\s+){0,3}?(?:(?:previously|already|earlier)\s+(?:announced|reported|disclosed)\b|(?:announced|reported|disclosed)\s+(?:previously|earlier|before|last (?:month|quarter|year)|(?:in|back in|(?:(?:at )?the )?(?:end|start|beginning|middle) of|in (?:early|mid|late))\s+${MONTH})\b)`,
  'iu',
);

// "When OpenAI agreed to deploy six gigawatts of AMD chips, AMD paid in warrants": a past deal retold as the setting.
const WHEN_AGREED = /^(?:when|after)\s+[^,;]{0,100}?\b(?:agreed|signed|struck|inked|sealed)\b/iu;
// "signed a deal for power from a plant, which NextEra plans to restart": talk of plans in a relative clause is about its antecedent.
const RELATIVE_TAIL = /,\s+(?:which|who)\b.*$/su;

const CONDITIONAL = /(?<!\bsaid (?:it|they|that it|that they) )\bwould (?:be|give|make|mark|add|bring)\b/iu;

/**
 * clause: the clause that names the pair; loose: the sentence's clauses that name no organisation
 * (a trailing "but the deal was later called off" speaks about the same deal).
 */
export function dealStatus(clause: string, loose: string[], sentence: string, year: number | null = null): DealStatus | 'denied' | 'hypothetical' {
  if (DENIAL_CUE.test(clause) || loose.some((c) => DENIAL_CUE.test(c))) return 'denied';
  if (HYPOTHETICAL_CUE.test(sentence) || NO_BEARING_CUE.test(clause)) return 'hypothetical';
  if (TALKS_CUE.test(clause.replace(RELATIVE_TAIL, '')) || REPORTED.test(sentence)) return 'talks';
  if (WHEN_AGREED.test(sentence) && !EXPANSION_CUE.test(clause)) return 'existing';
  if (EXISTING_CUE.test(clause) && !EXPANSION_CUE.test(clause)) return 'existing';
  if (ALSO_BACKGROUND.test(clause) && !NEWS_NOW.test(sentence)) return 'existing';
  if (AS_ANNOUNCED.test(sentence) && !EXPANSION_CUE.test(clause)) return 'existing';
  if (datedEarlier(clause, year) && !EXPANSION_CUE.test(clause)) return 'existing';
  // "A Humain facility would be its first leased footprint": a deal only imagined as yet.
  if (CONDITIONAL.test(clause)) return 'talks';
  return 'announced';
}

/** The clause dates the deal in a year before the article's (any past-tense dating when the article's year is unknown). */
function datedEarlier(clause: string, year: number | null): boolean {
  const m = DATED_YEAR.exec(clause);
  if (!m) return false;
  const dated = Number(m[1] ?? m[2]);
  return year === null ? dated < new Date().getUTCFullYear() : dated < year;
}
