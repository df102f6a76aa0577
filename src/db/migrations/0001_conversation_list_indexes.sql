DROP INDEX "conversations_activity_idx";--> statement-breakpoint
CREATE INDEX "conversations_open_activity_idx" ON "conversations" USING btree ("last_message_at","id") WHERE "conversations"."status" in ('bot', 'handoff');--> statement-breakpoint
CREATE INDEX "conversations_activity_idx" ON "conversations" USING btree ("last_message_at","id");