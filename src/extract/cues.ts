// Word lists that decide whether a sentence can state a deal, and in which state. Regexes over the
// raw sentence: cheap enough to run on every sentence before any NLP.
import { memoBySentence } from './memo.js';

const re = (source: string): RegExp => new RegExp(source, 'iu');

/** Words that say two parties do business. A sentence without one is skipped. */
export const DEAL_CUE = re(
  String.raw`\b(deals?|agreements?|contract(?:s|ed)?|pacts?|partnerships?|partner(?:s|ed|ing)?|lanes?|commitments?|commit(?:s|ted|ting)?|sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|struck|strikes?|clinch(?:es|ed|ing)?|seal(?:s|ed|ing)?|agreed|agrees?|buy(?:s|ing)?|bought|pay(?:s|ing)?|paid|purchas(?:e|es|ed|ing)|rent(?:s|ed|ing|als?)?|leas(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying|iers?)|provid(?:e|es|ed|ing|ers?)|sell(?:s|ing)?|sold|deliver(?:s|ed|ing)?|deploy(?:s|ed|ing)?|(?:install\w*|(?:build|set up)\w*\b[^.;]{0,40}\bwith)\s+(?:(?:up to|about|some|more than|over|around|roughly|nearly|approximately)\s+)?\d[\d,.]*\s+(?:[\p{L}-]+\s+){0,3}?(?:GPUs?|chips?|accelerators?|processors?|servers?|systems)|customers?|clients?|tenants?|offtakers?|orders?|(?:is|are|was|were|will be|has been|have been)\s+using|will use|(?:take|takes|taking|took)\s+(?:up\s+)?(?:[\w$.,-]+\s+){0,3}?(?:of\s+)?(?:capacity|MW|GW|megawatts?|gigawatts?)\b[^.;]{0,30}\bat|\d\s?(?:MW|GW)\s+at|ordered|letter of intent|LOIs?|memorandum of understanding|MoUs?|term sheets?|PPAs?|offtake|invest(?:s|ed|ing|ments?)?|stakes?|booked|taps?|tapped|turn(?:s|ed)? to|selects?|selected|pick(?:s|ed)|chose|choos(?:e|es|ing)|expan(?:d|ds|ded|ding|sion)|runs on|running on|run on|talks|negotiat\w*|discuss\w*|weigh(?:s|ing)?|tie-up|joint ventures?|(?:revenue|sales) (?:has |have |had )?(?:\w+ )?(?:come|comes|came) from|one of [\p{L}.&-]+['’]s\s+(?:[\p{L}-]+\s+)?buyers|teams? up|teamed up|collaborat\w*|lands?|landed|wins?|won(?!['’]t)|secur(?:e|es|ed|ing)|lock(?:s|ed)? in|access|relationship|arrangements?|capacity from|use of|uses|spend(?:s|ing)? [^.]{0,40} on|trained|trains|funding|backed|backs|led an? [^.]{0,30}round|framework (?:agreements?|deals?|contracts?|with|to)|(?:run|runs|ran|running|train|trained|training)\b[^.;]{0,50}\bon|(?:chips?|processors?|accelerators?|GPUs?|CPUs?|silicon|wafers?)\b[^.;]{0,60}\b(?:made|manufactured|produced|fabricated|fabbed) by|operat(?:e|es|ed|ing) (?:the|a|an|its|their) (?:[\w-]+ )?(?:cluster|campus|site|data ?cent\w+|facility|capacity)|operat(?:e|es|ed|ing)\b[^.;]{0,40}\bfor|co-develop\w*|co-design\w*|manufactur(?:e|es|ed|ing)|(?:build|built|develop)(?:s|ing|ed)?\b(?:[^.;]|\.\d){0,50}\b(?:data ?cent\w+|campus(?:es)?|sites|facilities|clusters?)\b(?:[^.;]|\.\d){0,40}\b(?:for|with)|for (?:\p{L}+['’]s )?exclusive use|(?:run|runs|running|ran|host|hosts|hosting|hosted|power|powers|powering|powered)\s+[\p{L}.&-]+['’]s\s+(?:[\p{L}\d-]+\s+){0,2}?(?:API|APIs|service|inference service)\b|(?:(?:data ?cent\w+|campus(?:es)?|sites?|facilit(?:y|ies)|clusters?)\b[^.;]{0,140}\b(?:be|been|being|is|are|was|were)|will be)\s+(?:developed|built|constructed)\s+(?:by|with)\b|(?:data ?cent\w+|campus(?:es)?|sites?|facilit(?:y|ies)|clusters?)\s+(?:that|which)\s+[^.;]{1,40}?\b(?:build|builds|built|develop\w*|construct\w*)\b[^.;]{0,40}\bfor|(?:build|builds|built|make|makes|made|produc\w+|fabricat\w+|manufactur\w+)\s+(?:its\s+|their\s+)?(?:[\p{L}\d-]+\s+){0,3}?(?:chips?|processors?|accelerators?|silicon|wafers?|dies)\s+(?:at|with)\b|(?:built|developed|fitted out|reserved|earmarked|set aside)\s+(?:[\p{L}-]+\s+){0,2}?for|building\s+(?:[\p{L}\d$,.~-]+\s+){0,4}?for|rel(?:y|ies|ied|ying) on|working with|accounted for|remaining performance obligations?|backlog|powers? (?:a|an|the|its|their)\s+(?:[\p{L}-]+\s+){0,2}?(?:data ?cent\w+|campus|site|cluster|facility))\b`,
);

