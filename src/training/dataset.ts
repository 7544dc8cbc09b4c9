// Labelled corpora → candidate sets with labels: what training fits and evaluation scores. A page is read the
// way the service reads it (main text, headline first), so that the model learns from what it will see.
import { pageInput, pageText } from '../articles/extract-work.js';
import { articleText } from '../extract/article-deals.js';
import { candidateSet, type CandidateSet } from '../extract/pipeline.js';
import type { DealStatus } from '../extract/types.js';
import type { Corpus, GoldDeal } from './corpus.js';
import { pairKey } from './metrics.js';

export interface LabelledArticle {
  corpus: string;
  id: string;
  gold: GoldDeal[];
  set: CandidateSet;
  /** Per candidate: the gold deal it matches, or null. */
  labels: Array<GoldDeal | null>;
  /** Per candidate: whether it is labelled at all (a reviewer labels only the pairs shown to them). */
  labelled?: boolean[];
  /** How much each labelled pair counts in training (reviewers' decisions count more than one corpus pair). */
  weight?: number;
}

export function labelArticle(corpus: string, id: string, html: string, gold: GoldDeal[], published: string | null): LabelledArticle {
  const page = pageText(pageInput(html));
  const full = articleText(page.title, page.text);
  const set = candidateSet(full.text, { title: full.headline, published: page.published ?? published, site: page.site, author: page.author });
  const byKey = new Map(gold.map((d) => [pairKey(d.lab, d.provider), d]));
  const labels = set.candidates.map(({ candidate }) => byKey.get(pairKey(candidate.lab, candidate.provider)) ?? null);
  return { corpus, id, gold, set, labels };
}

export function labelCorpus(corpus: Corpus): LabelledArticle[] {
  return corpus.articles.map((a) => labelArticle(corpus.name, a.id, a.html, a.gold, a.published));
}

/** A pair decision from outside the corpora (a reviewer's): the pair is or is not a deal, with its status. */
export interface PairLabel {
  lab: string;
  provider: string;
  deal: boolean;
  status: DealStatus;
}

/** An article's stored text with a reviewer's pair decisions: only the decided pairs are labelled. */
export function labelDecisions(id: string, title: string | null, text: string, published: string | null, decisions: PairLabel[], weight: number): LabelledArticle {
  const full = articleText(title, text);
  const set = candidateSet(full.text, { title: full.headline, published });
  const byKey = new Map(decisions.map((d) => [pairKey(d.lab, d.provider), d]));
  const gold: GoldDeal[] = decisions
    .filter((d) => d.deal)
    .map((d) => ({ lab: d.lab, provider: d.provider, status: d.status, kind: 'cloud', amount_usd: null, gigawatts: null, hardware: null, evidence: '' }));
  const goldByKey = new Map(gold.map((g) => [pairKey(g.lab, g.provider), g]));
  const keys = set.candidates.map(({ candidate }) => pairKey(candidate.lab, candidate.provider));
  return {
    corpus: 'reviews',
    id,
    gold,
    set,
    labels: keys.map((k) => goldByKey.get(k) ?? null),
    labelled: keys.map((k) => byKey.has(k)),
    weight,
  };
}
