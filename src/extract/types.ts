// The contract of deal extraction (read by `lanewatch extract --json` and ../shared/eval/score.mjs).
export const dealStatuses = ['announced', 'existing', 'talks'] as const;
export type DealStatus = (typeof dealStatuses)[number];
export const dealKinds = ['cloud', 'chips', 'datacenter', 'power', 'fab', 'investment'] as const;
export type DealKind = (typeof dealKinds)[number];

export interface ExtractedDeal {
  /** The buyer of compute, canonical organisation name ("Anthropic", "Microsoft"). */
  lab: string;
  /** The seller: cloud, neocloud, chipmaker, fab or power company ("Amazon", "SpaceX"). */
  provider: string;
  status: DealStatus;
  kind: DealKind;
  amount_usd: number | null;
  gigawatts: number | null;
  hardware: string | null;
  /** The sentence that states the deal, exactly as it stands in the text. */
  evidence: string;
  /** Offsets of the evidence in the text given to extractDeals. */
  evidence_start: number;
  evidence_end: number;
  /** 0..1 */
  confidence: number;
}

export interface ArticleMeta {
  title?: string | null;
  /** The site's own name: when it is a company the article names, the company its "we" stands for. */
  site?: string | null;
  /** The organisation the page credits as its author (a company's own release or post): the company its "we" stands for. */
  author?: string | null;
  published?: string | Date | null;
  url?: string | null;
}
