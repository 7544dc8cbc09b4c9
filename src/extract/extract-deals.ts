// Text → compute deals. Sentences that name no organisation or no deal word are skipped before any
// NLP; the rest are split into clauses, their parties grouped and given roles, and each (buyer,
// seller) pair becomes a mention with its status, kind, amount, power, hardware and evidence. The
// mentions of one pair are merged into one deal per article.
import type { ArticleMeta, ExtractedDeal } from './types.js';
import { defaultGazetteer, type EntityMention, type Gazetteer } from './gazetteer.js';
import type { Sentence } from './sentences.js';
import { analyseText, normTitle, type TextAnalysis } from './analyse.js';
import { shift, splitClauses, type Clause } from './clauses.js';
import { buildGroups, isConsumerProductMention, isMarketMention, isProductMention, resolveClause, type ClausePairs } from './roles.js';
import { ACQUIRES_COMPANY, hasDealCue, HIRES, NEGATED_CUE, OFF_TOPIC_CUE, STRONG_CUE } from './cues.js';
import { dealStatus } from './status.js';
import { dealKind } from './kind.js';
import { findAllHardware, findHardware } from './hardware.js';
import { dealMoney, dealPower } from './amounts.js';
import { findDescribedOrganisations, findUnknownOrganisations } from './parties.js';
import { findMoney, parseUsd, type MoneyMention } from './money.js';
import { cellsOf, tableHeader, tableRowDeal, type TableColumns } from './tables.js';
import { NAMED_DEAL, PRONOUN_DEAL, REFERS_BACK, THE_DEAL, THE_PARTIES, THE_PROVIDER } from './context.js';
import { mergeMentions, mergeWithinSentence, type Denial, type Mention } from './merge.js';


export interface ExtractOptions {
  gazetteer?: Gazetteer;
}

/** The rule stage alone, from raw text: a candidate generator and a feature of the trained scorer. */
export function ruleDeals(text: string, meta: ArticleMeta = {}, options: ExtractOptions = {}): ExtractedDeal[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return ruleDealsOf(analyseText(text, meta, options.gazetteer ?? defaultGazetteer()));
}

