/**
 * Report rollups, kept from the triggers on `messages` (migrations 0016 and 0026), so that a year of sentiment
 * figures reads hourly sums instead of every message. A new customer message is only noted in `report_pending` as it
 * is stored (the cheap part, on the message's own path); `report_catch_up()` counts the pending ones in batches, every
 * few seconds and before every report read, so a report always includes every stored message.
 */
import { doublePrecision, index, integer, pgTable, primaryKey, real, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Which message attribute a rollup row is keyed by. */
export type RollupDimension = "channel" | "inbox" | "agent" | "intent";

/**
 * Customer messages with a sentiment per UTC hour and per value of one dimension (channel, inbox, agent, intent; ""
 * for none): every such message is counted once in each dimension, so a dimension's rows add up to all messages.
 */
export const reportSentimentHourly = pgTable(
  "report_sentiment_hourly",
  {
    dimension: text("dimension").$type<RollupDimension>().notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    key: text("key").notNull(),
    messages: integer("messages").notNull().default(0),
    scoreSum: doublePrecision("score_sum").notNull().default(0),
    negative: integer("negative").notNull().default(0),
    neutral: integer("neutral").notNull().default(0),
    positive: integer("positive").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.hour, t.key] })],
);

/**
 * One row per conversation with at least one customer message with a sentiment: its first and last label (-1
 * negative, 0 neutral, 1 positive), the last such message (time, id, intent, agent) and the change of the customer's
 * score over that agent's stint (see README, Reports). Recomputed from the messages whenever one of them changes.
 */
export const reportConversations = pgTable(
  "report_conversations",
  {
    conversationId: uuid("conversation_id").primaryKey(),
    inboxId: text("inbox_id").notNull(),
    channel: text("channel").notNull(),
    customerId: uuid("customer_id").notNull(),
    labelled: integer("labelled").notNull(),
    firstLabel: smallint("first_label").notNull(),
    lastLabel: smallint("last_label").notNull(),
    lastScore: real("last_score").notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
    lastMessageId: uuid("last_message_id").notNull(),
    lastIntent: text("last_intent"),
    lastAgentId: uuid("last_agent_id"),
    // last_score − the customer's last score before last_agent_id's first reply of the stint; null without one.
    agentChange: real("agent_change"),
  },
  (t) => [index("report_conversations_last_at_idx").on(t.lastAt)],
);

/**
 * Customer messages with a sentiment that are stored but not yet counted in the rollups: one row per message, written by
 * the insert trigger and emptied by `report_catch_up()` (no index: the catch-up takes every row at once).
 */
export const reportPending = pgTable("report_pending", {
  messageId: uuid("message_id").notNull(),
});
