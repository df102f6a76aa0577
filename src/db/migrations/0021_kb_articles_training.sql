CREATE TABLE "intent_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"examples" integer,
	"added_examples" integer,
	"accuracy_before" real,
	"accuracy_after" real,
	"accepted" boolean,
	"reason" text,
	"seconds" real,
	"model_version" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "kb_articles" DROP CONSTRAINT "kb_articles_intent_unique";--> statement-breakpoint
ALTER TABLE "kb_articles" ALTER COLUMN "intent" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD COLUMN "intents" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD COLUMN "examples" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Hand-written: each existing article keeps the intent it answered, now as the one entry of its intents list.
UPDATE "kb_articles" SET "intents" = jsonb_build_array("intent") WHERE "intent" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_articles" DROP COLUMN "intent";--> statement-breakpoint
-- Hand-written: the bot looks published articles up by intent (intents @> '["x"]').
CREATE INDEX "kb_articles_intents_idx" ON "kb_articles" USING gin ("intents");--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_url" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_color" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notification_prefs" jsonb DEFAULT '{"assigned":true,"mentions":true,"sound":false}'::jsonb NOT NULL;
