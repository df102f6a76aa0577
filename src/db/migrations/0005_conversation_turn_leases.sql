ALTER TABLE "conversations" ADD COLUMN "owed_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "answered_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_lease_owner" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "conversations_answer_owed_idx" ON "conversations" USING btree ("turn_lease_until") WHERE "conversations"."owed_seq" > "conversations"."answered_seq";