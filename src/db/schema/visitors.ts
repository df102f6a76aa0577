/** Widget visitors: the credential the server issues to each browser, stored only as a hash. */
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers.ts";
import { inboxes } from "./inboxes.ts";

/**
 * One browser's standing with one inbox. The browser keeps a random token (the widget's `visitorId`); the server keeps
 * its SHA-256 only. After a rotation the previous token stays valid until `previous_valid_until`, for other tabs.
 * `customer_id` is set when the visitor connected with a verified identity: the token alone then never reopens it.
 */
export const visitors = pgTable(
  "visitors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inboxId: text("inbox_id")
      .notNull()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    previousTokenHash: text("previous_token_hash").unique(),
    previousValidUntil: timestamp("previous_valid_until", { withTimezone: true }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("visitors_inbox_idx").on(t.inboxId)],
);