/** The rules over an analysed text: every (buyer, seller) pair they read as a deal, one per pair. */
export function ruleDealsOf(analysis: TextAnalysis): ExtractedDeal[] {
  const { sentences, known: knownBySentence, mainLab, year, title, gazetteer } = analysis;
  const mentions: Mention[] = [];
  const denials: Denial[] = [];
  // The lab the text was last about, per block and overall, for sentences that name only providers.
  let blockLab: { block: number; lab: EntityMention; sentence: number } | null = null;
  let order = 0;
  let previous: { block: number; sentence: number; deal: Mention } | null = null;

  let table: { columns: TableColumns; block: number } | null = null;
  sentences.forEach((sentence, sentenceIndex) => {
    const headline = title !== null && sentence.block === 0 && normTitle(sentence.text) === title;
    if (sentence.fragment) {
      const columns = tableHeader(sentence.text);
      if (columns) {
        table = { columns, block: sentence.block };
        return;
      }
      if (table && sentence.block === table.block + 1 && cellsOf(sentence.text).length > 1) {
        table.block = sentence.block;
        const row = tableRowDeal(sentence, table.columns, gazetteer, year);
        if (row) mentions.push({ ...row, order: order++, headline: false });
        return;
      }
    }
    table = null;
    let known = knownBySentence[sentenceIndex];
    // "the lab also signed with fjordcloud, a small gpu provider": no known name, a new one introduced
    // as what it is, in a sentence that points back to the article's lab.
    if (known.length === 0 && mainLab && STRONG_CUE.test(sentence.text) && REFERS_BACK.test(sentence.text) && !OFF_TOPIC_CUE.test(sentence.text)) {
      known = findDescribedOrganisations(sentence.text).filter((e) => e.type !== 'lab');
    }
    const context =
      blockLab && blockLab.block === sentence.block && sentenceIndex - blockLab.sentence <= 3
        ? blockLab.lab
        : mainLab && !known.some((e) => e.type === 'lab') && known.length > 0 && STRONG_CUE.test(sentence.text) &&
            (REFERS_BACK.test(sentence.text) || (known.every((e) => e.name === known[0].name) && NAMED_DEAL.test(sentence.text)))
          ? mainLab
          : mainLab && known.length > 0 && known.every((e) => e.type === 'fab') && MADE_BY.test(sentence.text)
            ? mainLab
            : null;
    // Tested only when a lab would be carried: the pattern is costly to run on every sentence.
    const carried = context && !UNNAMED_BUYER.test(sentence.text) ? context : null;
    let produced = 0;
    if ((known.length > 0 || (carried && STRONG_CUE.test(sentence.text))) && hasDealCue(sentence.text, sentence.fragment) && !OFF_TOPIC_CUE.test(sentence.text) && !hiresPeople(sentence.text, known)) {
      for (const found of readSentence(sentence, known, carried, denials, year)) {
        mentions.push({ ...found, order: order++, headline });
        produced++;
      }
    }
    // "X signed with Y. The deal is valued at $2 billion.": the figures of the next sentence.
    // Also the first sentence of the next paragraph. A sentence that names no organisation and opens
    // on the deal carries no other deal: any amount in it not ruled out (capex, stock, totals) counts.
    // Up to two sentences on: "... announced a $50 billion plan. The first sites open in 2026. Together
    // they will draw well over a gigawatt." A sentence between that names an organisation ends the run.
    const gap = previous ? sentenceIndex - previous.sentence : 0;
    const followUp = produced === 0 && previous && gap >= 1 && gap <= 2 && followsUp(sentence, previous.block, gap);
    if (followUp && previous && (THE_DEAL.test(sentence.text) || THE_PROVIDER.test(sentence.text) || THE_PARTIES.test(sentence.text))) {
      const deal = previous.deal;
      // "total planned capacity becomes 7 gigawatts, and investment exceeds $400 billion": a programme's totals.
      const lenient = known.length === 0 && THE_DEAL.test(sentence.text) && !TOTALS.test(sentence.text);
      deal.amount_usd ??= dealMoney(sentence.text, 0, sentence.text.length, lenient)[0]?.usd ?? null;
      deal.gigawatts ??= dealPower(sentence.text, 0, sentence.text.length)[0]?.gw ?? null;
    }
    previous =
      produced === 1
        ? { block: sentence.block, sentence: sentenceIndex, deal: mentions[mentions.length - 1] }
        : produced === 0 && gap === 1 && known.length === 0 && !sentence.fragment
          ? previous
          : null;
    const labs = known.filter((e) => e.type === 'lab');
    if (labs.length > 0) blockLab = { block: sentence.block, lab: labs[labs.length - 1], sentence: sentenceIndex };
  });
  return mergeMentions(dropProductHeadlines(mentions, sentences, knownBySentence, title), denials);
}

/**
 * "Reflection AI turns to Vultr and AMD" over a body where AMD only makes Vultr's chips ("AMD Instinct
 * MI355X GPUs"): a headline pair whose provider the body names only as a chip's maker is no deal.
 */
function dropProductHeadlines(mentions: Mention[], sentences: Sentence[], known: EntityMention[][], title: string | null): Mention[] {
  const headlineOnly = mentions.filter((m) => m.headline && !mentions.some((o) => !o.headline && o.lab === m.lab && o.provider === m.provider));
  if (headlineOnly.length === 0) return mentions;
  const asProduct = new Set<string>();
  const asParty = new Set<string>();
  sentences.forEach((s, i) => {
    if (title !== null && s.block === 0 && normTitle(s.text) === title) return;
    for (const e of known[i]) (isProductMention(s.text, e) ? asProduct : asParty).add(e.name);
  });
  return mentions.filter((m) => !headlineOnly.includes(m) || !asProduct.has(m.provider) || asParty.has(m.provider));
}

// "The X2 chip will be produced by TSMC": a foundry makes chips for someone; naming no designer, the article's lab.
const MADE_BY = /\b(?:chips?|processors?|accelerators?|silicon|wafers?)\b[^.;]{0,60}\b(?:made|manufactured|produced|fabricated|fabbed)\s+by\b/iu;

const TOTALS = /\b(?:total|overall|combined|in all|altogether|aggregate)\b/iu;

