ALTER TABLE "inboxes" ADD COLUMN "widget_look" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "visitor" jsonb;