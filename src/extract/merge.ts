// One deal per (lab, provider) per article, from the mentions of each pair.
import type { DealStatus, ExtractedDeal } from './types.js';

export interface Mention extends ExtractedDeal {
  order: number;
  headline: boolean;
}

/** A pair the text denies or calls off: kept aside to void weaker mentions of the same pair. */
export interface Denial {
  lab: string;
  provider: string;
}

const STATUS_RANK: Record<DealStatus, number> = { announced: 3, talks: 2, existing: 1 };

/** The same pair twice in one sentence is one statement: the first reading, its gaps filled by the later. */
export function mergeWithinSentence(deals: ExtractedDeal[]): ExtractedDeal[] {
  const byPair = new Map<string, ExtractedDeal>();
  for (const d of deals) {
    const key = `${d.lab}\u0000${d.provider}`;
    const first = byPair.get(key);
    if (!first) {
      byPair.set(key, { ...d });
      continue;
    }
    first.amount_usd ??= d.amount_usd;
    first.gigawatts ??= d.gigawatts;
    first.hardware ??= d.hardware;
  }
  return [...byPair.values()];
}

/** One deal per (lab, provider): the strongest mention, its gaps filled from the others. */
export function mergeMentions(mentions: Mention[], denials: Denial[]): ExtractedDeal[] {
  const byPair = new Map<string, Mention[]>();
  const denied = new Set(denials.map((d) => `${d.lab}\u0000${d.provider}`));
  for (const m of mentions) {
    // A denied pair survives only where the text reports it as signed or standing, not as talk.
    if (denied.has(`${m.lab}\u0000${m.provider}`) && (m.status === 'talks' || m.headline)) continue;
    const key = `${m.lab}\u0000${m.provider}`;
    byPair.set(key, [...(byPair.get(key) ?? []), m]);
  }
  const deals: ExtractedDeal[] = [];
  for (const list of byPair.values()) {
    // A headline is terse and often loose about status: the body's mentions come first.
    const score = (m: Mention): number =>
      STATUS_RANK[m.status] * 10 + (m.amount_usd !== null ? 2 : 0) + (m.gigawatts !== null ? 2 : 0) + (m.headline ? -100 : 0);
    const best = [...list].sort((a, b) => score(b) - score(a) || a.order - b.order)[0];
    const deal: ExtractedDeal = stripMention(best);
    for (const other of list) {
      // A signed deal's value is often given as reported ("which people close to the company describe
      // as a $1.5 billion commitment"): an announced deal takes figures from reports, not from background.
      if (other === best || (other.status !== best.status && !(best.status === 'announced' && other.status === 'talks'))) continue;
      deal.amount_usd ??= other.amount_usd;
      deal.gigawatts ??= other.gigawatts;
    }
    for (const other of list) deal.hardware ??= other.hardware;
    deal.confidence = Math.round(Math.min(0.98, best.confidence + 0.03 * (list.length - 1)) * 100) / 100;
    deals.push(deal);
  }
  return deals.sort((a, b) => a.evidence_start - b.evidence_start);
}

function stripMention(m: Mention): ExtractedDeal {
  const { order: _order, headline: _headline, ...deal } = m;
  return { ...deal };
}
