-- One ALTER TABLE, so the messages table is rewritten once, not once per column.
ALTER TABLE "messages"
  ADD COLUMN "topics" jsonb GENERATED ALWAYS AS (case when sender_type = 'customer' and jsonb_typeof(annotation->'keyPhrases') = 'array' then annotation->'keyPhrases' end) STORED,
  ADD COLUMN "sentiment_score" real GENERATED ALWAYS AS (case when sender_type = 'customer' then (annotation->'sentiment'->>'score')::real end) STORED,
  ADD COLUMN "sentiment_label" text GENERATED ALWAYS AS (case when sender_type = 'customer' then annotation->'sentiment'->>'label' end) STORED,
  ADD COLUMN "intent" text GENERATED ALWAYS AS (case when sender_type = 'customer' then annotation->'intent'->>'name' end) STORED;--> statement-breakpoint
CREATE INDEX "messages_customer_created_idx" ON "messages" USING btree ("created_at") WHERE "messages"."sender_type" = 'customer';