CREATE TABLE "message_topics" (
	"message_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"phrase" text NOT NULL,
	"score" real NOT NULL,
	"negative" boolean NOT NULL,
	"intent" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_topics_message_id_phrase_pk" PRIMARY KEY("message_id","phrase")
);
--> statement-breakpoint
ALTER TABLE "message_topics" ADD CONSTRAINT "message_topics_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_topics_created_idx" ON "message_topics" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_customer_created_idx" ON "messages" USING btree ("created_at") WHERE "messages"."sender_type" = 'customer';--> statement-breakpoint
-- Hand-written below: the trigger that fills message_topics from each customer message's annotation, and the backfill.
CREATE FUNCTION "message_topics_from_annotation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sender_type = 'customer' AND jsonb_typeof(NEW.annotation->'keyPhrases') = 'array' THEN
    INSERT INTO message_topics (message_id, conversation_id, channel, phrase, score, negative, intent, created_at)
    SELECT NEW.id, NEW.conversation_id, c.channel, p.phrase,
      coalesce((NEW.annotation->'sentiment'->>'score')::real, 0),
      coalesce(NEW.annotation->'sentiment'->>'label', '') = 'negative',
      coalesce(NEW.annotation->'intent'->>'name', 'unknown'),
      NEW.created_at
    FROM conversations c CROSS JOIN LATERAL jsonb_array_elements_text(NEW.annotation->'keyPhrases') AS p(phrase)
    WHERE c.id = NEW.conversation_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_feed_message_topics" AFTER INSERT ON "messages" FOR EACH ROW EXECUTE FUNCTION "message_topics_from_annotation"();--> statement-breakpoint
INSERT INTO message_topics (message_id, conversation_id, channel, phrase, score, negative, intent, created_at)
SELECT m.id, m.conversation_id, c.channel, p.phrase,
  coalesce((m.annotation->'sentiment'->>'score')::real, 0),
  coalesce(m.annotation->'sentiment'->>'label', '') = 'negative',
  coalesce(m.annotation->'intent'->>'name', 'unknown'),
  m.created_at
FROM messages m JOIN conversations c ON c.id = m.conversation_id
  CROSS JOIN LATERAL jsonb_array_elements_text(m.annotation->'keyPhrases') AS p(phrase)
WHERE m.sender_type = 'customer' AND jsonb_typeof(m.annotation->'keyPhrases') = 'array'
ON CONFLICT DO NOTHING;
