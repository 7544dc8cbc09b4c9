// Who buys and who sells in one clause. Syntax first ("X will supply Y", "Y signed to buy from X",
// passive "supplied by X"), then the supply chain as a prior: a lab buys from a cloud, a cloud from a
// chipmaker, a chipmaker from a fab; a hyperscaler can be either side.
import type { EntityMention, EntityType } from './gazetteer.js';

const RANK: Record<EntityType, number> = {
  lab: 6, cloud: 4, neocloud: 3, investor: 2, chipmaker: 2, fab: 1, power: 1,
};

// A data-centre host (landlord) ranks below the GPU clouds that lease from it.
export const rankOf = (e: EntityMention): number => (e.hyperscaler ? 5 : e.type === 'neocloud' && e.kind === 'datacenter' ? 2.5 : RANK[e.type]);
const isHost = (e: EntityMention): boolean => e.type === 'neocloud' && e.kind === 'datacenter';

export interface Group {
  members: EntityMention[];
  start: number;
  end: number;
  /** "X and Y announced", "the X-Y deal": the members are the two sides of one deal. */
  reciprocal: boolean;
  role: 'buyer' | 'seller' | null;
  /** The group is the grammatical subject of its clause. */
  subject: boolean;
  /** The buyer role comes from "invested ... in X": the investor may be a hyperscaler of equal rank. */
  investee?: boolean;
}

export interface ClausePairs {
  buyers: EntityMention[];
  sellers: EntityMention[];
  /** How the buyer was found: 'syntax' and 'rank' come from the clause, 'carry' from context, 'chain' from a
   * buyer that resells in the same clause (its figures belong to the first link). */
  via: 'syntax' | 'rank' | 'carry' | 'chain';
  /** Sellers that sit in a list with others (an amount in the clause is not theirs alone). */
  listed: Set<string>;
}

