ALTER TABLE "alerts" ADD COLUMN "send_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lanes" ADD COLUMN "opened_at_precision" text DEFAULT 'day' NOT NULL;