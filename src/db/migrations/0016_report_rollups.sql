CREATE TABLE "report_conversations" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"inbox_id" text NOT NULL,
	"channel" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"labelled" integer NOT NULL,
	"first_label" smallint NOT NULL,
	"last_label" smallint NOT NULL,
	"last_score" real NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_message_id" uuid NOT NULL,
	"last_intent" text,
	"last_agent_id" uuid,
	"agent_change" real
);
--> statement-breakpoint
CREATE TABLE "report_sentiment_hourly" (
	"dimension" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"key" text NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_sentiment_hourly_dimension_hour_key_pk" PRIMARY KEY("dimension","hour","key")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
CREATE INDEX "report_conversations_last_at_idx" ON "report_conversations" USING btree ("last_at");--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_customer_agent_created_idx" ON "messages" USING btree ("agent_id","created_at") WHERE "messages"."sender_type" = 'customer';--> statement-breakpoint
CREATE INDEX "messages_customer_intent_created_idx" ON "messages" USING btree ("intent","created_at") WHERE "messages"."sender_type" = 'customer';--> statement-breakpoint
CREATE INDEX "ticket_events_type_created_idx" ON "ticket_events" USING btree ("type","created_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_resolved_idx" ON "tickets" USING btree ("resolved_at");--> statement-breakpoint
-- Report rollups (see README, Reports): kept by triggers on messages, so every way a message is written counts.
-- A customer message "with a sentiment" has both a label and a score; each is counted once per dimension and UTC hour.
CREATE FUNCTION report_sentiment_apply(direction integer, conversation_ids uuid[], created timestamptz[], agents uuid[], intents text[], scores real[], labels text[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_sentiment_hourly AS r (dimension, hour, key, messages, score_sum, negative, neutral, positive)
  SELECT d.dimension, date_trunc('hour', x.created_at, 'UTC'), d.key, direction * count(*), direction * sum(x.score::float8),
    direction * count(*) FILTER (WHERE x.label = 'negative'), direction * count(*) FILTER (WHERE x.label = 'neutral'),
    direction * count(*) FILTER (WHERE x.label = 'positive')
  FROM unnest(conversation_ids, created, agents, intents, scores, labels) AS x(conversation_id, created_at, agent_id, intent, score, label)
  LEFT JOIN conversations c ON c.id = x.conversation_id
  -- A deleted conversation's messages: its inbox and channel as the report row kept them.
  LEFT JOIN report_conversations rc ON c.id IS NULL AND rc.conversation_id = x.conversation_id
  CROSS JOIN LATERAL (VALUES ('channel', coalesce(c.channel, rc.channel, '')), ('inbox', coalesce(c.inbox_id, rc.inbox_id, '')),
    ('agent', coalesce(x.agent_id::text, '')), ('intent', coalesce(x.intent, ''))) AS d(dimension, key)
  GROUP BY 1, 2, 3
  ON CONFLICT (dimension, hour, key) DO UPDATE SET messages = r.messages + excluded.messages, score_sum = r.score_sum + excluded.score_sum,
    negative = r.negative + excluded.negative, neutral = r.neutral + excluded.neutral, positive = r.positive + excluded.positive;
$$;--> statement-breakpoint
-- A conversation's report row, recomputed from its messages: first and last label, the last message, and the change of
-- the customer's score from the first reply of the agent of the last message's stint (the run of that agent's replies
-- with no other agent's between) to the last message.
CREATE FUNCTION report_conversations_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM report_conversations WHERE conversation_id = ANY(ids);
  WITH cm AS (
    SELECT m.conversation_id, m.id, m.seq, m.created_at, m.sentiment_score, m.intent, m.agent_id,
      (CASE m.sentiment_label WHEN 'negative' THEN -1 WHEN 'positive' THEN 1 ELSE 0 END)::smallint AS label
    FROM messages m
    WHERE m.conversation_id = ANY(ids) AND m.sender_type = 'customer' AND m.sentiment_label IS NOT NULL AND m.sentiment_score IS NOT NULL
  ), ends AS (
    SELECT conversation_id, count(*)::int AS labelled, (array_agg(label ORDER BY seq))[1] AS first_label, (array_agg(id ORDER BY seq DESC))[1] AS last_id
    FROM cm GROUP BY conversation_id
  )
  INSERT INTO report_conversations (conversation_id, inbox_id, channel, customer_id, labelled, first_label, last_label, last_score, last_at,
    last_message_id, last_intent, last_agent_id, agent_change)
  SELECT l.conversation_id, c.inbox_id, c.channel, c.customer_id, e.labelled, e.first_label, l.label, l.sentiment_score, l.created_at,
    l.id, l.intent, l.agent_id, l.sentiment_score - base.score
  FROM ends e
  JOIN cm l ON l.id = e.last_id
  JOIN conversations c ON c.id = l.conversation_id
  LEFT JOIN LATERAL (
    SELECT min(a.seq) AS start_seq FROM messages a
    WHERE l.agent_id IS NOT NULL AND a.conversation_id = l.conversation_id AND a.sender_type = 'agent' AND a.sender_id = l.agent_id AND a.seq < l.seq
      AND a.seq > coalesce((SELECT max(o.seq) FROM messages o WHERE o.conversation_id = l.conversation_id AND o.sender_type = 'agent'
        AND o.sender_id IS NOT NULL AND o.sender_id <> l.agent_id AND o.seq < l.seq), 0)
  ) st ON true
  LEFT JOIN LATERAL (
    SELECT b.sentiment_score AS score FROM messages b
    WHERE b.conversation_id = l.conversation_id AND b.sender_type = 'customer' AND b.sentiment_label IS NOT NULL AND b.sentiment_score IS NOT NULL
      AND b.seq < st.start_seq ORDER BY b.seq DESC LIMIT 1
  ) base ON true;
$$;--> statement-breakpoint
-- Existing data: each customer message's agent, then the rollups, before the triggers exist.
UPDATE messages m SET agent_id = (
  SELECT a.sender_id FROM messages a
  WHERE a.conversation_id = m.conversation_id AND a.sender_type = 'agent' AND a.sender_id IS NOT NULL AND a.seq < m.seq ORDER BY a.seq DESC LIMIT 1
) WHERE m.sender_type = 'customer';--> statement-breakpoint
SELECT report_sentiment_apply(1, array_agg(conversation_id), array_agg(created_at), array_agg(agent_id), array_agg(intent), array_agg(sentiment_score), array_agg(sentiment_label))
FROM messages WHERE sender_type = 'customer' AND sentiment_label IS NOT NULL AND sentiment_score IS NOT NULL HAVING count(*) > 0;--> statement-breakpoint
SELECT report_conversations_refresh(array_agg(id)) FROM conversations;--> statement-breakpoint
CREATE FUNCTION messages_stamp_agent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.agent_id := (
    SELECT a.sender_id FROM messages a
    WHERE a.conversation_id = NEW.conversation_id AND a.sender_type = 'agent' AND a.sender_id IS NOT NULL AND a.seq < NEW.seq ORDER BY a.seq DESC LIMIT 1);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_stamp_agent BEFORE INSERT ON messages FOR EACH ROW
  WHEN (NEW.sender_type = 'customer' AND NEW.agent_id IS NULL) EXECUTE FUNCTION messages_stamp_agent();--> statement-breakpoint
CREATE FUNCTION messages_report_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_sentiment_apply(1, array_agg(n.conversation_id), array_agg(n.created_at), array_agg(n.agent_id), array_agg(n.intent),
      array_agg(n.sentiment_score), array_agg(n.sentiment_label))
    FROM new_rows n WHERE n.sender_type = 'customer' AND n.sentiment_label IS NOT NULL AND n.sentiment_score IS NOT NULL HAVING count(*) > 0;
  PERFORM report_conversations_refresh(array_agg(DISTINCT n.conversation_id))
    FROM new_rows n WHERE n.sender_type = 'customer' AND n.sentiment_label IS NOT NULL AND n.sentiment_score IS NOT NULL HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_report_inserted AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_report_inserted();--> statement-breakpoint
-- An erasure empties annotations; a delivery status change touches no reported column and changes nothing here.
CREATE FUNCTION messages_report_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_sentiment_apply(-1, array_agg(o.conversation_id), array_agg(o.created_at), array_agg(o.agent_id), array_agg(o.intent),
      array_agg(o.sentiment_score), array_agg(o.sentiment_label))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.sender_type = 'customer' AND o.sentiment_label IS NOT NULL AND o.sentiment_score IS NOT NULL
      AND (o.sender_type, o.sentiment_label, o.sentiment_score, o.intent, o.agent_id, o.created_at, o.conversation_id)
        IS DISTINCT FROM (n.sender_type, n.sentiment_label, n.sentiment_score, n.intent, n.agent_id, n.created_at, n.conversation_id)
    HAVING count(*) > 0;
  PERFORM report_sentiment_apply(1, array_agg(n.conversation_id), array_agg(n.created_at), array_agg(n.agent_id), array_agg(n.intent),
      array_agg(n.sentiment_score), array_agg(n.sentiment_label))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.sender_type = 'customer' AND n.sentiment_label IS NOT NULL AND n.sentiment_score IS NOT NULL
      AND (o.sender_type, o.sentiment_label, o.sentiment_score, o.intent, o.agent_id, o.created_at, o.conversation_id)
        IS DISTINCT FROM (n.sender_type, n.sentiment_label, n.sentiment_score, n.intent, n.agent_id, n.created_at, n.conversation_id)
    HAVING count(*) > 0;
  PERFORM report_conversations_refresh(array_agg(DISTINCT x.id))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.conversation_id), (n.conversation_id)) AS x(id)
    WHERE (o.sender_type, o.sentiment_label, o.sentiment_score, o.intent, o.agent_id, o.created_at, o.conversation_id)
      IS DISTINCT FROM (n.sender_type, n.sentiment_label, n.sentiment_score, n.intent, n.agent_id, n.created_at, n.conversation_id)
    HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_report_updated AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_report_updated();--> statement-breakpoint
CREATE FUNCTION messages_report_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_sentiment_apply(-1, array_agg(o.conversation_id), array_agg(o.created_at), array_agg(o.agent_id), array_agg(o.intent),
      array_agg(o.sentiment_score), array_agg(o.sentiment_label))
    FROM old_rows o WHERE o.sender_type = 'customer' AND o.sentiment_label IS NOT NULL AND o.sentiment_score IS NOT NULL HAVING count(*) > 0;
  PERFORM report_conversations_refresh(array_agg(DISTINCT o.conversation_id)) FROM old_rows o HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_report_deleted AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_report_deleted();