const OWN_FIGURE = /^\s*\(\s*(?:about\s+|approximately\s+|roughly\s+|~\s*)?((?:US)?\$[\d.,]+\s?(?:trillion|billion|million|tn|bn|mn|[tbm])?)\s*\)/iu;

// A fronted phrase that sets the scene for the clause after it: "Per the agreement, ", "Under the deal, ".
const FRONTED = /^(?:per|under|as part of|in|with|through|by|according to|as)\b[^,]{0,60},\s*$/iu;

function hiresPeople(text: string, known: EntityMention[]): boolean {
  for (const m of text.matchAll(HIRES)) {
    const at = m.index + m[0].length;
    if (!known.some((e) => e.start === at || (e.start > at && /^the\s+$/iu.test(text.slice(at, e.start))))) return true;
  }
  return false;
}

/** The sentence is the next one of the deal's paragraph, or opens the next paragraph. */
function followsUp(sentence: Sentence, block: number, gap: number): boolean {
  return sentence.block === block || (sentence.block === block + 1 && sentence.indexInBlock < gap && !sentence.fragment);
}

// "pays OpenAI about $3 billion a year to use its enterprise software": a lab's software, not compute.
const SOFTWARE_USE = /\b(?:to use|using|licen[cs]e|licen[cs]ing)\s+(?:its|their)\s+(?:[\p{L}-]+\s+)?(?:software|models?|tools|apps?|products)\b/iu;
const NON_COMPUTE = /\b(?:provid|suppl|offer|deliver|handl)\w*\s+(?:[\p{L}-]+\s+){0,2}?(?:networking|financing|financial|backstops?|guarantees?|loans?|credit|support|software|consulting|advice|marketing|legal|security)\b/iu;
const COMPUTE_WORDS = /\b(?:capacity|compute|computing|chips?|GPUs?|TPUs?|servers?|power|electricity|data ?cent\w+|cloud|clusters?|accelerators?|systems|megawatts?|gigawatts?|[GM]W)\b/iu;

// "will buy 18,000 of Nvidia's GB300 chips": the maker of the chips bought is the seller.
const BOUGHT_PRODUCT = /\b(?:buy|buys|buying|bought|purchas\w*|order\w*|acquir\w*)\s+(?:(?:up to|about|some|more than|over|another|an additional|roughly|nearly|approximately)\s+)?(?:(?:US)?\$?[\d,.]+\s*(?:million\s+|thousand\s+|billion\s+|[mb]n?\s+)?(?:worth\s+)?(?:of\s+)?)?(?:the\s+|its\s+)?$/iu;

// "Telekom will install up to 10,000 Nvidia GPUs", "will each build AI factories with 50,000 Nvidia GPUs": a
// counted number of a maker's chips put into one's own sites is bought from that maker.
const DEPLOYED_PRODUCT = /\b(?:deploy\w*|install\w*|(?:build\w*|set up)\b[^.;]{0,40}\bwith)\s+(?:(?:up to|about|some|more than|over|another|an additional|roughly|nearly|approximately|around)\s+)?\d[\d,.]*\s*(?:thousand\s+|million\s+)?$/iu;

