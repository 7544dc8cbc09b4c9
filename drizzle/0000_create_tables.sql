CREATE TABLE "alert_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"alert_id" integer,
	"digest_id" integer,
	"channel" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"response_excerpt" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'new-lane' NOT NULL,
	"lab" text NOT NULL,
	"provider" text NOT NULL,
	"lane_id" integer,
	"deal_id" integer,
	"provisional" boolean DEFAULT false NOT NULL,
	"message" text NOT NULL,
	"payload" jsonb NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"corrects_alert_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed_id" integer,
	"url" text NOT NULL,
	"canonical_url" text NOT NULL,
	"guid" text,
	"title" text,
	"published" timestamp with time zone,
	"feed_content" text,
	"fetched_at" timestamp with time zone,
	"http_status" integer,
	"html" text,
	"content_hash" text,
	"text" text,
	"language" text,
	"body_source" text,
	"fetch_error" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"extracted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_canonical_url_unique" UNIQUE("canonical_url")
);
--> statement-breakpoint
CREATE TABLE "deal_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"deal_id" integer NOT NULL,
	"article_id" bigint NOT NULL,
	"lab" text NOT NULL,
	"provider" text NOT NULL,
	"evidence" text NOT NULL,
	"evidence_start" integer,
	"evidence_end" integer,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" serial PRIMARY KEY NOT NULL,
	"lab" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"amount_usd" double precision,
	"gigawatts" double precision,
	"hardware" text,
	"confidence" real DEFAULT 0 NOT NULL,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"merged_into" integer,
	"reviewer" text,
	"reject_reason" text,
	"reported_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"message" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"site_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"etag" text,
	"last_modified" text,
	"poll_interval_seconds" integer,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enqueued_due" timestamp with time zone,
	"enqueued_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_status" integer,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"not_modified_in_row" integer DEFAULT 0 NOT NULL,
	"ignores_conditional" boolean DEFAULT false NOT NULL,
	"items_seen" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feeds_url_unique" UNIQUE("url")
);
--> statement-breakpoint
CREATE TABLE "lanes" (
	"id" serial PRIMARY KEY NOT NULL,
	"lab" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text,
	"origin" text NOT NULL,
	"opened_by_deal_id" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"source_url" text,
	"deal_count" integer DEFAULT 0 NOT NULL,
	"total_usd" double precision,
	"total_gw" double precision,
	"last_deal_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"deal_id" integer NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"note" text,
	"undone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_digest_id_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_lane_id_lanes_id_fk" FOREIGN KEY ("lane_id") REFERENCES "public"."lanes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_corrects_alert_id_alerts_id_fk" FOREIGN KEY ("corrects_alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_sources" ADD CONSTRAINT "deal_sources_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_sources" ADD CONSTRAINT "deal_sources_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lanes" ADD CONSTRAINT "lanes_opened_by_deal_id_deals_id_fk" FOREIGN KEY ("opened_by_deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_alert_channel_uq" ON "alert_deliveries" USING btree ("alert_id","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_digest_channel_uq" ON "alert_deliveries" USING btree ("digest_id","channel");--> statement-breakpoint
CREATE INDEX "alert_deliveries_state_idx" ON "alert_deliveries" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_pair_uq" ON "alerts" USING btree ("lab","provider") WHERE "alerts"."kind" = 'new-lane' and "alerts"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_corrects_uq" ON "alerts" USING btree ("corrects_alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_feed_guid_uq" ON "articles" USING btree ("feed_id","guid");--> statement-breakpoint
CREATE INDEX "articles_state_idx" ON "articles" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "articles_content_hash_idx" ON "articles" USING btree ("content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_sources_article_pair_uq" ON "deal_sources" USING btree ("article_id","lab","provider");--> statement-breakpoint
CREATE INDEX "deal_sources_deal_idx" ON "deal_sources" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deals_pair_idx" ON "deals" USING btree ("lab","provider","kind");--> statement-breakpoint
CREATE INDEX "deals_review_idx" ON "deals" USING btree ("review_state","confidence");--> statement-breakpoint
CREATE UNIQUE INDEX "digests_period_uq" ON "digests" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "feeds_due_idx" ON "feeds" USING btree ("next_poll_at") WHERE "feeds"."enabled";--> statement-breakpoint
CREATE UNIQUE INDEX "lanes_pair_uq" ON "lanes" USING btree ("lab","provider");--> statement-breakpoint
CREATE INDEX "review_events_deal_idx" ON "review_events" USING btree ("deal_id","created_at");