// Rows and views → the API's snake_case JSON, typed by the response schemas that /api/openapi.json shows.
import type { z } from '@hono/zod-openapi';
import type { Deal, Feed, ReviewEvent } from '../../db/schema.js';
import type { AlertView, DeliveryView, DigestView } from '../../alerts/alert-list.js';
import { dateOnly, timelineLine, type LaneCell, type LaneMap } from '../../lanes/map.js';
import { redactUrl, redactUrlsIn } from '../../text/redact.js';
import { dealJson, snakeCaseKeys, type ArticleDetail, type DealDetail, type DealListItem } from '../../deals/queries.js';
import type { alertSchema, articleSchema, dealDetailSchema, dealSchema, deliverySchema, digestSchema, eventSchema, feedSchema, laneSchema, lanesResultSchema } from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function dealOut(d: Deal & Partial<Pick<DealListItem, 'sourceCount' | 'newLane' | 'sources'>>): Out<typeof dealSchema> {
  // One JSON shape of a deal for the API, the CLI's --json and the exports: the API's schema checks it here.
  return dealJson(d);
}

export function eventOut(e: ReviewEvent): Out<typeof eventSchema> {
  return {
    id: e.id,
    deal_id: e.dealId,
    actor: e.actor,
    action: e.action,
    note: e.note,
    before: snakeCaseKeys(e.before),
    after: snakeCaseKeys(e.after),
    undone_at: iso(e.undoneAt),
    at: e.createdAt.toISOString(),
  };
}

export function dealDetailOut(d: DealDetail): Out<typeof dealDetailSchema> {
  return { ...dealOut(d), disagreements: d.disagreements, merged_from: d.mergedFrom.map((m) => m.id), events: d.events.map(eventOut) };
}

function laneOut(c: LaneCell): Out<typeof laneSchema> {
  return {
    lab: c.lab,
    provider: c.provider,
    kind: c.kind,
    origin: c.origin,
    deals: c.deals,
    total_usd: c.totalUsd,
    total_gw: c.totalGw,
    first_date: dateOnly(c.firstDate),
    last_date: dateOnly(c.lastDate),
    source_url: c.sourceUrl,
    opened_by_deal_id: c.openedByDealId,
  };
}

export function lanesOut(map: LaneMap): Out<typeof lanesResultSchema> {
  return { lanes: map.cells.map(laneOut), timelines: map.timelines.map((t) => ({ lab: t.lab, providers: t.lanes.map((l) => l.provider), line: timelineLine(t) })) };
}

function deliveryOut(d: DeliveryView): Out<typeof deliverySchema> {
  return {
    id: d.id,
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    // A delivery error or answer can quote the webhook or Slack URL, whose path is its secret (src/text/redact.ts).
    last_error: d.lastError === null ? null : redactUrlsIn(d.lastError),
    response_excerpt: d.responseExcerpt === null ? null : redactUrlsIn(d.responseExcerpt),
    delivered_at: iso(d.deliveredAt),
    updated_at: d.updatedAt.toISOString(),
  };
}

export function alertOut(a: AlertView): Out<typeof alertSchema> {
  return {
    id: a.id,
    kind: a.kind,
    lab: a.lab,
    provider: a.provider,
    provisional: a.provisional,
    message: a.message,
    deal_id: a.dealId,
    withdrawn_at: iso(a.withdrawnAt),
    corrects_alert_id: a.correctsAlertId,
    created_at: a.createdAt.toISOString(),
    deliveries: a.deliveries.map(deliveryOut),
  };
}

export function digestOut(d: DigestView): Out<typeof digestSchema> {
  return { id: d.id, period_start: d.periodStart.toISOString(), period_end: d.periodEnd.toISOString(), message: d.message, deliveries: d.deliveries.map(deliveryOut) };
}

export function feedOut(f: Feed, articles: number): Out<typeof feedSchema> {
  return {
    id: f.id,
    // A feed URL can carry a user:password or a token; reviewers and logs never see it (as DATABASE_URL).
    url: redactUrl(f.url),
    title: f.title,
    site_url: f.siteUrl,
    enabled: f.enabled,
    poll_interval_seconds: f.pollIntervalSeconds,
    next_poll_at: f.nextPollAt.toISOString(),
    last_polled_at: iso(f.lastPolledAt),
    last_success_at: iso(f.lastSuccessAt),
    last_status: f.lastStatus,
    failures: f.failures,
    last_error: f.lastError === null ? null : redactUrlsIn(f.lastError),
    not_modified_in_row: f.notModifiedInRow,
    ignores_conditional: f.ignoresConditional,
    articles,
  };
}

export function articleOut(a: ArticleDetail): Out<typeof articleSchema> {
  const ar = a.article;
  return {
    id: ar.id,
    url: ar.url,
    canonical_url: ar.canonicalUrl,
    title: ar.title,
    outlet: a.outlet,
    published: iso(ar.published),
    fetched_at: iso(ar.fetchedAt),
    state: ar.state,
    error: ar.error,
    body_source: ar.bodySource,
    fetch_error: ar.fetchError,
    text: ar.text ?? ar.feedContent,
    deals: a.found.map((f) => ({
      deal_id: f.deal.id,
      lab: f.deal.lab,
      provider: f.deal.provider,
      review_state: f.deal.reviewState,
      evidence: f.source.evidence,
      evidence_start: f.source.evidenceStart,
      fields: f.source.fields,
    })),
  };
}
