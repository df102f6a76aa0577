/** Narrow copies of what reports aggregate, so a report never reads messages' full annotations. */
import { boolean, index, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { messages } from "./conversations.ts";

/**
 * One key phrase of a customer message, with the message's mood, intent, channel and time. A trigger on `messages`
 * (migration 0002) fills it from the stored annotation, so every way of storing a customer message feeds the reports.
 */
export const messageTopics = pgTable(
  "message_topics",
  {
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    channel: text("channel").notNull(),
    phrase: text("phrase").notNull(),
    score: real("score").notNull(),
    negative: boolean("negative").notNull(),
    intent: text("intent").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.phrase] }), index("message_topics_created_idx").on(t.createdAt)],
);
