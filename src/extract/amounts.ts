// Which amount and which power figure of a sentence belong to the deal: the new deal's value, not a
// cumulative total, an option ("could rise to"), capex, revenue, a share move or a stock grant.
import { findMoney, type MoneyMention } from './money.js';
import { findPower, type PowerMention } from './power.js';

const DEAL_NOUN = String.raw`(?:deal|contract|agreement|pact|commitment|order|partnership|purchase|investment|lease|arrangement|expansion|tie-up|package|offtake|ppa|funding round|round|stake)s?`;
const QUALIFIERS = String.raw`(?:(?:an incremental|an additional|incremental|additional|up to|until|more than|over|about|approximately|roughly|nearly|some|around|as much as|at least|almost|an estimated|a reported|an additional|another|a further|a total of|an initial|US)\s+)*`;
const MONEY_BEFORE = new RegExp(
  String.raw`\b(?:contribut\w*|worth|valued at|valued|value of|value:?|valu\w+ at|(?:pay|paying|paid|pays)(?:\s+[\p{Lu}][\p{L}\p{N}.-]*){0,3}|expan\w*[^$]{0,60}\bby|spend|spending|spent|buy|buying|purchase|purchasing|invest|invests|invested|investing|put|puts|putting|commit(?:ted|s|ting)? to (?:purchas\w*|buy\w*|spend\w*)|commitment of|deal of|contract of|agreement of|investment of|representing|order of|purchase of|lease of|totall?ing|for|\b(?:the|this|that|its|their|our)\s+(?:[\p{L}\d-]+\s+){0,2}?(?:deal|contract|agreement|pact|order|lease)\b(?:,[^,$]{1,60},)?\s+(?:is|was|will be))\s+${QUALIFIERS}$`,
  'iu',
);
const MONEY_AFTER = new RegExp(
  String.raw`^(?:\s+in\s+(?:equity|new equity|investment|funding)\b|,?[-\s]+(?:[\p{L}\d-]+\s+){0,3}?${DEAL_NOUN}\b|\s*(?:\([^)]*\)\s*)?(?:worth\s+)?of\s+(?:[\p{L}\d'’-]+\s+){0,3}?(?:capacity|compute|computing|cloud|services|infrastructure|chips|GPUs|accelerators|servers|power|electricity|energy|TPUs|systems|hardware|data ?cent\w+|AI)\b)`,
  'iu',
);
const MONEY_NEG_BEFORE = /\b(?:total|cumulative|combined|in all|altogether|lifetime|could (?:rise|grow|reach|increase|expand|climb|lift|take|bring|push)|(?:rise|rises|rising|rose|grow|grows|growing|increase|increasing|expand|expanding) to|options?|capex|capital (?:expenditure|spending)|revenue|sales|backlog|valuation|market (?:value|cap\w*)|shares?|stock|IPO|initial public offering|rais(?:e|ed|es|ing)|debt|bonds?|notes|loans?|profits?|earnings(?! calls?)|income|forecast|estimates?|guidance|PT|price targets?|(?:funding|financing) rounds?|fell|rose|jumped|climbed|gained|lost|dropped|priced|price|prices|eliminat\w*|sav(?:e|es|ed|ing|ings))\b[^$]*$/iu;
const MONEY_NEG_AFTER = /^\s*(?:[\p{L}-]+\s+){0,3}?(?:of (?:\w+ )?(?:stock|shares)|in (?:revenue|sales|capex|debt|capital expenditure|annual)|revenue|sales|backlog|valuation|capex|IPO|debt|bonds?|notes|profit|market cap|an? (?:hour|share|year|month)|per (?:hour|share|GPU|chip|year|month|annum)|annually|(?:funding|financing) round)\b/iu;