const USES_BEFORE = /\b(?:on|use|uses|using|used|rent\w*|lease\w*|spend\w*(?:\s+[^.;]{0,40})?\s+on|access to)\s+(?:[^.;,]{0,50}\s(?:and|or)\s+)?$/iu;
// "trained on about 2,000 Nvidia H800 GPUs": the count of a maker's chips a model ran on says nothing of who sold them.
const ACCESS_BEFORE = /\b(?:access to|run\w*\s+(?:[\p{L}-]+\s+){0,3}?on|train\w*\s+(?:[\p{L}-]+\s+){0,3}?on)\s+(?:(?:about|some|roughly|around|nearly|just|only|over|more than|fewer than|up to)\s+)?(?:\d[\d,.]*\s+(?:thousand\s+|million\s+)?)?$/iu;
// "counts Nvidia as a shareholder": an owner, not a party to a compute deal.
const AS_OWNER_AFTER = /^\s+(?:as|is|was|remains)\s+(?:a|an|its|their|one of its|one of their)\s+(?:[\p{L}-]+\s+)?(?:shareholders?|stockholders?|owners?)\b/iu;
// "The Meta contract is much smaller than the Microsoft one": a deal named only to compare with.
const COMPARED_BEFORE = /\b(?:than|as)\s+(?:the|its|their)\s+$/iu;
// "could put Nvidia in competition with the neoclouds it supplies, such as CoreWeave": rivals, not customers.
const RIVAL_BEFORE = /\b(?:in competition with|compet(?:e|es|ed|ing) (?:with|against)|rivals? (?:such as|like|including))\b[^.;:]{0,60}$/iu;
const COMPARED_AFTER = /^(?:['’]s)?\s+(?:one|deal|contract|agreement|pact)s?\b/iu;
// "cutting reliance on Microsoft": the company named is the one being left, by someone else.
const RELIANCE = /\b(?:cut\w*|reduc\w*|lessen\w*|eas\w*|lower\w*|end\w*)\s+(?:its\s+|their\s+)?(?:reliance|dependence|dependency)\s+on\b/iu;
// "with Nvidia among the investors", "bought by a group including Nvidia, Blue Owl and Dell": a backer, no provider.
const INVESTOR_AFTER = /^\s+(?:(?:was|were|is|are)\s+)?(?:among|one of)\s+(?:the|its|their)\s+(?:[\p{L}-]+\s+)?(?:investors|backers|lenders|shareholders|funders)\b/iu;
const INVESTOR_BEFORE = /\b(?:investors|backers|lenders|shareholders|a group|a consortium|a syndicate)\s+(?:including|such as|like|led by|that included)\s+(?:[\p{L}\p{N}.&'’-]+(?:\s+[\p{L}\p{N}.&'’-]+)?,?\s+(?:and\s+)?){0,5}$/iu;
const investorNamed = (text: string, e: EntityMention): boolean =>
  INVESTOR_AFTER.test(text.slice(e.end, e.end + 60)) || INVESTOR_BEFORE.test(text.slice(Math.max(0, e.start - 120), e.start));

// "backstopped by Google", "financed by Blackstone": money behind the deal, not compute.
const FINANCIER_BEFORE = /\b(?:(?:backstop(?:ped)?|backed|guaranteed|underwritten|financed|insured|funded)\s+(?:in part\s+|partly\s+)?by|(?:financial\s+)?(?:backstop|guarantee|financing|loan)\s+from)\s+(?:the\s+)?$/iu;
// "Google will backstop $1.4 billion of Fluidstack's lease obligations ..., and in return receives warrants":
// credit support, and what is got in return for it, is finance, not compute.
const CREDIT_SUPPORT = /\b(?:backstop(?:s|ped|ping)?|guarantee(?:s|d|ing)?|guarantors?|underwrit(?:e|es|ing|ten)|credit support)\b/iu;
const FINANCED_BY = /\b(?:backstop(?:ped)?|guaranteed|underwritten|financed|insured|funded)\s+(?:in part\s+|partly\s+)?by\b/iu;
// "a fifth XPU customer had placed a $1 billion order", "an expansion with our largest customer": an unnamed
// buyer is not the article's lab; nor is "has been winning large AI contracts", a run of deals with buyers unnamed.
const UNNAMED_BUYER = /\b(?:an?|another|one|a (?:new|fifth|fourth|third|second|sixth))\s+(?:unnamed\s+|undisclosed\s+|mystery\s+|unidentified\s+)?(?:[\p{L}-]+\s+)?(?:customer|client|buyer)\b(?!\s+of\b)(?![^.;]{0,40}\b(?:is|was)\b)|\b(?:our|its|their)\s+(?:largest|biggest|second[- ]largest|top|main)\s+(?:customer|client|tenant)\b(?!\s*[,(:–—-])|\bwithout (?:identifying|naming)\b|\bno (?:tenant|customer|client|buyer)s?\s+(?:has been |have been |was |were |is |are )?(?:named|announced|disclosed|signed|identified)\b|\b(?:unnamed|undisclosed|unidentified) (?:customer|client|buyer|lab)\b|\b(?:winning|landing|signing)\s+(?:(?:large|big|major|new|more|several|many|multiple)\s+)*(?:[\p{L}-]+\s+){0,2}?(?:contracts|deals)\b(?!\s+(?:from|with)\b)/iu;

// After "acquire X": the company itself ("for $9 billion", "'s assets"), not its chips ("X's TPUs").
const COMPANY_ITSELF = /^(?:['’]s\s+(?:assets|business|operations|stake|shares|unit|division)\b|\s*(?:for|in|at|from|,|;|\.|$)|\s+(?:for|in|at|from)\b)/iu;

export function mergeUnknown(sentence: Sentence, known: EntityMention[]): EntityMention[] {
  // Both sides already known: nothing to look for (and no NLP to pay for).
  const buyerKnown = known.some((e) => e.type === 'lab' || e.hyperscaler);
  // "to supply Cohere with dedicated Nvidia B200 capacity": the chips' maker is not the seller named.
  const sellerKnown = known.some((e) => e.type !== 'lab' && !e.hyperscaler && !isProductMention(sentence.text, e));
  if (buyerKnown && sellerKnown) return known;
  const unknown = findUnknownOrganisations(sentence.text, known);
  if (unknown.length === 0) return known;
  return [...known, ...unknown].sort((a, b) => a.start - b.start);
}

// The pipeline reads a text twice, the second time with the organisations discovery found added (pipeline.ts). A
// sentence where discovery added none keeps its organisations' list, and its reading is the same: kept here, by that
// list and the lab carried into the sentence, with the denials it noted.
const readings = new WeakMap<EntityMention[], Map<EntityMention | null, { deals: ExtractedDeal[]; denials: Denial[] }>>();

function readSentence(sentence: Sentence, known: EntityMention[], carried: EntityMention | null, denials: Denial[], year: number | null): ExtractedDeal[] {
  let byCarried = readings.get(known);
  const kept = byCarried?.get(carried);
  if (kept) {
    denials.push(...kept.denials);
    return kept.deals;
  }
  const noted: Denial[] = [];
  const deals = sentenceMentions(sentence, mergeUnknown(sentence, known), carried, noted, year);
  denials.push(...noted);
  if (!byCarried) {
    byCarried = new Map();
    readings.set(known, byCarried);
  }
  byCarried.set(carried, { deals, denials: noted });
  return deals;
}

function sentenceMentions(
  sentence: Sentence,
  entities: EntityMention[],
  carried: EntityMention | null,
  denials: Denial[],
  year: number | null,
): ExtractedDeal[] {
  const text = sentence.text;
  if (CREDIT_SUPPORT.test(text) && !COMPUTE_WORDS.test(text)) return [];
  const clauses = splitClauses(text, entities);
  const inClause = (c: Clause): EntityMention[] => entities.filter((e) => e.start >= c.start && e.end <= c.end);
  const loose = clauses.filter((c) => inClause(c).length === 0).map((c) => c.text);
  // Hardware makers named as the maker of the chips ("Nvidia GB300") are not parties when another
  // provider is, or when the same company is also named as a party.
  // A hyperscaler's own chips used by a lab ("trained on Amazon's Trainium chips") come only from it:
  // it stays a party. A chipmaker's systems one gets access to or runs on come through someone else.
  const before = (e: EntityMention): string => text.slice(Math.max(0, e.start - 40), e.start);
  const products = entities.filter((e) => isProductMention(text, e) && !(e.hyperscaler && USES_BEFORE.test(before(e))));
  const usedOnly = (p: EntityMention): boolean => p.type === 'chipmaker' && ACCESS_BEFORE.test(before(p));
  const parties = entities.filter((e) => !products.includes(e));
  // A hyperscaler is a seller beside a lab, a buyer alone ("Humain will buy Nvidia's GB300 chips").
  const otherSeller = parties.some((e) => e.type !== 'lab' && !e.hyperscaler) || (parties.some((e) => e.type === 'lab') && parties.some((e) => e.hyperscaler));
  // ...unless it is the maker of what is bought: "Crusoe will buy $400 million worth of AMD Instinct GPUs".
  const bought = (p: EntityMention): boolean => {
    const others = parties.filter((e) => e.name !== p.name);
    const before = text.slice(Math.max(0, p.start - 60), p.start);
    if (new Set(others.map((e) => e.name)).size === 1 && (BOUGHT_PRODUCT.test(before) || DEPLOYED_PRODUCT.test(before))) return true;
    // A list of buyers before the verb: "A, B and C will each build AI factories with 50,000 Nvidia GPUs".
    const last = others[others.length - 1];
    return others.length > 1 && others.every((e) => e.end <= p.start) && DEPLOYED_PRODUCT.test(before) &&
      !/\b(?:for|to|from|at|by)\b/iu.test(text.slice(last.end, p.start));
  };
  const dropped = new Set<EntityMention>(
    products.filter((p) => !bought(p) && (otherSeller || usedOnly(p) || parties.some((e) => e.name === p.name || e.type !== 'lab'))),
  );
  for (const e of entities) {
    if (isConsumerProductMention(text, e) || AS_OWNER_AFTER.test(text.slice(e.end, e.end + 60))) dropped.add(e);
    else if (RIVAL_BEFORE.test(text.slice(Math.max(0, e.start - 80), e.start))) dropped.add(e);
    else if (COMPARED_BEFORE.test(text.slice(Math.max(0, e.start - 20), e.start)) && COMPARED_AFTER.test(text.slice(e.end, e.end + 30))) dropped.add(e);
  }
  const out: ExtractedDeal[] = [];
  const earlierParties = new Set<string>();
  let inherited: EntityMention[] = [];

  // "Per the agreement, Fluidstack will operate ...": an opening clause without parties lends its deal word.
  let opening = '';
  // The seller of the sentence's last deal: "it" in a later clause ("lambda has been busy: microsoft is
  // a customer, and nvidia itself rents back chips from it").
  let lastSeller: EntityMention | null = null;
  for (const clause of clauses) {
    const local = inClause(clause).filter((e) => !dropped.has(e)).map((e) => shift(e, clause.start));
    if (lastSeller && local.length > 0) {
      const antecedent = objectPronoun(clause.text, local, lastSeller);
      if (antecedent) local.push(antecedent);
      local.sort((a, b) => a.start - b.start);
    }
    // "lambda's largest contract; its microsoft deal is bigger": "its" is the company named before, and
    // the clause then names both sides itself.
    let clauseCarried = carried;
    const owner = possessiveOwner(clause, local, entities.filter((e) => e.end <= clause.start && !dropped.has(e) && e.type !== 'lab'));
    if (owner) {
      local.push(owner);
      local.sort((a, b) => a.start - b.start);
      clauseCarried = null;
    }
    if (local.length === 0) {
      if (inClause(clause).length === 0 && FRONTED.test(clause.text)) opening += clause.text;
      continue;
    }
    // A table row or headline states its deal word anywhere in the line.
    const cue = sentence.fragment ? text : `${opening}${clause.text}`;
    opening = '';
    // A clause that only goes on about parties of an earlier clause shares its deal word:
    // "CoreWeave will supply Poolside with ..., and Poolside will take up to 2 gigawatts at CoreWeave's campus".
    const continues = local.length > 1 && local.every((e) => earlierParties.has(e.name));
    // "Cisco and SoftBank will provide networking and financing support": no compute changes hands.
    if ((NON_COMPUTE.test(clause.text) || SOFTWARE_USE.test(clause.text)) && !COMPUTE_WORDS.test(clause.text)) continue;
    if (RELIANCE.test(clause.text) || (FINANCED_BY.test(clause.text) && !COMPUTE_WORDS.test(clause.text))) continue;
    if (!continues && !hasDealCue(cue, sentence.fragment)) {
      const labs = local.filter((e) => e.type === 'lab');
      if (labs.length > 0) inherited = labs;
      continue;
    }
    // A stock is no party, unless the clause goes on to say what the company did: "Oracle shares rose
    // after it signed a contract with Meta".
    const selfAction = PRONOUN_DEAL.test(clause.text);
    const groups = buildGroups(clause.text, local).filter((g) => selfAction || !isMarketMention(clause.text, g.members[0]));
    const resolved = resolveClause(groups, { strongCue: STRONG_CUE.test(cue), carried: clauseCarried, inherited });
    if (resolved.length === 0) continue;
    inherited = resolved[0].buyers;
    for (const set of resolved) {
      for (const e of [...set.buyers, ...set.sellers]) earlierParties.add(e.name);
      if (set.sellers.length === 1) lastSeller = set.sellers[0];
      if (set.sellers.length === 0) continue;
      const deals = clauseDeals(sentence, clause, clauses.filter((c) => inClause(c).length > 0), set, loose, resolved.length > 1, denials, year);
      // "its microsoft deal is bigger": a deal referred to as the company's own already exists.
      out.push(...(owner ? deals.map((d) => (d.status === 'announced' ? { ...d, status: 'existing' as const } : d)) : deals));
    }
  }
  return mergeWithinSentence(out);
}

const OBJECT_PRONOUN = /\b(?:from|with|at|through|via|on)\s+(it|them)\b(?!\s+(?:to|is|was|will)\b)/iu;

/** "rents back chips from it": the pronoun stands for the earlier seller, as a mention at its place. */
function objectPronoun(clause: string, local: EntityMention[], seller: EntityMention): EntityMention | null {
  if (local.some((e) => e.name === seller.name)) return null;
  const m = OBJECT_PRONOUN.exec(clause);
  if (!m) return null;
  const start = m.index + m[0].length - m[1].length;
  if (local.some((e) => e.end > start)) return null;
  return { ...seller, start, end: start + m[1].length, surface: m[1] };
}

const POSSESSIVE_BEFORE = /\b(?:its|their)\s+$/iu;
const DEAL_NOUN_AFTER = /^\s+(?:[\p{L}-]+\s+)?(?:deal|contract|agreement|partnership|pact|lane|relationship|commitment)s?\b/iu;

/** "its microsoft deal": a company's deal, "its" standing for the last provider named earlier in the sentence. */
function possessiveOwner(clause: Clause, local: EntityMention[], earlier: EntityMention[]): EntityMention | null {
  const owner = earlier[earlier.length - 1];
  if (!owner || local.length !== 1 || local[0].name === owner.name) return null;
  const e = local[0];
  const m = POSSESSIVE_BEFORE.exec(clause.text.slice(0, e.start));
  if (!m || !DEAL_NOUN_AFTER.test(clause.text.slice(e.end))) return null;
  const start = m.index;
  return { ...owner, start, end: start + m[0].trimEnd().length, surface: m[0].trimEnd() };
}

function clauseDeals(
  sentence: Sentence,
  clause: Clause,
  partyClauses: Clause[],
  resolved: ClausePairs,
  loose: string[],
  chained: boolean,
  denials: Denial[],
  year: number | null,
): ExtractedDeal[] {
  const text = sentence.text;
  const status = dealStatus(clause.text, loose, text, year);
  const sellers = dedupe(resolved.sellers).filter(
    (s) => !FINANCIER_BEFORE.test(clause.text.slice(Math.max(0, s.start - 40), s.start)) && !investorNamed(clause.text, s),
  );
  const buyers = dedupe(resolved.buyers);
  if (status === 'denied') {
    for (const b of buyers) for (const s of sellers) denials.push({ lab: b.name, provider: s.name });
    return [];
  }
  if (status === 'hypothetical') return [];
  const single = sellers.length === 1 && buyers.length === 1 && !chained;
  // Amount and power: in the clause of the pair first, else (one pair only) anywhere in the sentence.
  let money = dealMoney(text, clause.start, clause.end, sentence.fragment);
  let power = dealPower(text, clause.start, clause.end);
  if (single && money.length === 0) money = dealMoney(text, 0, text.length, sentence.fragment).filter((m) => !inOtherPartyClause(partyClauses, m.start, clause));
  if (single && power.length === 0) power = dealPower(text, 0, text.length).filter((p) => !inOtherPartyClause(partyClauses, p.start, clause));
  // A standing lane's size is its running total: "CoreWeave contracts with OpenAI now total $22.4 billion".
  if (single && money.length === 0 && status === 'existing') money = laneTotal(clause.text).map((m) => ({ ...m, start: m.start + clause.start, end: m.end + clause.start }));
  const deals: ExtractedDeal[] = [];
  for (const buyer of buyers) {
    for (const seller of sellers) {
      if (buyer.name === seller.name || negated(clause.text, seller)) continue;
      // The company bought, on either side, is no party: "Google has bought CloudSimple, a startup".
      const ownParties = resolved.via === 'carry' ? [seller] : [seller, buyer];
      if (ownParties.some((e) => ACQUIRES_COMPANY.test(clause.text.slice(Math.max(0, e.start - 40), e.start)) && COMPANY_ITSELF.test(clause.text.slice(e.end)))) {
        continue;
      }
      const alone = resolved.via !== 'chain' && (single || (!resolved.listed.has(seller.name) && sellers.length === 1));
      const hardware = nearestHardware(clause.text, seller) ?? (single ? loose.map(findHardware).find((h) => h !== null) ?? null : null);
      // "Oracle ($300bn), Microsoft ($250bn)": a figure in brackets right after a listed seller is its own.
      const bracketed = OWN_FIGURE.exec(clause.text.slice(seller.end, seller.end + 40))?.[1];
      const amount = alone && money.length > 0 ? money[0].usd : bracketed !== undefined ? parseUsd(bracketed) : null;
      const gigawatts = alone && power.length > 0 ? power[0].gw : null;
      const kind = resolved.via === 'chain' ? (seller.kind ?? (seller.type === 'power' ? 'power' : 'cloud')) : dealKind(seller, clause.text);
      // "Microsoft and Nvidia are putting money into Anthropic": a stake told with no figure at all has no
      // terms to track (an investment round's size, "$2 billion round", is a figure).
      if (kind === 'investment' && findMoney(text).length === 0) continue;
      let confidence = resolved.via === 'carry' || resolved.via === 'chain' ? 0.55 : resolved.via === 'rank' ? 0.7 : 0.8;
      if (amount !== null || gigawatts !== null) confidence += 0.1;
      if (sentence.fragment) confidence -= 0.1;
      if (status === 'talks') confidence -= 0.05;
      if (buyer.unknown || seller.unknown) confidence -= 0.2;
      deals.push({
        lab: buyer.name,
        provider: seller.name,
        status,
        kind,
        amount_usd: amount,
        gigawatts,
        hardware,
        evidence: text,
        evidence_start: sentence.start,
        evidence_end: sentence.end,
        confidence: Math.round(Math.min(0.95, Math.max(0.1, confidence)) * 100) / 100,
      });
    }
  }
  return deals;
}

const NOW_TOTAL = /\b(?:now|currently)\s+total(?:s|ling|ing)?\s+(?:about\s+|roughly\s+|some\s+|around\s+|approximately\s+|nearly\s+|almost\s+|more than\s+|over\s+)?$/iu;

function laneTotal(clause: string): MoneyMention[] {
  return findMoney(clause).filter((m) => m.usd !== null && NOW_TOTAL.test(clause.slice(Math.max(0, m.start - 40), m.start)));
}

/** "cannot legally buy Nvidia's most advanced parts" (but "... and would instead rent from Nebius" stands). */
function negated(clause: string, seller: EntityMention): boolean {
  for (const m of clause.matchAll(NEGATED_CUE)) {
    const end = m.index + m[0].length;
    if (end <= seller.start && seller.start - end <= 40 && !/\b(?:and|but|instead|so)\b/iu.test(clause.slice(end, seller.start))) return true;
    if (m.index >= seller.end && m.index - seller.end <= 20 && /^\s*(?:said\s+)?(?:it|they)?\s*$/iu.test(clause.slice(seller.end, m.index))) return true;
  }
  return false;
}

// An amount in another clause that names its own parties belongs to them, not to this pair.
function inOtherPartyClause(partyClauses: Clause[], at: number, own: Clause): boolean {
  const c = partyClauses.find((x) => at >= x.start && at < x.end);
  return c !== undefined && c !== own;
}

/** The chip named closest after the seller ("aws trainium ... gcp tpu"), else the closest before it. */
function nearestHardware(clause: string, seller: EntityMention): string | null {
  const all = findAllHardware(clause);
  if (all.length === 0) return null;
  // Model numbers (MI450, GB200) beat family names (Instinct, Blackwell), then the nearest wins.
  const distance = (h: { index: number; specific: boolean }): number =>
    (h.specific ? 0 : 10_000) + (h.index >= seller.start ? h.index - seller.start : (seller.start - h.index) * 2);
  return [...all].sort((a, b) => distance(a) - distance(b))[0].name;
}

function dedupe(list: EntityMention[]): EntityMention[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.name) ? false : (seen.add(e.name), true)));
}