/**
 * Words that may state a deal without any of DEAL_CUE's: hosting, serving, powering, taking space, building or
 * restarting something for a company, revenue from a customer. Too loose for the rules; enough for the scorer to
 * weigh the sentence's pairs.
 */
export const WIDE_CUE = re(
  String.raw`\b(?:tak(?:e|es|ing|en)|took)\s+(?:up\s+)?(?:[\w$.,~-]+\s+){0,4}?(?:space|capacity|colocation|halls?|buildings?|racks?|GPUs?|chips?|units)\b|\bhost(?:s|ed|ing)?\b|\bserv(?:e|es|ed|ing)\b|\bpower(?:s|ed|ing)?\s+(?:(?:a|an|the|its|their|part of|some of)\s+)|\bfund(?:s|ed|ing)?\b|\bprepa(?:y|ys|ying|id)\b|\breserv(?:e|es|ed|ing)\b|\bfabricat\w*|\b(?:made|produced|built|manufactured)\s+(?:at|on|by)\b|\b(?:develop(?:s|ed|ing)?|build(?:s|ing)?|built|restart(?:s|ed|ing)?|operat(?:e|es|ed|ing)|run(?:s|ning)?|ran|train(?:s|ed|ing)?)\b[^.;]{0,80}\bfor\b|\b(?:revenue|sales|income)\b[^.;]{0,40}\bfrom\b|\bof\s+(?:its|their)\s+(?:\w+\s+)?(?:revenue|sales)\b|\b(?:trusted|used|chosen|relied on)\s+by\b|\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|migrat\w*)\b[^.;]{0,60}\b(?:to|onto)\b|\ballocat\w*|\b(?:through|via)\b`,
);

const wideCue = memoBySentence(4096, (text) => WIDE_CUE.test(text));
/** Whether the sentence has a wide cue (WIDE_CUE), asked once per sentence by candidates and features. */
export const hasWideCue = (text: string): boolean => wideCue(text);

/** Cues strong enough for a hyperscaler to count as the buyer without other help. */
export const STRONG_CUE = re(
  String.raw`\b(deals?|agreements?|contracts?|pacts?|partnerships?|partners?|invest(?:s|ed|ing|ments?)|stakes?|commit(?:s|ted|ments?)|sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|struck|clinch(?:es|ed|ing)?|seal(?:s|ed|ing)?|agreed|buy(?:s|ing)?|bought|purchas\w*|rent(?:s|ed|ing)?|leas\w*|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|letter of intent|memorandum of understanding|PPAs?|in talks|negotiat\w*|framework (?:agreements?|deals?|contracts?|with|to)|(?:(?:data ?cent\w+|campus(?:es)?|sites?|facilit(?:y|ies)|clusters?)\b[^.;]{0,140}\b(?:be|been|being|is|are|was|were)|will be)\s+(?:developed|built|constructed)\s+(?:by|with)\b|(?:is|are|was|were) (?:a |an |its |their )?(?:\w+ )?(?:customer|client|tenant)s?|(?:build|builds|built|make|makes|made|produc\w+|fabricat\w+|manufactur\w+)\s+(?:its\s+|their\s+)?(?:[\p{L}\d-]+\s+){0,3}?(?:chips?|processors?|accelerators?|silicon|wafers?|dies)\s+(?:at|with)\b)\b`,
);

