/** Email threading: the Message-IDs of an email inbox's mails (the customers' and ours), each with its conversation. */
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { inboxes } from "./inboxes.ts";

/**
 * A Message-ID seen or sent by an email inbox: an inbound mail whose In-Reply-To or References names one joins its
 * conversation. Gone with the conversation.
 */
export const emailMessageIds = pgTable(
  "email_message_ids",
  {
    inboxId: text("inbox_id")
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    // The Message-ID without its angle brackets, as the header gives it.
    messageId: text("message_id").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.messageId] }), index("email_message_ids_conversation_idx").on(t.conversationId)],
);
