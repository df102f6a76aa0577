ALTER TABLE "inboxes" ADD COLUMN "sealed_settings" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery" jsonb;