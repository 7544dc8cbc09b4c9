// The kind of a deal: cloud, chips, datacenter, power, fab or investment.
import type { DealKind } from './types.js';
import type { EntityMention } from './gazetteer.js';
import { CHIP_WORDS } from './hardware.js';

const POWER_WORDS = /\b(power purchase|PPAs?|electricity|nuclear|reactors?|energy|megawatt-hours|grid|renewable|solar|wind|geothermal|fusion|gas turbines?|utility)\b/iu;
const FAB_WORDS = /\b(foundry|fab|fabs|wafers?|manufactur\w*|process node|\d\s?nm|18A|14A|packaging|CoWoS)\b/iu;
const CLOUD_WORDS = /\b(cloud|capacity|compute|computing|rent\w*|leas\w*|hours?|instances?|clusters?|infrastructure|inference)\b/iu;
const DATACENTER_WORDS = /\b(data ?cent(?:er|re)s?|campus(?:es)?|sites?|build(?:s|ing)?|construct\w*|facilit(?:y|ies)|stargate)\b/iu;
const OWN_USE = /\b(buy\w*|bought|purchas\w*|spend\w*|its (?:own )?data cent\w*|their (?:own )?data cent\w*|install\w*)\b/iu;
const DC_BUILD = /\b(build|built|building|construct\w*|develop\w*|lease[sd]?|leasing|colocation|powered shells?)\b/iu;
const DC_PLACE = /\b(campus(?:es)?|data ?cent(?:er|re)s?|sites?|facilit(?:y|ies)|(?:\d[\d.,]*-?\s?(?:gigawatt|megawatt|GW|MW)\s+)(?:[\w-]+\s+)?clusters?)\b/iu;
// Lower-case only: "Public Investment Fund" is a name, not a deal word.
const INVESTING = /\b(invest(?:s|ed|ing|ment)?|stake|equity|funding|put(?:s|ting)? (?:money|\$[\d.,]+\s*(?:billion|million|bn|[bm])?) into)\b/u;
const INVESTMENT_WORDS = /\b(invest(?:s|ed|ing|ments?)?|stake|equity|funding|financ\w*|round|valuation|shares in|warrant|put(?:s|ting)? (?:money|\$[\d.,]+\s*(?:billion|million|bn|[bm])?) into)\b/iu;

function firstIndex(re: RegExp, text: string): number {
  const m = re.exec(text);
  return m ? m.index : Number.POSITIVE_INFINITY;
}

// "will invest €1 billion in an industrial AI cloud": money put into one's own project, not a stake.
const OWN_PROJECT = /^\S*\s+(?:(?:about|around|roughly|nearly|up to|more than|over|some|an?|the)\s+)*(?:(?:US)?[$€£¥]?[\d.,]+\s*(?:trillion|billion|million|bn|mn|[tbm])?\s+)?(?:of its own\s+)?in\s+(?:(?:an?|its|their|new)\b|(?:[\p{L}-]+\s+){0,2}?(?:data ?cent\w+|campus\w*|sites|facilities|clusters?|infrastructure|capacity)\b)/iu;

const HYPERSCALER_CHIPS = /^['’]s\s+(?:[\p{Lu}\d][\p{L}\d-]*\s+){0,2}(?:TPUs?|Trainium\w*|Inferentia\w*|Maia\w*|Ironwood|chips?|accelerators?)\b/u;

function ownProject(clause: string): boolean {
  const m = INVESTING.exec(clause);
  return m !== null && OWN_PROJECT.test(clause.slice(m.index));
}

/** The first deal word is an investment (in the provider, not in a project of the investor's own). */
function investsFirst(clause: string): boolean {
  const m = INVESTING.exec(clause);
  if (!m || OWN_PROJECT.test(clause.slice(m.index))) return false;
  return m.index < Math.min(firstIndex(CHIP_WORDS, clause), firstIndex(CLOUD_WORDS, clause));
}

/** Decides the kind from the provider's type and the words of the clause that states the deal. */
export function dealKind(provider: EntityMention, clause: string): DealKind {
  const chips = CHIP_WORDS.test(clause);
  const cloud = CLOUD_WORDS.test(clause);
  switch (provider.type) {
    case 'power':
      // A stake in a reactor developer is an investment; buying its electricity is a power deal.
      if (/\b(invest\w*|stake|equity|funding|round)\b/iu.test(clause) && !/\b(power purchase|PPAs?|electricity|suppl\w+|offtake|buy\w*|purchas\w*)\b/iu.test(clause)) {
        return 'investment';
      }
      return 'power';
    case 'fab':
      // Memory makers run fabs too, but selling memory chips is a chip deal.
      return /\b(memory|HBM\d?\w*|DRAM|NAND)\b/iu.test(clause) ? 'chips' : 'fab';
    case 'chipmaker':
      if (FAB_WORDS.test(clause) && /\b(foundry|fab|manufactur)/iu.test(clause)) return 'fab';
      // "Nvidia intends to invest ... as its systems are deployed": the first deal word decides.
      if (investsFirst(clause)) return 'investment';
      if (chips) return 'chips';
      if (INVESTMENT_WORDS.test(clause) && !cloud) return 'investment';
      if (cloud) return 'cloud';
      // Cerebras and Groq mostly sell inference as a service: their gazetteer kind says so.
      return provider.kind ?? 'chips';
    case 'investor':
      if (INVESTMENT_WORDS.test(clause) && !cloud && !DATACENTER_WORDS.test(clause)) return 'investment';
      if (POWER_WORDS.test(clause) && !cloud) return 'power';
      return provider.kind ?? 'datacenter';
    default: {
      // cloud, neocloud and the hyperscalers
      if (POWER_WORDS.test(clause) && /\b(power purchase|PPAs?|electricity|nuclear|reactors?)\b/iu.test(clause) && !chips) return 'power';
      if (INVESTMENT_WORDS.test(clause) && !cloud && !chips && !ownProject(clause)) return 'investment';
      // "trained on Amazon's Trainium chips": a hyperscaler's own chips, named as its product.
      if (provider.hyperscaler && HYPERSCALER_CHIPS.test(clause.slice(provider.end)) && !/\bcloud\b/iu.test(clause)) return 'chips';
      // "talks about an investment of $10 billion that would also see it use Trainium chips".
      if (provider.hyperscaler && investsFirst(clause)) return 'investment';
      if (provider.kind === 'datacenter' && !chips) return 'datacenter';
      if (!chips && DC_BUILD.test(clause) && DC_PLACE.test(clause)) return 'datacenter';
      // Buying a hyperscaler's chips for one's own data centres is a chip deal; running on them is cloud.
      if (provider.hyperscaler && chips && firstIndex(OWN_USE, clause) < firstIndex(/\b(cloud|capacity|rent\w*)\b/iu, clause)) {
        return 'chips';
      }
      if (!cloud && !chips && DATACENTER_WORDS.test(clause)) return 'datacenter';
      return 'cloud';
    }
  }
}