const LIST_GAP = /^(?:['’]s)?(?:\s+(?:[\p{Lu}\d][\p{L}\d.+-]*|\p{Ll}+\p{Lu}[\p{L}\d.+-]*)){0,2}\s*(?:,\s*(?:and|or|&|as well as|plus)?|and|or|&|as well as|plus)\s*(?:the\s+)?$/u;
const LIST_GAP_LOWER = /^(?:['’]s)?\s*(?:,\s*(?:and|or|&)?|and|or|&)\s*(?:the\s+)?$/iu;
/** Whether a text may hold a list of names at all: every list gap above needs one of these (a cheap test before clauses). */
export const mayHoldList = (text: string): boolean => /,|&|\b(?:and|or|plus|as well as)\b/iu.test(text);
// "the Nebius-Meta deal", and list items "OpenAI → AMD: 6 GW" (the arrow points from buyer to seller).
const RECIPROCAL_GAP = /^\s*(?:[-–/]|->|→|⟶|<-|←|⟵)\s*$/u;
// "OpenAI and Oracle's $300 billion deal": the two sides of one deal.
const JOINT_POSSESSIVE = /^['’]s\s+(?:[\p{L}\d$.,-]+\s+){0,4}?(?:deal|agreement|contract|pact|partnership|tie-up|arrangement)s?\b/iu;
const CELL_GAP = /^\s*(?:\t|\|)\s*$|^\s{2,}$/u;
const RECIPROCAL_VERB = /^\s*(?:,[^,]{0,60},\s*)?(?:(?:have|has|will|would|on \w+|today|this week|jointly|also|said they|said they had|each)\s+)*(?:announc|sign|agree|struck|strike|ink|unveil|reach|enter|partner|team|form|confirm|expand|finali[sz]|co-develop|co-design|will co-)|^\s*(?:(?:have|has|will|would|on \w+|today|this week|also|said they|said they had|said on \w+ they|said on \w+ they will|said they will)\s+)*jointly\s+(?:build|deploy|develop|design)/iu;
// "A contract ... was signed by X and Y", "a deal between X and Y": the pair are the two sides.
const BOTH_SIDES_BEFORE = /\b(?:(?:signed|agreed|struck|inked|sealed|reached|finali[sz]ed|entered into)\s+by|between)\s+(?:the\s+)?$/iu;
const PARALLEL = /^\s*(?:have|has|had|are|were)?\s*(?:all|both|each)\b/iu;

const PRODUCT_WORDS = String.raw`(?:GPUs?|chips?|systems?|accelerators?|processors?|servers?|racks?|hardware|silicon|superchips?|G?B\d{3}\w*|H\d{3}\w*|Blackwell|Rubin|Hopper|Instinct|MI\d{3}\w*|Grace|Vera|Gaudi|TPUs?|Ironwood|Trainium\w*|tensor processing units?|networking|Ethernet|NVLink|InfiniBand|gear|equipment|parts)\b`;
// "Nvidia GPUs", "AMD's chips", or product names between: "Nvidia GB300 NVL72 systems", "AMD Instinct MI450".
// The names between must be capitalised or model numbers (case-sensitive): "Microsoft buys GPU capacity" is no product.
const PRODUCT_DIRECT = new RegExp(String.raw`^(?:['’]s)?\s+${PRODUCT_WORDS}`, 'iu');
const PRODUCT_NAMED = new RegExp(String.raw`^(?:['’]s)?\s+(?:[\p{Lu}\d][\p{L}\d-]*\s+){1,2}${PRODUCT_WORDS}`, 'u');

const BUYER_BEFORE = new RegExp(
  String.raw`(?:\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|serv(?:e|es|ed|ing)|giv(?:e|es|ing)|gave|sell(?:s|ing)?|sold|deliver(?:s|ed|ing)?|power(?:s|ing)?|host(?:s|ing)?)\s+(?:the\s+)?|\b(?:sell|sold|sells|lease[sd]?|leasing|rent(?:s|ed|ing)?|deliver\w*|provid\w*|suppl\w*|offer\w*)\b(?:(?!\bfrom\b)[^,;]){0,90}\bto\s+(?:the\s+)?|\bcustomers?\s+(?:such as|like|including)\s+|\b(?:revenue|sales)\s+(?:has\s+|have\s+|had\s+)?(?:\w+\s+)?(?:come|comes|came)\s+from\s+|\b(?:wins?|won|lands?|landed|signs up|signed up)\s+)$`,
  'iu',
);
const INVESTEE_BEFORE = /\b(?:invest(?:s|ed|ing|ment)?\b[^,;]{0,40}\bin|stakes?\s+in)\s+(?:the\s+)?$/iu;
const SELLER_BEFORE = /\b(?:from|by|via|through|on|using|uses|use of|tapp(?:ed|ing)|taps?|chose|choos(?:e|es|ing)|select(?:s|ed|ing)?|pick(?:s|ed)?|hire[sd]?)\s+(?:(?:the|its|their|a|an)\s+)?$/iu;
const AUX = String.raw`(?:(?:has|have|had|will|would|is|are|was|were|also|already|each|now|on \w+|today|this week|last week|it|they|itself|themselves|said|agreed to|plans to|expects to|is set to|is to|to|and|reportedly)\s+)*`;
// "leasing to serve OpenAI": a purpose, not the lessee.
const PURPOSE = String.raw`(?:serve|run|power|support|host|train|meet|help|use|deploy|expand|build|handle|speed)\b`;
// "leased more than 200 MW at Lake Mariner to Fluidstack": let to the company after "to", whatever lies between
// (but "leased capacity from X to run…" is the lessee's).
const LET_TO = String.raw`(?:(?!\bfrom\b)[^,;]){0,90}?\bto\b(?!\s+${PURPOSE})`;
const BUYER_AFTER = new RegExp(
  String.raw`^\s*(?:,[^,]{0,60},\s*)?${AUX}(?:buy|bought|purchas|rent(?:s|ed|ing)?\b(?!${LET_TO})|leas(?:e|es|ed|ing)\b(?!${LET_TO})|tap|tapp|us(?:e|es|ed|ing)\b|spend|spent|pay|paid|commit|secur|book|lock|turn(?:s|ed)? to|expand(?:s|ed|ing)? (?:its|their) use|acquir|order|(?:deploy|install)\w*\s+(?:(?:up to|about|some|more than|over|around|roughly|nearly|approximately)\s+)?\d|(?:build|set up)\w*\b[^,;]{0,40}\bwith\s+(?:(?:up to|about|some|more than|over|around|roughly|nearly|approximately)\s+)?\d|(?:take|takes|taking|took)\b(?=[^,;]{0,40}\b(?:capacity|MW|GW|megawatts?|gigawatts?)\b)|one of [\p{L}.&-]+['’]s\s+(?:[\p{L}-]+\s+)?(?:buyers|customers|clients))`,
  'iu',
);
const SELLER_AFTER = new RegExp(
  String.raw`^\s*(?:,[^,]{0,60},\s*)?${AUX}(?:(?:signed|struck|inked|won|reached|has|had|expanded)\s+(?:an?\s+|its\s+|their\s+)?(?:(?!\bwith\b)[^,;]){0,60}?\bto\s+)?(?:suppl|provid|sell|sold|deliver|build|built|host|serve|deploy|co-develop|develop|manufactur|power(?:s|ing)?\b|give|gave|offer|lease[sd]?\b${LET_TO}|rent(?:s|ed)?\b${LET_TO}|make available)`,
  'iu',
);
const SUBJECT_AFTER = /^\s*(?:,[^,]{0,60},\s*)?(?:has|have|had|is|are|was|were|will|would|could|also|already|said|signed|agreed|announced|on \w+|today|\w+ed|\w+s)\b/iu;
const CLAUSE_OPENER = /^\s*(?:(?:and|but|so|meanwhile|separately|also|on \w+|today|this week|last week|earlier|in \w+)\s*,?\s*)*$/iu;

// Consumer products: "Samsung smart TVs", "the Apple TV app" name a company's goods, not a compute party.
const CONSUMER_AFTER = /^(?:['’]s)?\s+(?:(?!(?:for|of|with|to|in|on|at|from|more|the|a|an|and|or|its|their|new|serve|reach)\b)[\p{L}\d+-]+\s+){0,2}?(?:TVs?|TV\+|phones?|smartphones?|apps?|devices?|laptops?|tablets?|watch(?:es)?|browsers?|stores?|speakers?|headsets?|glasses|consoles?|games?|streaming|subscribers?|users?|ads|advertising|search engine|bundles?)\b/iu;
// Named consumer products, as written ("Amazon Prime", "Google Play", "Switch Lite"; "OpenAI's drive" is no product).
const CONSUMER_NAME_AFTER = /^(?:['’]s)?\s+(?:Prime|Play|Music|Video|Photos|Maps|Office|Teams|Xbox|Alexa|Echo|Kindle|Pixel|Android|Chrome|Gmail|Bing|Stadia|Arcade|Fire TV|Ring|Nest|Drive|Docs|YouTube|Instagram|WhatsApp|Messenger|Quest|Ray-Ban|Lite|OLED)\b/u;

/** Mentions of a chipmaker as the maker of the hardware ("Nvidia GB300 chips") rather than as a party. */
export function isProductMention(clause: string, m: EntityMention): boolean {
  const after = clause.slice(m.end);
  if (m.type === 'chipmaker' && CHIP_CAPACITY.test(after)) return true;
  // "Nvidia-based computing capacity": the chips inside someone else's offer.
  if (m.type !== 'lab' && /^-(?:based|powered|equipped|accelerated|built)\b/u.test(after)) return true;
  return m.type !== 'lab' && (PRODUCT_DIRECT.test(after) || PRODUCT_NAMED.test(after));
}
// "rent Nvidia capacity", "an AMD order": a chipmaker's name used for its chips.
const CHIP_CAPACITY = /^\s+(?:[\p{Lu}\d][\p{L}\d-]*\s+)?(?:capacity|compute|clusters?|orders?|supply|allocation)\b/u;

// A lab named as the maker of models someone else serves: "access to models from OpenAI and xAI".
const MODEL_MAKER_BEFORE = /\bmodels?\s+(?:from|by|made by|built by|developed by|of|such as|like|including)\s+(?:(?:[\p{L}.-]+,?\s+(?:and\s+|or\s+)?){0,4})$/iu;

// A company as a stock or a venue: "Shares of Oracle, CoreWeave and Nebius fell", "at Nvidia's GTC conference".
const MARKET_BEFORE = /\b(?:shares|stock|stocks|bonds|notes|debt|credit default swaps|options|investors|shareholders)\s+(?:of|in)\s+(?:the\s+)?$/iu;
const MARKET_AFTER = /^(?:['’]s)?\s+(?:shares|stake|holding|stock|stocks|bonds|notes|market (?:value|cap\w*)|credit|valuation|investors|shareholders|ticker|earnings|results|GTC|conference|summit|keynote|event|developer conference|annual meeting)\b/iu;

/** A group whose first member is named as a stock or an event: the whole list is no party. */
export function isMarketMention(clause: string, m: EntityMention): boolean {
  return MARKET_BEFORE.test(clause.slice(Math.max(0, m.start - 40), m.start)) || MARKET_AFTER.test(clause.slice(m.end));
}

const PEOPLE = String.raw`researchers?|engineers?|employees?|executives?|staff(?:ers)?|veterans?|alumni|scientists?`;
const PEOPLE_AFTER = new RegExp(String.raw`^(?:['’]s)?\s+(?:[\p{L}-]+\s+)?(?:${PEOPLE}|co-?founders?)\b`, 'iu');
const PEOPLE_FROM = new RegExp(String.raw`\b(?:${PEOPLE}|talent|hires?)\s+(?:[\p{L}-]+\s+){0,2}?from\s+(?:the\s+)?$`, 'iu');
// "Samsung Electronics chairman Lee Jae-yong": the company's title for a person named next.
const TITLE_OF_PERSON = /^(?:['’]s)?\s+(?:chair(?:man|woman)?|vice chair(?:man|woman)?|honorary chair(?:man|woman)?)\s+\p{Lu}/u;

/** Mentions of a company as the maker of consumer goods or of models: never a party to a compute deal. */
export function isConsumerProductMention(clause: string, m: EntityMention): boolean {
  if (CONSUMER_AFTER.test(clause.slice(m.end)) || CONSUMER_NAME_AFTER.test(clause.slice(m.end))) return true;
  // "founded by former Google researchers": people who worked there, not the company.
  if (PEOPLE_AFTER.test(clause.slice(m.end)) || TITLE_OF_PERSON.test(clause.slice(m.end))) return true;
  // "hired two researchers from Google DeepMind": where people came from.
  if (PEOPLE_FROM.test(clause.slice(Math.max(0, m.start - 60), m.start))) return true;
  return m.type === 'lab' && MODEL_MAKER_BEFORE.test(clause.slice(Math.max(0, m.start - 80), m.start));
}

const ANSWER_OPENER = /\?["'”’)\]]*\s*(?:A|Answer)\s*[:.]\s*$/u;
const WH_QUESTION = /\b(?:who|which (?:\w+ )?(?:company|companies|firm|firms|provider|providers|supplier|suppliers|vendor|vendors|lab|labs|cloud|clouds|partner|partners|chipmaker|utility))\s+([^?]{1,120})\?/iu;

/** Groups the clause's mentions (offsets relative to the clause) into lists and reads their roles. */
export function buildGroups(clause: string, mentions: EntityMention[]): Group[] {
  const groups: Group[] = [];
  for (const m of mentions) {
    const last = groups[groups.length - 1];
    const gap = last ? clause.slice(last.end, m.start) : '';
    if (last && (RECIPROCAL_GAP.test(gap) && last.members.length === 1)) {
      last.members.push(m);
      last.end = m.end;
      last.reciprocal = true;
      continue;
    }
    if (last && !last.reciprocal && !CELL_GAP.test(gap) && (LIST_GAP.test(gap) || LIST_GAP_LOWER.test(gap))) {
      last.members.push(m);
      last.end = m.end;
      continue;
    }
    groups.push({ members: [m], start: m.start, end: m.end, reciprocal: false, role: null, subject: false });
  }
  for (const g of groups) {
    const before = clause.slice(Math.max(0, g.start - 80), g.start);
    // The answer to "Who supplies the chips? A: Nvidia" does what the question asks about.
    const asked = ANSWER_OPENER.test(before) ? WH_QUESTION.exec(clause.slice(0, g.start))?.[1] : undefined;
    const after = asked !== undefined ? ` ${asked}` : clause.slice(g.end, g.end + 120);
    const joinedByAnd = g.members.length === 2 && /^\s*(?:and|&)\s*$/iu.test(clause.slice(g.members[0].end, g.members[1].start));
    // Another lab than the pair's own (the same lab named again, "its Mistral Compute platform", is no third).
    const thirdLab = groups.some((o) => o !== g && o.members.some((m) => m.type === 'lab' && !g.members.some((x) => x.name === m.name)));
    if (!g.reciprocal && joinedByAnd && !thirdLab && ((RECIPROCAL_VERB.test(after) && !PARALLEL.test(after)) || JOINT_POSSESSIVE.test(after) || BOTH_SIDES_BEFORE.test(before))) {
      g.reciprocal = true;
    }
    // After "with X" the verb that follows belongs to the subject: "A is in talks with X to buy...".
    const objectOfWith = /\bwith\s+(?:the\s+)?$/iu.test(before);
    if (BUYER_BEFORE.test(before) || (!objectOfWith && BUYER_AFTER.test(after))) g.role = 'buyer';
    // "Microsoft, which invested $1.5 billion in G42": the company invested in is the buyer, if it can buy.
    else if (g.members.length === 1 && (g.members[0].type === 'lab' || g.members[0].hyperscaler) && INVESTEE_BEFORE.test(before) && !/^\s*(?:and|&)\b/iu.test(after)) {
      g.role = 'buyer';
      g.investee = true;
    }
    else if (SELLER_BEFORE.test(before) || (!objectOfWith && SELLER_AFTER.test(after))) g.role = 'seller';
    // A lab never sells compute: a seller reading of a lab-only group is a misreading.
    if (g.role === 'seller' && g.members.every((m) => m.type === 'lab')) g.role = null;
    // "lambda has been busy: microsoft is a customer": a colon opens a new statement.
    const opener = clause.slice(0, g.start).replace(/^[^:]*:\s*/u, '');
    g.subject = CLAUSE_OPENER.test(opener) && SUBJECT_AFTER.test(after);
  }
  return groups;
}

export interface ResolveOptions {
  /** The clause has a strong deal word (signed, contract, agreement...). */
  strongCue: boolean;
  /** The lab the previous sentences were about, for clauses that name only providers. */
  carried: EntityMention | null;
  /** The buyers of the previous clause of the same sentence. */
  inherited: EntityMention[];
}

const isBuyerByRank = (e: EntityMention): boolean => e.type === 'lab' || e.hyperscaler;

/** Decides buyers and sellers of one clause (a chain gives two sets); empty when it states no deal. */
export function resolveClause(groups: Group[], opts: ResolveOptions): ClausePairs[] {
  if (groups.length === 0) return [];
  const listed = new Set<string>();
  for (const g of groups) if (g.members.length > 1 && !g.reciprocal) for (const m of g.members) listed.add(m.name);

  const reciprocal = groups.find((g) => g.reciprocal);
  if (reciprocal) {
    const [a, b] = reciprocal.members;
    if (rankOf(a) === rankOf(b)) return [];
    const buyer = rankOf(a) >= rankOf(b) ? a : b;
    const seller = buyer === a ? b : a;
    const sellers = [seller, ...groups.filter((g) => g !== reciprocal).flatMap((g) => g.members).filter((m) => m.type !== 'lab' && rankOf(m) < rankOf(buyer))];
    if (seller.type === 'lab') return [];
    return [{ buyers: [buyer], sellers, via: 'syntax', listed }];
  }

  const explicitBuyer = groups.find((g) => g.role === 'buyer');
  if (explicitBuyer) {
    const buyers = explicitBuyer.members;
    const top = Math.max(...buyers.map(rankOf));
    const sellers = groups
      .filter((g) => g !== explicitBuyer)
      .flatMap((g) =>
        g.members.filter((m) => m.type !== 'lab' && (g.role === 'seller' || rankOf(m) < top || !isBuyerByRank(m) || (g.role === null && rankOf(m) === top && explicitBuyer.investee === true))),
      );
    if (sellers.length > 0) {
      // A chain: "Crusoe builds the campus, which Oracle has leased and will run for OpenAI".
      const labs = groups.filter((g) => g !== explicitBuyer && g.role !== 'seller').flatMap((g) => g.members.filter((m) => m.type === 'lab'));
      const chained = buyers.every((b) => b.type !== 'lab') && labs.length > 0 ? [{ buyers: labs, sellers: buyers, via: 'chain' as const, listed }] : [];
      return [{ buyers, sellers, via: 'syntax', listed }, ...chained];
    }
  }

  const sellerGroups = groups.filter((g) => g.role === 'seller');
  const others = groups.filter((g) => g.role !== 'seller');
  const eligible = (g: Group): boolean =>
    g.members.some((m) => m.type === 'lab') ||
    (g.members.some((m) => m.hyperscaler) && (g.subject || (opts.strongCue && !opts.carried) || sellerGroups.length > 0));
  const candidates = others.filter(eligible).sort((x, y) => Math.max(...y.members.map(rankOf)) - Math.max(...x.members.map(rankOf)));
  let buyerGroup: Group | undefined = candidates[0];
  // A lone hyperscaler in a sentence that points back to the article's lab is that lab's provider:
  // "Google has also invested about $3 billion in the company".
  if (buyerGroup && groups.length === 1 && opts.carried && buyerGroup.members.every((m) => m.type !== 'lab')) buyerGroup = undefined;
  if (buyerGroup) {
    const top = Math.max(...buyerGroup.members.map(rankOf));
    // Facing a seller the syntax names, a list is a list of buyers: "X will supply ..., with Samsung, SK and LG taking ...".
    const buyers = buyerGroup.members.filter((m) => rankOf(m) === top || m.type === 'lab' || (sellerGroups.length > 0 && buyerGroup.members.length > 2));
    const sellers = groups
      .filter((g) => g !== buyerGroup)
      .flatMap((g) => g.members.filter((m) => m.type !== 'lab' && (rankOf(m) < top || g.role === 'seller')));
    return [{ buyers, sellers, via: sellerGroups.length > 0 ? 'syntax' : 'rank', listed }];
  }

  // No lab or hyperscaler: a cloud buying chips or power, a chipmaker buying from a fab. Only with a
  // strong deal word, since providers are named side by side all the time.
  // The same company named twice ("TeraWulf ... the Company") is one side.
  const sides = groups.filter((g, i) => !groups.slice(0, i).some((o) => o.members.every((m) => g.members.some((x) => x.name === m.name))));
  if (sides.length === 2) {
    const [gx, gy] = sides;
    const [x, y] = [gx.members, gy.members];
    const topX = Math.max(...x.map(rankOf));
    const topY = Math.max(...y.map(rankOf));
    const [high, low, highGroup, lowGroup] = topX > topY ? [x, y, gx, gy] : [y, x, gy, gx];
    const buyerTypes = ['cloud', 'neocloud', 'chipmaker', 'investor'];
    // "Oracle signed a lease on the campus from Crusoe": the syntax names the seller, a GPU cloud too.
    const lowOk = low.every((m) => ['chipmaker', 'fab', 'power'].includes(m.type) || isHost(m)) || (lowGroup.role === 'seller' && highGroup.role !== 'seller');
    // A GPU cloud that is the subject of its clause and leases from a host speaks for itself, whatever the
    // lab of the article: "Fluidstack is also building sites for other customers at TeraWulf facilities".
    // So does one that signs for power: "To run it, Caledon has signed a ten-year agreement with Highland Hydro".
    const ownVoice = highGroup.subject && (low.every(isHost) || (opts.strongCue && low.every((m) => m.type === 'power')));
    if (topX !== topY && high.every((m) => buyerTypes.includes(m.type)) && lowOk &&
      ((opts.strongCue && opts.inherited.length === 0 && !opts.carried) || ownVoice)) {
      return [{ buyers: high, sellers: low, via: 'rank', listed }];
    }
  }

  const fallback = opts.inherited.length > 0 ? opts.inherited : opts.carried ? [opts.carried] : [];
  if (fallback.length > 0) {
    // A group that buys ("nvidia itself rents back chips from it") sells nothing to an earlier buyer.
    const sellers = groups.filter((g) => g.role !== 'buyer').flatMap((g) => g.members.filter((m) => m.type !== 'lab'));
    if (sellers.length > 0) return [{ buyers: fallback, sellers, via: 'carry', listed }];
  }
  return [];
}
