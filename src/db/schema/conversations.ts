/** Conversations and their messages (with the NLP annotation as JSONB). */
import { sql } from "drizzle-orm";
import { bigint, bigserial, customType, index, jsonb, pgTable, real, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { Annotation } from "../../contracts/nlp.ts";
import { customers } from "./customers.ts";
import { inboxes } from "./inboxes.ts";
import { users } from "./users.ts";

/** What the bot remembers between turns of one conversation. */
export type BotState = {
  awaiting?: "order_number" | "order_email" | null;
  failedTurns?: number;
  /** The order-status dialog: the order waiting for proof of ownership, wrong emails given, customers whose orders were proven. */
  order?: { pending?: string; wrongEmails?: number; provenOwners?: string[] };
  dialog?: Record<string, unknown>;
};

/** Where an outbound message stands with its channel (absent for the widget and for customer messages). */
export type DeliveryRow = {
  status: "pending" | "sent" | "delivered" | "read" | "failed";
  attempts: number;
  error?: string;
  /** The provider's id of the sent message. */
  externalId?: string;
  at: string;
};

/** Where a web visitor chats from, as stored (see VisitorContextDTO). */
export type VisitorContextRow = { pageUrl: string | null; pageTitle: string | null; browser: string | null; timeZone: string | null; seenAt: string };

/** Sentiment trend of the customer's messages: first, latest and lowest score. */
export type SentimentTrendRow = { start: number; end: number; min: number; count: number };

/** A conversation between a customer and the bot or agents, in one inbox. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inboxId: text("inbox_id")
      .notNull()
      .references(() => inboxes.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    externalId: text("external_id"),
    status: text("status").$type<"bot" | "handoff" | "resolved">().notNull().default("bot"),
    subject: text("subject"),
    botState: jsonb("bot_state").$type<BotState>().notNull().default({}),
    sentiment: jsonb("sentiment").$type<SentimentTrendRow | null>(),
    lastMessage: jsonb("last_message").$type<{ text: string; sender: { type: string; name?: string }; createdAt: string } | null>(),
    // A web visitor's page, browser and time zone as the widget last reported them (contracts/widget-look.ts).
    visitor: jsonb("visitor").$type<VisitorContextRow | null>(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // The bot owes an answer to every customer message with a seq in (answered_seq, owed_seq]: the statement that commits
    // a message raises owed_seq, so a crash can never lose an owed answer (see README, Reliability).
    owedSeq: bigint("owed_seq", { mode: "number" }).notNull().default(0),
    answeredSeq: bigint("answered_seq", { mode: "number" }).notNull().default(0),
    // Who may run this conversation's bot turns, and until when: one node at a time, so turns run in order cluster-wide.
    turnLeaseOwner: uuid("turn_lease_owner"),
    turnLeaseUntil: timestamp("turn_lease_until", { withTimezone: true }),
  },
  (t) => [
    // The recoverer's look-up: conversations with an answer owed (a handful at any time).
    index("conversations_answer_owed_idx").on(t.turnLeaseUntil).where(sql`${t.owedSeq} > ${t.answeredSeq}`),
    index("conversations_customer_idx").on(t.customerId, t.inboxId),
    index("conversations_status_activity_idx").on(t.status, t.lastMessageAt),
    index("conversations_activity_idx").on(t.lastMessageAt, t.id),
    // The console's default list: open conversations, newest activity first.
    // The service report: conversations started in a period.
    index("conversations_created_idx").on(t.createdAt),
    index("conversations_open_activity_idx").on(t.lastMessageAt, t.id).where(sql`${t.status} in ('bot', 'handoff')`),
    unique("conversations_channel_external_uq").on(t.channel, t.externalId),
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * What search matches a message by (see src/modules/search): its text, English-stemmed ("refunds" finds "refund"), and,
 * weighted higher, the ids, emails and phones the NLP extracted, each one lexeme without its punctuation ("ORD-10001"
 * → "ord10001", "+1 415…" → "1415…"), so an id matches as a whole however it was written. One generated column and its
 * GIN index: nothing else runs when a message is stored.
 */
export const MESSAGE_SEARCH_VECTOR = sql`setweight(to_tsvector('english'::regconfig, text), 'B') || setweight(to_tsvector('simple'::regconfig, translate(coalesce(jsonb_path_query_array(annotation, '$.entities[*] ? (@.type == "order_number" || @.type == "invoice_number" || @.type == "tracking_number" || @.type == "email" || @.type == "phone").value'), '[]'::jsonb)::text, '-_/#+() ', '')), 'A')`;

/** A message; `seq` orders messages globally, `client_msg_id` makes a sender's retries idempotent. */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    clientMsgId: text("client_msg_id"),
    senderType: text("sender_type").$type<"customer" | "bot" | "agent" | "system">().notNull(),
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    senderName: text("sender_name"),
    text: text("text").notNull(),
    annotation: jsonb("annotation").$type<Annotation | null>(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    delivery: jsonb("delivery").$type<DeliveryRow | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // What reports aggregate, copied out of a customer message's annotation by the database as the row is written:
    // reading the whole annotation (tokens and all) made a week's "top topics" over 50,000 messages take 1.5 s.
    topics: jsonb("topics")
      .$type<string[] | null>()
      .generatedAlwaysAs(sql`case when sender_type = 'customer' and jsonb_typeof(annotation->'keyPhrases') = 'array' then annotation->'keyPhrases' end`),
    sentimentScore: real("sentiment_score").generatedAlwaysAs(sql`case when sender_type = 'customer' then (annotation->'sentiment'->>'score')::real end`),
    sentimentLabel: text("sentiment_label").generatedAlwaysAs(sql`case when sender_type = 'customer' then annotation->'sentiment'->>'label' end`),
    intent: text("intent").generatedAlwaysAs(sql`case when sender_type = 'customer' then annotation->'intent'->>'name' end`),
    // A customer message's agent: the one who sent the conversation's latest agent reply before it (null while only the
    // bot has answered). Set by the database as the message is stored (migration 0016); reports group by it.
    agentId: uuid("agent_id"),
    searchVector: tsvector("search_vector").generatedAlwaysAs(MESSAGE_SEARCH_VECTOR),
  },
  (t) => [
    unique("messages_conversation_client_msg_uq").on(t.conversationId, t.clientMsgId),
    index("messages_conversation_seq_idx").on(t.conversationId, t.seq),
    // Reports count the customer messages of a period.
    index("messages_customer_created_idx").on(t.createdAt).where(sql`${t.senderType} = 'customer'`),
    // The reports' drill-down: one agent's or one intent's customer messages of a period, newest first.
    index("messages_customer_agent_created_idx").on(t.agentId, t.createdAt).where(sql`${t.senderType} = 'customer'`),
    index("messages_customer_intent_created_idx").on(t.intent, t.createdAt).where(sql`${t.senderType} = 'customer'`),
    // Search (housekeep() flushes its pending list on PGlite, like every GIN index's).
    index("messages_search_idx").using("gin", t.searchVector),
  ],
);