// "Nvidia led Reflection AI's $2 billion funding round": the round is the company's, not the investor's.
const LED_ROUND = /\b(?:co-)?led\s+(?:[\p{L}.&-]+\s+){0,3}[\p{L}.&-]+['’]s\s*$/iu;
// "a total contract value of $3.0 billion": the deal's own value, though called a total.
const CONTRACT_VALUE = /\btotal\s+(?:contract|deal|agreement)\s+value\s+(?:of\s+)?(?:(?:about|approximately|roughly|around|nearly|up to|more than|some)\s+)?$/iu;
// "Microsoft / IREN: $9.7bn, n.d., 5 yrs", "Nebius: $17.4B over 5 yrs": a list line's first figure after its head.
const LINE_HEAD = /^[^:;.$]{2,60}:\s*(?:~|≈|>|about|approximately|roughly|up to|more than|over)?\s*$/iu;
const CONVERTED = /^\s*\(\s*(?:about|approximately|roughly|around|some|or|~|≈)?\s*$/iu;
const CONTRACT_REVENUE = /^\s*(?:of|in)\s+(?:total\s+)?contract(?:ed)?\s+revenue\b/iu;
const WORTH_BEFORE = /\b(?:worth|valued at|representing)\s+(?:about|approximately|roughly|some|around|nearly|up to|more than)?\s*$/iu;

// "a $15b site proposal", "its $20 billion AI hub": the figure of a site, a plan or a fund, not of a deal.
const OTHER_THING_AFTER = /^\s*(?:[\p{L}-]+\s+){0,2}?(?:sites?|campus(?:es)?|proposals?|plans?|funds?|programmes?|programs?|projects?|facilit(?:y|ies)|hubs?|vehicles?|budgets?|joint ventures?)\b/iu;

/**
 * The amounts in [from, to) that read as a deal's value. In a headline or list item ("OpenAI → Oracle:
 * $300bn") any amount not ruled out counts: such lines carry no context words.
 */
export function dealMoney(sentence: string, from: number, to: number, fragment = false, loose = false): MoneyMention[] {
  const all = findMoney(sentence);
  return all.filter((m) => {
    if (m.start < from || m.end > to || m.usd === null) return false;
    // "worth ¥13 billion (about US$87 million)": the dollar figure stands in the other currency's context.
    const foreign = all.find((o) => o.usd === null && o.end <= m.start && CONVERTED.test(sentence.slice(o.end, m.start)));
    const at = foreign ? foreign.start : m.start;
    // "The bulk of that backlog is one customer: OpenAI, which signed for $300 billion": context stops at a colon or semicolon.
    const wide = sentence.slice(Math.max(from, at - 70), at);
    const before = wide.slice(Math.max(wide.lastIndexOf(':'), wide.lastIndexOf(';')) + 1);
    const after = sentence.slice(m.end, Math.min(to, m.end + 60));
    if ((MONEY_NEG_BEFORE.test(before) && !CONTRACT_VALUE.test(before)) || LED_ROUND.test(before)) return false;
    // "worth about $7 billion in total revenue", "$3.7 billion of contracted revenue": a lease's value.
    if (MONEY_NEG_AFTER.test(after) && !CONTRACT_REVENUE.test(after) && !(WORTH_BEFORE.test(before) && /^\s*in\s+(?:total\s+)?revenue\b/iu.test(after))) return false;
    // Read loosely, a figure under a million dollars is a share price or an hourly rate, never a compute deal.
    if (loose && (OTHER_THING_AFTER.test(after) || m.usd < 1e6)) return false;
    return fragment || loose || LINE_HEAD.test(sentence.slice(0, at)) || MONEY_BEFORE.test(before) || MONEY_AFTER.test(after) || CONTRACT_REVENUE.test(after);
  });
}

const POWER_NEG_BEFORE = /\b(?:second|third|next|final|remaining|last|another|additional)\s+(?:\S+\s+)?$/iu;
// "the first 300 MW of the site": a part of something larger; "the first 250 MW phase" is the deal's own size.
const FIRST_PART = /\b(?:first|initial)\s+(?:\S+\s+)?$/iu;
const OF_THE_WHOLE = /^\s*(?:of|at)\s+(?:the|its|their|an?)\b/iu;
const POWER_NEG_WIDE = /\b(?:total|combined|in all|altogether|add(?:s|ed)? up|could (?:rise|grow|reach|expand|climb)|rise to|grow to|expand to|options?|designed for|site|campus)\b[^.;]*$/iu;

const SUPPLIED_WITH = /\b(?:serv|suppl|deliver|provid|power)\w*\s+(?:[\p{L}'’-]+\s+){0,4}?with\s+(?:(?:up to|about|roughly|approximately|around|some|as much as|nearly)\s+)?$/iu;
const WHOLE_SITE = /\b(?:the|its) (?:whole|entire|full)\s+(?:[\p{L}-]+\s+)?(?:site|campus)\b/iu;

// "1.3 GW of gross power across Core Scientific's portfolio": the whole holding, not one deal's share.
const WHOLE_PORTFOLIO_AFTER = /^\s+(?:[\p{L}-]+\s+){0,4}?across\s+(?:(?:the|its|their|(?:[\p{L}.&-]+\s+)?[\p{L}.&-]+['’]s)\s+)?(?:[\p{L}-]+\s+)?(?:portfolio|fleet|footprint)\b/iu;

export function dealPower(sentence: string, from: number, to: number): PowerMention[] {
  return findPower(sentence).filter((p) => {
    if (p.start < from || p.end > to) return false;
    const before = sentence.slice(Math.max(from, p.start - 50), p.start);
    if (POWER_NEG_BEFORE.test(before) || (FIRST_PART.test(before) && OF_THE_WHOLE.test(sentence.slice(p.end, to)))) return false;
    if (WHOLE_PORTFOLIO_AFTER.test(sentence.slice(p.end, Math.min(to, p.end + 80)))) return false;
    // "a lease on the whole campus, about 1.2 gigawatts": the campus is what the deal covers; "to serve the campus with
    // up to 400 megawatts": what is supplied to it.
    if (POWER_NEG_WIDE.test(before) && !WHOLE_SITE.test(before) && !SUPPLIED_WITH.test(before)) return false;
    return true;
  });
}
