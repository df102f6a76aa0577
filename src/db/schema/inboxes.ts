/** Inboxes: one per channel entry point (a website's widget, a Bot Framework bot …). */
import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** An inbox receives the conversations of one channel entry point. */
export const inboxes = pgTable("inboxes", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  channel: text("channel").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
