// Every table lanewatch keeps. The only place tables are defined; migrations in drizzle/ are generated from it.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  type AnyPgColumn,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tz('created_at').notNull().defaultNow();

export const feeds = pgTable(
  'feeds',
  {
    id: serial('id').primaryKey(),
    url: text('url').notNull().unique(),
    title: text('title'),
    siteUrl: text('site_url'),
    enabled: boolean('enabled').notNull().default(true),
    etag: text('etag'),
    lastModified: text('last_modified'),
    /** Null: the global POLL_INTERVAL_SECONDS. */
    pollIntervalSeconds: integer('poll_interval_seconds'),
    nextPollAt: tz('next_poll_at').notNull().defaultNow(),
    /** The due time a poll-feed job was last enqueued for, and when: each due time is enqueued once (again only after the claim lease). */
    enqueuedDue: tz('enqueued_due'),
    enqueuedAt: tz('enqueued_at'),
    lastPolledAt: tz('last_polled_at'),
    lastSuccessAt: tz('last_success_at'),
    lastStatus: integer('last_status'),
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
    /** Polls in a row answered 304: a feed stuck on 304 for days is shown as such. */
    notModifiedInRow: integer('not_modified_in_row').notNull().default(0),
    /** The server sent validators but answered a conditional request with the full body again. */
    ignoresConditional: boolean('ignores_conditional').notNull().default(false),
    itemsSeen: integer('items_seen').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('feeds_due_idx').on(t.nextPollAt).where(sql`${t.enabled}`)],
);

export const articleStates = ['queued', 'extracted', 'failed'] as const;
export type ArticleState = (typeof articleStates)[number];

