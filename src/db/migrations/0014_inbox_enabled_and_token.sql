ALTER TABLE "inboxes" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "token_hash" text;