/** The deal is denied, called off or ended: not a deal. */
export const DENIAL_CUE = re(
  String.raw`\b(den(?:y|ies|ied|ying|ial)|not in talks|no talks|not (?:negotiating|in discussions)|call(?:s|ed|ing)? off|cancel(?:s|led|ed|ling|ing|lation)?|scrap(?:s|ped|ping)?|walk(?:s|ed|ing)? away|pull(?:s|ed|ing)? out|back(?:s|ed|ing)? out|terminat(?:e|es|ed|ing|ion)|abandon(?:s|ed|ing)?|decided not to|decides not to|no longer|dismiss(?:ed|es)? (?:the |a |that )?report|did not sign|never signed|won['’]t sign|will not sign|declined to (?:renew|extend)|let [^.]{0,30} lapse|fell through|collapsed|no (?:active |current |immediate )?plans? to|step(?:s|ped)? back|scal(?:ed|es|ing) back|retreat(?:s|ed)? from|unwound|end(?:s|ed)? (?:its |the |their )?(?:deal|agreement|contract|partnership|talks)|(?:talks|negotiations|discussions)\b[^.;]{0,40}\b(?:ha(?:ve|s|d) )?(?:ended|broken down|broke down)|drop(?:s|ped|ping)? (?:its |the |their )?(?:\w+ )?(?:deal|agreement|contract|talks|plans?))\b`,
);