export const articles = pgTable(
  'articles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    /** The link as the feed gave it. */
    url: text('url').notNull(),
    /** Tracking parameters stripped, later replaced by the page's <link rel=canonical>. Unique: one row per story URL. */
    canonicalUrl: text('canonical_url').notNull().unique(),
    guid: text('guid'),
    title: text('title'),
    published: tz('published'),
    /** The item's own content or summary from the feed: the fallback body when the page cannot be fetched. */
    feedContent: text('feed_content'),
    fetchedAt: tz('fetched_at'),
    httpStatus: integer('http_status'),
    /** Raw HTML of the page, kept so that text can be re-extracted with a better extractor. */
    html: text('html'),
    contentHash: text('content_hash'),
    text: text('text'),
    language: text('language'),
    /** Where the text came from: 'page', or 'feed' when the page could not be retrieved. */
    bodySource: text('body_source'),
    fetchError: text('fetch_error'),
    state: text('state', { enum: articleStates }).notNull().default('queued'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    extractedAt: tz('extracted_at'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_feed_guid_uq').on(t.feedId, t.guid),
    index('articles_state_idx').on(t.state, t.createdAt),
    index('articles_content_hash_idx').on(t.contentHash),
  ],
);

export const reviewStates = ['pending', 'approved', 'rejected', 'merged'] as const;
export type ReviewState = (typeof reviewStates)[number];
export const dealStatuses = ['announced', 'existing', 'talks'] as const;
export type DealStatus = (typeof dealStatuses)[number];
export const dealKinds = ['cloud', 'chips', 'datacenter', 'power', 'fab', 'investment'] as const;
export type DealKind = (typeof dealKinds)[number];

export const deals = pgTable(
  'deals',
  {
    id: serial('id').primaryKey(),
    lab: text('lab').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind', { enum: dealKinds }).notNull(),
    status: text('status', { enum: dealStatuses }).notNull(),
    amountUsd: doublePrecision('amount_usd'),
    gigawatts: doublePrecision('gigawatts'),
    hardware: text('hardware'),
    confidence: real('confidence').notNull().default(0),
    reviewState: text('review_state', { enum: reviewStates }).notNull().default('pending'),
    mergedInto: integer('merged_into'),
    reviewer: text('reviewer'),
    rejectReason: text('reject_reason'),
    /** When the deal was first reported (earliest source's publication date). */
    reportedAt: tz('reported_at'),
    reviewedAt: tz('reviewed_at'),
    /** Bumped by every review action: concurrent edits of one deal are detected, not lost. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('deals_pair_idx').on(t.lab, t.provider, t.kind),
    index('deals_review_idx').on(t.reviewState, t.confidence),
  ],
);

export const dealSources = pgTable(
  'deal_sources',
  {
    id: serial('id').primaryKey(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    lab: text('lab').notNull(),
    provider: text('provider').notNull(),
    evidence: text('evidence').notNull(),
    evidenceStart: integer('evidence_start'),
    evidenceEnd: integer('evidence_end'),
    /** The deal's fields as this article stated them. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  // One source per (article, pair): re-extracting an article never duplicates a deal.
  (t) => [uniqueIndex('deal_sources_article_pair_uq').on(t.articleId, t.lab, t.provider), index('deal_sources_deal_idx').on(t.dealId)],
);

export const laneOrigins = ['baseline', 'review'] as const;
/** How precisely a lane's first date is known: a baseline row may give only a year (2023) or a month (2025-09). */
export const datePrecisions = ['year', 'month', 'day'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

export const lanes = pgTable(
  'lanes',
  {
    id: serial('id').primaryKey(),
    lab: text('lab').notNull(),
    provider: text('provider').notNull(),
    kind: text('kind'),
    origin: text('origin', { enum: laneOrigins }).notNull(),
    openedByDealId: integer('opened_by_deal_id').references(() => deals.id, { onDelete: 'set null' }),
    openedAt: tz('opened_at').notNull(),
    /** opened_at is the first moment of this year, month or day; shown no more precisely than that. */
    openedAtPrecision: text('opened_at_precision', { enum: datePrecisions }).notNull().default('day'),
    sourceUrl: text('source_url'),
    dealCount: integer('deal_count').notNull().default(0),
    totalUsd: doublePrecision('total_usd'),
    totalGw: doublePrecision('total_gw'),
    lastDealAt: tz('last_deal_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lanes_pair_uq').on(t.lab, t.provider)],
);

export const alertKinds = ['new-lane', 'correction'] as const;

export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    /** 'correction': sent to the channels that had a new-lane alert when a review withdrew it (undo, edit, reject, merge). */
    kind: text('kind', { enum: alertKinds }).notNull().default('new-lane'),
    lab: text('lab').notNull(),
    provider: text('provider').notNull(),
    laneId: integer('lane_id').references(() => lanes.id, { onDelete: 'set null' }),
    dealId: integer('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    /** True while it is about a pending candidate (ALERT_ON=candidate), not an approved lane. */
    provisional: boolean('provisional').notNull().default(false),
    message: text('message').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Set when a review withdrew the alert (its lane removed, or its provisional candidate gone): undelivered deliveries are cancelled, a new approval alerts anew. */
    withdrawnAt: tz('withdrawn_at'),
    /** On a correction: the new-lane alert it withdraws. */
    correctsAlertId: integer('corrects_alert_id').references((): AnyPgColumn => alerts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  // One live alert per new lane, whatever the retries, crashes or concurrent approvals; one correction per alert.
  (t) => [
    uniqueIndex('alerts_pair_uq').on(t.lab, t.provider).where(sql`${t.kind} = 'new-lane' and ${t.withdrawnAt} is null`),
    uniqueIndex('alerts_corrects_uq').on(t.correctsAlertId),
  ],
);

/** 'cancelled': the alert was withdrawn before this channel had it. */
export const deliveryStates = ['pending', 'processing', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: serial('id').primaryKey(),
    alertId: integer('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    /** Set instead of alertId for a digest delivery. */
    digestId: integer('digest_id').references(() => digests.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    state: text('state', { enum: deliveryStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    responseExcerpt: text('response_excerpt'),
    deliveredAt: tz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_alert_channel_uq').on(t.alertId, t.channel),
    uniqueIndex('alert_deliveries_digest_channel_uq').on(t.digestId, t.channel),
    index('alert_deliveries_state_idx').on(t.state),
  ],
);

export const digests = pgTable(
  'digests',
  {
    id: serial('id').primaryKey(),
    /** The period covered; unique so that a digest is made once per period. */
    periodStart: tz('period_start').notNull(),
    periodEnd: tz('period_end').notNull(),
    message: text('message').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('digests_period_uq').on(t.periodStart)],
);

export const reviewEvents = pgTable(
  'review_events',
  {
    id: serial('id').primaryKey(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    note: text('note'),
    /** Set when a later undo reverted this event. */
    undoneAt: tz('undone_at'),
    createdAt: createdAt(),
  },
  (t) => [index('review_events_deal_idx').on(t.dealId, t.createdAt)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  /** SHA-256 of the session cookie's token: a leaked table does not leak sessions. */
  tokenHash: text('token_hash').primaryKey(),
  username: text('username').notNull(),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: tz('expires_at').notNull(),
  createdAt: createdAt(),
});

export type Feed = typeof feeds.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type DealSource = typeof dealSources.$inferSelect;
export type Lane = typeof lanes.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type AlertDelivery = typeof alertDeliveries.$inferSelect;
export type ReviewEvent = typeof reviewEvents.$inferSelect;
