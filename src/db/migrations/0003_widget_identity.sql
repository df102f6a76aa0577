CREATE TABLE "visitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbox_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"previous_token_hash" text,
	"previous_valid_until" timestamp with time zone,
	"customer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visitors_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "visitors_previous_token_hash_unique" UNIQUE("previous_token_hash")
);
--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ownership_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ownership_failures_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visitors_inbox_idx" ON "visitors" USING btree ("inbox_id");--> statement-breakpoint
-- Widget visitors from before server-issued ids keep their conversation: the id their browser chose becomes their token
-- (stored hashed, replaced on their next connection: rotated_at is long past), and external ids name the visitor record.
WITH "legacy" AS (
	SELECT "c"."id" AS "conversation_id", "c"."inbox_id", "c"."customer_id", substr("c"."external_id", length("c"."inbox_id") + 2) AS "token",
		gen_random_uuid() AS "visitor_id", "c"."created_at", "c"."last_message_at"
	FROM "conversations" "c"
	WHERE "c"."channel" = 'web' AND "c"."external_id" LIKE "c"."inbox_id" || ':%' AND "c"."external_id" NOT LIKE "c"."inbox_id" || ':customer:%'
), "made" AS (
	INSERT INTO "visitors" ("id", "inbox_id", "token_hash", "created_at", "last_seen_at", "rotated_at")
	SELECT "visitor_id", "inbox_id", encode(sha256(convert_to("token", 'UTF8')), 'hex'), "created_at", "last_message_at", 'epoch'::timestamptz FROM "legacy"
	ON CONFLICT DO NOTHING
	RETURNING "id"
), "linked" AS (
	UPDATE "customer_identities" "ci" SET "external_id" = "l"."visitor_id"::text
	FROM "legacy" "l"
	WHERE "ci"."channel" = 'web' AND "ci"."external_id" = "l"."token" AND "ci"."customer_id" = "l"."customer_id"
	RETURNING "ci"."id"
)
UPDATE "conversations" "c" SET "external_id" = "l"."inbox_id" || ':' || "l"."visitor_id"
FROM "legacy" "l"
WHERE "c"."id" = "l"."conversation_id" AND "l"."visitor_id" IN (SELECT "id" FROM "made");