/** The deal is only imagined or recommended: not a deal. */
/** "The agreement did not change its plans with X": a deal said to leave another relationship as it was. */
export const NO_BEARING_CUE = /\b(?:(?:does|did|do|will|would)\s+not|doesn['’]t|didn['’]t|won['’]t)\s+(?:change|affect|alter)\s+(?:its|their|the)\s+(?:[\p{L}-]+\s+)?(?:plans?|relationship|partnership|strategy|commitments?)\b/iu;

export const HYPOTHETICAL_CUE = re(
  String.raw`\b(should (?:sign|buy|rent|lease|consider|partner|strike|do|go|look|turn|tap)|ought to|would be wise|what if|imagine|hypothetical(?:ly)?|if (?:it|they|\w+) (?:signs?|signed|were to|buys?|agreed)|in theory|could theoretically|might one day|would need to|needs to sign|wish list|could consider|might (?:think about|consider|want to|be wise)|may want to|base case|our (?:forecasts?|estimates?|expectations?)|we (?:expect|estimate|think|forecast|assume|project)|(?:expect|expects|expected) to add|(?:the )?(?:more |most )?(?:realistic|likely|plausible) (?:path|scenario|outcome)|(?:question|unclear|uncertain|unknown|asked|wonder\w*)\b[^.;]{0,40}\bwhether)\b`,
);

/** The buyer cannot or will not buy from the company named next, or nobody says: no deal with it. */
export const NEGATED_CUE = new RegExp(
  String.raw`\b(?:(?:cannot|can['’]t|could not|couldn['’]t|unable to|(?:barred|banned|prohibited|blocked) from|not allowed to|(?:to )?avoid)\s+(?:\w+\s+)?(?:buy|buying|purchas\w*|rent|renting|use|using|access|accessing|import|importing|obtain|get)|(?:does|do|did) not (?:discuss|comment on|disclose)|declined to (?:comment|discuss|disclose))\b`,
  'giu',
);

/** Negotiations, plans and reports that are not (yet) a signed deal. */
export const TALKS_CUE = re(
  String.raw`\b(talks|near(?:s|ing)? (?:a |an )?(?:\w+ )?(?:deal|agreement|pact)|in (?:advanced |early |exclusive |preliminary |late-stage |early-stage )?talks|talks (?:with|to|over|about|for)|negotiat\w*|letters? of intent|LOIs?|memorand(?:um|a) of understanding|MoUs?|term sheet|non-binding|weigh(?:s|ing)?|consider(?:s|ing)|explor(?:e|es|ing)|discuss(?:es|ed|ing|ions?)|said to be|(?:person|people|sources?) (?:familiar|close|briefed|with knowledge)|according to (?:people|a person|sources|two|three|several|four|multiple)|sources? (?:said|say|says)|(?:person|people) (?:said|say|says)|reportedly|is (?:said|reported) to|are (?:said|reported) to|plans to|planning to|nearing (?:a |an )?(?:deal|agreement)|close to (?:a |an )?(?:deal|agreement)|could (?:also )?(?:rent|buy|sign|use|lease|tap)|(?<!\bsaid (?:it|they|that it|that they) )would (?:rent|buy|sign|lease)|may (?:also )?(?:rent|buy|sign|lease)|preliminary|no definitive agreement|not yet (?:been )?(?:signed|concluded|finali[sz]ed|closed)|nothing is signed|yet to (?:sign|finali[sz]e)|seeking|seeks|in discussions|aims to|intends to|(?:first |was |were )?reported by|would make)\b`,
);

/** A lane that already exists, told as background. */
export const EXISTING_CUE = re(
  String.raw`\b(already|existing|older|long-?standing|long-?time|current(?:ly)?|previous(?:ly)?|earlier (?:deal|agreement|contract|commitment)|last year['’]s|since 20\d\d|booked|runs on|running on|relies on|rel(?:y|ies) on|continues to|has (?:been )?(?:renting|using|buying|leasing|relying)|have (?:been )?(?:renting|using|buying|leasing|relying)|ha(?:s|ve) (?:a |an )?(?:long-term |exclusive |multiyear |multi-year |separate |existing |standing |big )?(?:chip |cloud |compute |power |supply )?(?:agreements?|deals?|contracts?|partnerships?|commitments?) with|still|remains?|(?:its|their) (?:\w+ )?(?:contracts|deals|agreements|lanes|relationships?) with|preferred (?:\w+ )?(?:partner|provider|supplier)|primary (?:\w+ )?(?:partner|provider|supplier)|a reminder|over the past year|last year|in place|(?:signed|agreed|struck|inked|announced)\s+(?:\w+\s+)?(?:in|back in|(?:(?:at )?the )?(?:end|start|beginning|middle) of|in (?:early|mid|late)) (?:january|february|march|april|may|june|july|august|september|october|november|december)|earlier this (?:year|month|spring|summer|autumn|fall|winter)|last (?:month|quarter|autumn|fall|spring|summer|winter|january|february|march|april|may|june|july|august|september|october|november|december)|first reported (?:in|on|by|last)\b|(?:deal|agreement|contract|pact) from (?:last )?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:largest|biggest|top|main) (?:customer|client|tenant) (?:is|was) (?:now )?|(?:is|are|was|were) one of [\p{L}.&-]+['’]s\s+(?:[\p{L}-]+\s+)?(?:buyers|customers|clients)|(?:a|one|two|three|four|five|six|several|a few|\d+) (?:weeks?|months?|years?) ago|(?:signed|agreed|struck|inked)\s+(?:\w+\s+)?this (?:spring|summer|autumn|fall|winter)|since (?:last|early|late) (?:year|month|spring|summer|autumn|fall|winter)|(?:is|are|was|were) (?:best |perhaps best |already )?known (?:as|for)|(?:is|are) (?:a |an |its |their |the )?(?:\w+ )?(?:customer|client|tenant)s?\b(?! of)|(?:led|invested|backed|bought|took|signed|agreed|struck|inked|added|set up|formed|restructured|amended|renegotiated)\s+(?:[^.;]|\.\d){0,60}\b(?:in|back in) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|also (?:rents|leases|buys|sources)\b[^,;.]{0,30}\bfrom\b|(?<!\b(?:will|to|would|could|may|might)\s+(?:\w+\s+)?)(?:rents|leases|sources)\b(?:\s+back)?\s+(?:[\w-]+\s+){0,3}?from\b|(?:the|its|their|an?) (?:\w+ )?relationship|(?:was|were|has been|have been|had been) (?:\w+ )?(?:running|operating|operational|live|in (?:operation|use|service))\b|(?:arrangement|deal|agreement|contract|partnership|relationship|lane)s?\s+(?:continues|remains|stays)|for (?:years|months|some time|the past \w+)|now total\w*|in aggregate|(?:in total|altogether)(?=\s*(?:[,.;]|$))|after (?:\w+ )?(?:expansions|extensions|renewals)|counts?\s+[^.;]{0,40}?\bas\s+(?:its|their|a|an|one of its|one of their)\s+(?:[\w-]+\s+){0,2}?(?:customers?|clients?|tenants?)|follow(?:s|ed|ing)?\s+(?:an?|the|its|their|[\p{L}.&-]+['’]s)\s+(?:[\w$.,-]+\s+){0,3}?(?:deal|agreement|contract|pact|partnership|commitment)s?)\b`,
);

/** "X has also invested in the company": an earlier deal told beside the news, unless dated now. */
export const ALSO_BACKGROUND = re(
  String.raw`\bha(?:s|ve) also (?:\w+ )?(?:agreed|invested|signed|committed|bought|backed|struck|inked|partnered|rented|leased|taken|secured|contracted|tapped)\b|\b(?:is|are) also (?:building|running|operating|hosting|supplying|renting|leasing|using|working with|training on)\b|\bha(?:s|ve) (?:already |previously )?(?:invested|backed)\b(?![^.;]{0,40}\b(?:another|additional|new|fresh|further|more)\b)`,
);

/** "Character.AI ... announced in 2023", "Meta's 2025 agreement": a deal dated in an earlier year. */
export const DATED_YEAR = /\b(?:(?:signed|agreed|struck|inked|announced|sealed|went|began|started|deal|agreement|contract|pact)\b[^.;]{0,50}?\b(?:in|back in|since) ((?:19|20)\d\d)|((?:19|20)\d\d)(?:['’]s)? (?:[\p{L}-]+ )?(?:deal|agreement|contract|pact|partnership|commitment)s?)\b/iu;
export const NEWS_NOW = re(
  String.raw`\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|this week|(?:said|announced|confirmed) (?:on|in a statement|late)|in a statement)\b`,
);

/** Words that make an "existing" cue yield: the article reports a change to the lane now. */
export const EXPANSION_CUE = re(
  String.raw`\bexpan(?:d|ds|ded|ding)\s+(?:its|their|the|an?)?\s*(?:existing\s+)?(?:agreement|deal|contract|partnership|relationship|commitment)\b`,
);

/** Lawsuits, benchmarks, hires, takeovers, shop prices: sentences about these never state a compute deal. */
export const OFF_TOPIC_CUE = re(
  String.raw`\b(lawsuits?|sues|sued|suing|complaint|litigation|antitrust|trade secrets|poach\w*|benchmark\w*|appoint\w*|all-stock|takeover|merger|buyout|acquisition of|(?:the |a )?(?:best|great|good|cheapest|lowest) (?:deals?|price|prices)|on sale|discounted|coupons?|(?:black friday|cyber monday|prime day) deals?)\b`,
);

// A timeline's or a slide's date before a line's party: "Sept. 10 — Oracle: …", "Oct. 23, 2025 — ", "June 2025 – ", "Q3 2026: ".
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATED_LINE_PREFIX = new RegExp(String.raw`^(?:${MONTH}\s+\d{1,2}(?:,\s+\d{4})?|${MONTH}\s+\d{4}|\d{1,2}\s+${MONTH}(?:\s+\d{4})?|Q[1-4]\s+\d{4}|\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*[—–:-]\s*`, 'u');
/** How many characters a line's date takes before what the line is about ("Sept. 10 — "), 0 when it opens on no date. */
export const datedLinePrefix = (text: string): number => DATED_LINE_PREFIX.exec(text)?.[0].length ?? 0;

const ARROW = /\S\s*(?:->|→|⟶|<-|←|⟵)\s*\S/u;
// A tracker's line opens on the pair: "Microsoft / Constellation Energy: n.d., 835 MW, 20 yrs".
const PAIR_HEAD = /^[^:;.]{2,60}?\s(?:\/|→|->|x|×)\s[^:;.]{2,60}?:\s/u;
const AS_PARTNER = /\bas\s+(?:(?:an?|its|their|the|key|main|technology|launch|founding)\s+){0,2}$/iu;
/** Hiring people (not a company: "Meta has hired Google Cloud to supply it") is no deal. */
export const HIRES = /\b(?:hired|hires|hiring)\s+(?:away\s+)?/giu;

const DEAL_CUE_ALL = new RegExp(DEAL_CUE.source, 'giu');

/**
 * Whether the text has a deal word. In running prose a capitalised deal word after the first word is
 * part of a name ("Best Buy", "Partner Network") and does not count; headlines are in title case.
 */
export function hasDealCue(text: string, titleCase = false): boolean {
  return (titleCase ? dealCueTitle : dealCue)(text);
}

const dealCue = memoBySentence(4096, (text) => computeDealCue(text, false));
const dealCueTitle = memoBySentence(1024, (text) => computeDealCue(text, true));

function computeDealCue(text: string, titleCase: boolean): boolean {
  // A list item or table row "OpenAI → AMD: 6 GW" says it with an arrow.
  if ((titleCase && ARROW.test(text)) || PAIR_HEAD.test(text)) return true;
  for (const m of text.matchAll(DEAL_CUE_ALL)) {
    const word = m[0];
    // "with Oracle and Cisco as partners" names the parties of a project, not a trade between them.
    if (/^partners?$/iu.test(word) && AS_PARTNER.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    if (titleCase || m.index === 0 || !/^\p{Lu}\p{Ll}/u.test(word)) return true;
  }
  return false;
}

/** Buying the company itself, not its compute: "CoreWeave agreed to acquire Core Scientific". */
// "Nvidia buys GPU marketplace Lepton AI": a described company ("startup", "marketplace") is bought whole.
export const ACQUIRES_COMPANY = /\b(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|take over|takes over|took over|merg(?:e|es|ed|ing) with)\s+(?:the\s+|rival\s+|(?:the\s+|an?\s+)?(?:[\p{L}\d-]+\s+){0,3}?(?:start-?up|marketplace|company|firm|developer|maker|operator|platform|specialist|business)\s+)?$/iu;
